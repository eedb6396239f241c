// What each page type of a site built from an archive fetches, and how long
// it takes to go live (best of five); with --search, keystroke-to-results times and the
// bytes the first query loads. `cargo xtask bench --archive` runs it on
// sites of 5, 50 and 500 reports. Prints `ARCHIVE {...}` lines.
//   node e2e/bench/archive.mjs SITE_DIR [--search]
import fs from 'node:fs';
import path from 'node:path';
import { startServer } from '../server.mjs';
import { launch, untilLive } from '../helpers.mjs';

const ROOT = path.resolve(process.argv[2]);
const SEARCH = process.argv.includes('--search');
const out = (o) => console.log('ARCHIVE ' + JSON.stringify(o));
const catName = fs.readFileSync(path.join(ROOT, 'index.html'), 'utf8').match(/<meta content=([^ >]+) name=insyn-catalogue>/)[1];
const catalogue = JSON.parse(fs.readFileSync(path.join(ROOT, 'reports', catName), 'utf8'));
const annual = catalogue.reports.find((r) => r.kind === 'annual_analysis' && r.goals);
// The catalogue writes a report's goals as "id=status id=status …".
const goal = annual.goals.split(' ')[0].split('=')[0];
const PAGES = {
  start: '',
  report: annual.id,
  goal: `${annual.id}/mal/${goal}`,
  'goal embed': `inbaddning/${annual.id}/mal/${goal}`,
  matrix: 'jamfor/mal',
  'finance comparison': 'jamfor/ekonomi',
};
/** Brotli bytes as a host sends a file (its .br beside it), else its size. */
const sent = (p) => {
  const f = path.join(ROOT, decodeURIComponent(p));
  for (const c of [f + '.br', f]) if (fs.existsSync(c) && fs.statSync(c).isFile()) return fs.statSync(c).size;
  return 0;
};
const isCode = (p) => /\.(html|css|js|wasm)$/.test(p) || p.endsWith('/');

const srv = await startServer({ root: ROOT, compressed: true });
const browser = await launch();
try {
  for (const [type, p] of Object.entries(PAGES)) {
    let best = Infinity;
    let files = [];
    for (let run = 0; run < 5; run++) {
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      const paths = [];
      // The page's own document is not data; everything else it asks the site for is counted.
      page.on('request', (r) => { const u = new URL(r.url()); if (u.origin === srv.origin && !r.isNavigationRequest()) paths.push(u.pathname); });
      await page.gotoPrerendered(srv.url + p, { waitUntil: 'commit' });
      await untilLive(page, 600000);
      best = Math.min(best, await page.evaluate(() => performance.now()));
      files = paths.filter((x) => !isCode(x));
      await ctx.close();
    }
    out({ type, path: '/' + p, live_ms: Math.round(best), data: files, data_bytes: files.reduce((s, f) => s + sent(f), 0) });
  }
  if (SEARCH) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    let bytes = 0;
    page.on('request', (r) => { const u = new URL(r.url()); if (u.pathname.startsWith('/pagefind/')) bytes += sent(u.pathname); });
    await page.goto(srv.url);
    const words = ['cykelbanorna', 'simhallen', 'biblioteket', 'lekplatser', 'skolgårdarna', 'gatlyktor', 'parken', 'busshållplatsen',
      'elförsörjning', 'budgetavvikelse', 'bistånd', 'hemlöshet', 'arbetsmarknad', 'kommunbidrag', 'överskott', 'underskott',
      'ekonomiskt', 'försörjningsstöd', 'riktade', 'investeringar'];
    const times = [];
    let first = 0;
    for (const [i, w] of words.entries()) {
      await page.locator('#search').fill('');
      const ms = await page.evaluate(async (word) => {
        const box = document.getElementById('search');
        const t0 = performance.now();
        box.value = word;
        box.dispatchEvent(new InputEvent('input', { bubbles: true }));
        for (;;) {
          await new Promise((r) => requestAnimationFrame(r));
          const p = document.querySelector('.search-results');
          if (p && !p.querySelector('.loading') && (p.querySelector('.page-hits') || p.querySelector('.hit-count') || /Inga träffar/.test(p.textContent))) return performance.now() - t0;
          if (performance.now() - t0 > 30000) return -1;
        }
      }, w);
      times.push(ms);
      if (i === 0) first = bytes;
    }
    out({ search: true, times, first_query_bytes: first });
    await ctx.close();
  }
} finally {
  await browser.close();
  srv.server.close();
}
