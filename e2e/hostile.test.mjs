// Hostile and broken input: a visible error naming the file and the JSON
// path, the other reports still browsable, no panic, markup shown as text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { setup, DIST } from './helpers.mjs';

const good = fs.readFileSync(path.join(DIST, 'reports', 'asn-2024.json'), 'utf8');
const manifest = JSON.parse(fs.readFileSync(path.join(DIST, 'reports', 'index.json'), 'utf8'));
const edit = (f) => { const d = JSON.parse(good); f(d); return JSON.stringify(d, null, 2); };
const FILE = '/reports/asn-2024.json';

const cases = [
  ['invalid JSON', { [FILE]: { body: '{ nope' } }, /inte giltig JSON/, '$'],
  ['a truncated file', { [FILE]: { body: good.slice(0, good.length / 2) } }, /avkortad/, '$'],
  ['a wrong schema_version', { [FILE]: { body: edit((d) => { d.schema_version = 7; }) } }, /schema_version är 7/, '$.schema_version'],
  ['a missing required field', { [FILE]: { body: edit((d) => { delete d.year; }) } }, /year/, '$'],
  ['wrong types', { [FILE]: { body: edit((d) => { d.tables[0].rows[0].values[0] = 'många'; }) } }, /Fel struktur/, '$.tables[0].rows[0].values[0]'],
  ['totals that do not add up, not recorded', { [FILE]: { body: edit((d) => { d.tables[0].rows[0].values[0] += 1000; }) } }, /Summan|sum:|kontroll/, '$.tables[0]'],
  ['a 5 MB string', { [FILE]: { body: edit((d) => { d.summary.sv = 'x'.repeat(5_000_000); }) } }, /orimligt lång/, '$.summary.sv'],
  ['a report file that returns 404', { [FILE]: { status: 404, body: 'not found', type: 'text/plain' } }, /HTTP 404/, '$'],
];

for (const [name, overrides, message, jsonPath] of cases) {
  test(`${name}: a visible error names the file and the JSON path; other reports still work`, async () => {
    const env = await setup({ overrides });
    try {
      await env.page.goto(env.url + 'asn-2024');
      const alert = env.page.getByRole('alert');
      await alert.waitFor({ timeout: 15000 });
      const text = await alert.innerText();
      assert.match(text, /reports\/asn-2024\.json/);
      assert.match(text, message);
      assert.ok(text.includes(jsonPath), `${jsonPath} in: ${text.slice(0, 300)}`);
      await env.page.goto(env.url + 'asn-2025');
      await env.page.locator('.goal-card').first().waitFor();
      await env.page.goto(env.url);
      await env.page.getByText('13 av 14 mål uppnådda, 1 delvis').waitFor();
      const panics = env.errors.filter((e) => e.startsWith('pageerror') || /panicked|unreachable|RuntimeError/.test(e));
      assert.deepEqual(panics, []);
    } finally {
      await env.close();
    }
  });
}

test('markup in every text field is shown as text and never runs', async () => {
  const evil = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">';
  const TEXT_KEYS = new Set(['title', 'label', 'sv', 'en', 'wording', 'badge', 'phrase', 'printed', 'section', 'giver', 'text', 'name', 'publisher']);
  const poison = (v) => {
    if (Array.isArray(v)) return v.map(poison);
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeof x === 'string' && TEXT_KEYS.has(k) ? x + evil : poison(x)]));
    }
    return v;
  };
  const body = JSON.stringify(poison(JSON.parse(good)));
  const env = await setup({ overrides: { [FILE]: { body } } });
  try {
    for (const p of ['asn-2024', 'asn-2024/mal/sjalvforsorjning', 'asn-2024/ekonomi', 'asn-2024/ekonomi/resultatrakning', 'asn-2024?lang=en']) {
      await env.page.goto(env.url + p);
      await env.page.locator('h1').first().waitFor();
      await env.page.waitForFunction(() => document.querySelector('main').innerText.includes('<script>window.__pwned=1</script>'));
      assert.equal(await env.page.evaluate(() => window.__pwned), undefined, p);
      assert.equal(await env.page.locator('main script, main img').count(), 0, p);
    }
    assert.deepEqual(env.errors.filter((e) => e.startsWith('pageerror')), []);
  } finally {
    await env.close();
  }
});

test('a manifest that lists a report that does not exist', async () => {
  const m = structuredClone(manifest);
  m.reports.push({ ...m.reports[0], id: 'finns-inte', file: 'finns-inte.json' });
  const env = await setup({ overrides: { '/reports/index.json': { body: JSON.stringify(m) } } });
  try {
    await env.page.goto(env.url);
    const alert = env.page.getByRole('alert').filter({ hasText: 'finns-inte.json' });
    await alert.waitFor();
    await env.page.getByText('13 av 14 mål uppnådda, 1 delvis').waitFor();
    await env.page.goto(env.url + 'finns-inte');
    await env.page.getByRole('alert').filter({ hasText: 'reports/finns-inte.json' }).waitFor();
  } finally {
    await env.close();
  }
});

test('an empty manifest', async () => {
  const env = await setup({ overrides: { '/reports/index.json': { body: JSON.stringify({ schema_version: 1, reports: [] }) } } });
  try {
    await env.page.goto(env.url);
    const alert = env.page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /reports\/index\.json/);
    // The start page still works: search box, open-your-own-report.
    await env.page.locator('#own-file').waitFor();
  } finally {
    await env.close();
  }
});
