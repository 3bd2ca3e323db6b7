; Highlights for .drill (Helix capture names).
; Written by tree-sitter-drill/gen-queries.js from keywords.js: edit those.
; Same patterns as the Neovim file, in Helix order (first match wins).

(comment) @comment

(statement
  keyword: (keyword ["scenario" "flag" "var" "enum" "metric" "alert" "person" "command" "program" "runbook" "log" "host" "inject" "hint" "scene" "ending" "test"])
  .
  (identifier) @type)

(keyword "include") @keyword.control.import
(keyword ["if" "else"]) @keyword.control.conditional
(keyword ["return" "end" "goto" "call" "interrupt"]) @keyword.control.return
(keyword ["page" "status" "set" "start" "stop" "after" "wait" "login"]) @function.builtin
(keyword ["title" "summary" "difficulty" "minutes" "tags" "role" "duration" "speed" "seed" "cost" "opening" "source" "briefing" "company" "date" "unit" "baseline" "noise" "daily" "range" "recover" "effect" "severity" "team" "pageable" "text" "alias" "takes" "output" "risky" "destructive" "hidden" "rollback" "fallback" "reads" "user" "process" "dir" "applies" "standalone" "only" "outcome" "root" "key" "red" "objective" "done" "taken" "met" "marks" "by" "why" "expect" "started" "detected" "diagnosed" "mitigated" "resolved" "escalated" "communicated"]) @variable.other.member
(keyword ["scenario" "postmortem" "flag" "var" "enum" "metric" "alert" "escalation" "person" "command" "program" "runbook" "log" "host" "file" "url" "at" "every" "when" "whenever" "inject" "hint" "scene" "ending" "debrief" "test" "responders"]) @keyword

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
