#!/usr/bin/env node
// Tokenizes every shipped .drill file with the TextMate grammar (through
// vscode-textmate, the engine VS Code uses) and checks that:
// - no rule leaks past its line: after each line the stack is back at the
//   top, unless the line opened a `"""` text block that is still open;
// - every file ends at the top of the stack (all text blocks closed);
// - a line whose first word is a keyword starts with a keyword scope, a line
//   starting with `//` is a comment, `*`/`+` a choice, `@name` a speaker.
// - sample lines (SAMPLES) give their tokens the expected scopes.
// Prints "N passed, N failed" (one per file and per sample) and exits non-zero on failure.
'use strict';
const fs = require('fs');
const path = require('path');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');
const k = require('../../tree-sitter-drill/keywords.js');

const root = path.resolve(__dirname, '../../../..');
const here = path.resolve(__dirname, '..');
const headWords = new Set([
  ...k.BLOCKS, ...k.CONDITIONALS, ...k.RETURNS, ...k.ACTIONS, ...k.PROPERTIES,
]);

function drillFiles(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...drillFiles(p));
    else if (e.name.endsWith('.drill')) out.push(p);
  }
  return out.sort();
}

async function loadGrammar() {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: s => new oniguruma.OnigScanner(s),
      createOnigString: s => new oniguruma.OnigString(s),
    }),
    loadGrammar: async () => vsctm.parseRawGrammar(
      fs.readFileSync(path.join(here, 'syntaxes/drill.tmLanguage.json'), 'utf8'),
      'drill.tmLanguage.json',
    ),
  });
  return registry.loadGrammar('source.drill');
}

// What the first token of a line must carry, judged from the line's text.
function expectedScope(line) {
  const t = line.trimStart();
  if (t.startsWith('//')) return 'comment.line';
  if (/^[*+]\s/.test(t)) return 'markup.list';
  if (/^@[A-Za-z_]/.test(t)) return 'entity.name.tag.speaker';
  const word = /^([a-z_]+)(?![\w-])/.exec(t);
  if (word && headWords.has(word[1])) return 'meta.statement';
  return null;
}

function checkFile(grammar, file) {
  const problems = [];
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  let stack = vsctm.INITIAL;
  let inBlock = false;
  lines.forEach((line, i) => {
    const r = grammar.tokenizeLine(line, stack);
    const want = expectedScope(line);
    if (want && !inBlock) {
      const first = r.tokens.find(t => t.endIndex > t.startIndex && line.slice(t.startIndex, t.endIndex).trim());
      if (!first || !first.scopes.some(s => s.startsWith(want))) {
        problems.push(`${i + 1}: expected ${want}: ${line.trim().slice(0, 60)}`);
      }
    }
    stack = r.ruleStack;
    inBlock = false;
    if (stack.depth > 1) {
      // Still open after the line: only a text block may be.
      const probe = grammar.tokenizeLine('x', stack).tokens[0];
      if (probe.scopes.includes('string.quoted.triple.drill')) inBlock = true;
      else problems.push(`${i + 1}: rule left open: ${probe.scopes.join(' ')}`);
    }
  });
  if (stack.depth > 1) problems.push('end of file inside a text block');
  return problems;
}

// Scopes of particular tokens: [line text, token text, scope it must have].
const SAMPLES = [
  ['metric error_rate "Checkout errors"', 'error_rate', 'entity.name.type.drill'],
  ['metric error_rate "Checkout errors"', '"Checkout errors"', 'string.quoted.double.drill'],
  ['    effect retry_storm spike by 10 for 30s', '30s', 'constant.numeric.duration.drill'],
  ['    effect retry_storm spike by 10 for 30s', 'spike', 'keyword.operator.word.drill'],
  ['every 5m from T+5m until T+35m', 'T+5m', 'constant.numeric.offset.drill'],
  ['    when error_rate > 5% for 1m', '5%', 'constant.numeric.percent.drill'],
  ['    summary "Checkout errors at {error_rate}"', '{error_rate}', 'variable.other.placeholder.drill'],
  ['    * Look at the error graph #look_errors', '#look_errors', 'entity.name.label.drill'],
  ['    * Look at the error graph #look_errors', '*', 'markup.list.bullet.drill'],
  ['        @dana: On the bridge. What changed?', '@dana', 'entity.name.tag.speaker.drill'],
  ['        set bridge_open = true', 'set', 'support.function.action.drill'],
  ['        set bridge_open = true', 'true', 'constant.language.boolean.drill'],
  ['    if theory is config_push', 'if', 'keyword.control.conditional.drill'],
  ['    outcome timed out', 'timed', 'constant.language.drill'],
  ['    takes 5s', 'takes', 'variable.other.property.drill'],
  ['include "lib/ops-tools.drill"', 'include', 'keyword.control.import.drill'],
  ['metric edge_cpu "Edge CPU"  // a trailing comment', '// a trailing comment', 'comment.line.double-slash.drill'],
  ['See https://example.com/status for more.', '//example.com/status for more.', 'meta.narration.drill'],
];

function checkSamples(grammar) {
  const problems = [];
  for (const [line, text, scope] of SAMPLES) {
    const { tokens } = grammar.tokenizeLine(line, vsctm.INITIAL);
    const start = line.indexOf(text);
    const tok = tokens.find(t => t.startIndex <= start && start < t.endIndex);
    if (!tok || !tok.scopes.includes(scope) || (scope.startsWith('meta.') && tok.scopes.some(s => s.startsWith('comment')))) {
      problems.push(`${JSON.stringify(text)} in ${JSON.stringify(line.trim())}: ${tok ? tok.scopes.join(' ') : 'no token'}, want ${scope}`);
    }
  }
  return problems;
}

async function main() {
  const grammar = await loadGrammar();
  const files = [
    ...drillFiles(path.join(root, 'scenarios')),
    ...drillFiles(path.join(root, 'tests/corpus/ok')),
  ];
  let passed = 0;
  let failed = 0;
  for (const p of checkSamples(grammar)) {
    failed += 1;
    console.log(`FAIL sample ${p}`);
  }
  passed += SAMPLES.length - failed;
  for (const f of files) {
    const problems = checkFile(grammar, f);
    if (problems.length === 0) passed += 1;
    else {
      failed += 1;
      console.log(`FAIL ${path.relative(root, f)}`);
      for (const p of problems.slice(0, 5)) console.log(`  ${p}`);
    }
  }
  console.log(`drill.tmLanguage: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
