// WCAG 2.1 A/AA (axe-core) and the heading outline on every route of the
// build, live, at 375 and 1280 px, in Swedish and English; a keyboard-only
// walk; reduced motion.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { setup, DIST } from './helpers.mjs';

/** Every route of the build: each folder with an index.html (the English copies below en/ aside). */
function routes(dir = DIST, prefix = '') {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!e.isDirectory() || e.name === 'reports' || (prefix === '' && e.name === 'en')) continue;
    const rel = prefix + e.name + '/';
    if (fs.existsSync(path.join(dir, e.name, 'index.html'))) out.push(rel);
    out.push(...routes(path.join(dir, e.name), rel));
  }
  return out;
}

/**
 * What is wrong with the live page's headings (those shown, or read by a
 * screen reader): not exactly one h1, or a level skipped on the way down
 * (h1 → h3). Null when nothing is.
 */
async function headingProblem(page) {
  const hs = await page.evaluate(() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
    .filter((h) => h.checkVisibility({ visibilityProperty: true }) && !h.closest('[aria-hidden="true"]'))
    .map((h) => ({ level: Number(h.tagName[1]), text: h.textContent.trim().replace(/\s+/g, ' ') })));
  const outline = hs.map((h) => `h${h.level} ${h.text}`).join(' › ');
  const h1s = hs.filter((h) => h.level === 1).length;
  if (h1s !== 1) return `${h1s} h1 elements: ${outline}`;
  let previous = 0;
  for (const h of hs) {
    if (h.level > previous + 1) return `h${previous} → h${h.level} at "${h.text}": ${outline}`;
    previous = h.level;
  }
  return null;
}

/** Opens a route and waits until the viewer shows it live and loaded: the problem if it never does. */
async function openLive(page, url) {
  try {
    await page.goto(url); // returns once the viewer has taken over (helpers.mjs), or throws
  } catch (e) {
    return `never went live: ${e.message.split('\n')[0]}`;
  }
  const loading = page.locator('.loading');
  const done = await loading.first().waitFor({ state: 'detached', timeout: 5000 }).then(() => true, () => false);
  if (!done) return `still loading after 5 s: "${await page.evaluate(() => document.querySelector('.loading')?.textContent)}"`;
  return null;
}

/** What is wrong with a route in a language: not live, another language, its headings, axe's violations. */
async function problemsOf(page, url, lang) {
  const notLive = await openLive(page, url);
  if (notLive) return [notLive];
  const out = [];
  const shown = await page.evaluate(() => document.documentElement.lang);
  if (shown !== lang) out.push(`shown in ${shown}`);
  const headings = await headingProblem(page);
  if (headings) out.push(headings);
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  for (const v of r.violations) out.push(`${v.id} ${v.nodes.map((n) => n.target.join(' ')).slice(0, 2)}`);
  return out;
}

let env;
before(async () => { env = await setup(); });
after(async () => { await env.close(); });

test('axe finds no violations and the headings skip no level on any route, at 375 and 1280 px, in Swedish and English', async () => {
  const all = ['', ...routes()];
  assert.ok(all.length > 140, `${all.length} routes`);
  const failures = [];
  let runs = 0;
  // English pages are pages of their own, below en/.
  const inLang = (p, lang) => (lang === 'sv' ? p : `en/${p}`);
  for (const width of [375, 1280]) {
    // One context per language: the viewer remembers English for the next visit.
    for (const lang of ['sv', 'en']) {
      const ctx = await env.browser.newContext({ viewport: { width, height: 900 } });
      const check = async (p) => {
        const page = await ctx.newPage();
        try {
          const found = await problemsOf(page, env.url + inLang(p, lang), lang);
          failures.push(...found.map((f) => `${width}px ${lang} /${p}: ${f}`));
          runs += 1;
        } finally {
          await page.close();
        }
      };
      // Two pages at a time (the machine has two cores).
      for (let i = 0; i < all.length; i += 2) await Promise.all(all.slice(i, i + 2).map(check));
      await ctx.close();
    }
  }
  console.log(`# axe: ${runs} page checks, ${failures.length} failures`);
  assert.deepEqual(failures, []);
});

test('an open embed dialog keeps one h1 and skips no heading level, and so does its preview, a page of its own', async () => {
  const page = await env.context.newPage();
  await page.goto(env.url + 'asn-2025');
  await page.locator('.status-summary .embed-button').click();
  const frame = page.locator('dialog[open] iframe.embed-preview');
  await frame.waitFor();
  assert.equal(await headingProblem(page), null);
  const preview = await (await frame.elementHandle()).contentFrame();
  await preview.waitForSelector('h1');
  assert.equal(await headingProblem(preview), null);
  await page.close();
});

test('keyboard only: start page → report → goal → finances → chart marks → table, with a visible focus', async () => {
  const { context, url } = env;
  const page = await context.newPage();
  await page.goto(url);
  await page.getByText('13 av 14 mål uppnådda, 1 delvis').waitFor();
  // Tab until the link to ASN 2025 has focus, checking the focus is visible on the way.
  const tabTo = async (pred, max = 80) => {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        const el = document.activeElement;
        const cs = getComputedStyle(el);
        return { href: el.getAttribute('href') || '', label: el.getAttribute('aria-label') || '', text: el.innerText || '', tag: el.tagName, outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2, stroke: cs.strokeWidth };
      });
      if (pred(info)) return info;
    }
    throw new Error('never reached');
  };
  const first = await tabTo((i) => i.tag === 'A');
  assert.ok(first.outline, 'focus is visible on links');
  await tabTo((i) => i.href.endsWith('/asn-2025'));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: /Årsanalys 2025/ }).waitFor();
  await tabTo((i) => i.href.endsWith('/asn-2025/mal/sjalvforsorjning'));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: /självförsörjande/ }).waitFor();
  // The report's page and its goals' are two modules: back is a page load.
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: /Årsanalys 2025/ }).waitFor();
  await page.waitForLoadState('load');
  await tabTo((i) => i.href.endsWith('/asn-2025/ekonomi'));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: /Ekonomi/ }).waitFor();
  // This page was reached by a link: the pre-rendered page, which the
  // viewer does not take over unless asked (issue #30). Its boot script
  // answers a chart's arrow keys and fills the value panel, and its table
  // view is a `<details>`.
  assert.equal(await page.locator('#insyn-pre').count(), 1, 'the pre-rendered page');
  const mark = await tabTo((i) => i.tag === 'rect');
  assert.notEqual(mark.stroke, '0px', 'a focused mark is outlined');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  // The chart is laid out when in view (content-visibility): its text can
  // read empty until the frame after focus scrolled it there.
  await page.locator('.tooltip').first().filter({ hasText: /Boende, tillsyn och service.*tkr.*mnkr/ }).waitFor({ timeout: 5000 });
  await tabTo((i) => i.text === 'Visa som tabell');
  await page.keyboard.press('Enter');
  await page.locator('figure.chart table caption').first().waitFor();
  await page.close();
});

test('reduced motion is honoured: nothing animates', async () => {
  const { browser, url } = env;
  const ctx = await browser.newContext({ reducedMotion: 'reduce' });
  const page = await ctx.newPage();
  for (const p of ['', 'asn-2025', 'asn-2025/ekonomi']) {
    await page.goto(url + p);
    await page.locator('h1').first().waitFor();
    assert.equal(await page.evaluate(() => document.getAnimations().length), 0, p);
  }
  await ctx.close();
});

test('a board\'s years and a council goal across the city: axe clean at 320 px, the chart\'s marks reached by keyboard with their values', async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 320, height: 800 } });
  const page = await ctx.newPage();
  for (const p of ['namnd/asn', 'kf-mal/forebygga-brott', 'en/namnd/fsn']) {
    const found = await problemsOf(page, env.url + p, p.startsWith('en/') ? 'en' : 'sv');
    assert.deepEqual(found, [], p);
    // No sideways scrolling of the page at 320 px: wide grids scroll in their own region.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 320), `${p} fits 320 px`);
  }
  await ctx.close();
  // A fresh context: the viewer remembers English from the page above.
  const sv = await env.browser.newContext({ viewport: { width: 320, height: 800 } });
  const page2 = await sv.newPage();
  await page2.goto(env.url + 'namnd/asn');
  const mark = page2.locator('figure.chart').first().locator('rect.mark[tabindex="0"]');
  await mark.focus();
  await page2.keyboard.press('ArrowDown');
  // The value panel names the year, the status and the count.
  await page2.locator('.tooltip').first().filter({ hasText: /2024, Delvis uppnått: 4/ }).waitFor({ timeout: 5000 });
  await sv.close();
});
