// Swedish and English, phones, print and dark mode.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import { setup, scrollThroughCharts } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env.close(); });

test('the language switch is kept in the address and remembered for the next visit', async () => {
  const { context, url } = env;
  const page = await context.newPage();
  await page.goto(url + 'asn-2025');
  await page.getByRole('link', { name: 'In English' }).click();
  // The English page is a page of its own, pre-rendered at its file's address.
  await page.waitForURL(/\/en\/asn-2025\/?$/);
  await page.getByText('13 of 14 goals achieved, 1 partly').waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  // Goal titles stay as printed, marked Swedish, with an English gloss.
  await page.locator('h4[lang="sv"]', { hasText: 'Malmö stad arbetar för att ge barn och unga goda uppväxtvillkor' }).waitFor();
  await page.getByText('In English: Good conditions for children and young people to grow up in').waitFor();
  // English numbers.
  await page.getByText(/4,594\u00a0tkr \(4\.6\u00a0mnkr\)/).waitFor();
  // A new visit without ?lang comes back in English.
  const again = await context.newPage();
  await again.goto(url);
  await again.waitForURL(/\/en\/?$/);
  await again.getByRole('heading', { level: 1, name: "How Malmö's boards did: goals and budgets" }).waitFor();
  await again.getByRole('link', { name: 'På svenska' }).click();
  await again.waitForURL(/lang=sv/);
  await again.getByRole('heading', { level: 1, name: 'Så gick det för Malmö stads nämnder: mål och budget' }).waitFor();
  const third = await context.newPage();
  await third.goto(url + 'asn-2025');
  await third.getByText('13 av 14 mål uppnådda, 1 delvis').waitFor();
  assert.equal(await third.locator('html').getAttribute('lang'), 'sv');
  await Promise.all([page.close(), again.close(), third.close()]);
});

test('dates and amounts follow the language', async () => {
  const { context, url } = env;
  const page = await context.newPage();
  await page.goto(url + 'asn-granskning-arbetsmarknadsinsatser');
  await page.getByText('1 okt. 2025', { exact: false }).first().waitFor();
  await page.goto(url + 'asn-granskning-arbetsmarknadsinsatser?lang=en');
  await page.getByText('1 Oct 2025', { exact: false }).first().waitFor();
  await page.goto(url + 'asn-2025/ekonomi/budgetavvikelse?lang=en');
  await page.getByText(/Largest deficit: Boende, tillsyn och service \(BTS\), −109\.4/).waitFor();
  await page.close();
});

test('on a phone: no horizontal scrolling, tap shows a tooltip, touch targets of at least 24 px', async () => {
  const { browser, url } = env;
  const ctx = await browser.newContext({ viewport: { width: 320, height: 640 }, hasTouch: true, isMobile: true });
  const page = await ctx.newPage();
  await page.goto(url + 'asn-2025/ekonomi/budgetavvikelse');
  await page.locator('rect.mark').first().waitFor();
  await page.locator('rect.mark').nth(2).tap();
  assert.match(await page.locator('.tooltip').innerText(), /Boende, tillsyn och service/);
  const small = await page.evaluate(() => Array.from(document.querySelectorAll('button, select, input, nav a, rect.mark'))
    .map((el) => ({ el: el.outerHTML.slice(0, 60), r: el.getBoundingClientRect() }))
    .filter(({ r }) => r.width > 0 && (r.width < 24 || r.height < 24))
    .map(({ el, r }) => `${el} ${r.width}x${r.height}`));
  assert.deepEqual(small, []);
  // The menu is within reach at the bottom of the screen.
  const nav = await page.locator('nav').boundingBox();
  assert.ok(nav.y + nav.height >= 640 - 1, `menu at ${nav.y}`);
  await ctx.close();
});

test('on a phone every chart\'s words stand apart: no label overlaps a value or another label', async () => {
  const { browser, url } = env;
  for (const width of [320, 375]) {
    const ctx = await browser.newContext({ viewport: { width, height: 800 }, hasTouch: true, isMobile: true });
    const page = await ctx.newPage();
    await page.goto(url + 'asn-2025/ekonomi');
    // The reader scrolls through the page: once live, each chart is drawn
    // again at the reader's width when the reader nears it.
    await scrollThroughCharts(page);
    const overlaps = await page.evaluate(() => [...document.querySelectorAll('.chart-svg svg')].flatMap((svg, i) => {
      const boxes = [...svg.querySelectorAll('text')].map((t) => ({ t: t.textContent, r: t.getBoundingClientRect() }));
      return boxes.flatMap((a, j) => boxes.slice(j + 1)
        .filter((b) => a.r.left < b.r.right - 1 && b.r.left < a.r.right - 1 && a.r.top < b.r.bottom - 1 && b.r.top < a.r.bottom - 1)
        .map((b) => `chart ${i + 1}: "${a.t}" / "${b.t}"`));
    }));
    assert.ok(await page.locator('.chart-svg svg text').count() > 20, 'the charts have words');
    assert.deepEqual(overlaps, [], `${width} px`);
    await ctx.close();
  }
});

test('a report prints as a clean document with its goals and result', async () => {
  const { context, url } = env;
  const page = await context.newPage();
  await page.goto(url + 'asn-2025?lang=sv');
  await page.locator('.goal-card').first().waitFor();
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('nav').isVisible(), false, 'no navigation on paper');
  assert.equal(await page.getByRole('button', { name: 'Bädda in' }).isVisible(), false, 'no buttons on paper');
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const file = path.join(os.tmpdir(), `insyn-print-${process.pid}.pdf`);
  fs.writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-layout', file, '-']).toString().replace(/\s+/g, ' ');
  for (const title of ['Malmö stad arbetar för att öka andelen Malmöbor som är självförsörjande', 'Malmö stad ger en god och likvärdig service']) {
    assert.ok(text.includes(title), `PDF holds "${title}"`);
  }
  assert.match(text, /4\s594\s+tkr/, 'the result figure');
  assert.match(text, /Uppnått/);
  assert.doesNotMatch(text, /Bädda in|Visa som tabell|Hoppa till innehållet/);
  fs.unlinkSync(file);
  await page.close();
});

test('dark mode keeps WCAG AA contrast (axe) on the main page types', async () => {
  const { browser, url } = env;
  const ctx = await browser.newContext({ colorScheme: 'dark', viewport: { width: 1280, height: 900 } });
  for (const p of ['', 'asn-2025', 'asn-2025/ekonomi', 'jamfor/mal']) {
    const page = await ctx.newPage();
    await page.goto(url + p);
    await page.locator('h1').first().waitFor();
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(bg, 'rgb(18, 20, 23)', 'dark background');
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3)}`), [], `/${p}`);
    await page.close();
  }
  await ctx.close();
});
