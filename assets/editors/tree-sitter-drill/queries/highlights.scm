; Highlights for .drill (nvim-treesitter capture names).
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

(keyword ["scenario" "postmortem" "flag" "var" "enum" "metric" "alert" "escalation" "person" "command" "program" "runbook" "log" "host" "file" "url" "at" "every" "when" "whenever" "inject" "hint" "scene" "ending" "debrief" "test" "responders"]) @keyword
(keyword "include") @keyword.import
(keyword ["if" "else"]) @keyword.conditional
(keyword ["return" "end" "goto" "call" "interrupt"]) @keyword.return
(keyword ["page" "status" "set" "start" "stop" "after" "wait" "login"]) @function.builtin
(keyword ["title" "summary" "difficulty" "minutes" "tags" "role" "duration" "speed" "seed" "cost" "opening" "source" "briefing" "company" "date" "unit" "baseline" "noise" "daily" "range" "recover" "effect" "severity" "team" "pageable" "text" "alias" "takes" "output" "risky" "destructive" "hidden" "rollback" "fallback" "reads" "user" "process" "dir" "applies" "standalone" "only" "outcome" "root" "key" "red" "objective" "done" "taken" "met" "marks" "by" "why" "expect" "started" "detected" "diagnosed" "mitigated" "resolved" "escalated" "communicated"]) @property

; the name a block header defines: `metric error_rate`, `scene paged`
(statement
  keyword: (keyword ["scenario" "flag" "var" "enum" "metric" "alert" "person" "command" "program" "runbook" "log" "host" "inject" "hint" "scene" "ending" "test"])
  .
  (identifier) @type)
