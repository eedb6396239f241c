// "Öppna egen rapport": a local file, validated in the browser, never uploaded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { setup, here } from './helpers.mjs';

const example = fs.readFileSync(path.join(here, '..', 'docs', 'examples', 'minimal-annual-analysis.json'), 'utf8');
let env;
before(async () => { env = await setup(); });
after(async () => { await env.close(); });

test('a valid file is shown like a bundled report, stays across a reload, and is marked as not published', async () => {
  const { page, url, errors } = env;
  const requests = [];
  page.on('request', (r) => requests.push(r.method() + ' ' + r.url()));
  await page.goto(url);
  await page.locator('#own-file').setInputFiles({ name: 'exempel.json', mimeType: 'application/json', buffer: Buffer.from(example) });
  await page.waitForURL(/\/egen-exempel-2026$/);
  await page.getByRole('heading', { level: 1, name: /Exempelnämnden/ }).waitFor();
  await page.getByText('Egen rapport, inte publicerad').waitFor();
  assert.equal(await page.locator('.goal-card').count(), 1);
  await page.getByText('1 av 1 mål uppnådda').waitFor();
  // Goal page and finances with a chart, like any report.
  await page.locator('a[href$="/egen-exempel-2026/mal/goda-uppvaxtvillkor"]').click();
  await page.getByRole('heading', { level: 1, name: /uppväxtvillkor/ }).waitFor();
  await page.goto(url + 'egen-exempel-2026/ekonomi');
  await page.locator('figure.chart').first().waitFor();
  await page.reload();
  await page.locator('figure.chart').first().waitFor();
  await page.getByText('Egen rapport, inte publicerad').waitFor();
  // Nothing was sent: no request carried the file.
  assert.ok(requests.every((r) => r.startsWith('GET ')), requests.join('\n'));
  // (The unpublished report's deep link has no HTML file, so the host answers 404.html.)
  assert.deepEqual(errors.filter((e) => !/status of 404/.test(e)), []);
  // Closing forgets it.
  await page.goto(url);
  await page.getByRole('button', { name: 'Stäng den egna rapporten' }).click();
  assert.equal(await page.locator('a[href$="/egen-exempel-2026"]').count(), 0);
  await page.reload();
  assert.equal(await page.getByRole('button', { name: 'Stäng den egna rapporten' }).count(), 0);
});

test('an invalid file lists each error with file, JSON path, line and column', async () => {
  const { page, url } = env;
  await page.goto(url);
  const doc = JSON.parse(example);
  doc.tables[0].rows[0].values[2] = 12611;
  const broken = JSON.stringify(doc, null, 2);
  assert.notEqual(broken, example);
  await page.locator('#own-file').setInputFiles({ name: 'trasig.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
  const alert = page.getByRole('alert');
  await alert.waitFor();
  const text = await alert.innerText();
  assert.match(text, /trasig\.json/);
  assert.match(text, /\$\.tables\[0\]\.rows\[0\]\.values\[2\]/);
  assert.match(text, /rad \d+, kolumn \d+/);
  assert.match(text, /avvikelse/);
  // Not JSON at all.
  await page.locator('#own-file').setInputFiles({ name: 'inte-json.json', mimeType: 'application/json', buffer: Buffer.from('{ "schema_version": 1, ') });
  await page.getByRole('alert').getByText(/inte-json\.json/).waitFor();
  assert.match(await page.getByRole('alert').innerText(), /avkortad|giltig JSON/);
  assert.match(page.url(), /\/$/);
});
