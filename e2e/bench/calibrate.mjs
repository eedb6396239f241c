// The CPU slowdown that makes this host stand for a mid-range phone
// (issue #30). Lighthouse's "4× slower CPU" is a phone only on a host of a
// known speed: its throttling documentation calibrates the multiplier from
// the host's benchmark index (BenchmarkIndex, Lighthouse's own page
// function), and its CPU throttling calculator gives the multiplier for a
// mid-tier phone: 3× at an index of 1300, 4× at 1533, 6× at 2000; 2× at
// 800; 1× at 150. A slower host is then not a slower phone twice.
import { pageFunctions } from 'lighthouse/core/lib/page-functions.js';

/** The multiplier for a host of benchmark index `index` (the calculator's piecewise line). */
export function slowdownFor(index) {
  if (!Number.isFinite(index)) return 4;
  if (index >= 1300) return 3 + (index - 1300) / 233;
  if (index >= 800) return 2 + (index - 800) / 500;
  if (index >= 150) return 1 + (index - 150) / 650;
  return 1;
}

/**
 * The slowdown of the gated runs: Lighthouse's default 4×, at which the
 * gates were set, or the calibrated one where that is less. A host slower
 * than the one the default assumes is a phone at less than 4×; measured at
 * 4× it would be a slower phone twice, and a gate set on a fast host would
 * fail there for the host's sake, not the page's.
 */
export function gatedSlowdown(calibrated, fallback = 4) {
  return Number(Math.min(fallback, calibrated).toFixed(2));
}

/** This host's benchmark index in `browser` (Playwright), the median of `n` measurements. */
export async function benchmarkIndex(browser, n = 3) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const runs = [];
    for (let i = 0; i < n; i++) {
      runs.push(await page.evaluate(`(${pageFunctions.computeBenchmarkIndex})()`));
    }
    runs.sort((a, b) => a - b);
    return runs[Math.floor(n / 2)];
  } finally {
    await context.close();
  }
}

/** `{ index, slowdown }` for this host, measured in a browser of its own. */
export async function calibrate(launch) {
  const browser = await launch();
  try {
    const index = await benchmarkIndex(browser);
    return { index: Math.round(index), slowdown: Number(slowdownFor(index).toFixed(2)) };
  } finally {
    await browser.close();
  }
}
