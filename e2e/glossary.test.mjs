// Plain words: a glossary term on a page shows its definition on demand,
// by keyboard and by tap, in a popover below the line it stands in, with a
// link to the term on the glossary page (/begrepp); the same without
// JavaScript, from the page's HTML.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { setup, scrollThroughCharts } from './helpers.mjs';

let env;
before(async () => { env = await setup({ viewport: { width: 375, height: 800 } }); });
after(async () => { await env.close(); });

const FINANCE = () => `${env.url}asn-2025/ekonomi`;

/** The term's button, and its definition (the popover it opens). */
function term(page, name) {
  const button = page.getByRole('button', { name, exact: true }).first();
  return { button, region: async () => page.locator(`#${await button.getAttribute('popovertarget')}`) };
}

/** Whether the term's definition is open (shown in the top layer). */
function isOpen(button) {
  return button.evaluate((b) => !!b.popoverTargetElement?.matches(':popover-open'));
}

async function focusedId(page) {
  return page.evaluate(() => document.activeElement?.id ?? null);
}

test('a term opens by keyboard (Enter and Space), Escape closes it and focus returns', async () => {
  const { page } = env;
  await page.goto(FINANCE());
  await page.waitForFunction(() => document.documentElement.dataset.insynState === 'live');
  const t = term(page, 'Kommunbidrag');
  await t.button.waitFor();
  assert.equal(await isOpen(t.button), false);
  const region = await t.region();
  assert.equal(await region.isVisible(), false, 'closed: nothing shown');
  const id = await t.button.getAttribute('id');

  await t.button.focus();
  await page.keyboard.press('Enter');
  assert.equal(await isOpen(t.button), true);
  assert.ok(await region.isVisible());
  assert.match(await region.textContent(), /skatteintäkter/, 'the definition in plain Swedish');

  await page.keyboard.press('Escape');
  assert.equal(await isOpen(t.button), false);
  assert.equal(await region.isVisible(), false);
  assert.equal(await focusedId(page), id, 'focus stays on the term');

  await page.keyboard.press('Space');
  assert.equal(await isOpen(t.button), true, 'Space opens too');
  // The definition is next in the keyboard's order; from the link inside
  // it, Escape closes and focus returns.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Mer om begreppet');
  await page.keyboard.press('Escape');
  assert.equal(await isOpen(t.button), false);
  assert.equal(await focusedId(page), id, 'focus returns to the term');
  assert.deepEqual(env.errors, []);
});

test('a term opens by tap on a 320 px phone, below its line, covering neither the word nor its line', async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 320, height: 640 }, hasTouch: true, isMobile: true });
  const page = await ctx.newPage();
  try {
    await page.goto(FINANCE());
    await page.waitForFunction(() => document.documentElement.dataset.insynState === 'live');
    const t = term(page, 'Kommunbidrag');
    await t.button.tap();
    assert.equal(await isOpen(t.button), true);
    const region = await t.region();
    await region.waitFor();
    const b = await t.button.boundingBox();
    const d = await region.boundingBox();
    // Below the word's line, or above it where the window has no room below.
    assert.ok(d.y >= b.y + b.height - 1 || d.y + d.height <= b.y + 1,
      `the definition opens below or above the term (${d.y}…${d.y + d.height}, the term ${b.y}…${b.y + b.height})`);
    assert.ok(d.x >= 0 && d.x + d.width <= 320 + 0.5, `it fits the screen (${d.x}…${d.x + d.width})`);
    // Nothing lies on the word or its line: they are still what a point there hits.
    const covered = await t.button.evaluate((button) => {
      const r = button.getBoundingClientRect();
      const p = button.closest('p');
      const line = p.getBoundingClientRect();
      const hits = [document.elementFromPoint(r.left + 2, r.top + r.height / 2),
        document.elementFromPoint(line.left + 2, r.top + r.height / 2)];
      return hits.some((hit) => !p.contains(hit));
    });
    assert.equal(covered, false, 'the word and its line are not covered');
    await t.button.tap();
    assert.equal(await isOpen(t.button), false, 'a second tap closes it');
    // Only the first occurrence on the page is marked.
    assert.equal(await page.locator('.term-button', { hasText: /^Kommunbidrag$/i }).count(), 1);
  } finally {
    await ctx.close();
  }
});

test('an open definition keeps the page free of axe violations', async () => {
  const { page } = env;
  await page.goto(FINANCE());
  await term(page, 'Kommunbidrag').button.click();
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  assert.deepEqual(r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), []);
});

test('in English the English words are marked and the definition is in English', async () => {
  const { page } = env;
  await page.goto(`${FINANCE()}?lang=en`);
  // The first table's description, in English, marks its terms.
  const t = term(page, 'Municipal allocation');
  await t.button.click();
  assert.match(await (await t.region()).textContent(), /tax income/);
  assert.ok(await page.locator('.term-button', { hasText: /^budget deviation$/ }).isVisible());
  // A chart's title stays as printed (Swedish); its term is explained in English.
  const title = term(page, 'Resultaträkning');
  await title.button.click();
  assert.match(await (await title.region()).textContent(), /income statement/i);
  // The report's English summary marks its terms too.
  await page.goto(`${env.url}en/asn-2024`);
  const lead = page.locator('p.lead .term-button', { hasText: /^municipal allocation$/ });
  assert.equal(await lead.count(), 1);
});

test('a term is marked where the reader sees it, and in a table once it is opened', async () => {
  const { page } = env;
  await page.goto(`${FINANCE()}?lang=sv`);
  // The reader scrolls through the page, then back: each chart section is
  // built when the reader nears it.
  await scrollThroughCharts(page);
  await page.evaluate(() => scrollTo(0, 0));
  // Every marked term is visible: none was left to a table still closed.
  const buttons = page.locator('.term-button');
  const n = await buttons.count();
  assert.ok(n >= 10, `${n} terms marked`);
  for (let i = 0; i < n; i++) {
    assert.ok(await buttons.nth(i).isVisible(), `${await buttons.nth(i).textContent()} is visible`);
  }
  // "ekonomiskt bistånd" is first in the first table's row headers (closed):
  // the description that shows it marks it.
  const eb = page.locator('.term-button', { hasText: /^ekonomiskt bistånd$/ });
  assert.equal(await eb.count(), 1);
  assert.ok(await eb.isVisible());
  assert.equal(await eb.evaluate((b) => b.closest('p') !== null && b.closest('table') === null), true);
  // IFO is in no text shown with the page: opening the first table shows it
  // marked there, in the row header "Individ- och familjeomsorg (IFO)".
  assert.equal(await page.locator('#term-ifo').count(), 0);
  await page.locator('[data-key="asn-2025-budgetavvikelse-table"] > summary').click();
  const ifo = page.locator('table th #term-ifo');
  await ifo.waitFor();
  assert.ok(await ifo.isVisible(), 'the marked IFO is visible');
  assert.match(await ifo.evaluate((b) => b.closest('th').textContent), /\(IFO\)/);
  await ifo.click();
  assert.match(await page.locator(`#${await ifo.getAttribute('popovertarget')}`).textContent(), /familjeomsorg/);
});

test('the start page marks a term in a report\'s line, in both languages', async () => {
  const { page } = env;
  for (const [url, words, def] of [[`${env.url}?lang=sv`, 'nämndens', /förtroendevalda/], [`${env.url}en/`, 'board', /elected politicians/]]) {
    await page.goto(url);
    const t = page.locator('.summary-line .term-button', { hasText: new RegExp(`^${words}$`) });
    assert.equal(await t.count(), 1, `${url}: ${words} marked once`);
    assert.ok(await t.isVisible());
    await t.click();
    assert.match(await page.locator(`#${await t.getAttribute('popovertarget')}`).textContent(), def);
  }
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  assert.deepEqual(r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), []);
});

test('without JavaScript a term shows its definition, which links to its entry on the glossary page', async () => {
  const ctx = await env.browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  try {
    await page.gotoPrerendered(FINANCE());
    const t = term(page, 'Kommunbidrag');
    assert.equal(await page.locator('.term-button', { hasText: /^Kommunbidrag$/ }).count(), 1);
    await t.button.click();
    const region = await t.region();
    assert.ok(await region.isVisible(), 'the definition opens from the HTML');
    assert.match(await region.textContent(), /skatteintäkter/);
    const link = region.getByRole('link', { name: 'Mer om begreppet' });
    assert.equal(await link.getAttribute('href'), '/begrepp#kommunbidrag');
    await link.click();
    await page.waitForURL(/\/begrepp\/?#kommunbidrag$/);
    await page.getByRole('heading', { level: 1, name: 'Begrepp och förkortningar' }).waitFor();
    assert.match(await page.locator('dt#kommunbidrag + dd').textContent(), /skatteintäkter/);
    // The entry links the pages the term is on.
    assert.ok(await page.locator('dt#budgetavvikelse + dd a[href="/asn-2025/ekonomi/budgetavvikelse"]').count() === 1);
  } finally {
    await ctx.close();
  }
});

test('the glossary page is in the footer and lists its terms alphabetically', async () => {
  const { page } = env;
  await page.goto(`${env.url}?lang=sv`); // the English test before left English remembered
  await page.locator('footer').getByRole('link', { name: 'Begrepp och förkortningar' }).click();
  await page.getByRole('heading', { level: 1, name: 'Begrepp och förkortningar' }).waitFor();
  // The start page had only the terms (glossary-terms-sv.json): the glossary
  // page fetches the whole glossary, with the pages each term is on.
  await page.locator('dt#budgetavvikelse + dd a[href="/asn-2025/ekonomi/budgetavvikelse"]').waitFor();
  const terms = await page.locator('dl.glossary dt').evaluateAll((dts) => dts.map((d) => d.textContent.trim()));
  assert.ok(terms.length >= 30, `${terms.length} terms`);
  const sorted = [...terms].sort((a, b) => a.localeCompare(b, 'sv', { sensitivity: 'base' }));
  assert.deepEqual(terms, sorted);
  assert.ok(terms.includes('IFO'), "a board's own abbreviation is listed too");

  // And in English.
  await page.goto(`${env.url}en/`);
  await page.locator('footer').getByRole('link', { name: 'Words and abbreviations' }).click();
  await page.getByRole('heading', { level: 1, name: 'Words and abbreviations' }).waitFor();
  assert.match(new URL(page.url()).pathname, /^\/en\/begrepp\/?$/);
  await page.goto(`${env.url}?lang=sv`);
});
