// End-to-end: the release build on a plain static server, in Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { setup, DIST, DIST_SUBPATH } from './helpers.mjs';

const manifest = JSON.parse(fs.readFileSync(path.join(DIST, 'reports', 'index.json'), 'utf8'));
let env;
before(async () => { env = await setup(); });
after(async () => { await env.close(); });

test('the start page lists every bundled report with its status summary', async () => {
  const { page, url } = env;
  await page.goto(url);
  await page.getByRole('heading', { level: 1 }).waitFor();
  for (const r of manifest.reports) {
    await page.locator(`a[href$="/${r.id}"]`).first().waitFor({ timeout: 10000 });
  }
  await page.getByText('13 av 14 mål uppnådda, 1 delvis').waitFor();
  assert.equal(await page.title(), 'Rapporter – Insyn');
});

test('start → report → goal → comparison, then back and forward with the browser history', async () => {
  const { page, url } = env;
  await page.goto(url);
  await page.locator('a[href$="/asn-2025"]').first().click();
  await page.getByRole('heading', { level: 1, name: /Årsanalys 2025/ }).waitFor();
  // The start page and a report's pages are two modules: the link loads the
  // report's page, pre-rendered (its viewer starts when asked for), at the
  // address of its file.
  await page.waitForURL(/\/asn-2025\/?$/);
  assert.equal(await page.locator('.goal-card').count(), 14);
  await page.locator('a[href$="/asn-2025/mal/hallbar-elforsorjning"]').click();
  await page.getByRole('heading', { level: 1, name: /elförsörjning/ }).waitFor();
  await page.getByRole('link', { name: 'Jämför mål' }).click();
  await page.getByRole('heading', { level: 1, name: 'Jämför målen' }).waitFor();
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: /elförsörjning/ }).waitFor();
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: /Årsanalys 2025/ }).waitFor();
  await page.goForward();
  await page.getByRole('heading', { level: 1, name: /elförsörjning/ }).waitFor();
  assert.match(await page.title(), /elförsörjning/);
});

test("a report page loads its family's module alone, and no validator", async () => {
  const { url } = env;
  const page = await env.context.newPage();
  const code = [];
  const note = (r) => { if (/\.wasm$/.test(r.url())) code.push(new URL(r.url()).pathname); };
  page.on('request', note);
  try {
    await page.goto(url + 'asn-2025');
    await page.locator('.goal-card').first().waitFor();
    await page.waitForLoadState('networkidle');
  } finally {
    await page.close();
  }
  assert.equal(code.length, 1, code.join(', '));
  assert.match(code[0], /\/insyn-report-[0-9a-f]{16}_bg\.wasm$/);
});

test('each page asks for the files its viewer reads first with its module, once, and the viewer takes them', async () => {
  // Served files as the host sees them, in order (the 301s aside).
  const served = [];
  const own = await setup({ headersFor: (p) => { served.push(p); return {}; } });
  try {
    const { page, url, errors } = own;
    // The English page last: it makes English the reader's choice, which a
    // Swedish page then follows to its English page.
    const pages = ['asn-2025', 'asn-2025/ekonomi', 'asn-2025/mal/sjalvforsorjning', '', 'begrepp', 'jamfor/mal',
      'namnd/asn', 'kf-mal/klimatneutral-2030', 'inbaddning/asn-2025', 'en/asn-2025'];
    for (const p of pages) {
      served.length = 0;
      await page.goto(url + p);
      await page.waitForFunction(() => document.documentElement.dataset.insynState === 'live', null, { timeout: 20000 });
      await page.waitForLoadState('networkidle');
      const reads = (await page.locator('meta[name=insyn-reads]').getAttribute('content')).split(' ');
      assert.ok(reads.length > 0 && reads.every((f) => f.endsWith('.json')), `${p}: ${reads}`);
      // When the page asked for each file (the host may see them in another order).
      const asked = new Map(await page.evaluate(() => performance.getEntriesByType('resource')
        .map((e) => [new URL(e.name).pathname, e.startTime])));
      const wasm = [...asked].find(([f]) => f.endsWith('_bg.wasm'))?.[1];
      assert.ok(wasm > 0, `${p}: the module's wasm`);
      for (const f of reads) {
        // Once: the viewer took the boot script's answer rather than asking again.
        assert.equal(served.filter((s) => s === `/${f}`).length, 1, `${p}: ${f} in ${served.join(' ')}`);
        // With the module: asked for before its wasm, not after its first render.
        assert.ok(asked.get(`/${f}`) < wasm, `${p}: ${f} at ${asked.get(`/${f}`)} ms, the wasm at ${wasm} ms`);
      }
      // Every answer was taken: the page lists no file its viewer does not read.
      assert.equal(await page.evaluate(() => globalThis.insynReads.size), 0, p);
      // And it lists every file its viewer read to go live.
      const unlisted = served.filter((s) => s.endsWith('.json') && !reads.includes(s.slice(1)));
      assert.deepEqual(unlisted, [], p);
    }
    // English is now the reader's choice: a Swedish page goes to its English
    // page and asks for nothing of its own (its terms are Swedish).
    served.length = 0;
    await page.goto(url + 'asn-2025/ekonomi');
    await page.waitForURL(/\/en\/asn-2025\/ekonomi\/?$/);
    await page.waitForFunction(() => document.documentElement.dataset.insynState === 'live', null, { timeout: 20000 });
    await page.waitForLoadState('networkidle');
    assert.deepEqual(served.filter((s) => s.endsWith('.json')).sort(), ['/glossary-terms-en.json', '/reports/asn-2025.json']);
    assert.deepEqual(errors, []);
  } finally {
    await own.close();
  }
});

test('deep links open directly, with and without a trailing slash', async () => {
  const { page, url, errors } = env;
  for (const p of ['asn-2025/ekonomi', 'asn-2025/ekonomi/', 'asn-2025/mal/sjalvforsorjning', 'jamfor/mal/', 'inbaddning/asn-2025']) {
    await page.goto(url + p);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    assert.doesNotMatch(await page.locator('h1').first().innerText(), /Sidan finns inte/, p);
  }
  assert.deepEqual(errors, []);
});

test('an unknown path shows a helpful not-found page with links', async () => {
  const { page, url } = env;
  const resp = await page.goto(url + 'det/har/finns/inte');
  assert.equal(resp.status(), 404);
  await page.getByRole('heading', { level: 1, name: 'Sidan finns inte' }).waitFor();
  await page.locator('a[href$="/asn-2025"]').first().waitFor();
});

test('the site works under a subpath such as /insyn/', async () => {
  const sub = await setup({ root: DIST_SUBPATH, base: '/insyn/' });
  try {
    await sub.page.goto(sub.url + 'asn-2025/mal/sjalvforsorjning');
    await sub.page.getByRole('heading', { level: 1, name: /självförsörjande/ }).waitFor();
    await sub.page.getByRole('link', { name: 'Rapporter', exact: true }).click();
    await sub.page.getByText('13 av 14 mål uppnådda, 1 delvis').waitFor();
    assert.equal(new URL(sub.page.url()).pathname, '/insyn/');
    assert.deepEqual(sub.errors, []);
  } finally {
    await sub.close();
  }
});

test('a report file that fails to load names the file; the other reports still work', async () => {
  const broken = await setup({ overrides: { '/reports/asn-2024.json': { status: 404, body: 'nope' } } });
  try {
    await broken.page.goto(broken.url + 'asn-2024/ekonomi');
    const alert = broken.page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /reports\/asn-2024\.json/);
    await broken.page.goto(broken.url + 'asn-2025');
    await broken.page.locator('.goal-card').first().waitFor();
  } finally {
    await broken.close();
  }
});

test('axe-core finds no WCAG 2.1 A/AA violations on the main page types', async () => {
  const { context, url } = env;
  for (const p of ['', 'asn-2025', 'asn-2025/mal/sjalvforsorjning', 'asn-2025/ekonomi', 'asn-granskning-arbetsmarknadsinsatser', 'jamfor/mal', 'finns-inte/a/b/c']) {
    const page = await context.newPage();
    await page.goto(url + p);
    await page.locator('h1').first().waitFor();
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
    assert.deepEqual(summary, [], `/${p}`);
    await page.close();
  }
});

test('a filter is kept in the address and survives a reload', async () => {
  const { page, url } = env;
  await page.goto(url + 'asn-2025');
  await page.locator('.goal-card').first().waitFor();
  await page.getByLabel('Visa bedömning').selectOption('delvis_uppnatt');
  await page.waitForURL(/status=delvis_uppnatt/);
  assert.equal(await page.locator('.goal-card').count(), 1);
  await page.reload();
  await page.locator('.goal-card').first().waitFor();
  assert.equal(await page.locator('.goal-card').count(), 1);
  assert.equal(await page.getByLabel('Visa bedömning').inputValue(), 'delvis_uppnatt');
  await page.getByLabel('Visa målområde').selectOption('god-organisation');
  await page.waitForURL(/omrade=god-organisation/);
  await page.getByText('Inga mål passar filtret.').waitFor();
});

test('a chart is usable by keyboard: arrow keys move between marks and the tooltip follows', async () => {
  const { page, url } = env;
  await page.goto(url + 'asn-2025/ekonomi/budgetavvikelse');
  const first = page.locator('rect.mark[tabindex="0"]');
  await first.focus();
  const tooltip = page.locator('.tooltip');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.match(await tooltip.innerText(), /Boende, tillsyn och service.*−109\s407\stkr \(−109,4\smnkr\)/);
  const focused = await page.evaluate(() => document.activeElement.getAttribute('aria-label'));
  assert.match(focused, /Boende, tillsyn och service/);
  // Exactly one mark stays in the tab order.
  assert.equal(await page.locator('rect.mark[tabindex="0"]').count(), 1);
  await page.keyboard.press('End');
  assert.match(await tooltip.innerText(), /Stab och förvaltningsövergripande/);
  // Hover shows the same tooltip.
  const box = await page.locator('rect.mark').nth(1).boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  assert.match(await tooltip.innerText(), /Individ- och familjeomsorg/);
  // The table view (a disclosure) shows a real table with header cells.
  const view = page.locator('details.chart-table').first();
  await view.locator('summary', { hasText: 'Visa som tabell' }).click();
  assert.equal(await view.getAttribute('open'), '');
  await view.locator('table caption').waitFor();
  assert.ok(await page.locator('th[scope="row"]').count() >= 5);
});

test('CSV download holds exactly the table shown', async () => {
  const { page, url } = env;
  await page.goto(url + 'asn-2025/ekonomi/budgetavvikelse');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: /^CSV/ }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'asn-2025-budgetavvikelse.csv');
  const text = fs.readFileSync(await download.path(), 'utf8');
  const lines = text.replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(lines.length, 6, 'header + 4 areas + total');
  assert.match(lines[0], /^Rad;Kommunbidrag;Utfall budgetavvikelse;Enhet$/);
  assert.ok(lines.some((l) => l.includes(';537093;-109407;tkr')));
});

test('no horizontal scrolling from 320 px to 1440 px wide', async () => {
  const { browser, url } = env;
  for (const width of [320, 375, 768, 1440]) {
    const ctx = await browser.newContext({ viewport: { width, height: 800 } });
    const page = await ctx.newPage();
    for (const p of ['', 'asn-2025', 'asn-2025/ekonomi', 'jamfor/mal', 'asn-granskning-arbetsmarknadsinsatser']) {
      await page.goto(url + p);
      await page.locator('h1').first().waitFor();
      const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(over <= 0, `${width}px /${p}: page is ${over}px wider than the viewport`);
    }
    await ctx.close();
  }
});

test('the finance comparison: the reader picks the editions, and the address keeps the choice', async () => {
  const { page, url, errors } = env;
  const before = errors.length;
  await page.goto(url + 'jamfor/ekonomi');
  await page.getByRole('heading', { level: 1, name: 'Jämför ekonomin' }).waitFor();
  // By default the board's two latest editions, oldest first.
  assert.equal(await page.locator('#compare-board').inputValue(), 'ASN');
  assert.equal(await page.locator('#compare-from').inputValue(), 'asn-2024');
  assert.equal(await page.locator('#compare-to').inputValue(), 'asn-2025');
  await page.getByText('ASN 2024 → ASN 2025.').waitFor();
  // The households series across the editions, and the tables both share.
  assert.equal(await page.locator('.compare-series').count(), 2);
  await page.locator('[aria-label="2022, ASN Årsanalys 2024: 11\u00a0201"]').waitFor();
  const pairs = await page.locator('.compare-pair').count();
  assert.ok(pairs >= 9, `${pairs} tables side by side`);
  assert.equal(await page.locator('.compare-pair h3').first().innerText(), 'ASN 2024');
  // Choosing the later edition on the left swaps the two, and the address says so.
  await page.locator('#compare-to').selectOption('asn-2024');
  await page.waitForURL(/fran=asn-2025/);
  assert.match(page.url(), /till=asn-2024/);
  await page.getByText('ASN 2025 → ASN 2024.').waitFor();
  assert.equal(await page.locator('.compare-pair h3').first().innerText(), 'ASN 2025');
  // A reload (or a shared link) keeps the choice.
  await page.reload();
  await page.getByText('ASN 2025 → ASN 2024.').waitFor();
  assert.equal(await page.locator('#compare-from').inputValue(), 'asn-2025');
  assert.equal(await page.locator('#compare-to').inputValue(), 'asn-2024');
  assert.equal(await page.locator('.compare-pair').count(), pairs);
  assert.deepEqual(errors.slice(before), []);
});
