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
  // The build wrote no files and no embed page for it: its downloads are
  // the viewer's, and it offers no embed code.
  assert.equal(await page.getByRole('button', { name: 'Bädda in' }).count(), 0, 'no embed code for the goal');
  await page.goto(url + 'egen-exempel-2026/ekonomi');
  await page.locator('figure.chart').first().waitFor();
  assert.equal(await page.getByRole('button', { name: 'Bädda in' }).count(), 0, 'no embed code for a chart');
  assert.equal(await page.locator('.chart-files').count(), 0, 'no links to files that do not exist');
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Ladda ner CSV' }).first().click()]);
  assert.match(csv.suggestedFilename(), /^egen-exempel-2026-.*\.csv$/);
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

// The viewer starts when a reader asks for it (issue #30): choosing a file
// on the pre-rendered start page is such a request, and the file chosen (or
// dropped on the drop area) before the viewer is live is opened by it.
test('a file chosen or dropped before the viewer is live is opened once it is', async () => {
  for (const how of ['chosen', 'dropped']) {
    const ctx = await env.browser.newContext();
    const page = await ctx.newPage();
    let release;
    const held = new Promise((r) => { release = r; });
    await page.route('**/*_bg.wasm', async (route) => { await held; await route.continue(); });
    await page.gotoPrerendered(env.url, { waitUntil: 'load' });
    const file = { name: 'exempel.json', mimeType: 'application/json', buffer: Buffer.from(example) };
    if (how === 'chosen') {
      await page.locator('#insyn-pre #own-file').setInputFiles(file);
    } else {
      await page.locator('#insyn-pre .dropzone').evaluate((zone, text) => {
        const data = new DataTransfer();
        data.items.add(new File([text], 'exempel.json', { type: 'application/json' }));
        for (const type of ['dragenter', 'dragover', 'drop']) {
          zone.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
        }
      }, example);
      assert.equal(await page.evaluate(() => document.querySelector('#insyn-pre #own-file').files.length), 1, 'dropped into the field');
    }
    assert.match(page.url(), /\/$/, `${how}: still the start page before the viewer`);
    release();
    await page.waitForURL(/\/egen-exempel-2026$/, { timeout: 20000 });
    await page.getByRole('heading', { level: 1, name: /Exempelnämnden/ }).waitFor();
    await ctx.close();
  }
});

test('a file written for an older schema version is read by migrating it: what was filled in is listed, and it shows the figures of today\'s file', async () => {
  const { page, url } = env;
  const old = fs.readFileSync(path.join(here, '..', 'tests', 'fixtures', 'v1', 'asn-2025.json'));
  await page.goto(url + 'asn-2025');
  const published = await page.locator('main').getByText(/av \d+ mål uppnådda/).first().innerText();
  await page.goto(url);
  await page.locator('#own-file').setInputFiles({ name: 'asn-2025-v1.json', mimeType: 'application/json', buffer: old });
  const section = page.locator('section.migrated');
  await section.getByRole('heading', { level: 3, name: /äldre version av formatet, schema_version 1/ }).waitFor();
  const notes = await section.locator('li').allInnerTexts();
  assert.ok(notes.some((n) => /\$\.tables\[0\]\.plot: plot = \["avvikelse"\]/.test(n)), notes.join('\n'));
  assert.ok(notes.some((n) => /\$\.goal_areas\[0\]\.goals\[0\]\.title_en/.test(n)), notes.join('\n'));
  // The reader stays on this page to read them; the report is a link away.
  assert.match(page.url(), /\/$/);
  await page.locator('.own-open a[href$="/egen-asn-2025"]').click();
  await page.getByRole('heading', { level: 1, name: /Arbetsmarknads- och socialnämnden/ }).waitFor();
  await page.getByText('Egen rapport, inte publicerad').waitFor();
  assert.equal(await page.locator('main').getByText(/av \d+ mål uppnådda/).first().innerText(), published);
  await page.goto(url + 'egen-asn-2025/ekonomi');
  await page.locator('figure.chart').first().waitFor();
  await page.goto(url);
  await page.getByRole('button', { name: 'Stäng den egna rapporten' }).click();
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

test('a board document\'s text becomes a draft: its review points with their lines, its pages, and a file that validates', async () => {
  const { page, url } = env;
  const seed = path.join(here, '..', '..', 'shared', 'seeds', '000_716caa511a25d917.txt');
  const text = fs.readFileSync(seed);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(url);
  assert.equal(requests.filter((r) => /insyn-import/.test(r)).length, 0, 'the importer is not in the first load');
  await page.locator('#own-file').setInputFiles({ name: 'asn-arsanalys-2025.txt', mimeType: 'text/plain', buffer: text });
  const draft = page.locator('section.draft');
  await draft.getByRole('heading', { name: /Utkast ur texten: asn-arsanalys-2025\.json/ }).waitFor({ timeout: 20000 });
  assert.equal(requests.filter((r) => /insyn-import-.*_bg\.wasm/.test(r)).length, 1, 'the importer module, loaded once');
  // Each review point names its line, and quotes that line of the text.
  const points = draft.locator('ol.review-points > li');
  const n = await points.count();
  assert.ok(n > 0, 'review points are listed');
  assert.match(await draft.getByRole('heading', { level: 4 }).innerText(), new RegExp(`Att granska \\(${n}\\)`));
  const lines = text.toString().split('\n');
  const first = await points.filter({ hasText: /^rad \d+/ }).first().innerText();
  const line = Number(first.match(/^rad (\d+)/)?.[1]);
  assert.ok(line > 0, first);
  assert.ok(first.includes(lines[line - 1].trim()), `the point quotes line ${line}: ${first}`);
  // The draft downloads as a report file, which opens as one (the browser validates it).
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    draft.getByRole('button', { name: 'Ladda ner utkastet (JSON)' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'asn-arsanalys-2025.json');
  const json = fs.readFileSync(await download.path(), 'utf8');
  const doc = JSON.parse(json);
  assert.equal(doc.kind, 'annual_analysis');
  // The draft's own pages show its goals with their statuses, as imported.
  await draft.getByRole('link', { name: 'Visa utkastet som rapport' }).click();
  await page.getByText('Egen rapport, inte publicerad').waitFor();
  const goals = doc.goal_areas.flatMap((a) => a.goals);
  assert.equal(goals.length, 14);
  // The goal areas are built in tasks of their own (`ui::later`), after the heading.
  await page.locator('.goal-card').nth(13).waitFor({ timeout: 10000 });
  assert.equal(await page.locator('.goal-card').count(), 14);
  const partly = goals.filter((g) => g.assessment.status === 'delvis_uppnatt').length;
  assert.equal(await page.locator('.goal-card[data-status="delvis_uppnatt"]').count(), partly);
  // Opened again as a JSON file, the download is shown without an error.
  await page.goto(url);
  await page.locator('#own-file').setInputFiles({ name: 'utkast.json', mimeType: 'application/json', buffer: Buffer.from(json) });
  await page.getByText('Egen rapport, inte publicerad').waitFor();
  assert.equal(await page.getByRole('alert').count(), 0);
  await page.goto(url);
  await page.getByRole('button', { name: 'Stäng den egna rapporten' }).click();
});

test('an audit statement\'s text becomes a draft: each recommendation with the measures read from it, their statuses and lines', async () => {
  const { page, url } = env;
  const seed = path.join(here, '..', '..', 'shared', 'seeds', '002_ba3a9c68c88c9248.txt');
  const text = fs.readFileSync(seed);
  const lines = text.toString().split('\n');
  await page.goto(url);
  await page.locator('#own-file').setInputFiles({ name: 'asn-yttrande.txt', mimeType: 'text/plain', buffer: text });
  const draft = page.locator('section.draft');
  await draft.getByRole('heading', { name: /Utkast ur texten: asn-yttrande\.json/ }).waitFor({ timeout: 20000 });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    draft.getByRole('button', { name: 'Ladda ner utkastet (JSON)' }).click(),
  ]);
  const doc = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.equal(doc.kind, 'statement');
  assert.deepEqual(doc.items.map((i) => i.id), ['r1', 'r2', 'r3', 'r4']);
  assert.equal(doc.answers.from, 'Stadsrevisionen');
  assert.deepEqual(doc.diary_numbers, ['ASN-2025-15448']);
  assert.equal(doc.decision_plan.length, 6);
  // Every measure starts on its line of the text, and a review point at
  // that line names the status read.
  const measures = doc.items.flatMap((i) => i.responses);
  assert.ok(measures.length >= 27, `measures read: ${measures.length}`);
  for (const m of measures) {
    const start = m.phrase.split(' ').slice(0, 3).join(' ');
    const here = `${lines[m.line - 1]} ${lines[m.line] ?? ''}`.replace(/\s+/g, ' ');
    assert.ok(here.includes(start), `"${m.phrase}" starts on line ${m.line}`);
  }
  const postponed = measures.find((m) => m.status === 'senarelagd');
  assert.match(postponed.phrase, /senareläggs/);
  const point = draft.locator('ol.review-points > li').filter({ hasText: new RegExp(`^rad ${postponed.line}\\b`) }).filter({ hasText: /senarelagd/ });
  assert.equal(await point.count(), 1, 'the postponed measure\'s review point');
  // The draft's page lists each recommendation's measures with their status in words.
  await draft.getByRole('link', { name: 'Visa utkastet som rapport' }).click();
  await page.getByText('Egen rapport, inte publicerad').waitFor();
  await page.getByRole('heading', { level: 1, name: /^Yttrande från [A-ZÅÄÖ]+ 2026 \(utkast\)$/ }).waitFor();
  for (const item of doc.items) {
    const section = page.locator(`section.statement-item#${item.id}`);
    assert.equal(await section.locator('ul.responses > li').count(), item.responses.length, item.id);
  }
  assert.equal(await page.locator('ul.responses .chip', { hasText: /^Senarelagd$/ }).count(), 1);
  await page.goto(url);
  await page.getByRole('button', { name: 'Stäng den egna rapporten' }).click();
});

test('a text that is no report says so, and nothing is opened', async () => {
  const { page, url } = env;
  await page.goto(url);
  await page.locator('#own-file').setInputFiles({ name: 'lista.txt', mimeType: 'text/plain', buffer: Buffer.from('Inköpslista\nmjölk\nbröd\n') });
  const alert = page.getByRole('alert');
  await alert.waitFor({ timeout: 20000 });
  assert.match(await alert.innerText(), /lista\.txt/);
  assert.match(await alert.innerText(), /varken en årsanalys/);
  assert.equal(await page.locator('section.draft').count(), 0);
});
