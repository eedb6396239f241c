// A city's archive: the site built from 50 synthetic reports (`cargo xtask
// corpus --reports 50`, then `cargo xtask dist --reports …`, into
// dist-archive/ by `cargo xtask test`). Each page fetches what it shows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { setup, here, untilLive } from './helpers.mjs';

const ROOT = path.resolve(here, '..', 'dist-archive');
let env;
let catalogue;
let CATALOGUE;

before(async () => {
  assert.ok(fs.existsSync(ROOT), 'dist-archive/ is missing: `cargo xtask test` builds it from a synthetic archive');
  CATALOGUE = 'reports/' + fs.readFileSync(path.join(ROOT, 'index.html'), 'utf8').match(/<meta content="([^"]+)" name=insyn-catalogue>/)[1];
  catalogue = JSON.parse(fs.readFileSync(path.join(ROOT, CATALOGUE), 'utf8'));
  env = await setup({ root: ROOT });
});
after(async () => { await env?.close(); });

/** A catalogue entry's goals, [id, status] in document order (it writes them "id=status id=status …"). */
const goalsOf = (r) => (r.goals ?? '').split(' ').filter(Boolean).map((p) => p.split('='));

/** The data files (below reports/) that opening `p` fetched. */
async function fetched(p) {
  const page = await env.context.newPage();
  const files = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith('/reports/')) files.push(u.pathname.slice(1));
  });
  await page.goto(env.url + p);
  await page.locator('h1').first().waitFor();
  await page.close();
  return files.sort();
}

test('the archive has many boards, years and kinds, and says it is synthetic', () => {
  assert.equal(catalogue.reports.length, 50);
  assert.equal(new Set(catalogue.reports.map((r) => r.board.short)).size, 15);
  assert.ok(catalogue.reports.some((r) => r.kind === 'statement'));
  assert.ok(catalogue.reports.every((r) => /syntetisk/.test(r.title)));
});

test('the start page fetches the catalogue and no report', async () => {
  assert.deepEqual(await fetched(''), [CATALOGUE]);
});

test('a report page and its finances fetch that report alone, not even the catalogue', async () => {
  const r = catalogue.reports.find((x) => x.kind === 'annual_analysis' && x.year < 2025);
  // The report's own page fetches what it shows of it: its page file.
  assert.deepEqual(await fetched(r.id), [`reports/page/${r.file}`]);
  for (const p of [`${r.id}/ekonomi`, `inbaddning/${r.id}`]) {
    assert.deepEqual(await fetched(p), [`reports/${r.file}`], p);
  }
});

test('a goal page and a goal embed fetch their report and the goal\'s file, no other report', async () => {
  const r = catalogue.reports.find((x) => x.kind === 'annual_analysis' && x.year === 2024);
  const [goal] = goalsOf(r)[0];
  for (const p of [`${r.id}/mal/${goal}`, `inbaddning/${r.id}/mal/${goal}`]) {
    assert.deepEqual(await fetched(p), [`reports/${r.file}`, `reports/goals/${goal}.json`].sort(), p);
  }
  // The goal's file lists the same goal in the board's other years and other boards.
  const page = await env.context.newPage();
  await page.goto(`${env.url}${r.id}/mal/${goal}`);
  // The board's other years and the other boards' same year are listed; the
  // other boards' other years are drawn when the reader opens them.
  const near = await page.locator('.elsewhere li').count();
  const more = page.locator('details.older summary', { hasText: /^Andra nämnder, andra år \(\d+\)$/ });
  await more.click();
  await page.locator('details.older[open] .elsewhere li').first().waitFor();
  const others = await page.locator('.elsewhere li').count();
  assert.ok(near > 0 && near < others, `${near} listed at once, ${others} in all`);
  const expected = catalogue.reports.filter((x) => x.id !== r.id && goalsOf(x).some(([g]) => g === goal)).length;
  assert.equal(others, expected);
  assert.ok(others > 10, `${others} other reports assess ${goal}`);
  // Going to another report's goal: its page loads anew, with its own files
  // and not the catalogue, which a page of one report does not name (issue
  // #34: publishing a report leaves the others' pages as they were).
  const files = [];
  page.on('request', (q) => { const u = new URL(q.url()); if (u.pathname.startsWith('/reports/')) files.push(u.pathname.slice(1)); });
  const link = page.locator('.elsewhere li a').first();
  const href = await link.getAttribute('href');
  const other = catalogue.reports.find((x) => href.endsWith(`/${x.id}/mal/${goal}`));
  await link.click();
  // Pre-rendered, at its file's address; its reader asks for the viewer.
  await page.waitForURL((u) => u.pathname.replace(/\/$/, '') === href);
  await untilLive(page, 20000, { ask: true });
  await page.locator('.breadcrumb a', { hasText: `${other.board.name} – ${other.title}` }).waitFor();
  assert.ok(!files.includes(CATALOGUE) && files.includes(`reports/${other.file}`), files.join(' '));
  assert.equal(await page.evaluate(() => new URL(performance.getEntriesByType('navigation')[0].name).pathname.replace(/\/$/, '')), href, 'the page was loaded anew');
  await page.close();
});

test('links lead from the start page to a report and a goal, and back and forward work', async () => {
  const page = await env.context.newPage();
  const r = catalogue.reports.find((x) => x.kind === 'annual_analysis' && x.year === 2023);
  const [goal] = goalsOf(r)[0];
  await page.goto(env.url);
  await page.locator(`a[href="/${r.id}"]`).click();
  await page.getByRole('heading', { level: 1, name: new RegExp(r.title.replace(/[()]/g, '.')) }).waitFor();
  await page.locator(`a[href="/${r.id}/mal/${goal}"]`).first().click();
  // Pages of other families, reached by links: pre-rendered, at their files' addresses.
  await page.waitForURL(new RegExp(`/${r.id}/mal/${goal}/?$`));
  await page.goBack();
  await page.waitForURL(new RegExp(`/${r.id}/?$`));
  await page.locator('.goal-card').first().waitFor();
  await page.goBack();
  await page.waitForURL(env.url);
  await page.goForward();
  await page.waitForURL(new RegExp(`/${r.id}/?$`));
  await page.close();
});

test('search finds a word in another inflected form, names board and year, and a result opens its page', async () => {
  const page = await env.context.newPage();
  const bytes = { pagefind: 0 };
  page.on('response', async (r) => {
    // The index and its shard of earlier years (pagefind/, pagefind-earlier/).
    if (new URL(r.url()).pathname.startsWith('/pagefind')) bytes.pagefind += (await r.body().catch(() => Buffer.alloc(0))).length;
  });
  await page.goto(env.url);
  const box = page.locator('#search');
  // The synthetic reports' summaries name their topic in one of four forms;
  // a query in the definite plural must find those in the other forms too.
  await box.fill('cykelbanorna');
  const hits = page.locator('.page-hits li');
  await hits.first().waitFor({ timeout: 15000 });
  const texts = await hits.allInnerTexts();
  assert.ok(texts.some((t) => /cykelban(a|an|or)\b/.test(t)), `another form is found: ${texts.join(' | ')}`);
  assert.ok(texts.every((t) => /S[A-Z]{2} \d{4}/.test(t)), 'each result names its board and year');
  // The earlier years' shard is merged at query time: every year answers.
  const years = new Set(texts.map((t) => t.match(/S[A-Z]{2} (\d{4})/)?.[1]));
  const all = new Set(catalogue.reports.map((r) => String(r.year)));
  assert.ok(years.size > 1, `results of one year only: ${[...years]}`);
  assert.ok([...years].every((y) => all.has(y)));
  assert.match(await page.locator('.hit-count').innerText(), /^\d+ /, 'the count is said');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search', 'typing keeps the focus in the box');
  assert.ok(bytes.pagefind > 0 && bytes.pagefind <= 200 * 1024, `the first query loaded ${bytes.pagefind} bytes of index`);
  console.log(`# first query: ${bytes.pagefind} bytes of the full-text index`);
  // A goal by a word of its text, in another form than the goal uses.
  await box.fill('elförsörjningen');
  const goalHit = page.locator('.page-hits li a[href*="/mal/"]').first();
  await goalHit.waitFor({ timeout: 15000 });
  const href = await goalHit.getAttribute('href');
  await goalHit.click();
  await page.waitForURL((u) => u.pathname.replace(/\/$/, '') === href);
  await page.getByRole('heading', { level: 1, name: /elförsörjning/ }).waitFor();
  await page.goBack();
  await page.waitForURL(env.url);
  await page.close();
});

test('the goal matrix reads the catalogue alone; the reader picks boards and years, kept in the address', async () => {
  assert.deepEqual(await fetched('jamfor/mal'), [CATALOGUE]);
  const annual = catalogue.reports.filter((r) => r.kind === 'annual_analysis');
  const boards = [...new Set(annual.map((r) => r.board.short))];
  const page = await env.context.newPage();
  await page.goto(env.url + 'jamfor/mal');
  const heads = () => page.locator('table.matrix thead th').allInnerTexts();
  // By default each board's latest annual analysis: one column per board.
  await page.locator('table.matrix').waitFor();
  const latest = boards.map((b) => { const rs = annual.filter((r) => r.board.short === b); const r = rs.reduce((a, x) => (x.year > a.year ? x : a)); return `${b} ${r.year}`; });
  assert.deepEqual((await heads()).slice(1).sort(), latest.sort());
  // Ticking a board shows all its editions; the address keeps the choice.
  const b = boards[1];
  await page.getByRole('checkbox', { name: new RegExp(`\\(${b}\\)`) }).check();
  await page.waitForURL(new RegExp(`namnd=${b}`));
  const editions = annual.filter((r) => r.board.short === b).map((r) => `${b} ${r.year}`).sort();
  await page.waitForFunction((n) => document.querySelectorAll('table.matrix thead th').length === n + 1, editions.length);
  assert.deepEqual((await heads()).slice(1).sort(), editions);
  assert.match(await page.locator('.matrix-shown').innerText(), new RegExp(editions[0]));
  // And a year narrows it to that year.
  const year = Number(editions[0].split(' ')[1]);
  await page.getByRole('checkbox', { name: String(year), exact: true }).check();
  await page.waitForURL(new RegExp(`ar=${year}`));
  await page.waitForFunction(() => document.querySelectorAll('table.matrix thead th').length === 2);
  await page.reload();
  await page.waitForFunction(() => document.querySelectorAll('table.matrix thead th').length === 2);
  assert.deepEqual((await heads()).slice(1), [`${b} ${year}`]);
  assert.equal(await page.getByRole('checkbox', { name: String(year), exact: true }).isChecked(), true);
  await page.close();
});

test('the finance comparison fetches the two editions it compares, and another choice fetches its two', async () => {
  const annual = catalogue.reports.filter((r) => r.kind === 'annual_analysis');
  const first = annual[0].board.short;
  const eds = annual.filter((r) => r.board.short === first).sort((a, b) => a.year - b.year);
  const [old, neu] = eds.slice(-2);
  assert.deepEqual(await fetched('jamfor/ekonomi'), [CATALOGUE, `reports/${old.file}`, `reports/${neu.file}`].sort());
  const other = annual.find((r) => r.board.short !== first && annual.filter((x) => x.board.short === r.board.short).length >= 3);
  const theirs = annual.filter((r) => r.board.short === other.board.short).sort((a, b) => a.year - b.year);
  const [from, to] = [theirs[0], theirs[2]];
  const p = `jamfor/ekonomi?namnd=${other.board.short}&fran=${from.id}&till=${to.id}`;
  assert.deepEqual(await fetched(p), [CATALOGUE, `reports/${from.file}`, `reports/${to.file}`].sort());
  const page = await env.context.newPage();
  await page.goto(env.url + p);
  await page.getByText(`${other.board.short} ${from.year} → ${other.board.short} ${to.year}.`).waitFor();
  assert.ok(await page.locator('.compare-pair').count() > 0, 'tables side by side');
  await page.close();
});

/** A board's key in addresses and file names (`model::history::board_key`). */
const boardKey = (short) => short.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '-');
const annualOf = (short) => catalogue.reports.filter((r) => r.kind === 'annual_analysis' && r.board.short === short).sort((a, b) => a.year - b.year);
/** A status as the catalogue writes it, from a badge's words. */
const statusOfBadge = (text) => (/Delvis uppnått/.test(text) ? 'delvis_uppnatt' : /Ej uppnått/.test(text) ? 'ej_uppnatt' : /Uppnått/.test(text) ? 'uppnatt' : null);

test('a board\'s page shows every year the catalogue has for it, each year\'s statuses as its report\'s goals, from its own file alone', async () => {
  const shorts = [...new Set(catalogue.reports.map((r) => r.board.short))];
  const short = shorts.sort((a, b) => annualOf(b).length - annualOf(a).length)[0];
  const annual = annualOf(short);
  assert.ok(annual.length >= 3, `${short} has ${annual.length} annual analyses`);
  const key = boardKey(short);
  assert.deepEqual(await fetched(`namnd/${key}`), [`reports/boards/${key}.json`]);
  const page = await env.context.newPage();
  await page.goto(`${env.url}namnd/${key}`);
  const grid = page.locator('table.history-grid');
  const years = (await grid.locator('thead th').allInnerTexts()).slice(1).map(Number);
  assert.deepEqual(years, annual.map((r) => r.year));
  for (const [i, r] of annual.entries()) {
    const cells = await grid.locator(`tbody tr > td:nth-child(${i + 2})`).allInnerTexts();
    const shown = cells.map(statusOfBadge).filter(Boolean).sort();
    assert.deepEqual(shown, goalsOf(r).map(([, s]) => s).sort(), `${short} ${r.year}`);
  }
  // The chart of the counts has the same figures in its table view.
  const chart = page.locator('figure.chart').first();
  await chart.locator('details.chart-table summary').click();
  await chart.locator('details.chart-table[open] tbody tr').first().waitFor();
  const rows = await chart.locator('details.chart-table tbody tr').allInnerTexts();
  assert.equal(rows.length, annual.length);
  for (const [i, r] of annual.entries()) {
    const n = (s) => goalsOf(r).filter(([, x]) => x === s).length;
    const want = [r.year, n('uppnatt'), n('delvis_uppnatt'), n('ej_uppnatt')].join(' ');
    assert.equal(rows[i].replace(/\s+/g, ' ').trim(), want, `${short} ${r.year}`);
  }
  // Each report of the board is linked.
  for (const r of catalogue.reports.filter((x) => x.board.short === short)) {
    assert.equal(await page.locator(`main a[href="/${r.id}"]`).count() > 0, true, r.id);
  }
  await page.close();
});

test('a council goal\'s page lists every board that assesses it, each cell as on that board\'s goal page, from the goal\'s file alone', async () => {
  const annual = catalogue.reports.filter((r) => r.kind === 'annual_analysis');
  const [goal] = goalsOf(annual[0])[0];
  assert.deepEqual(await fetched(`kf-mal/${goal}`), [`reports/goals/${goal}.json`]);
  const assessing = annual.filter((r) => goalsOf(r).some(([g]) => g === goal));
  const page = await env.context.newPage();
  await page.goto(`${env.url}kf-mal/${goal}`);
  const grid = page.locator('table.history-grid');
  const boards = await grid.locator('tbody th').allInnerTexts();
  assert.deepEqual(boards.sort(), [...new Set(assessing.map((r) => r.board.short))].sort());
  const links = await grid.locator('tbody td a').evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.innerText]));
  assert.equal(links.length, assessing.length);
  for (const [href, text] of links) {
    const r = assessing.find((x) => href === `/${x.id}/mal/${goal}`);
    assert.ok(r, href);
    assert.equal(statusOfBadge(text), goalsOf(r).find(([g]) => g === goal)[1], href);
  }
  // And the cell is what the board's goal page says.
  for (const [href, text] of links.slice(0, 2)) {
    const other = await env.context.newPage();
    await other.goto(env.url + href.slice(1));
    assert.equal(statusOfBadge(await other.locator('main .badge').first().innerText()), statusOfBadge(text), href);
    await other.close();
  }
  await page.close();
});
