// Throwaway: the asked takeover's long tasks, and what fills them.
import { throttling, screenEmulationMetrics } from 'lighthouse/core/config/constants.js';
import { startServer } from '../server.mjs';
import { DIST, launch } from '../helpers.mjs';
const SLOW = throttling.mobileSlow4G, PHONE = screenEmulationMetrics.mobile;
const page_ = process.env.PAGE ?? '';
const rate = Number(process.env.SLOWDOWN ?? 7);
const srv = await startServer({ root: DIST, compressed: true });
const browser = await launch();
const context = await browser.newContext({ viewport: { width: PHONE.width, height: PHONE.height }, deviceScaleFactor: PHONE.deviceScaleFactor, isMobile: true, hasTouch: true });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Network.enable');
await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: SLOW.requestLatencyMs, downloadThroughput: (SLOW.downloadThroughputKbps * 1024) / 8, uploadThroughput: (SLOW.uploadThroughputKbps * 1024) / 8 });
await cdp.send('Emulation.setCPUThrottlingRate', { rate });
const events = [];
cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8,v8.wasm,blink.user_timing,toplevel', transferMode: 'ReportEvents' });
await page.gotoPrerendered(srv.url + page_, { waitUntil: 'load' });
await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0);
await page.evaluate(() => { performance.mark('asked'); globalThis.insynStart(); });
await page.waitForFunction(() => document.documentElement.dataset.insynState === 'live', null, { timeout: 60000 });
await page.waitForTimeout(500);
const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
await cdp.send('Tracing.end'); await complete;
const asked = events.find((e) => e.name === 'asked')?.ts;
const main = events.find((e) => e.name === 'RunTask' && e.ts > asked && e.dur > 1000);
const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.ts > asked && e.dur > 50000 / 1 && e.tid === main?.tid);
for (const t of tasks) {
  const inside = events.filter((e) => e.tid === t.tid && e.ph === 'X' && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + t.dur && e !== t);
  const by = new Map();
  for (const e of inside) by.set(e.name, (by.get(e.name) ?? 0) + (e.dur ?? 0));
  const top = [...by].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([n, d]) => `${n} ${(d / 1000).toFixed(0)}`).join(', ');
  const fc = inside.filter((e) => e.name === 'FunctionCall').map((e) => e.args?.data?.functionName || e.args?.data?.url?.split('/').pop()).slice(0, 4);
  console.log(`task at +${((t.ts - asked) / 1000).toFixed(0)} ms: ${(t.dur / 1000).toFixed(0)} ms — ${top} | ${fc.join(' ')}`);
}
await browser.close(); await srv.close?.();
