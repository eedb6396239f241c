// Each HTML file carries its page pre-rendered by `cargo xtask dist`: it
// reads before the wasm arrives and without JavaScript, and the viewer takes
// over without moving the page or losing keyboard focus.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { setup, launch, here, DIST_SUBPATH, askForViewer, VIEWER_FILE } from './helpers.mjs';
import { startServer } from './server.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env.close(); });

/** A page whose wasm is held back until `live()` lets it through and waits for the takeover. */
async function heldPage(url, prepare = async () => {}, { cpu = 1 } = {}) {
  const ctx = await env.browser.newContext({ viewport: { width: 375, height: 700 } });
  const page = await ctx.newPage();
  if (cpu > 1) {
    // A slower CPU, as a phone's: the viewer's work spreads over more tasks.
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  }
  await prepare(page);
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/*_bg.wasm', async (route) => { await held; await route.continue(); });
  await page.gotoPrerendered(url, { waitUntil: 'load' });
  // The viewer starts when a reader asks for what needs it (a press on a
  // control that needs code; `insynStart` stands for one), and the wasm it
  // then fetches is held until released.
  const live = async () => {
    await askForViewer(page);
    release();
    await page.waitForFunction(() => document.documentElement.dataset.insynState === 'live', null, { timeout: 20000 * cpu });
  };
  return { ctx, page, live };
}

test('without JavaScript a report page shows its goals, summary and chart, and its links lead on', async () => {
  const ctx = await env.browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.gotoPrerendered(`${env.url}asn-2025`);
  await page.getByRole('heading', { level: 1, name: /Årsanalys 2025/ }).waitFor();
  assert.equal(await page.locator('.goal-card').count(), 14);
  await page.getByText('13 av 14 mål uppnådda, 1 delvis').first().waitFor();
  assert.ok(await page.locator('svg').count() > 0, 'the status chart is drawn');
  assert.equal(await page.getByText('behöver JavaScript').count(), 0, 'no "needs JavaScript" note');
  assert.equal(await page.title(), 'ASN 2025 – Insyn', "the tab names the page, as the viewer's title does");
  // Controls that need JavaScript ("Bädda in") are not offered.
  assert.equal(await page.getByRole('button').evaluateAll((bs) => bs.filter((b) => !b.popoverTargetElement).length), 0,
    'no button that could not work (a term\'s opens its definition from the HTML)');
  // The filters answer from the stylesheet: the chosen options hide the other goals.
  const visible = () => page.locator('.goal-card').evaluateAll((cs) => cs.filter((c) => c.checkVisibility()).map((c) => c.id));
  await page.locator('#filter-status').selectOption('delvis_uppnatt');
  assert.equal((await visible()).length, 1, 'one goal partly achieved');
  await page.locator('#filter-status').selectOption('');
  const area = page.locator('#omrade-arbete-tillvaxt .goal-card');
  await page.locator('#filter-area').selectOption('arbete-tillvaxt');
  assert.deepEqual(await visible(), await area.evaluateAll((cs) => cs.map((c) => c.id)), "only the chosen area's goals");
  assert.ok((await visible()).length > 0);
  await page.locator('#filter-area').selectOption('');
  assert.equal((await visible()).length, 14);
  // The page as loaded (its stylesheet applied), so the press lands on the link.
  await page.waitForLoadState('load');
  await Promise.all([
    page.waitForURL((u) => u.pathname.replace(/\/$/, '') === '/asn-2025/mal/hallbar-elforsorjning'),
    page.locator('a[href$="/asn-2025/mal/hallbar-elforsorjning"]').click(),
  ]);
  await page.getByRole('heading', { level: 1, name: /elförsörjning/ }).waitFor();
  assert.match(await page.title(), /elförsörjning.* – ASN 2025 – Insyn$/);
  await page.gotoPrerendered(`${env.url}asn-2025/ekonomi`);
  assert.ok(await page.locator('figure.chart svg').count() >= 8, 'the finance charts are drawn');
  // A chart's table view is the platform's disclosure: it opens without JavaScript.
  const view = page.locator('figure.chart').first().locator('details.chart-table');
  assert.equal(await view.locator('table').isVisible(), false);
  await view.locator('summary', { hasText: 'Visa som tabell' }).click();
  assert.ok(await view.locator('table').isVisible(), 'the table shows without JavaScript');
  await page.gotoPrerendered(env.url);
  assert.equal(await page.getByRole('searchbox').count(), 0, 'no search box that could not search');
  // The language switch is a plain link to the English page, so it works too.
  await page.getByRole('link', { name: 'In English' }).click();
  await page.getByRole('heading', { level: 1, name: "How Malmö's boards did: goals and budgets" }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await ctx.close();
});

// A report's page needs no viewer (issue #30): read, scrolled, filtered,
// its embed code opened and copied and its chart's file downloaded, it
// costs no wasm, no data file and no takeover.
test('a report\'s pre-rendered page does all a reader asks of it without fetching anything of the viewer', async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 375, height: 700 }, acceptDownloads: true });
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await ctx.newPage();
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await page.gotoPrerendered(`${env.url}asn-2025`, { waitUntil: 'load' });
  await page.selectOption('#insyn-pre #filter-status', { index: 1 });
  await page.mouse.wheel(0, 2000);
  await page.waitForTimeout(1500);
  const viewer = () => fetched.filter((f) => VIEWER_FILE.test(f));
  assert.match(page.url(), /\?status=/, 'the filter is in the address');
  // Its embed code, for this site's own address, with the embed as its preview.
  await page.locator('#insyn-pre button.embed-button').first().click();
  const dialog = page.getByRole('dialog');
  const code = await dialog.getByLabel(/Kod att klistra in/).inputValue();
  assert.match(code, new RegExp(`^<iframe src="${env.url}inbaddning/asn-2025"`));
  assert.match(code, new RegExp(`<script type="module" src="${env.url}embed\\.js"></script>$`));
  await dialog.getByRole('button', { name: 'Kopiera koden' }).click();
  await dialog.getByText('Koden är kopierad.').waitFor({ timeout: 5000 });
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code);
  await page.frameLocator('dialog[open] iframe.embed-preview').getByText('13 av 14 mål uppnådda, 1 delvis').waitFor({ timeout: 10000 });
  await dialog.getByRole('button', { name: 'Stäng' }).click();
  await dialog.waitFor({ state: 'hidden' });
  // A chart's files on the finance page.
  await page.gotoPrerendered(`${env.url}asn-2025/ekonomi`, { waitUntil: "load" });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /^SVG/ }).first().click()]);
  assert.match(download.suggestedFilename(), /^asn-2025-.*\.svg$/);
  await page.waitForTimeout(500);
  assert.deepEqual(viewer(), [], 'no module and no data file');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.insynState), undefined, 'not taken over');
  assert.equal(await page.locator('[aria-busy]').count(), 0, 'no press left for a viewer');
  await ctx.close();
});

test('an embed dialog open when the viewer takes over stays open, with its preview and the focus where it was', async () => {
  const { ctx, page, live } = await heldPage(`${env.url}asn-2025`);
  await page.locator('#insyn-pre .status-summary .embed-button').click();
  const copy = page.getByRole('dialog').getByRole('button', { name: 'Kopiera koden' });
  await copy.focus();
  await live();
  assert.equal(await page.locator('#insyn-pre').count(), 0, 'taken over');
  const state = await page.evaluate(() => {
    const d = document.querySelector('dialog[open]');
    return d && [d.id, !!d.closest('#insyn-app'), document.activeElement.textContent, !!d.querySelector('iframe.embed-preview[src]')];
  });
  assert.deepEqual(state, ['embed-asn-2025', true, 'Kopiera koden', true]);
  // It is the live page's: its close button and Escape close it.
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
  await ctx.close();
});

test('the pre-rendered page stays until the viewer can show the same, then the viewer takes over in place', async () => {
  // The wasm is held back until the pre-rendered page has been used.
  const { ctx, page, live } = await heldPage(`${env.url}asn-2025`, (p) => p.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; })
      .observe({ type: 'layout-shift', buffered: true });
  }));
  assert.equal(await page.locator('#insyn-pre .goal-card').count(), 14, 'pre-rendered cards are in view');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.insynState), undefined);
  // A keyboard user tabs into the page before the viewer runs.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const before = await page.evaluate(() => [document.activeElement.tagName, document.activeElement.textContent]);
  await live();
  assert.equal(await page.locator('#insyn-pre').count(), 0, 'the pre-rendered copy is gone');
  assert.equal(await page.locator('.goal-card').count(), 14);
  const afterFocus = await page.evaluate(() => [document.activeElement.tagName, document.activeElement.textContent, !!document.activeElement.closest('#insyn-app')]);
  assert.deepEqual(afterFocus, [...before, true], 'focus stays on the same control, now the live one');
  const shift = await page.evaluate(() => window.__shift);
  assert.ok(shift < 0.01, `layout shift during the takeover: ${shift}`);
  await ctx.close();
});

test('the takeover paints nothing larger than the pre-rendered page did: its largest paint stays the first one', async () => {
  // A live page whose header lost a class (a link's `classes` written as an
  // attribute) moved the text below it by 10 px; its lead paragraph, a
  // pixel taller, became a new largest contentful paint at the takeover,
  // 2.7 s instead of 1.3 s in Lighthouse's runs.
  for (const p of ['asn-2025', 'en/asn-2025', 'asn-2025/ekonomi', '', 'asn-2025/mal/hallbar-elforsorjning']) {
    const ctx = await env.browser.newContext({ viewport: { width: 412, height: 823 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1.75 });
    const page = await ctx.newPage();
    await page.addInitScript(() => {
      window.__lcp = [];
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) window.__lcp.push({ live: !!e.element?.closest('#insyn-app'), what: `${e.element?.tagName}.${e.element?.className}` });
      }).observe({ type: 'largest-contentful-paint', buffered: true });
    });
    await page.goto(`${env.url}${p}`);
    await painted(page);
    const entries = await page.evaluate(() => window.__lcp);
    assert.ok(entries.length > 0, `/${p}: a largest paint`);
    assert.deepEqual(entries.filter((e) => e.live), [], `/${p}: no largest paint from the live page`);
    await ctx.close();
  }
});

/** Two frames later, for the layout the reader sees. */
const painted = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** Where `top` settles: the same for five frames in a row (at most 3 s). */
async function steady(page, top) {
  let last = NaN;
  for (let same = 0, tries = 0; same < 5 && tries < 180; tries++) {
    await painted(page);
    const now = await top();
    same = Math.abs(now - last) < 0.5 ? same + 1 : 0;
    last = now;
  }
  return last;
}

/** Lets the viewer take over and checks that `top()` (of what the reader has in view) moves at most 2 px, then or 0.5 s later. */
async function keptInView(page, live, top, what) {
  // The pre-rendered page first settles where the reader left it: after a
  // jump, the blocks it scrolled past unseen are laid out a frame or two
  // later (content-visibility) and can move what is in view, before any
  // takeover; that is not the takeover's to keep.
  const before = await steady(page, top);
  await live();
  await painted(page);
  const after = await top();
  assert.ok(Math.abs(after - before) <= 2, `the ${what} in view moved from ${before} px to ${after} px`);
  await page.waitForTimeout(500);
  const later = await top();
  assert.ok(Math.abs(later - before) <= 2, `the ${what} in view moved from ${before} px to ${later} px after the takeover`);
}

test('a reader who scrolled down before the takeover keeps the same content in view', async () => {
  const { ctx, page, live } = await heldPage(`${env.url}asn-2025/ekonomi`);
  // Scroll down through the charts, as a reader does, to the sixth one.
  const figures = page.locator('#insyn-pre figure.chart');
  assert.ok(await figures.count() >= 8);
  for (let i = 0; i < 6; i++) {
    await page.mouse.wheel(0, 600);
    await page.waitForTimeout(50);
  }
  const label = await figures.nth(5).getAttribute('aria-labelledby');
  await figures.nth(5).evaluate((f) => f.scrollIntoView({ block: 'start' }));
  const top = () => page.evaluate((l) => document.querySelector(`figure[aria-labelledby="${l}"]`).getBoundingClientRect().top, label);
  // Nor does it move once the live page's charts near the window are drawn.
  await keptInView(page, live, top, 'chart');
  await ctx.close();
});

test('a reader who scrolled to a goal area before the takeover keeps it in view', async () => {
  // The goal areas below the first screen are laid out only when scrolled to
  // (content-visibility), so the live page's areas above the window have a
  // placeholder's height: the reader's place is kept by the area in view.
  const { ctx, page, live } = await heldPage(`${env.url}asn-2025`);
  const cards = page.locator('#insyn-pre .goal-card h4');
  assert.equal(await cards.count(), 14);
  for (let i = 0; i < 5; i++) {
    await page.mouse.wheel(0, 500);
    await page.waitForTimeout(50);
  }
  const title = await cards.nth(11).textContent();
  await cards.nth(11).evaluate((h) => h.scrollIntoView({ block: 'center' }));
  const top = () => page.evaluate((t) => [...document.querySelectorAll('.goal-card h4')]
    .find((h) => h.textContent === t).getBoundingClientRect().top, title);
  await keptInView(page, live, top, 'goal');
  await ctx.close();
});

test('what a reader typed, chose or pressed before the takeover is not lost', async () => {
  // Typed into the search box on the start page.
  {
    const { ctx, page, live } = await heldPage(env.url);
    await page.locator('#insyn-pre #search').fill('bistånd');
    await live();
    assert.equal(await page.locator('#search').inputValue(), 'bistånd');
    await page.locator('.search-results li').first().waitFor();
    await ctx.close();
  }
  // Chose a filter on a report.
  {
    const { ctx, page, live } = await heldPage(`${env.url}asn-2025`);
    assert.equal(await page.locator('#insyn-pre .goal-card').count(), 14);
    await page.locator('#insyn-pre #filter-status').selectOption('delvis_uppnatt');
    await live();
    await page.waitForFunction(() => document.querySelectorAll('.goal-card').length === 1);
    assert.match(page.url(), /status=delvis_uppnatt/);
    assert.equal(await page.locator('#filter-status').inputValue(), 'delvis_uppnatt');
    await ctx.close();
  }
  // Chose both filters: both hold, as if chosen on the live page.
  {
    const { ctx, page, live } = await heldPage(`${env.url}asn-2025`);
    await page.locator('#insyn-pre #filter-status').selectOption('uppnatt');
    await page.locator('#insyn-pre #filter-area').selectOption('uppvaxtvillkor');
    // Both answer before the viewer is live: the chosen area's achieved goals.
    const shown = await page.locator('#insyn-pre .goal-card').evaluateAll((cs) => cs.filter((c) => c.checkVisibility()).map((c) => c.closest('.goal-area').id + ' ' + c.dataset.status));
    assert.ok(shown.length > 0 && shown.every((s) => s === 'omrade-uppvaxtvillkor uppnatt'), shown.join());
    await live();
    await page.waitForFunction(() => /omrade=uppvaxtvillkor/.test(location.search));
    assert.match(page.url(), /status=uppnatt/, page.url());
    const cards = await page.locator('.goal-card').count();
    await page.goto(`${env.url}asn-2025?status=uppnatt&omrade=uppvaxtvillkor`);
    assert.equal(cards, await page.locator('.goal-card').count(), 'the same cards as with both filters chosen live');
    assert.ok(cards > 0 && cards < 14);
    await ctx.close();
  }
  // Ticked a board in the goal matrix's choice.
  {
    const { ctx, page, live } = await heldPage(`${env.url}jamfor/mal`);
    assert.equal(await page.locator('#insyn-pre table.matrix thead th').count(), 3, 'each board\'s latest: ASN 2025, FSN 2024');
    await page.locator('#insyn-pre').getByRole('checkbox', { name: /\(ASN\)/ }).check();
    await live();
    await page.waitForFunction(() => /namnd=ASN/.test(location.search));
    await page.waitForFunction(() => document.querySelectorAll('table.matrix thead th').length === 3);
    assert.deepEqual(await page.locator('table.matrix thead th').allInnerTexts(), ['Mål', 'ASN 2024', 'ASN 2025']);
    assert.equal(await page.getByRole('checkbox', { name: /\(ASN\)/ }).isChecked(), true);
    await ctx.close();
  }
  // Opened "Visa som tabell" under a chart: the table shows at once, and stays.
  {
    const { ctx, page, live } = await heldPage(`${env.url}asn-2025/ekonomi`);
    const pre = page.locator('#insyn-pre figure.chart').first().locator('details.chart-table');
    await pre.locator('summary').click();
    assert.ok(await pre.locator('table').isVisible(), 'the table answers before the viewer');
    await live();
    const view = page.locator('figure.chart').first().locator('details.chart-table');
    await view.locator('table').waitFor({ timeout: 5000 });
    assert.equal(await view.getAttribute('open'), '', 'still open on the live page');
    assert.equal(await page.locator('details.chart-table[open]').count(), 1, 'no other table opened');
    await ctx.close();
  }
});

test("with the viewer held back, a chart's marks answer their keys and the value panel reads them; the live page keeps the mark", async () => {
  const { ctx, page, live } = await heldPage(`${env.url}asn-2025/ekonomi`);
  const chart = page.locator('#insyn-pre figure.chart').first();
  const marks = chart.locator('.hit-layer .mark');
  const label = async (i) => marks.nth(i).getAttribute('aria-label');
  await marks.first().focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const third = await page.evaluate(() => document.activeElement.id);
  assert.match(third, /-m2$/, `two arrows down from the first mark reach the third: ${third}`);
  assert.deepEqual(await marks.evaluateAll((ms) => ms.map((m) => m.getAttribute('tabindex'))).then((t) => t.slice(0, 3)), ['-1', '-1', '0'], 'one tab stop, on the focused mark');
  assert.equal(await chart.locator('.tooltip').innerText(), await label(2), 'the value panel reads the focused mark');
  await page.keyboard.press('End');
  const n = await marks.count();
  assert.match(await page.evaluate(() => document.activeElement.id), new RegExp(`-m${n - 1}$`), 'End reaches the last mark');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  assert.match(await page.evaluate(() => document.activeElement.id), /-m1$/, 'Home, then right: the second mark');
  // Alt+right is the browser's "forward" (none here) and Ctrl+End the page's end: not the marks'.
  await page.evaluate(() => addEventListener('keydown', (e) => { globalThis.keptByMarks = e.defaultPrevented; }));
  for (const key of ['Alt+ArrowRight', 'Control+End']) {
    await page.evaluate(() => { globalThis.keptByMarks = undefined; });
    await page.keyboard.press(key);
    assert.equal(await page.evaluate(() => globalThis.keptByMarks), false, `${key} is left to the browser before the viewer`);
    assert.match(await page.evaluate(() => document.activeElement.id), /-m1$/, `${key} does not move among the marks`);
  }
  await live();
  assert.match(await page.evaluate(() => document.activeElement.id), /-m1$/, 'the live page keeps the focused mark');
  const liveChart = page.locator('figure.chart').first();
  await page.waitForFunction(() => document.activeElement?.closest('figure.chart')?.querySelector('.tooltip')?.textContent.includes(document.activeElement.getAttribute('aria-label')));
  await page.keyboard.press('ArrowRight');
  assert.match(await page.evaluate(() => document.activeElement.id), /-m2$/, 'and its arrows go on from there');
  await page.evaluate(() => { globalThis.keptByMarks = undefined; });
  await page.keyboard.press('Alt+ArrowRight');
  assert.equal(await page.evaluate(() => globalThis.keptByMarks), false, 'Alt+right (forward) is left to the browser on the live page');
  assert.match(await page.evaluate(() => document.activeElement.id), /-m2$/, 'and does not move among the marks');
  assert.ok((await liveChart.locator('.tooltip').innerText()).includes(await liveChart.locator('.hit-layer .mark').nth(2).getAttribute('aria-label')));
  await ctx.close();
});

test('with the viewer held back, each kind of control answers from the HTML, and 30 s later the live page keeps what the reader did', async () => {
  // The status filter, a disclosure (a goal's other years), a chart's
  // table view and a term's definition, each used while the wasm is held back.
  {
    const { ctx, page, live } = await heldPage(`${env.url}asn-2025`);
    const pre = page.locator('#insyn-pre');
    await pre.locator('#filter-status').selectOption('delvis_uppnatt');
    const shown = pre.locator('.goal-card:visible');
    assert.equal(await shown.count(), 1, 'the filter answers before the viewer');
    assert.equal(await shown.getAttribute('data-status'), 'delvis_uppnatt');
    assert.equal(await pre.locator('.goal-area:visible').count(), 1, 'areas left without a card are hidden');
    await page.waitForTimeout(30000);
    await live();
    assert.match(page.url(), /status=delvis_uppnatt/);
    assert.equal(await page.locator('.goal-card').count(), 1, 'the live page filters the same');
    await ctx.close();
  }
  {
    const { ctx, page, live } = await heldPage(`${env.url}asn-2025/mal/hallbar-elforsorjning`);
    const older = page.locator('#insyn-pre details.older');
    await older.locator('summary').click();
    assert.ok(await older.locator('li').first().isVisible(), 'the disclosure answers before the viewer');
    await older.locator('summary').focus();
    await page.waitForTimeout(30000);
    await live();
    const now = page.locator('details.older');
    await now.locator('li').first().waitFor({ timeout: 5000 });
    assert.equal(await now.getAttribute('open'), '', 'still open');
    assert.equal(await page.evaluate(() => document.activeElement.tagName), 'SUMMARY', 'focus stays on it');
    await ctx.close();
  }
  {
    // A chart's table view on the finance page, then a term's definition.
    const { ctx, page, live } = await heldPage(`${env.url}asn-2025/ekonomi`);
    const view = page.locator('#insyn-pre details.chart-table').nth(1);
    const key = await view.getAttribute('data-key');
    await view.locator('summary').click();
    const rows = await view.locator('tbody tr').count();
    assert.ok(rows > 0 && await view.locator('table').isVisible(), 'the table view answers before the viewer');
    const term = page.locator('#insyn-pre #term-kommunbidrag');
    await term.click();
    const def = page.locator('#def-kommunbidrag');
    assert.ok(await def.isVisible(), 'the definition answers before the viewer');
    assert.match(await def.textContent(), /skatteintäkter/);
    await page.waitForTimeout(30000);
    await live();
    const now = page.locator(`details.chart-table[data-key="${key}"]`);
    assert.equal(await now.getAttribute('open'), '', 'the live page keeps it open');
    await now.locator('tbody tr').first().waitFor({ timeout: 5000 });
    assert.equal(await now.locator('tbody tr').count(), rows, 'with the same rows');
    assert.equal(await page.locator('#insyn-pre').count(), 0, 'the live page took over');
    assert.ok(await def.evaluate((d) => d.matches(':popover-open')), 'the definition is still open');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'term-kommunbidrag', 'focus stays on the term');
    await ctx.close();
  }
});

test('on a CPU six times slower, what the reader opened is open the moment the viewer is live', async () => {
  // Issue #30: the viewer's renderer works in slices and yields between
  // them; on a slow CPU the page went live before its charts were built,
  // and a table view the reader had opened came back closed.
  {
    const { ctx, page, live } = await heldPage(`${env.url}asn-2025/ekonomi`, undefined, { cpu: 6 });
    const views = page.locator('#insyn-pre details.chart-table');
    const keys = [];
    for (const i of [1, 5]) {
      await views.nth(i).locator('summary').click();
      keys.push(await views.nth(i).getAttribute('data-key'));
    }
    await live();
    const open = await page.evaluate((keys) => keys.map((k) => document.querySelector(`details.chart-table[data-key="${k}"]`)?.open), keys);
    assert.deepEqual(open, [true, true], 'both table views are open at once');
    assert.equal(await page.locator('figure.chart[aria-busy]').count(), 0, 'no chart is still being built');
    await ctx.close();
  }
  {
    const { ctx, page, live } = await heldPage(`${env.url}asn-2025/mal/hallbar-elforsorjning`, undefined, { cpu: 6 });
    await page.locator('#insyn-pre details.older summary').click();
    await live();
    assert.equal(await page.locator('details.older').getAttribute('open'), '', 'the disclosure is still open');
    await ctx.close();
  }
});

test('a chart far below the view is built when the reader nears it; a press on it before then is not lost', async () => {
  // Issue #30: the takeover builds the charts near the view; the others
  // stay as the pre-rendered page drew them until the reader comes near.
  const ctx = await env.browser.newContext({ viewport: { width: 375, height: 700 }, acceptDownloads: true });
  const page = await ctx.newPage();
  await page.goto(`${env.url}asn-2025/ekonomi`);
  const last = page.locator('section.chart-section').last();
  const width = () => last.locator('.hit-layer').getAttribute('viewBox').then((v) => v.split(' ')[2]);
  // Live, the chart in view is drawn again at the reader's width, and the
  // one far below is still as the pre-rendered page drew it.
  await page.locator('section.chart-section').first().locator('.hit-layer[viewBox^="0 0 335 "]').waitFor();
  await page.waitForTimeout(500);
  assert.equal(await width(), '400', 'far below, the chart is as the pre-rendered page drew it');
  // A press on its CSV link (made without scrolling to it) downloads.
  const csv = last.locator('.chart-files a[type="text/csv"]');
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), csv.evaluate((b) => b.click())]);
  assert.match(download.suggestedFilename(), /\.csv$/);
  // A table view opened on a copy (tapped before it was built) is open,
  // with its table, on the chart built in its place.
  const sixth = page.locator('section.chart-section').nth(5);
  assert.equal(await sixth.locator('.hit-layer').getAttribute('viewBox').then((v) => v.split(' ')[2]), '400');
  await sixth.locator('details.chart-table > summary').evaluate((s) => s.click());
  await page.waitForFunction((id) => {
    const s = document.getElementById(id);
    return s.querySelector('.hit-layer').getAttribute('viewBox').split(' ')[2] === '335'
      && s.querySelector('details.chart-table').open && s.querySelector('details.chart-table table')?.checkVisibility();
  }, await sixth.getAttribute('id'), { timeout: 10000 });
  // Focus moved into one (a keyboard's Tab) stays on the same mark of the
  // chart built in its place.
  const far = page.locator('section.chart-section').nth(7);
  const mark = await far.locator('.hit-layer .mark').first().evaluate((m) => { m.focus({ preventScroll: true }); return m.id; });
  await page.waitForFunction((id) => document.activeElement?.id === id && document.getElementById(id).closest('svg').getAttribute('viewBox').split(' ')[2] === '335',
    mark, { timeout: 10000 });
  // Near the view, the chart is drawn again at the reader's width.
  const second = page.locator('section.chart-section').nth(6);
  await second.evaluate((s) => s.scrollIntoView());
  await page.waitForFunction((id) => document.getElementById(id).querySelector('.hit-layer').getAttribute('viewBox').split(' ')[2] === '335',
    await second.getAttribute('id'), { timeout: 10000 });
  await second.locator('.hit-layer .mark').first().focus();
  await page.keyboard.press('ArrowRight');
  assert.match(await page.evaluate(() => document.activeElement.id), /-m1$/, 'its marks answer their keys');
  // A link followed on a copy leads on in the viewer, as on the live page:
  // the page is not loaded again.
  await page.goto(`${env.url}asn-2025/ekonomi`);
  const ninth = page.locator('section.chart-section').nth(8);
  assert.equal(await ninth.locator('.hit-layer').getAttribute('viewBox').then((v) => v.split(' ')[2]), '400');
  await page.evaluate(() => { window.__samePage = true; });
  const to = await ninth.locator('h2 a').getAttribute('href');
  await ninth.locator('h2 a').evaluate((a) => a.click());
  await page.waitForURL((u) => u.pathname === to);
  await page.locator('h1').waitFor();
  assert.equal(await page.evaluate(() => window.__samePage), true, 'no page load');
  await ctx.close();
});

test('if the viewer cannot start, the page still reads and offers no control that cannot work', async () => {
  const ctx = await env.browser.newContext();
  const page = await ctx.newPage();
  await page.route('**/*_bg.wasm', (route) => route.fulfill({ status: 404, body: 'blocked' }));
  await page.gotoPrerendered(`${env.url}asn-2025/ekonomi`, { waitUntil: 'load' });
  // The viewer is asked for (this page has no control that needs it: the
  // test asks as such a control would; js.test.mjs has a press that fails).
  await page.evaluate(() => globalThis.insynStart());
  await page.waitForFunction(() => document.documentElement.classList.contains('insyn-failed'), null, { timeout: 10000 });
  assert.ok(await page.locator('#insyn-pre figure.chart svg').count() >= 8, 'the charts still read');
  assert.equal(await page.getByRole('button').evaluateAll((bs) => bs.filter((b) => !b.popoverTargetElement && !b.dataset.opens).length), 0,
    'no button that could not work (a term\'s opens its definition from the HTML, "Bädda in" its dialog)');
  await page.getByRole('button', { name: 'Bädda in' }).first().click();
  await page.getByRole('dialog').getByRole('button', { name: 'Kopiera koden' }).waitFor();
  await ctx.close();
});

test('focus and a press carry over to the same control when the live page has more controls, in either language', async () => {
  // A report opened earlier in this tab is restored: the live start page
  // has its link and a "close" button before the list of reports.
  {
    const own = fs.readFileSync(path.join(here, '..', 'docs', 'examples', 'minimal-annual-analysis.json'), 'utf8');
    const { ctx, page, live } = await heldPage(env.url, (p) => p.addInitScript((text) => {
      sessionStorage.setItem('insyn-egen-rapport-namn', 'exempel.json');
      sessionStorage.setItem('insyn-egen-rapport', text);
    }, own));
    await page.locator('#insyn-pre a[href$="/fsn-2024"]').first().focus();
    await live();
    assert.equal(await page.locator('a[href$="/egen-exempel-2026"]').count(), 1, 'the own report is restored');
    const focused = await page.evaluate(() => [document.activeElement.getAttribute('href'), !!document.activeElement.closest('#insyn-app')]);
    assert.deepEqual(focused, ['/fsn-2024', true], 'focus stays on the same report link');
    await ctx.close();
  }
  // On an English page (English remembered, so the viewer stays there),
  // the third chart's table view, opened from the keyboard, stays open,
  // and focus stays on it.
  {
    const { ctx, page, live } = await heldPage(`${env.url}en/asn-2025/ekonomi`, (p) => p.addInitScript(() => localStorage.setItem('insyn-sprak', 'en')));
    const third = page.locator('#insyn-pre figure.chart').nth(2).locator('details.chart-table');
    const key = await third.getAttribute('data-key');
    await third.locator('summary').focus();
    await page.keyboard.press('Enter');
    assert.ok(await third.locator('table').isVisible());
    await live();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    const view = page.locator(`details[data-key="${key}"]`);
    await view.locator('table').waitFor({ timeout: 5000 });
    assert.equal(await view.locator('summary').innerText(), 'Show as table');
    assert.equal(await page.locator('details.chart-table[open]').count(), 1, 'no other chart changed');
    assert.equal(await page.evaluate(() => document.activeElement.parentElement.dataset.key), key, 'focus stays on the same table view');
    await ctx.close();
  }
});

/** Every HTML file below `dir`. */
function htmlFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return htmlFiles(p);
    return e.name.endsWith('.html') ? [p] : [];
  });
}

/** The addresses in an HTML file's href, src and action attributes, quoted or not. */
function addresses(html) {
  return [...html.matchAll(/\s(?:href|src|action)=(?:"([^"]*)"|'([^']*)'|([^\s>]+))/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

test('no pre-rendered file of the /insyn/ build links, loads or fetches outside /insyn/', async () => {
  // Every file, as written: links, scripts, stylesheets (embeds included).
  const files = htmlFiles(DIST_SUBPATH).filter((f) => !f.endsWith('embed-demo.html'));
  assert.ok(files.length > 140, `${files.length} files`);
  const outside = [];
  for (const f of files) {
    for (const a of addresses(fs.readFileSync(f, 'utf8'))) {
      if (!(a.startsWith('#') || a.startsWith('data:') || a.startsWith('/insyn/'))) outside.push(`${path.relative(DIST_SUBPATH, f)}: ${a}`);
    }
  }
  assert.deepEqual(outside.slice(0, 10), [], `${outside.length} addresses leave the base`);
  // The boot script and the embed loader start from the base.
  const boot = fs.readdirSync(DIST_SUBPATH).find((f) => /^boot-.*\.js$/.test(f));
  // (minified: the base is a constant of its own, `const e="/insyn/"`)
  assert.match(fs.readFileSync(path.join(DIST_SUBPATH, boot), 'utf8'), /^const \w+="\/insyn\/"[,;]/);
  // And what the pages fetch once live, and the links of an embed without JavaScript.
  const srv = await startServer({ root: DIST_SUBPATH, base: '/insyn/' });
  const browser = await launch();
  try {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const requests = [];
    page.on('request', (r) => requests.push(new URL(r.url())));
    for (const p of ['asn-2025', 'inbaddning/asn-2025/mal/sjalvforsorjning', 'asn-2025/ekonomi', 'jamfor/ekonomi']) {
      await page.goto(`${srv.url}${p}`);
    }
    const left = requests.filter((u) => u.protocol !== 'data:' && !(u.origin === srv.origin && u.pathname.startsWith('/insyn/')));
    assert.ok(requests.length > 10);
    assert.deepEqual(left.map(String), []);
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const embed = await noJs.newPage();
    await embed.gotoPrerendered(`${srv.url}inbaddning/asn-2025`);
    assert.equal(await embed.locator('.full-link a').getAttribute('href'), '/insyn/asn-2025', "the embed's link to the full view");
  } finally {
    await browser.close();
    srv.server.close();
  }
});
