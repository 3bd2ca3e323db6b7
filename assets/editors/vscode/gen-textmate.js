#!/usr/bin/env node
// Writes syntaxes/drill.tmLanguage.json from the keyword lists the tree-sitter
// grammar uses (../tree-sitter-drill/keywords.js). Run: node gen-textmate.js
'use strict';
const fs = require('fs');
const path = require('path');
const k = require('../tree-sitter-drill/keywords.js');

const alt = words => [...new Set(words)].join('|');
const blocks = k.BLOCKS.filter(w => w !== 'include');
const headWords = [
  ...k.BLOCKS, ...k.CONDITIONALS, ...k.RETURNS, ...k.ACTIONS, ...k.PROPERTIES,
];

// The rest of a keyword or choice line: values, words, a trailing comment.
const lineValues = [
  { include: '#text_block' },
  { include: '#string' },
  { include: '#comment_rest' },
  { include: '#placeholder' },
  { include: '#id' },
  { include: '#speaker' },
  { include: '#quantity' },
  { name: 'constant.language.boolean.drill', match: `\\b(${alt(k.BOOLEANS)})\\b` },
  { name: 'constant.language.drill', match: `\\b(${alt(k.CONSTANTS)})\\b` },
  { name: 'keyword.operator.word.drill', match: `\\b(${alt(k.OPERATORS)})\\b` },
  { name: 'keyword.operator.drill', match: '<=|>=|!=|==|<|>|=|\\+|-|\\|' },
];

// Prose (narration, chat): placeholders and quotes only, `//` is text.
const prose = [
  { include: '#text_block' },
  { include: '#string' },
  { include: '#placeholder' },
];

const grammar = {
  name: 'Drill',
  scopeName: 'source.drill',
  fileTypes: ['drill'],
  comment: 'Written by gen-textmate.js from ../tree-sitter-drill/keywords.js: edit those.',
  patterns: [
    { include: '#comment_line' },
    { include: '#named_block' },
    { include: '#statement' },
    { include: '#choice' },
    { include: '#dialogue' },
    { include: '#narration' },
  ],
  repository: {
    comment_line: {
      name: 'comment.line.double-slash.drill',
      match: '^\\s*//.*$',
    },
    comment_rest: {
      name: 'comment.line.double-slash.drill',
      match: '//.*$',
    },
    named_block: {
      // the name a block header defines: `metric error_rate`
      begin: `^\\s*(${alt(k.NAMED_BLOCKS)})\\s+([A-Za-z_][\\w-]*)(?![\\w-])`,
      beginCaptures: {
        1: { name: 'keyword.control.block.drill' },
        2: { name: 'entity.name.type.drill' },
      },
      end: '$',
      name: 'meta.statement.drill',
      patterns: lineValues,
    },
    statement: {
      begin: `^\\s*(?:(include)|(${alt(blocks)})|(${alt(k.CONDITIONALS)})|(${alt(k.RETURNS)})|(${alt(k.ACTIONS)})|(${alt(k.PROPERTIES)}))(?![\\w-])`,
      beginCaptures: {
        1: { name: 'keyword.control.import.drill' },
        2: { name: 'keyword.control.block.drill' },
        3: { name: 'keyword.control.conditional.drill' },
        4: { name: 'keyword.control.flow.drill' },
        5: { name: 'support.function.action.drill' },
        6: { name: 'variable.other.property.drill' },
      },
      end: '$',
      name: 'meta.statement.drill',
      patterns: [
        ...lineValues,
      ],
    },
    choice: {
      begin: '^\\s*([*+])(?=\\s)',
      beginCaptures: { 1: { name: 'markup.list.bullet.drill punctuation.definition.list.drill' } },
      end: '$',
      name: 'meta.choice.drill',
      patterns: [{ include: '#id' }, ...prose, { include: '#comment_rest' }],
    },
    dialogue: {
      begin: '^\\s*(@[A-Za-z_][\\w-]*)(:)?',
      beginCaptures: {
        1: { name: 'entity.name.tag.speaker.drill' },
        2: { name: 'punctuation.separator.drill' },
      },
      end: '$',
      name: 'meta.dialogue.drill',
      patterns: prose,
    },
    narration: {
      begin: '^(?=\\s*\\S)',
      end: '$',
      name: 'meta.narration.drill',
      patterns: prose,
    },
    text_block: {
      begin: '"""',
      end: '"""',
      name: 'string.quoted.triple.drill',
      patterns: [{ include: '#placeholder' }],
    },
    string: {
      begin: '"',
      end: '"|$',
      name: 'string.quoted.double.drill',
      patterns: [
        { name: 'constant.character.escape.drill', match: '\\\\.' },
        { include: '#placeholder' },
      ],
    },
    placeholder: {
      name: 'variable.other.placeholder.drill',
      match: '\\{[A-Za-z_][\\w.]*\\}',
    },
    id: { name: 'entity.name.label.drill', match: '#[A-Za-z_][\\w-]*' },
    speaker: { name: 'entity.name.tag.speaker.drill', match: '@[A-Za-z_][\\w-]*' },
    quantity: {
      patterns: [
        { name: 'constant.numeric.offset.drill', match: '\\bT\\+(?:(?:\\d+(?:ms|h|m|s))+|0)\\b' },
        { name: 'constant.numeric.date.drill', match: '\\b\\d{4}-\\d{2}-\\d{2}\\b' },
        { name: 'constant.numeric.clock.drill', match: '~?\\b\\d{1,2}:\\d{2}(?::\\d{2})?\\b' },
        { name: 'constant.numeric.duration.drill', match: '\\b(?:\\d+(?:ms|h|m|s))+\\b' },
        { name: 'constant.numeric.percent.drill', match: '\\b\\d+(?:\\.\\d+)?%' },
        { name: 'constant.numeric.drill', match: '\\b\\d+(?:\\.\\d+)?\\b' },
      ],
    },
  },
};

fs.writeFileSync(
  path.join(__dirname, 'syntaxes', 'drill.tmLanguage.json'),
  JSON.stringify(grammar, null, 2) + '\n',
);
