#!/usr/bin/env node
// Runs extension.js outside VS Code, with stand-ins for the `vscode` module
// (only VS Code provides it) and for vscode-languageclient's LanguageClient,
// and checks the glue: the server is `<firedrill.path> lsp` over stdio for the
// `drill` language, a changed setting restarts it, a server that cannot start
// gets a message naming the setting, deactivate stops it; and that package.json
// declares what VS Code needs to load the extension.
// It does not start a real client or server: that needs VS Code.
// Prints "extension: N passed, N failed" and exits non-zero on failure.
'use strict';
const assert = require('assert');
const fs = require('fs');
const Module = require('module');
const path = require('path');

const here = path.resolve(__dirname, '..');

// What the stand-ins saw.
const seen = { clients: [], errors: [], configHandlers: [], settings: {} };
let startFails = false;

class FakeClient {
  constructor(id, name, server, client) {
    Object.assign(this, { id, name, server, client, started: false, stopped: false });
    seen.clients.push(this);
  }

  start() {
    if (startFails) return Promise.reject(new Error('spawn nowhere/firedrill ENOENT'));
    this.started = true;
    return Promise.resolve();
  }

  stop() {
    this.stopped = true;
    return Promise.resolve();
  }
}

const fakes = {
  vscode: {
    workspace: {
      getConfiguration: section => ({ get: key => seen.settings[`${section}.${key}`] }),
      createFileSystemWatcher: glob => ({ glob, dispose() {} }),
      onDidChangeConfiguration: handler => {
        seen.configHandlers.push(handler);
        return { dispose() {} };
      },
    },
    window: { showErrorMessage: message => { seen.errors.push(message); } },
  },
  'vscode-languageclient/node': { LanguageClient: FakeClient, TransportKind: { stdio: 0, ipc: 1 } },
};
const realLoad = Module._load;
Module._load = function load(request, parent, isMain) {
  if (Object.prototype.hasOwnProperty.call(fakes, request)) return fakes[request];
  return realLoad.call(this, request, parent, isMain);
};

const changed = key => ({ affectsConfiguration: k => k === key });
const last = () => seen.clients[seen.clients.length - 1];

const checks = [
  ['package.json declares the extension entry point, activation and setting', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(here, 'package.json'), 'utf8'));
    assert.strictEqual(pkg.main, './extension.js');
    assert.ok(fs.existsSync(path.join(here, pkg.main)));
    assert.deepStrictEqual(pkg.activationEvents, ['onLanguage:drill']);
    assert.strictEqual(pkg.contributes.languages[0].id, 'drill');
    const setting = pkg.contributes.configuration.properties['firedrill.path'];
    assert.strictEqual(setting.type, 'string');
    assert.strictEqual(setting.default, 'firedrill');
    assert.match(pkg.dependencies['vscode-languageclient'], /^\d+\.\d+\.\d+$/, 'pinned exactly');
    require.resolve('vscode-languageclient/node', { paths: [here] });
  }],
  ['activate starts `firedrill lsp` over stdio for the drill language', async () => {
    await ext.activate({ subscriptions: [] });
    assert.strictEqual(seen.clients.length, 1);
    const c = last();
    assert.ok(c.started);
    assert.deepStrictEqual(c.server.run, { command: 'firedrill', args: ['lsp'], transport: 0 });
    assert.deepStrictEqual(c.server.debug, c.server.run);
    assert.ok(c.client.documentSelector.every(s => s.language === 'drill'));
    assert.strictEqual(c.client.synchronize.fileEvents.glob, '**/*.drill');
  }],
  ['another setting changing leaves the server alone', async () => {
    await Promise.all(seen.configHandlers.map(h => h(changed('editor.fontSize'))));
    assert.strictEqual(seen.clients.length, 1);
  }],
  ['a new firedrill.path restarts the server with that binary', async () => {
    const old = last();
    seen.settings['firedrill.path'] = ' /opt/firedrill/bin/firedrill ';
    await Promise.all(seen.configHandlers.map(h => h(changed('firedrill.path'))));
    assert.ok(old.stopped);
    assert.strictEqual(seen.clients.length, 2);
    assert.strictEqual(last().server.run.command, '/opt/firedrill/bin/firedrill');
    assert.deepStrictEqual(last().server.run.args, ['lsp']);
  }],
  ['an empty firedrill.path means `firedrill` on PATH', async () => {
    seen.settings['firedrill.path'] = '';
    await Promise.all(seen.configHandlers.map(h => h(changed('firedrill.path'))));
    assert.strictEqual(last().server.run.command, 'firedrill');
  }],
  ['a server that cannot start gets a message naming the setting', async () => {
    startFails = true;
    seen.settings['firedrill.path'] = 'nowhere/firedrill';
    await Promise.all(seen.configHandlers.map(h => h(changed('firedrill.path'))));
    startFails = false;
    assert.strictEqual(seen.errors.length, 1);
    assert.match(seen.errors[0], /firedrill\.path/);
    assert.match(seen.errors[0], /ENOENT/);
  }],
  ['deactivate stops the running server', async () => {
    seen.settings['firedrill.path'] = 'firedrill';
    await Promise.all(seen.configHandlers.map(h => h(changed('firedrill.path'))));
    const running = last();
    assert.ok(running.started);
    await ext.deactivate();
    assert.ok(running.stopped);
  }],
];

const ext = require('../extension.js');

async function main() {
  let passed = 0;
  let failed = 0;
  for (const [name, check] of checks) {
    try {
      await check();
      passed += 1;
    } catch (e) {
      failed += 1;
      console.log(`FAIL ${name}\n  ${e.message}`);
    }
  }
  console.log(`extension: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
