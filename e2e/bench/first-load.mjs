// What a first visit to a page transfers, file by file, with the site served
// brotli-compressed as docs/hosting.md sets a host up. Two readers: one who
// asks for nothing more than the page (`node bench/first-load.mjs PAGE`):
// until it has loaded and the network is quiet, and nothing of the viewer
// may be fetched (issue #30: it starts when a reader asks for what needs
// it); and one who asks for the viewer (`... PAGE asked`): until it is
// live and the network is quiet, so the wasm and the JSON it fetches are
// counted. Prints `FIRSTLOAD {...}` per file.
import { startServer } from '../server.mjs';
import { BENCH_DIST as DIST, launch } from '../helpers.mjs';

const PAGE = process.argv[2] || '/asn-2025';
const ASKED = process.argv[3] === 'asked';
const srv = await startServer({ root: DIST, compressed: true });
const browser = await launch();
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requests = [];
  page.on('requestfinished', (r) => requests.push(r));
  const url = new URL(PAGE.replace(/^\//, ''), srv.url).href;
  // `goto` asks for the viewer and waits until it is live (e2e/helpers.mjs).
  await (ASKED ? page.goto(url, { waitUntil: 'load' }) : page.gotoPrerendered(url, { waitUntil: 'load' }));
  await page.waitForLoadState('networkidle');
  // A report page shows its goals: the report file has arrived and is drawn.
  if (PAGE !== '/' && !(await page.locator('.goal-card').first().isVisible())) throw new Error(`${PAGE}: no goal card after load`);
  const viewer = requests.filter((r) => r.url().endsWith('_bg.wasm'));
  if (!ASKED && viewer.length > 0) throw new Error(`${PAGE}: the viewer was fetched unasked`);
  if (ASKED && viewer.length === 0) throw new Error(`${PAGE}: asked for, the viewer was not fetched`);
  for (const r of requests) {
    const sizes = await r.sizes();
    const res = await r.response();
    console.log('FIRSTLOAD ' + JSON.stringify({
      path: new URL(r.url()).pathname,
      status: res?.status() ?? 0,
      encoding: (await res?.headerValue('content-encoding')) ?? 'identity',
      body: sizes.responseBodySize,
      headers: sizes.responseHeadersSize,
    }));
  }
} finally {
  await browser.close();
  srv.server.close();
}
