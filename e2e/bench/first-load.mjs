// What a first visit to a page transfers, file by file, with the site served
// brotli-compressed as docs/hosting.md sets a host up. Waits until the viewer
// is live (wasm running, report loaded) and the network is quiet, so the
// wasm and the JSON it fetches are counted. Prints `FIRSTLOAD {...}` per file.
import { startServer } from '../server.mjs';
import { BENCH_DIST as DIST, launch, untilLive } from '../helpers.mjs';

const PAGE = process.argv[2] || '/asn-2025';
const srv = await startServer({ root: DIST, compressed: true });
const browser = await launch();
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requests = [];
  page.on('requestfinished', (r) => requests.push(r));
  await page.goto(new URL(PAGE.replace(/^\//, ''), srv.url).href, { waitUntil: 'load' });
  await untilLive(page);
  await page.waitForLoadState('networkidle');
  // A report page shows its goals: the report file has arrived and is drawn.
  if (PAGE !== '/' && !(await page.locator('.goal-card').first().isVisible())) throw new Error(`${PAGE}: no goal card after load`);
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
