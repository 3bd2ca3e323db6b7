#!/usr/bin/env node
// Tokenizes every shipped .drill file with the TextMate grammar (through
// vscode-textmate, the engine VS Code uses) and checks that:
// - no rule leaks past its line: after each line the stack is back at the
//   top, unless the line opened a `"""` text block that is still open;
// - every file ends at the top of the stack (all text blocks closed);
// - a line whose first word is a keyword starts with a keyword scope, a line
//   starting with `//` is a comment, `*`/`+` a choice, `@name` a speaker.
// Prints "N passed, N failed" (one per file) and exits non-zero on failure.
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

async function main() {
  const grammar = await loadGrammar();
  const files = [
    ...drillFiles(path.join(root, 'scenarios')),
    ...drillFiles(path.join(root, 'tests/corpus/ok')),
  ];
  let passed = 0;
  let failed = 0;
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
