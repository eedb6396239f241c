// What each page type of sites built from an archive fetches, and how long
// it takes to go live (best of five); with --search, keystroke-to-results
// times (three passes of twenty queries) and the bytes the first query
// loads, on the last site. The sites
// are measured in turn, run by run (5 reports, 500 reports, 5, 500, …), so
// a machine that gets busier or quieter meanwhile weighs on every size
// alike and the ratios between them hold. `cargo xtask bench --archive`
// runs it on sites of 5, 50 and 500 reports. Prints `ARCHIVE {...}` lines,
// each with `site`, its index among the arguments.
//   node e2e/bench/archive.mjs SITE_DIR… [--search]
import fs from 'node:fs';
import path from 'node:path';
import { startServer } from '../server.mjs';
import { launch, untilLive } from '../helpers.mjs';
import { benchmarkIndex } from './calibrate.mjs';

const ROOTS = process.argv.slice(2).filter((a) => !a.startsWith('--')).map((a) => path.resolve(a));
const SEARCH = process.argv.includes('--search');
const RUNS = 5;
const out = (o) => console.log('ARCHIVE ' + JSON.stringify(o));

/** A site's pages to measure: the first annual analysis with goals, its first goal, its board. */
function pagesOf(root) {
  const catName = fs.readFileSync(path.join(root, 'index.html'), 'utf8').match(/<meta content="([^"]+)" name=insyn-catalogue>/)[1];
  const catalogue = JSON.parse(fs.readFileSync(path.join(root, 'reports', catName), 'utf8'));
  const annual = catalogue.reports.find((r) => r.kind === 'annual_analysis' && r.goals);
  // The catalogue writes a report's goals as "id=status id=status …".
  const goal = annual.goals.split(' ')[0].split('=')[0];
  return {
    start: '',
    report: annual.id,
    goal: `${annual.id}/mal/${goal}`,
    'goal embed': `inbaddning/${annual.id}/mal/${goal}`,
    matrix: 'jamfor/mal',
    'finance comparison': 'jamfor/ekonomi',
    // Over the years (issue #33): the board of that analysis, and its first goal across the city.
    board: `namnd/${annual.board.short.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '-')}`,
    'council goal': `kf-mal/${goal}`,
  };
}

/** Brotli bytes as a host sends a file (its .br beside it), else its size. */
const sent = (root, p) => {
  const f = path.join(root, decodeURIComponent(p));
  for (const c of [f + '.br', f]) if (fs.existsSync(c) && fs.statSync(c).isFile()) return fs.statSync(c).size;
  return 0;
};
const isCode = (p) => /\.(html|css|js|wasm)$/.test(p) || p.endsWith('/');

/** One visit: the time until live, and the data files the page asked its site for. */
async function visit(browser, srv, p) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const paths = [];
  // The page's own document is not data; everything else it asks the site for is counted.
  page.on('request', (r) => { const u = new URL(r.url()); if (u.origin === srv.origin && !r.isNavigationRequest()) paths.push(u.pathname); });
  await page.gotoPrerendered(srv.url + p, { waitUntil: 'commit' });
  // Asked for at once, as a reader's press does: the time until live is the viewer's.
  await untilLive(page, 600000, { ask: true });
  const live = await page.evaluate(() => performance.now());
  await ctx.close();
  return { live, files: paths.filter((x) => !isCode(x)) };
}

async function search(browser, root, srv) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  let bytes = 0;
  // The index and its shard of earlier years (pagefind/, pagefind-earlier/).
  page.on('request', (r) => { const u = new URL(r.url()); if (u.pathname.startsWith('/pagefind')) bytes += sent(root, u.pathname); });
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
  await ctx.close();
  return { times, first_query_bytes: first };
}

const sites = [];
for (const root of ROOTS) sites.push({ root, pages: pagesOf(root), srv: await startServer({ root, compressed: true }) });
const browser = await launch();
try {
  for (const type of Object.keys(sites[0].pages)) {
    const best = sites.map(() => ({ live: Infinity, files: [] }));
    for (let run = 0; run < RUNS; run++) {
      for (const [i, s] of sites.entries()) {
        const v = await visit(browser, s.srv, s.pages[type]);
        if (v.live < best[i].live) best[i] = v;
      }
    }
    for (const [i, s] of sites.entries()) {
      const { live, files } = best[i];
      out({ site: i, type, path: '/' + s.pages[type], live_ms: Math.round(live), data: files, data_bytes: files.reduce((n, f) => n + sent(s.root, f), 0) });
    }
  }
  if (SEARCH) {
    // Three passes, each in a fresh context (a cold cache, as a new reader has).
    const last = sites[sites.length - 1];
    const passes = [];
    for (let pass = 0; pass < 3; pass++) passes.push(await search(browser, last.root, last.srv));
    // The host's speed (Lighthouse's benchmark index), printed beside the
    // times: the same search takes longer on a slower machine.
    out({ site: sites.length - 1, search: true, passes, benchmark_index: Math.round(await benchmarkIndex(browser)) });
  }
} finally {
  await browser.close();
  for (const s of sites) s.srv.server.close();
}
