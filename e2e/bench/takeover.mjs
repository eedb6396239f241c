// The takeover under Lighthouse's mobile throttling (slow 4G and a 4× slower
// CPU, applied through the DevTools protocol on a phone-sized page), on the
// built site served with brotli as docs/hosting.md sets a host up.
//
// - `/asn-2025`: time until the pre-rendered content is painted, time until
//   the viewer is live (has taken over), and their ratio: how long a reader
//   looks at a page whose controls do not answer yet, relative to how soon
//   they see it; the main-thread tasks over 50 ms until it is live (how
//   many, and the longest: the viewer's boot, issue #16), but for the task
//   in which the browser first lays out and paints the pre-rendered page
//   (the last to start before the first contentful paint, and end within
//   100 ms of it), printed apart:
//   the viewer's code has no part in it, the page's HTML and CSS do.
// - `/asn-2025/ekonomi`: a tap on the first "Visa som tabell" made at
//   `DOMContentLoaded`, on the pre-rendered page, and the time until that
//   chart's table is shown on the live page (the boot script notes the press,
//   the viewer presses again when it takes over). `null` if it never is.
//
// Prints one JSON line per run, `TAKEOVER {...}`; xtask/src/bench.rs prints
// them and their medians. These are timings, printed; CI gates one of them,
// judged by the best run: the boot's longest task (xtask/src/bench/takeover.rs).
import { throttling, screenEmulationMetrics } from 'lighthouse/core/config/constants.js';
import { startServer } from '../server.mjs';
import { DIST, launch } from '../helpers.mjs';

const RUNS = Number(process.env.RUNS || 5);
const SLOW = throttling.mobileSlow4G;
const PHONE = screenEmulationMetrics.mobile;
const NEVER_MS = 60000;

/** Runs in the page before its own scripts: notes when things happen, in ms since navigation. */
const probe = ({ tap }) => {
  const at = () => performance.now();
  const painted = (set) => requestAnimationFrame(() => setTimeout(set, 0));
  const visible = (el) => el && el.checkVisibility() && el.getBoundingClientRect().height > 0;
  const marks = (window.__marks = { tasks: [] });
  // Every main-thread task over 50 ms (the browser reports no shorter one).
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) marks.tasks.push({ start: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const watch = () => {
    if (marks.pre === undefined && visible(document.querySelector('#insyn-pre h1'))) {
      marks.pre = -1;
      painted(() => { marks.pre = at(); });
    }
    if (marks.live === undefined && document.documentElement.dataset.insynState === 'live') marks.live = at();
    const fig = marks.figure && document.querySelector(`figure[aria-labelledby="${marks.figure}"]`);
    if (marks.table === undefined && marks.live !== undefined && visible(fig?.querySelector('table'))) {
      marks.table = -1;
      painted(() => { marks.table = at(); });
    }
    requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);
  if (tap) {
    document.addEventListener('DOMContentLoaded', () => {
      const button = [...document.querySelectorAll('#insyn-pre figure.chart button')]
        .find((b) => b.textContent.trim() === 'Visa som tabell');
      if (!button) return;
      marks.figure = button.closest('figure').getAttribute('aria-labelledby');
      marks.tap = at();
      button.click();
    });
  }
};

/** A fresh phone-sized page with Lighthouse's mobile throttling. */
async function throttledPage(browser, tap) {
  const context = await browser.newContext({
    viewport: { width: PHONE.width, height: PHONE.height },
    deviceScaleFactor: PHONE.deviceScaleFactor,
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: SLOW.requestLatencyMs,
    downloadThroughput: (SLOW.downloadThroughputKbps * 1024) / 8,
    uploadThroughput: (SLOW.uploadThroughputKbps * 1024) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW.cpuSlowdownMultiplier });
  await page.addInitScript(probe, { tap });
  return { context, page };
}

/** Opens `url` and returns the page's marks once `done(marks)` holds (or after NEVER_MS). */
async function measure(browser, url, done, tap = false) {
  const { context, page } = await throttledPage(browser, tap);
  try {
    await page.gotoPrerendered(url, { waitUntil: 'commit' });
    await page
      .waitForFunction(done, null, { timeout: NEVER_MS, polling: 100 })
      .catch(() => { /* reported as null below: the figure is the finding */ });
    // The browser reports a long task after it ends: one that ended just
    // before the page went live is on record a moment later.
    await page.waitForTimeout(300);
    return await page.evaluate(() => ({
      ...window.__marks,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
    }));
  } finally {
    await context.close();
  }
}

const ms = (x) => (typeof x === 'number' && x >= 0 ? Number(x.toFixed(0)) : null);

const srv = await startServer({ root: DIST, compressed: true });
const browser = await launch();
try {
  for (let run = 0; run < RUNS; run++) {
    const report = await measure(browser, `${srv.url}asn-2025`, () => window.__marks.pre > 0 && window.__marks.live > 0);
    const chart = await measure(browser, `${srv.url}asn-2025/ekonomi`, () => window.__marks.table > 0, true);
    const pre = ms(report.pre);
    const live = ms(report.live);
    // No figures for a run that never went live. Without a first paint on
    // record every task counts as the boot's (it can only fail the gate).
    const fcp = report.fcp;
    const until = live === null ? null : report.tasks.filter((t) => t.start < live);
    const first = fcp === undefined ? undefined
      : until?.filter((t) => t.start < fcp && t.start + t.ms > fcp - 100).at(-1);
    const booting = until?.filter((t) => t !== first) ?? null;
    const longest = (tasks) => (tasks === null ? null : Math.round(Math.max(0, ...tasks.map((t) => t.ms))));
    console.log('TAKEOVER ' + JSON.stringify({
      run,
      pre_ms: pre,
      live_ms: live,
      live_over_pre: pre && live ? Number((live / pre).toFixed(2)) : null,
      long_tasks: booting?.length ?? null,
      longest_task_ms: longest(booting),
      first_paint_task_ms: until === null ? null : longest(first ? [first] : []),
      tapped: chart.tap !== undefined,
      tap_to_table_ms: chart.tap !== undefined && ms(chart.table) !== null ? ms(chart.table - chart.tap) : null,
      chart_live_ms: ms(chart.live),
    }));
  }
} finally {
  await browser.close();
  srv.server.close();
}
