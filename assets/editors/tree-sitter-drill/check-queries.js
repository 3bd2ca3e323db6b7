#!/usr/bin/env node
// Checks the highlight queries without the tree-sitter CLI: balanced
// parentheses, every node name a rule of grammar.js, every quoted word a
// keyword. (`tree-sitter query` checks them for real once src/ exists.)
'use strict';
const fs = require('fs');
const path = require('path');

// Evaluate grammar.js with a stub DSL, only to list its rule names.
for (const f of ['seq', 'choice', 'repeat', 'repeat1', 'optional', 'token', 'prec', 'field', 'alias']) {
  global[f] = () => null;
}
global.grammar = g => g;
const rules = require('./grammar.js').rules;
const named = new Set(Object.keys(rules).filter(n => !n.startsWith('_')));
const k = require('./keywords.js');
const words = new Set([...k.BLOCKS, ...k.CONDITIONALS, ...k.RETURNS, ...k.ACTIONS, ...k.PROPERTIES]);

let bad = 0;
for (const rel of ['queries/highlights.scm', '../helix/queries/drill/highlights.scm']) {
  const text = fs.readFileSync(path.join(__dirname, rel), 'utf8').replace(/;.*$/gm, '');
  let depth = 0;
  for (const c of text) {
    if (c === '(') depth += 1;
    if (c === ')') depth -= 1;
    if (depth < 0) break;
  }
  const nodes = [...text.matchAll(/\((\w+)/g)].map(m => m[1]).filter(n => !named.has(n));
  const strings = [...text.matchAll(/"([^"]+)"/g)].map(m => m[1]).filter(w => !words.has(w));
  const problems = [
    ...(depth === 0 ? [] : ['unbalanced parentheses']),
    ...[...new Set(nodes)].map(n => `unknown node (${n})`),
    ...[...new Set(strings)].map(w => `unknown keyword "${w}"`),
  ];
  for (const p of problems) console.log(`${rel}: ${p}`);
  bad += problems.length;
}
process.exit(bad === 0 ? 0 : 1);
