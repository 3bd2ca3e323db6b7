/**
 * Tree-sitter grammar for firedrill's `.drill` scenario language.
 *
 * Line-oriented on purpose: every line is one node, classified by its first
 * token (a keyword, a choice marker, a `@speaker`, or anything else, which is
 * narration). Block nesting is by indentation in the language; this grammar
 * does not model it (no external scanner), so it never fails on indentation
 * and any line of text is some valid line (no ERROR nodes). Enough for highlighting;
 * the language server will do the real parsing.
 *
 * The keyword lists are in keywords.js.
 */

const {
  BLOCKS, CONDITIONALS, RETURNS, ACTIONS, PROPERTIES, OPERATORS, CONSTANTS,
  BOOLEANS,
} = require('./keywords.js');

const unique = words => [...new Set(words)];

module.exports = grammar({
  name: 'drill',

  // Comments are not extras: `//` starts one only at the start of a line or
  // after a keyword line; prose keeps it as text (URLs), as the language says.
  extras: _ => [/[ \t\r]/],

  word: $ => $.identifier,

  rules: {
    source_file: $ => seq(
      repeat(seq(optional($._line), $._newline)),
      optional($._line),
    ),

    _line: $ => choice(
      seq(choice($.statement, $.choice_line), optional($.comment)),
      $.dialogue,
      $.narration,
      $.comment,
    ),

    /// A line that starts with a keyword: a block header, a property, an action.
    statement: $ => seq(field('keyword', $.keyword), repeat($._item)),

    /// A `*` or `+` choice in a scene.
    choice_line: $ => seq(field('marker', $.choice_marker), repeat($._item)),

    /// `@dana: ...`: a character speaks.
    dialogue: $ => seq(field('speaker', $.speaker), repeat($._item)),

    /// Anything else: narration, text lines, test steps.
    narration: $ => seq($._narration_head, repeat($._item)),

    keyword: _ => choice(...unique([
      ...BLOCKS, ...CONDITIONALS, ...RETURNS, ...ACTIONS, ...PROPERTIES,
    ])),

    operator: _ => choice(...unique(OPERATORS)),
    constant: _ => choice(...unique(CONSTANTS)),
    boolean: _ => choice(...BOOLEANS),

    _narration_head: $ => choice(
      $.identifier, $.string, $.text_block, $._quantity, $.placeholder, $.id,
      $.punctuation,
    ),

    _item: $ => choice(
      $.operator, $.constant, $.boolean, $.identifier, $.string,
      $.text_block, $._quantity, $.placeholder, $.id, $.speaker,
      $.punctuation,
    ),

    _quantity: $ => choice(
      $.number, $.percent, $.duration, $.offset, $.clock, $.date,
    ),

    identifier: _ => /[A-Za-z_][A-Za-z0-9_]*/,
    number: _ => /\d+(\.\d+)?/,
    percent: _ => /\d+(\.\d+)?%/,
    duration: _ => /(\d+(ms|h|m|s))+/,
    offset: _ => /T\+((\d+(ms|h|m|s))+|0)/,
    clock: _ => /\d\d?:\d\d(:\d\d)?/,
    date: _ => /\d\d\d\d-\d\d-\d\d/,

    string: _ => /"([^"\\\n]|\\[^\n])*"/,
    /// `"""` ... `"""`, one line or many.
    text_block: _ => /"""([^"]|"[^"]|""[^"])*"""/,

    placeholder: _ => /\{[A-Za-z_][A-Za-z0-9_.]*\}/,
    id: _ => /#[A-Za-z_][A-Za-z0-9_-]*/,
    speaker: _ => /@[A-Za-z_][A-Za-z0-9_-]*/,
    choice_marker: _ => choice('*', '+'),

    /// Any other visible character; lowest precedence so that it never
    /// shadows a real token, and it keeps every line parseable.
    punctuation: _ => token(prec(-1, /[^ \t\r\n]/)),

    comment: _ => token(seq('//', /[^\n]*/)),

    _newline: _ => /\n/,
  },
});
