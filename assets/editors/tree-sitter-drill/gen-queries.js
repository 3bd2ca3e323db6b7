#!/usr/bin/env node
// Writes the highlight queries (Neovim's and Helix's) and the Emacs mode
// (../emacs/drill-mode.el, which highlights by regular expressions) from
// keywords.js, so the keyword lists live in one place. Run: node gen-queries.js
'use strict';
const fs = require('fs');
const path = require('path');
const k = require('./keywords.js');

const q = words => words.map(w => JSON.stringify(w)).join(' ');
const blocks = k.BLOCKS.filter(w => w !== 'include');

// Neovim: later patterns win, so general first, specific last.
const nvim = `; Highlights for .drill (nvim-treesitter capture names).
; Written by gen-queries.js from keywords.js: edit those, then rerun it.

(comment) @comment @spell
(narration) @spell

; only in keyword lines: in prose (narration, chat, choices) words stay text
(statement (identifier) @variable)
(statement (punctuation) @punctuation.delimiter)

(string) @string
(text_block) @string
(placeholder) @string.special
(number) @number
(percent) @number
(duration) @number
(offset) @number
(clock) @number
(date) @number
(boolean) @boolean
(constant) @constant.builtin
(id) @label
(speaker) @constant
(choice_marker) @markup.list

(statement (operator) @keyword.operator)

(keyword [${q(blocks)}]) @keyword
(keyword "include") @keyword.import
(keyword [${q(k.CONDITIONALS)}]) @keyword.conditional
(keyword [${q(k.RETURNS)}]) @keyword.return
(keyword [${q(k.ACTIONS)}]) @function.builtin
(keyword [${q(k.PROPERTIES)}]) @property

; the name a block header defines: \`metric error_rate\`, \`scene paged\`
(statement
  keyword: (keyword [${q(k.NAMED_BLOCKS)}])
  .
  (identifier) @type)
`;

// Helix: the first matching pattern wins, so specific first; its own names.
const helix = `; Highlights for .drill (Helix capture names).
; Written by tree-sitter-drill/gen-queries.js from keywords.js: edit those.
; Same patterns as the Neovim file, in Helix order (first match wins).

(comment) @comment

(statement
  keyword: (keyword [${q(k.NAMED_BLOCKS)}])
  .
  (identifier) @type)

(keyword "include") @keyword.control.import
(keyword [${q(k.CONDITIONALS)}]) @keyword.control.conditional
(keyword [${q(k.RETURNS)}]) @keyword.control.return
(keyword [${q(k.ACTIONS)}]) @function.builtin
(keyword [${q(k.PROPERTIES)}]) @variable.other.member
(keyword [${q(blocks)}]) @keyword

(statement (operator) @keyword.operator)

(string) @string
(text_block) @string
(placeholder) @string.special
(number) @constant.numeric
(percent) @constant.numeric
(duration) @constant.numeric
(offset) @constant.numeric
(clock) @constant.numeric
(date) @constant.numeric
(boolean) @constant.builtin.boolean
(constant) @constant.builtin
(id) @label
(speaker) @constant
(choice_marker) @markup.list

; only in keyword lines: in prose (narration, chat, choices) words stay text
(statement (identifier) @variable)
(statement (punctuation) @punctuation.delimiter)
`;

// Emacs: a major mode with regexp highlighting (no tree-sitter needed), and
// the language server through eglot.
const el = words => words.map(w => JSON.stringify(w)).join(' ');
const emacs = `;;; drill-mode.el --- firedrill's .drill scenario files  -*- lexical-binding: t -*-

;; Written by assets/editors/tree-sitter-drill/gen-queries.js from keywords.js:
;; edit those, then rerun it.

;;; Commentary:

;; A small major mode for firedrill scenarios (docs/language.md): highlighting
;; by regular expressions (keywords that open a line, the name a block header
;; defines, \`@speaker\`, choices, \`#ids\`, \`{placeholders}\`, \`T+5m\`, strings
;; and \`//\` comments), \`//\` for M-;, spaces for indentation; and, when eglot
;; is loaded, the language server \`firedrill lsp\` for drill-mode buffers.
;; Setup: docs/editors.md.

;;; Code:

(defconst drill-block-keywords
  '(${el(k.BLOCKS)})
  "Keywords that open a block.")

(defconst drill-control-keywords
  '(${el([...k.CONDITIONALS, ...k.RETURNS])})
  "Conditionals and the keywords that leave or jump.")

(defconst drill-action-keywords
  '(${el(k.ACTIONS)})
  "Actions.")

(defconst drill-property-keywords
  '(${el(k.PROPERTIES)})
  "Properties of blocks.")

(defconst drill-named-block-keywords
  '(${el(k.NAMED_BLOCKS)})
  "Block keywords whose next word is the name they define.")

(defun drill--line-start (words)
  "A regexp for one of WORDS opening a line, the word as group 1."
  (concat "^[ \\t]*" (regexp-opt words 'words)))

(defconst drill-font-lock-keywords
  \`((,(concat (drill--line-start drill-named-block-keywords)
              "[ \\t]+\\\\([A-Za-z_][A-Za-z0-9_]*\\\\)")
     (1 font-lock-keyword-face) (2 font-lock-type-face))
    (,(drill--line-start drill-block-keywords) 1 font-lock-keyword-face)
    (,(drill--line-start drill-control-keywords) 1 font-lock-keyword-face)
    (,(drill--line-start drill-action-keywords) 1 font-lock-builtin-face)
    (,(drill--line-start drill-property-keywords) 1 font-lock-variable-name-face)
    ("^[ \\t]*\\\\(@[A-Za-z_][A-Za-z0-9_-]*\\\\)" 1 font-lock-constant-face)
    ("^[ \\t]*\\\\([*+]\\\\)[ \\t]" 1 font-lock-keyword-face)
    ("#[A-Za-z_][A-Za-z0-9_-]*" 0 font-lock-constant-face)
    ("{[A-Za-z_][A-Za-z0-9_.]*}" 0 font-lock-variable-name-face)
    ("\\\\_<T\\\\+[0-9a-z]+" 0 font-lock-constant-face)
    ;; A comment opens a line or follows a space; prose keeps its URLs.
    ("\\\\(?:^\\\\|[ \\t]\\\\)\\\\(//.*\\\\)$" 1 font-lock-comment-face t))
  "Highlighting for \`drill-mode'.")

;;;###autoload
(define-derived-mode drill-mode prog-mode "Drill"
  "Major mode for firedrill's .drill scenario files."
  (setq-local comment-start "// ")
  (setq-local comment-start-skip "//+[ \\t]*")
  (setq-local comment-end "")
  (setq-local font-lock-defaults '(drill-font-lock-keywords))
  (setq-local indent-tabs-mode nil)
  (setq-local tab-width 4)
  (setq-local indent-line-function #'indent-relative))

;;;###autoload
(add-to-list 'auto-mode-alist '("\\\\.drill\\\\'" . drill-mode))

(defvar eglot-server-programs)
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs '(drill-mode . ("firedrill" "lsp"))))

(provide 'drill-mode)
;;; drill-mode.el ends here
`;

const write = (rel, text) => {
  const file = path.join(__dirname, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
};
write('queries/highlights.scm', nvim);
write('../helix/queries/drill/highlights.scm', helix);
write('../emacs/drill-mode.el', emacs);
