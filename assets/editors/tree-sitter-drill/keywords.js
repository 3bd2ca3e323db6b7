/**
 * The keywords of the .drill language, by role. Shared by grammar.js and
 * gen-queries.js (which writes the highlight queries from them).
 *
 * Sources: src/lang/parser/mod.rs (TOP_KEYWORDS, ACTION_KEYWORDS), the block
 * parsers under src/lang/parser/blocks/, and src/lang/grammar.pest.
 */

// Block headers (TOP_KEYWORDS) plus `responders`, the debrief sub-block.
const BLOCKS = [
  'scenario', 'postmortem', 'include', 'flag', 'var', 'enum', 'metric',
  'alert', 'escalation', 'person', 'command', 'program', 'runbook', 'log',
  'host', 'file', 'url', 'at', 'every', 'when', 'whenever', 'inject', 'hint',
  'scene', 'ending', 'debrief', 'test', 'responders',
];

// Block headers whose next word is the name they define (`metric error_rate`).
const NAMED_BLOCKS = [
  'scenario', 'flag', 'var', 'enum', 'metric', 'alert', 'person', 'command',
  'program', 'runbook', 'log', 'host', 'inject', 'hint', 'scene', 'ending',
  'test',
];

// ACTION_KEYWORDS, split by what they do.
const CONDITIONALS = ['if', 'else'];
const RETURNS = ['return', 'end', 'goto', 'call', 'interrupt'];
const ACTIONS = ['page', 'status', 'set', 'start', 'stop', 'after', 'wait', 'login'];

// Property lines of the blocks (first word of the line).
const PROPERTIES = [
  // scenario header and postmortem
  'title', 'summary', 'difficulty', 'minutes', 'tags', 'role', 'duration',
  'speed', 'seed', 'cost', 'opening', 'source', 'briefing', 'company', 'date',
  // metrics, alerts, people
  'unit', 'baseline', 'noise', 'daily', 'range', 'recover', 'effect',
  'severity', 'team', 'pageable',
  // commands, runbooks, logs, hosts
  'text', 'alias', 'takes', 'output', 'risky', 'destructive', 'hidden',
  'rollback', 'fallback', 'reads', 'user', 'process', 'dir', 'applies',
  'standalone',
  // choices, endings, debrief, tests
  'only', 'outcome', 'root', 'key', 'red', 'objective', 'done', 'taken',
  'met', 'marks', 'by', 'why', 'expect',
  // responders' timeline milestones
  'started', 'detected', 'diagnosed', 'mitigated', 'resolved', 'escalated',
  'communicated',
];

// Words that mean something inside a keyword line (grammar.pest k_*, expr).
const OPERATORS = [
  'and', 'or', 'not', 'is', 'for', 'to', 'over', 'while', 'from', 'until',
  'before', 'step', 'ramp', 'spike', 'decay', 'gap', 'peak', 'cause', 'words',
  'action', 'herring', 'ran', 'chose', 'visited', 'read', 'viewed', 'paged',
  'posted', 'on', 'you', 'when', 'if', 'log', 'file', 'by', 'after', 'at',
  'key', 'red', 'objective', 'ending', 'alert', 'status',
];

// Named values: alert states, status states, outcomes, booleans, now.
const CONSTANTS = [
  'firing', 'pending', 'resolved', 'acked', 'silenced', 'quiet',
  'investigating', 'identified', 'monitoring', 'mitigated', 'worse', 'timed',
  'out', 'now', 'baseline',
];
const BOOLEANS = ['true', 'false'];

module.exports = {
  BLOCKS, NAMED_BLOCKS, CONDITIONALS, RETURNS, ACTIONS, PROPERTIES, OPERATORS, CONSTANTS,
  BOOLEANS,
};
