// @ts-check
/**
 * Starts firedrill's language server, `firedrill lsp` over stdio, for `.drill`
 * files. Plain JavaScript, no build step. The binary is the `firedrill.path`
 * setting (default: `firedrill` on PATH); changing it restarts the server.
 *
 * Commands the server advertises (such as `firedrill.runTest`, behind the
 * code lens over a playthrough test) are registered by vscode-languageclient
 * itself, so nothing here names them.
 */
'use strict';

const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

/** @type {LanguageClient | undefined} */
let client;

/** The server command from the settings: `<firedrill.path> lsp`. */
function serverOptions() {
  const configured = vscode.workspace.getConfiguration('firedrill').get('path');
  const command = typeof configured === 'string' && configured.trim() !== '' ? configured.trim() : 'firedrill';
  const run = { command, args: ['lsp'], transport: TransportKind.stdio };
  return { run, debug: run };
}

function newClient() {
  return new LanguageClient('firedrill', 'firedrill', serverOptions(), {
    documentSelector: [
      { scheme: 'file', language: 'drill' },
      { scheme: 'untitled', language: 'drill' },
    ],
    // Included files change diagnostics of the scenarios that include them.
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.drill') },
  });
}

/** Starts a client; a missing binary gets a message that names the setting. */
async function start() {
  client = newClient();
  try {
    await client.start();
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    vscode.window.showErrorMessage(
      `firedrill: could not start "firedrill lsp" (${why}). Set "firedrill.path" to the firedrill binary.`,
    );
  }
}

async function stop() {
  const running = client;
  client = undefined;
  if (running) {
    await running.stop().catch(() => undefined);
  }
}

/** @param {vscode.ExtensionContext} context */
async function activate(context) {
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration('firedrill.path')) {
        await stop();
        await start();
      }
    }),
  );
  await start();
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate };
