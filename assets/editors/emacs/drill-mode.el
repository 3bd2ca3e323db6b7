;;; drill-mode.el --- firedrill's .drill scenario files  -*- lexical-binding: t -*-

;; Written by assets/editors/tree-sitter-drill/gen-queries.js from keywords.js:
;; edit those, then rerun it.

;;; Commentary:

;; A small major mode for firedrill scenarios (docs/language.md): highlighting
;; by regular expressions (keywords that open a line, the name a block header
;; defines, `@speaker`, choices, `#ids`, `{placeholders}`, `T+5m`, strings
;; and `//` comments), `//` for M-;, spaces for indentation; and, when eglot
;; is loaded, the language server `firedrill lsp` for drill-mode buffers.
;; Setup: docs/editors.md.

;;; Code:

(defconst drill-block-keywords
  '("scenario" "postmortem" "include" "flag" "var" "enum" "metric" "alert" "escalation" "person" "command" "program" "runbook" "log" "host" "file" "url" "at" "every" "when" "whenever" "inject" "hint" "scene" "ending" "debrief" "test" "responders")
  "Keywords that open a block.")

(defconst drill-control-keywords
  '("if" "else" "return" "end" "goto" "call" "interrupt")
  "Conditionals and the keywords that leave or jump.")

(defconst drill-action-keywords
  '("page" "status" "set" "start" "stop" "after" "wait" "login")
  "Actions.")

(defconst drill-property-keywords
  '("title" "summary" "difficulty" "minutes" "tags" "role" "duration" "speed" "seed" "cost" "opening" "source" "briefing" "company" "date" "unit" "baseline" "noise" "daily" "range" "recover" "effect" "severity" "team" "pageable" "text" "alias" "takes" "output" "risky" "destructive" "hidden" "rollback" "fallback" "reads" "user" "process" "dir" "applies" "standalone" "only" "outcome" "root" "key" "red" "objective" "done" "taken" "met" "marks" "by" "why" "expect" "started" "detected" "diagnosed" "mitigated" "resolved" "escalated" "communicated")
  "Properties of blocks.")

(defconst drill-named-block-keywords
  '("scenario" "flag" "var" "enum" "metric" "alert" "person" "command" "program" "runbook" "log" "host" "inject" "hint" "scene" "ending" "test")
  "Block keywords whose next word is the name they define.")

(defun drill--line-start (words)
  "A regexp for one of WORDS opening a line, the word as group 1."
  (concat "^[ \t]*" (regexp-opt words 'words)))

(defconst drill-font-lock-keywords
  `((,(concat (drill--line-start drill-named-block-keywords)
              "[ \t]+\\([A-Za-z_][A-Za-z0-9_]*\\)")
     (1 font-lock-keyword-face) (2 font-lock-type-face))
    (,(drill--line-start drill-block-keywords) 1 font-lock-keyword-face)
    (,(drill--line-start drill-control-keywords) 1 font-lock-keyword-face)
    (,(drill--line-start drill-action-keywords) 1 font-lock-builtin-face)
    (,(drill--line-start drill-property-keywords) 1 font-lock-variable-name-face)
    ("^[ \t]*\\(@[A-Za-z_][A-Za-z0-9_-]*\\)" 1 font-lock-constant-face)
    ("^[ \t]*\\([*+]\\)[ \t]" 1 font-lock-keyword-face)
    ("#[A-Za-z_][A-Za-z0-9_-]*" 0 font-lock-constant-face)
    ("{[A-Za-z_][A-Za-z0-9_.]*}" 0 font-lock-variable-name-face)
    ("\\_<T\\+[0-9a-z]+" 0 font-lock-constant-face)
    ;; A comment opens a line or follows a space; prose keeps its URLs.
    ("\\(?:^\\|[ \t]\\)\\(//.*\\)$" 1 font-lock-comment-face t))
  "Highlighting for `drill-mode'.")

;;;###autoload
(define-derived-mode drill-mode prog-mode "Drill"
  "Major mode for firedrill's .drill scenario files."
  (setq-local comment-start "// ")
  (setq-local comment-start-skip "//+[ \t]*")
  (setq-local comment-end "")
  (setq-local font-lock-defaults '(drill-font-lock-keywords))
  (setq-local indent-tabs-mode nil)
  (setq-local tab-width 4)
  (setq-local indent-line-function #'indent-relative))

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.drill\\'" . drill-mode))

(defvar eglot-server-programs)
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs '(drill-mode . ("firedrill" "lsp"))))

(provide 'drill-mode)
;;; drill-mode.el ends here
