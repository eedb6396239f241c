import { chromium } from 'playwright-core';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './server.mjs';

export const here = path.dirname(fileURLToPath(import.meta.url));
export const DIST = path.resolve(here, '..', 'dist');
export const DIST_SUBPATH = path.resolve(here, '..', 'dist-subpath');

export const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic',
];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
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
