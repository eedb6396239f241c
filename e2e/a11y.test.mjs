// WCAG 2.1 A/AA (axe-core) on every route of the build, at 375 and 1280 px,
// in Swedish and English; a keyboard-only walk; reduced motion.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { setup, DIST } from './helpers.mjs';

/** Every route of the build: each folder with an index.html. */
function routes(dir = DIST, prefix = '') {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!e.isDirectory() || e.name === 'reports') continue;
    const rel = prefix + e.name + '/';
    if (fs.existsSync(path.join(dir, e.name, 'index.html'))) out.push(rel);
    out.push(...routes(path.join(dir, e.name), rel));
  }
  return out;
}

let env;
before(async () => { env = await setup(); });
after(async () => { await env.close(); });

test('axe finds no violations on any route, at 375 and 1280 px, in Swedish and English', async () => {
  const all = ['', ...routes()];
  assert.ok(all.length > 140, `${all.length} routes`);
  const failures = [];
  let runs = 0;
  for (const width of [375, 1280]) {
    const ctx = await env.browser.newContext({ viewport: { width, height: 900 } });
    const check = async (p) => {
      const page = await ctx.newPage();
      await page.goto(env.url + p);
      const ok = await page.locator('h1').first().waitFor({ timeout: 10000 }).then(() => true, () => false);
      if (!ok) {
        failures.push(`${width}px /${p}: no h1 rendered`);
        await page.close();
        return;
      }
      await page.locator('.loading').first().waitFor({ state: 'detached', timeout: 5000 }).catch(() => {});
      const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      for (const v of r.violations) failures.push(`${width}px /${p}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).slice(0, 2)}`);
      runs += 1;
      await page.close();
    };
    const queue = all.flatMap((p) => [p, p.includes('?') ? `${p}&lang=en` : `${p}?lang=en`]);
    // Two pages at a time (the machine has two cores).
    for (let i = 0; i < queue.length; i += 2) await Promise.all(queue.slice(i, i + 2).map(check));
    await ctx.close();
  }
  console.log(`# axe: ${runs} page checks, ${failures.length} violations`);
  assert.deepEqual(failures, []);
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
  await page.goBack();
  await tabTo((i) => i.href.endsWith('/asn-2025/ekonomi'));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: /Ekonomi/ }).waitFor();
  const mark = await tabTo((i) => i.tag === 'rect');
  assert.notEqual(mark.stroke, '0px', 'a focused mark is outlined');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.match(await page.locator('.tooltip').first().innerText(), /Boende, tillsyn och service.*tkr.*mnkr/);
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
