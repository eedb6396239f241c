// Time from navigation start to the first goal card being visible, for the
// viewer's /asn-2025 and for a static HTML page with the same content (the
// same HTML file with every script removed), in headless Chromium. Alternates
// the two, RUNS times each, and prints medians and their ratio as
// `FIRSTCARD {...}`; also the time until the viewer is live (interactive).
import fs from 'node:fs';
import path from 'node:path';
import { startServer } from '../server.mjs';
import { DIST, launch } from '../helpers.mjs';

const RUNS = Number(process.env.RUNS || 15);
const html = fs.readFileSync(path.join(DIST, 'asn-2025', 'index.html'), 'utf8');
const staticHtml = html
  .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
  .replace(/<link\b[^>]*rel=modulepreload[^>]*>/g, '');
if (staticHtml.includes('<script') || !staticHtml.includes('goal-card')) throw new Error('static page: scripts left or no goal card');
const srv = await startServer({
  root: DIST,
  compressed: true,
  overrides: { '/static-asn-2025.html': { type: 'text/html; charset=utf-8', body: staticHtml } },
});

// Runs before the page's own scripts: notes the first frame in which a goal
// card is in the DOM and visible, then the time after that frame is painted.
const probe = () => {
  const tick = () => {
    const card = document.querySelector('.goal-card');
    if (card && card.checkVisibility()) {
      requestAnimationFrame(() => setTimeout(() => { window.__firstCard ??= performance.now(); }, 0));
    } else {
      requestAnimationFrame(tick);
    }
  };
  requestAnimationFrame(tick);
  new MutationObserver(() => {
    if (document.documentElement.dataset.insynState === 'live' && window.__live === undefined) window.__live = performance.now();
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-insyn-state'] });
};

const browser = await launch();
const times = { app: [], static: [], live: [] };
try {
  for (let i = 0; i < RUNS; i++) {
    for (const kind of ['app', 'static']) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.addInitScript(probe);
      const url = kind === 'app' ? `${srv.url}asn-2025` : `${srv.url}static-asn-2025.html`;
      await page.gotoPrerendered(url, { waitUntil: 'load' });
      await page.waitForFunction(() => window.__firstCard !== undefined, null, { timeout: 20000 });
      times[kind].push(await page.evaluate(() => window.__firstCard));
      if (kind === 'app') {
        await page.waitForFunction(() => window.__live !== undefined, null, { timeout: 20000 });
        times.live.push(await page.evaluate(() => window.__live));
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  srv.server.close();
}
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const app = median(times.app);
const stat = median(times.static);
console.log('FIRSTCARD ' + JSON.stringify({
  runs: RUNS,
  app_ms: Number(app.toFixed(1)),
  static_ms: Number(stat.toFixed(1)),
  ratio: Number((app / stat).toFixed(2)),
  live_ms: Number(median(times.live).toFixed(1)),
}));
