import { chromium } from 'playwright-core';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './server.mjs';

export const here = path.dirname(fileURLToPath(import.meta.url));
export const DIST = path.resolve(here, '..', 'dist');
// The build the benches serve: `INSYN_DIST` names another, to compare two
// builds on one host (issue #30's A/B figures); the tests serve `dist`.
export const BENCH_DIST = process.env.INSYN_DIST ? path.resolve(process.env.INSYN_DIST) : DIST;
export const DIST_SUBPATH = path.resolve(here, '..', 'dist-subpath');

export const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic',
];

export async function launch() {
  // `JS_FLAGS` passes V8 flags, for a bench's comparison only: e.g.
  // `--no-wasm-lazy-compilation`, to see what a boot costs without V8
  // compiling each wasm function on its first call (issue #30).
  const v8 = process.env.JS_FLAGS ? [`--js-flags=${process.env.JS_FLAGS}`] : [];
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, ...v8],
  });
  await waitForLiveAfterNavigation(browser);
  return browser;
}

/**
 * Until the viewer has replaced the pre-rendered page (a page without one
 * is live at once). With `ask`, asking for it on each try, as a reader's
 * press does (`insynStart`), also on a page the viewer opened instead (the
 * English one, by `?lang=en`).
 */
export async function untilLive(page, timeout = 20000, { ask = false } = {}) {
  await page.waitForFunction(
    (ask) => {
      if (ask) globalThis.insynStart?.();
      return !document.getElementById('insyn-pre') || document.documentElement.dataset.insynState === 'live';
    },
    ask,
    { timeout },
  );
}

/**
 * Asks for the viewer as a reader's press on a control that needs code
 * does (`insynStart`, assets/js/boot.js): on a pre-rendered page it starts
 * only then. A page without the boot script (a file, a frame's host) has none.
 */
export async function askForViewer(page) {
  await page.evaluate(() => globalThis.insynStart?.());
}

// Each HTML file carries its page pre-rendered; the viewer takes over when
// a reader asks for what needs it. Tests act on the live viewer: every
// goto() and reload() asks for it and returns once it has taken over.
let patched = false;
async function waitForLiveAfterNavigation(browser) {
  if (patched) return;
  const ctx = await browser.newContext();
  const proto = Object.getPrototypeOf(await ctx.newPage());
  await ctx.close();
  // The unpatched goto, for tests of the pre-rendered page itself.
  proto.gotoPrerendered = proto.goto;
  for (const name of ['goto', 'reload']) {
    const original = proto[name];
    proto[name] = async function (...args) {
      const response = await original.apply(this, args);
      await untilLive(this, 20000, { ask: true }).catch(() => {
        throw new Error(`${name}(${args[0] ?? ''}): the viewer never replaced the pre-rendered page`);
      });
      return response;
    };
  }
  patched = true;
}

/**
 * Scrolls to each chart section in turn, as a reader does, and waits until
 * the live page has drawn it at the reader's width: a section far from the
 * view is the pre-rendered page's copy, drawn at the pre-rendered width,
 * until the reader nears it (`later::Kept`).
 */
export async function scrollThroughCharts(page) {
  for (const id of await page.locator('section.chart-section').evaluateAll((ss) => ss.map((s) => s.id))) {
    await page.evaluate((id) => document.getElementById(id).scrollIntoView(), id);
    await page.waitForFunction((id) => document.documentElement.dataset.insynState === 'live'
      && Number(document.getElementById(id).querySelector('.chart-svg svg')?.getAttribute('width')) <= innerWidth, id);
  }
}

/** A browser, a server over the built site, and a page that records errors. */
export async function setup(opts = {}) {
  const srv = await startServer({ root: opts.root ?? DIST, base: opts.base ?? '/', headers: opts.headers, overrides: opts.overrides, headersFor: opts.headersFor });
  const browser = await launch();
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  const close = async () => { await browser.close(); srv.server.close(); };
  return { ...srv, browser, context, page, errors, close };
}

/** A path the viewer fetches when it starts: its wasm, its JS glue, a data file. */
export const VIEWER_FILE = /_bg\.wasm$|\/insyn[-a-z]*-[0-9a-f]{16}\.js$|\.json$/;
