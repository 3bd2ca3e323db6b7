#!/usr/bin/env node
// Writes the highlight queries (Neovim's and Helix's) from keywords.js, so the
// keyword lists live in one place. Run: node gen-queries.js
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

(identifier) @variable
(punctuation) @punctuation.delimiter

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

(statement (identifier) @variable)
(punctuation) @punctuation.delimiter
`;

const write = (rel, text) => {
  const file = path.join(__dirname, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
};
write('queries/highlights.scm', nvim);
write('../helix/queries/drill/highlights.scm', helix);
