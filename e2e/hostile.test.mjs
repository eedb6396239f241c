// Hostile and broken input: a visible error naming the file and the JSON
// path, the other reports still browsable, no panic, markup shown as text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { setup, DIST } from './helpers.mjs';

const good = fs.readFileSync(path.join(DIST, 'reports', 'asn-2024.json'), 'utf8');
// The catalogue the build wrote (its hashed name is in every page).
const CATALOGUE = '/reports/' + fs.readFileSync(path.join(DIST, 'index.html'), 'utf8').match(/<meta content="([^"]+)" name=insyn-catalogue>/)[1];
const catalogue = JSON.parse(fs.readFileSync(path.join(DIST, CATALOGUE), 'utf8'));
const edit = (f) => { const d = JSON.parse(good); f(d); return JSON.stringify(d, null, 2); };
const FILE = '/reports/asn-2024.json';

const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** "(rad L, kolumn C)" of the character at index i of body, as the alert gives it (1-based, in characters). */
const placeOf = (body, i) => {
  const before = body.slice(0, i);
  const line = before.split('\n').length;
  const column = [...before.slice(before.lastIndexOf('\n') + 1)].length + 1;
  return esc(`(rad ${line}, kolumn ${column})`);
};
const SOMEWHERE = String.raw`\(rad \d+, kolumn \d+\)`;
/** One problem as the alert lists it, the whole item: the exact path, where, and the message (a regex source). */
const item = (jsonPath, place, message) => new RegExp(`^${esc(jsonPath)} ${place}: ${message}$`);

const truncated = good.slice(0, good.length / 2);
const totalRow = JSON.parse(good).tables[0].rows.findIndex((r) => r.label === 'SUMMA');
// [name, overrides, the problem the alert must list]
const cases = [
  ['invalid JSON', { [FILE]: { body: '{ nope' } },
    item('$', placeOf('{ nope', 2), esc('Filen är inte giltig JSON: key must be a string'))],
  ['a truncated file', { [FILE]: { body: truncated } },
    item('$', placeOf(truncated, truncated.length - 1), String.raw`Filen tar slut mitt i \(avkortad JSON\): EOF while parsing an? \w+`)],
  ['a wrong schema_version', { [FILE]: { body: edit((d) => { d.schema_version = 7; }) } },
    item('$.schema_version', SOMEWHERE, `schema_version är 7, men visaren läser version ${JSON.parse(good).schema_version}`)],
  // The field has no place in the file: the object it is missing from has.
  ['a missing required field', { [FILE]: { body: edit((d) => { delete d.year; }) } },
    item('$.year', placeOf('{', 0), 'Fel struktur: missing field `year`')],
  ['wrong types', { [FILE]: { body: edit((d) => { d.tables[0].rows[0].values[0] = 'många'; }) } },
    item('$.tables[0].rows[0].values[0]', SOMEWHERE, 'Fel struktur: invalid type: string "många", expected f64')],
  ['totals that do not add up, not recorded', { [FILE]: { body: edit((d) => { d.tables[0].rows[0].values[0] += 1000; }) } },
    item(`$.tables[0].rows[${totalRow}].values[0]`, SOMEWHERE, 'Summan i raden "SUMMA", .* \\(kontroll sum:.*\\)\\..*')],
  ['a 5 MB string', { [FILE]: { body: edit((d) => { d.summary.sv = 'x'.repeat(5_000_000); }) } },
    item('$.summary.sv', SOMEWHERE, esc('Texten är orimligt lång (5000000 tecken, högst 20000)'))],
  // Nothing in the file is wrong: the file and the HTTP status, no path.
  ['a report file that returns 404', { [FILE]: { status: 404, body: 'not found', type: 'text/plain' } },
    /^filen finns inte \(HTTP 404\)$/],
];

// A page that reads the whole report: a report's own page reads its page file.
const PAGE = 'asn-2024/ekonomi';

for (const [name, overrides, problem] of cases) {
  test(`${name}: a visible error names the file and where in it; other reports still work`, async () => {
    const env = await setup({ overrides });
    // The validator is a module of its own, loaded for a file that is not
    // what the build checked (and for nothing else).
    const checker = [];
    env.page.on('request', (r) => { if (/\/insyn-check-[0-9a-f]+_bg\.wasm$/.test(r.url())) checker.push(r.url()); });
    try {
      await env.page.goto(env.url + PAGE);
      const alert = env.page.getByRole('alert');
      await alert.waitFor({ timeout: 15000 });
      assert.equal(checker.length, overrides[FILE].status ? 0 : 1, 'the validator module is loaded once for a changed file, never for a missing one');
      const text = await alert.innerText();
      assert.match(text, /^Fil: reports\/asn-2024\.json$/m);
      const items = await alert.locator('li').allInnerTexts();
      assert.ok(items.some((t) => problem.test(t)), `${problem} is not one of:\n${items.join('\n')}`);
      if (overrides[FILE].status) assert.doesNotMatch(text, /\$/, 'no JSON path when the file could not be fetched');
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
  // The report's own page reads the published file once its page file is
  // not as built.
  const env = await setup({ overrides: { [FILE]: { body }, '/reports/page/asn-2024.json': { body: '{}' } } });
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

test('a catalogue that lists a report whose file does not exist', async () => {
  const c = structuredClone(catalogue);
  c.reports.push({ ...c.reports[0], id: 'finns-inte', file: 'finns-inte.json' });
  const env = await setup({ overrides: { [CATALOGUE]: { body: JSON.stringify(c) } } });
  try {
    await env.page.goto(env.url);
    // The start page reads the catalogue only: the missing file is not fetched.
    await env.page.locator('a[href$="/finns-inte"]').waitFor();
    await env.page.getByText('13 av 14 mål uppnådda, 1 delvis').first().waitFor();
    await env.page.goto(env.url + 'finns-inte');
    await env.page.getByRole('alert').filter({ hasText: 'reports/finns-inte.json' }).waitFor();
  } finally {
    await env.close();
  }
});

test('a catalogue that is not what the build writes names the file and the JSON path', async () => {
  const c = structuredClone(catalogue);
  c.reports[1].year = 'tjugohundra';
  const env = await setup({ overrides: { [CATALOGUE]: { body: JSON.stringify(c) } } });
  try {
    await env.page.goto(env.url);
    const alert = env.page.getByRole('alert');
    await alert.waitFor();
    const text = await alert.innerText();
    assert.match(text, new RegExp(CATALOGUE.slice(1).replace('.', '\\.')));
    assert.match(text, /\$\.reports\[1\]\.year/);
  } finally {
    await env.close();
  }
});

test('an empty catalogue', async () => {
  const env = await setup({ overrides: { [CATALOGUE]: { body: JSON.stringify({ schema_version: 1, reports: [], goals: {} }) } } });
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

test("a report's page file changed since the build is not read: the page shows the published report, validated", async () => {
  const env = await setup({ overrides: { '/reports/page/asn-2024.json': { body: '{ "schema_version": 1, "id": "asn-2024", "kind": "annual_analysis" }' } } });
  const fetched = [];
  env.page.on('request', (r) => { const u = new URL(r.url()); if (/^\/reports\/|insyn-check-/.test(u.pathname)) fetched.push(u.pathname.replace(/-[0-9a-f]+_bg\.wasm$/, '.wasm')); });
  try {
    await env.page.goto(env.url + 'asn-2024');
    await env.page.locator('.goal-card').first().waitFor();
    await env.page.waitForLoadState('networkidle');
    assert.deepEqual(fetched.filter((p) => p.startsWith('/reports/')), ['/reports/page/asn-2024.json', '/reports/asn-2024.json']);
    assert.ok(fetched.includes('/insyn-check.wasm'), `the published file is validated: ${fetched.join(' ')}`);
    assert.equal(await env.page.getByRole('alert').count(), 0);
    assert.equal(await env.page.locator('.goal-card').count(), 14);
    assert.deepEqual(env.errors, []);
  } finally {
    await env.close();
  }
});
