// Opens each HTML debrief given on the command line in Debian's headless
// Chromium and fails on any console error, page error, network request
// other than the page itself, or axe-core violation (WCAG 2.0/2.1 A and AA,
// and axe's best practices). Usage: node check.mjs PAGE.html...
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

const pages = process.argv.slice(2);
if (pages.length === 0) {
  console.error("usage: node check.mjs PAGE.html...");
  process.exit(2);
}

const profile = mkdtempSync(join(tmpdir(), "firedrill-chromium-"));
const browser = await puppeteer.launch({
  executablePath: CHROMIUM,
  headless: true,
  userDataDir: profile,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});

// A few tabs at once: the pages are independent, and the check stays fast.
const TABS = 4;
let failures = 0;
let next = 0;
async function worker() {
  while (next < pages.length) {
    const file = pages[next++];
    const problems = await check(browser, pathToFileURL(resolve(file)).href);
    if (problems.length > 0) {
      failures += 1;
      console.error(`FAIL ${file}`);
      for (const p of problems) console.error(`  ${p}`);
    } else {
      console.log(`ok   ${file}`);
    }
  }
}
try {
  await Promise.all(Array.from({ length: TABS }, worker));
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(`${pages.length - failures} of ${pages.length} debriefs pass`);
process.exit(failures === 0 ? 0 : 1);

/** Loads one page, then runs axe in it; returns what went wrong, in words. */
async function check(browser, url) {
  const problems = [];
  const page = await browser.newPage();
  // Every request is seen here: only the page itself may load.
  await page.setRequestInterception(true);
  page.on("request", (req) => {
    if (req.url() === url) {
      req.continue();
    } else {
      problems.push(`network request: ${req.url()}`);
      req.abort();
    }
  });
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console error: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  await page.goto(url, { waitUntil: "load" });
  // axe is injected by the test, after load; the page itself has no script.
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(
    (tags) => globalThis.axe.run(document, { runOnly: { type: "tag", values: tags } }),
    TAGS,
  );
  for (const v of result.violations) {
    const where = v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ");
    problems.push(`axe ${v.id} (${v.impact}): ${v.help} [${v.nodes.length}×: ${where}]`);
  }
  await page.close();
  return problems;
}
