// Findable, shareable, reusable (issue #20): English pages at /en/… that
// read without JavaScript, the language redirects, data files that work
// without JavaScript, sitemap.xml, robots.txt and the share-card tags.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { setup, DIST } from './helpers.mjs';

/** The origin `cargo xtask test` builds dist/ with (`dist::site::Options::for_tests`, xtask). */
const SITE = 'https://insyn.example.org';

let env;
before(async () => { env = await setup(); });
after(async () => { await env.close(); });

/** A page without JavaScript. */
async function withoutJs(fn) {
  const ctx = await env.browser.newContext({ javaScriptEnabled: false, acceptDownloads: true });
  try {
    return await fn(await ctx.newPage());
  } finally {
    await ctx.close();
  }
}

test('without JavaScript an English goal page reads in English and its switch opens the Swedish page', async () => {
  await withoutJs(async (page) => {
    await page.gotoPrerendered(env.url + 'en/asn-2025/mal/sjalvforsorjning');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await page.getByText('Assessment for the year').first().waitFor();
    assert.equal(await page.getByText('Bedömning för året').count(), 0);
    // Links inside the site stay English.
    assert.equal(await page.getByRole('link', { name: 'Compare goals' }).getAttribute('href'), '/en/jamfor/mal');
    const alternates = await page.locator('link[rel=alternate]').evaluateAll((ls) => ls.map((l) => `${l.hreflang} ${l.href}`));
    assert.deepEqual(alternates, [
      `sv ${SITE}/asn-2025/mal/sjalvforsorjning/`,
      `en ${SITE}/en/asn-2025/mal/sjalvforsorjning/`,
      `x-default ${SITE}/asn-2025/mal/sjalvforsorjning/`,
    ]);
    await page.getByRole('link', { name: 'På svenska' }).click();
    await page.waitForURL(/\/asn-2025\/mal\/sjalvforsorjning\/?\?lang=sv$/);
    assert.equal(await page.locator('html').getAttribute('lang'), 'sv');
    await page.getByText('Bedömning för året').first().waitFor();
  });
});

test('?lang=en opens the English page, and a reader who chose English comes back to English pages', async () => {
  const ctx = await env.browser.newContext();
  const page = await ctx.newPage();
  await page.gotoPrerendered(env.url + 'asn-2025/ekonomi?lang=en');
  await page.waitForURL(/\/en\/asn-2025\/ekonomi\/?$/);
  await page.getByRole('heading', { level: 1, name: /Finances/ }).waitFor();
  await page.gotoPrerendered(env.url + 'asn-2024');
  await page.waitForURL(/\/en\/asn-2024\/?$/);
  await page.getByText(/of 14 goals achieved/).first().waitFor();
  // An explicit Swedish choice stays Swedish.
  await page.goto(env.url + 'asn-2024?lang=sv');
  assert.equal(await page.locator('html').getAttribute('lang'), 'sv');
  // The viewer takes over this time (page.goto waits for it), no redirect.
  await page.goto(env.url + 'asn-2024');
  await page.getByText(/av 14 mål uppnådda/).first().waitFor();
  assert.match(page.url(), /\/asn-2024\/?$/);
  await ctx.close();
});

test('without JavaScript a chart\'s CSV, SVG and PNG links download its files; the JSON is a file too', async () => {
  const route = 'asn-2025/ekonomi/budgetavvikelse';
  await withoutJs(async (page) => {
    await page.gotoPrerendered(env.url + route);
    const link = page.getByRole('link', { name: /^CSV/ });
    assert.equal(await link.getAttribute('href'), `/${route}.csv`);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.equal(download.suggestedFilename(), 'asn-2025-budgetavvikelse.csv');
    const csv = fs.readFileSync(await download.path(), 'utf8');
    // The rows of the chart's table view, in its order.
    await page.locator('details.chart-table > summary').click();
    const rows = await page.locator('details.chart-table th[scope="row"]').allInnerTexts();
    assert.ok(rows.length >= 4);
    assert.deepEqual(csv.replace(/^\uFEFF/, '').trim().split('\r\n').slice(1).map((l) => l.split(';')[0]), rows.map((r) => r.trim()));
    const file = async (name, type) => {
      const res = await page.request.get(new URL(await page.getByRole('link', { name }).getAttribute('href'), env.url).href);
      assert.equal(res.headers()['content-type'].split(';')[0], type);
      return res.body();
    };
    assert.ok((await file(/^PNG/, 'image/png')).length > 5000);
    const svg = (await file(/^SVG/, 'image/svg+xml')).toString();
    assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    // Each bar's row (the last row, the total, is no bar).
    for (const r of rows.slice(0, -1)) assert.ok(svg.includes(r.trim().split(' ')[0]), `the drawing names ${r}`);
  });
  // A board's chart over the years too (issue #30), in the page's language:
  // a row a year, as its table view.
  await withoutJs(async (page) => {
    await page.gotoPrerendered(env.url + 'en/namnd/asn');
    const chart = page.locator('figure.chart').first();
    const link = chart.getByRole('link', { name: /^CSV/ });
    assert.equal(await link.getAttribute('href'), '/en/namnd/asn/malstatus-over-tid.csv');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const csv = fs.readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    await chart.locator('details.chart-table > summary').click();
    const rows = await chart.locator('details.chart-table th[scope="row"]').allInnerTexts();
    assert.deepEqual(csv.slice(1).map((l) => l.split(';')[0]), rows.map((r) => r.trim()));
    assert.match(csv[0], /Achieved/);
    assert.equal(await page.getByRole('button', { name: /Download/ }).count(), 0, 'no download that needs the viewer');
  });
  const page = await env.context.newPage();
  // The report's JSON is linked from its page.
  await page.goto(env.url + 'asn-2025');
  const json = await page.getByRole('link', { name: 'Rapportens data som JSON-fil' }).getAttribute('href');
  // The report itself, not the page file the live page read.
  assert.match(json, /(^|\/)reports\/asn-2025\.json$/);
  const res = await page.request.get(new URL(json, env.url).href);
  assert.equal((await res.json()).id, 'asn-2025');
  await page.close();
});

/** Every HTML page of the build below DIST: its path below the site ('' for the start page). */
function htmlPages(dir = DIST, prefix = '') {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!e.isDirectory()) continue;
    const rel = prefix + e.name + '/';
    if (fs.existsSync(path.join(dir, e.name, 'index.html'))) out.push(rel);
    out.push(...htmlPages(path.join(dir, e.name), rel));
  }
  return out;
}

test('sitemap.xml lists every page in both languages, each exists, and every indexable page is listed', async () => {
  const xml = await (await fetch(env.url + 'sitemap.xml')).text();
  const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
  assert.equal(new Set(locs).size, locs.length, 'no page twice');
  assert.ok(locs.length > 150, `${locs.length} pages`);
  const missing = [];
  for (const loc of locs) {
    assert.ok(loc.startsWith(SITE + '/'), loc);
    const rel = loc.slice(SITE.length + 1);
    const res = await fetch(env.url + rel);
    const html = await res.text();
    if (res.status !== 200 || !html.includes(`<link rel="canonical" href="${loc}">`)) missing.push(`${loc}: ${res.status}`);
  }
  assert.deepEqual(missing, []);
  const listed = new Set(locs.map((l) => l.slice(SITE.length + 1)));
  const unlisted = ['', ...htmlPages()].filter((p) => {
    const html = fs.readFileSync(path.join(DIST, p, 'index.html'), 'utf8');
    return !html.includes('content="noindex"') && !listed.has(p);
  });
  assert.deepEqual(unlisted, []);
  const robots = await (await fetch(env.url + 'robots.txt')).text();
  assert.match(robots, new RegExp(`^Sitemap: ${SITE}/sitemap.xml$`, 'm'));
});

test('a chart page shares a card: Open Graph and Twitter tags with its own drawn image', async () => {
  await withoutJs(async (page) => {
    await page.gotoPrerendered(env.url + 'en/asn-2025/ekonomi/orsaker');
    const meta = async (sel) => page.locator(sel).getAttribute('content');
    assert.equal(await meta('meta[property="og:image"]'), `${SITE}/en/asn-2025/ekonomi/orsaker/delning.png`);
    assert.equal(await meta('meta[name="twitter:card"]'), 'summary_large_image');
    assert.match(await meta('meta[property="og:title"]'), /Orsaker till årets resultat/);
    const description = await meta('meta[name="description"]');
    assert.equal(await meta('meta[property="og:description"]'), description);
    const res = await page.request.get(env.url + 'en/asn-2025/ekonomi/orsaker/delning.png');
    assert.equal(res.status(), 200);
    const png = await res.body();
    // PNG header: 1200 × 630.
    assert.equal(png.readUInt32BE(16), 1200);
    assert.equal(png.readUInt32BE(20), 630);
  });
});
