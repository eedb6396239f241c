// Embeds, static hosting and the strict Content Security Policy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, VIEWER_FILE } from './helpers.mjs';
import { hostingHeaders } from './hosting.mjs';

let env;
before(async () => {
  // The site gets exactly the headers of docs/hosting.md (the strict policy).
  env = await setup({ headersFor: hostingHeaders });
  await env.context.addInitScript(recordViolations);
});

/** Collects the page's Content Security Policy violations in `window.__csp`. */
function recordViolations() {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
}
after(async () => { await env.close(); });

test('every page type renders under the strict CSP with zero violations', async () => {
  const { url } = env;
  // English pages in a context of their own: opening one remembers English.
  const english = await env.browser.newContext();
  await english.addInitScript(recordViolations);
  const pages = ['', 'asn-2025', 'asn-2025/mal/sjalvforsorjning', 'asn-2025/ekonomi', 'asn-2025/ekonomi/orsaker',
    'asn-granskning-arbetsmarknadsinsatser', 'jamfor/mal', 'jamfor/ekonomi', 'inbaddning/asn-2025',
    'inbaddning/asn-2025/mal/sjalvforsorjning', 'inbaddning/asn-2025/ekonomi/budgetavvikelse', 'finns/inte/alls',
    // English pages, one with the report's Dataset data block (JSON-LD).
    'en/asn-2025', 'en/asn-2025/ekonomi/orsaker'];
  for (const p of pages) {
    const page = await (p.startsWith('en/') ? english : env.context).newPage();
    const console = [];
    page.on('console', (m) => { if (/Content Security Policy|Refused/.test(m.text())) console.push(m.text()); });
    await page.goto(url + p);
    await page.locator('h1').first().waitFor();
    const violations = await page.evaluate(() => window.__csp);
    assert.deepEqual([...violations, ...console], [], `/${p}`);
    if (/^(en\/)?asn-2025$/.test(p)) {
      // The data block is there, and the policy let it be: it is data, not a script.
      const ld = await page.locator('script[type="application/ld+json"]').textContent();
      assert.equal(JSON.parse(ld)['@type'], 'Dataset', `/${p}`);
    }
    await page.close();
  }
  await english.close();
});

test('the full-text search works under the strict CSP', async () => {
  const page = await env.context.newPage();
  await page.goto(env.url);
  await page.locator('#search').fill('bistånd');
  await page.locator('.page-hits li').first().waitFor({ timeout: 15000 });
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  await page.close();
});

test('the iframe on the demo page grows to its content height; other messages are ignored', async () => {
  const { context, url } = env;
  const page = await context.newPage();
  const inFrame = [];
  page.on('request', (r) => r.frame() !== page.mainFrame() && inFrame.push(new URL(r.url()).pathname));
  await page.goto(url + 'embed-demo.html');
  const frame = page.locator('#demo-iframe');
  await page.waitForFunction(() => document.querySelector('#demo-iframe').dataset.insynHeight);
  // The embed tells its height from its HTML and the boot script (issue #30):
  // an embedded chart costs its reader no viewer.
  await page.waitForTimeout(500);
  assert.deepEqual(inFrame.filter((f) => VIEWER_FILE.test(f)), [], 'nothing of the viewer fetched in the frame');
  assert.equal(await page.frameLocator('#demo-iframe').locator('html').getAttribute('data-insyn-state'), null, 'the frame is not taken over');
  const inner = await page.frameLocator('#demo-iframe').locator('html').evaluate((el) => el.scrollHeight);
  const outer = await frame.evaluate((el) => el.getBoundingClientRect().height);
  assert.ok(Math.abs(outer - inner) <= 2, `iframe ${outer}px vs content ${inner}px`);
  assert.notEqual(Math.round(outer), 480, 'it left its reserved height');
  // A message from the host page itself (not the iframe) changes nothing.
  await page.evaluate(() => window.postMessage({ type: 'insyn:height', height: 5 }, '*'));
  await page.waitForTimeout(200);
  assert.equal(await frame.evaluate((el) => el.getBoundingClientRect().height), outer);
  await page.close();
});

test('the script embed renders inside the hostile host page and keeps its own layout', async () => {
  const { context, url } = env;
  const page = await context.newPage();
  const wasm = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname); });
  await page.goto(url + 'embed-demo.html');
  const host = page.locator('#demo-script');
  await host.locator('figure.chart').waitFor();
  // Its links to Insyn's other pages lead to Insyn's own site, in a new tab,
  // not to the host's; and it reads the catalogue, so no validator is loaded.
  const report = host.locator('a[href$="/asn-2025"]').first();
  assert.equal(await report.getAttribute('href'), new URL('asn-2025', url).href);
  assert.equal(await report.getAttribute('target'), '_blank');
  assert.ok(wasm.every((p) => !p.includes('insyn-check')), wasm.join(', '));
  const style = await host.locator('.insyn-root').evaluate((el) => {
    const cs = getComputedStyle(el);
    return { font: cs.fontFamily, transform: cs.textTransform, sizing: getComputedStyle(el.querySelector('figure')).boxSizing, italic: cs.fontStyle };
  });
  assert.doesNotMatch(style.font, /Comic|Papyrus|fantasy/);
  assert.equal(style.transform, 'none');
  assert.equal(style.sizing, 'border-box');
  assert.equal(style.italic, 'normal');
  const widths = await host.evaluate((el) => ({ host: el.getBoundingClientRect().width, svg: el.shadowRoot.querySelector('.chart-svg svg').getBoundingClientRect().width }));
  assert.ok(widths.svg <= widths.host + 1, JSON.stringify(widths));
  // The host page's own styles are untouched by Insyn's.
  assert.match(await page.locator('.wrap > h1').evaluate((el) => getComputedStyle(el).fontFamily), /Comic|Papyrus|fantasy/);
  // The embed's marks are reachable by keyboard inside the shadow root.
  await host.locator('rect.mark[tabindex="0"]').focus();
  await page.keyboard.press('ArrowDown');
  assert.match(await host.locator('.tooltip').innerText(), /tkr/);
  await page.close();
});

test('"Bädda in" opens a dialog with the iframe code and a preview', async () => {
  const { context, url } = env;
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  await page.goto(url + 'asn-2025/ekonomi/budgetavvikelse');
  await page.getByRole('button', { name: 'Bädda in' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  const code = await dialog.getByLabel(/Kod att klistra in/).inputValue();
  assert.match(code, /<iframe src="http:\/\/127\.0\.0\.1:\d+\/inbaddning\/asn-2025\/ekonomi\/budgetavvikelse"/);
  assert.match(code, /title="Budgetavvikelse per verksamhetsområde"/);
  assert.match(code, /height="\d+"/);
  assert.match(code, /embed\.js/);
  await dialog.getByRole('button', { name: 'Kopiera koden' }).click();
  await dialog.getByText('Koden är kopierad.').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code);
  // The preview is the embed itself, as the iframe will show it.
  await page.frameLocator('dialog[open] iframe.embed-preview').locator('.chart-svg svg').first().waitFor({ timeout: 10000 });
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  await page.close();
});

// Where the browser has no clipboard (a site on plain http) the page
// selects the code, with the focus on it, for the reader to copy by hand,
// and does not say it copied it: from the boot script before the viewer is
// live, and from the viewer (which said so as soon as it was asked, before).
test('"Bädda in" without a clipboard selects the code, focused, and says nothing was copied, before the viewer and on the live page', async () => {
  const page = await env.context.newPage();
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }));
  for (const live of [false, true]) {
    const url = env.url + 'asn-2025/ekonomi/budgetavvikelse';
    await (live ? page.goto(url) : page.gotoPrerendered(url));
    await page.getByRole('button', { name: 'Bädda in' }).click();
    const dialog = page.getByRole('dialog');
    const field = dialog.getByLabel(/Kod att klistra in/);
    const code = await field.inputValue();
    await dialog.getByRole('button', { name: 'Kopiera koden' }).click();
    await page.waitForFunction(() => {
      const f = document.querySelector('dialog[open] textarea');
      return f && document.activeElement === f && f.selectionStart === 0 && f.selectionEnd === f.value.length && f.value.length > 0;
    }, null, { timeout: 5000 });
    assert.equal((await field.evaluate((f) => f.value.slice(f.selectionStart, f.selectionEnd))), code);
    assert.equal(await dialog.locator('.copied').textContent(), '', live ? 'live' : 'pre-rendered');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.insynState === 'live'), live);
  }
  await page.close();
});

test('under the strict CSP, the pre-rendered page\'s "Bädda in" opens, shows its preview and closes by its button, without the viewer', async () => {
  const page = await env.context.newPage();
  const console = [];
  page.on('console', (m) => { if (/Content Security Policy|Refused/.test(m.text())) console.push(m.text()); });
  await page.gotoPrerendered(env.url + 'asn-2025/ekonomi/orsaker', { waitUntil: 'load' });
  await page.getByRole('button', { name: 'Bädda in' }).click();
  const dialog = page.getByRole('dialog');
  await page.frameLocator('dialog[open] iframe.embed-preview').locator('.chart-svg svg').first().waitFor({ timeout: 10000 });
  await dialog.getByRole('button', { name: 'Stäng' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.deepEqual([...await page.evaluate(() => window.__csp), ...console], [], 'no violation (frame-src, form-action)');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.insynState), undefined, 'no viewer');
  await page.close();
});

test('embeds have no site header, name their source and open the full view in a new tab', async () => {
  const { context, url } = env;
  const page = await context.newPage();
  await page.goto(url + 'inbaddning/asn-2025');
  await page.getByText('13 av 14 mål uppnådda, 1 delvis').waitFor();
  assert.equal(await page.locator('.site-header').count(), 0);
  const link = page.locator('a[target="_blank"]');
  assert.match(await link.getAttribute('href'), /\/asn-2025$/);
  await page.getByText(/Källa: Årsanalys 2025/).waitFor();
  await page.close();
});

test('the build is ready for static hosting: a file per route, SRI, .br and .gz', async () => {
  const fs = await import('node:fs');
  const path = await import('node:path');
  const { DIST } = await import('./helpers.mjs');
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
  assert.doesNotMatch(html, /<base\b/, 'no <base> (base-uri none)');
  assert.doesNotMatch(html, /\sstyle=/, 'no inline style');
  for (const m of html.matchAll(/<(script|link)\b[^>]*(?:src|href)=(\/[^ >]+\.(?:js|css|wasm))[^>]*>/g)) {
    assert.match(m[0], /integrity=sha384-/, `${m[2]} has SRI`);
    // wasm-bindgen's snippets keep their names (a folder per crate, not per
    // content): hosts revalidate them (docs/hosting.md), SRI still holds.
    if (!m[2].includes('/snippets/')) assert.match(m[2], /-[0-9a-f]{1,16}(_bg)?\.(js|css|wasm)$/, `${m[2]} is content-hashed (up to 16 hex digits: Trunk's names and ours)`);
    for (const ext of ['.br', '.gz']) assert.ok(fs.existsSync(path.join(DIST, m[2] + ext)), `${m[2]}${ext}`);
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(DIST, 'reports/index.json'), 'utf8'));
  for (const r of manifest.reports) {
    for (const p of [r.id, `inbaddning/${r.id}`]) assert.ok(fs.existsSync(path.join(DIST, p, 'index.html')), p);
    const report = JSON.parse(fs.readFileSync(path.join(DIST, 'reports', r.file), 'utf8'));
    for (const t of report.tables ?? []) assert.ok(fs.existsSync(path.join(DIST, r.id, 'ekonomi', t.id, 'index.html')), `${r.id}/ekonomi/${t.id}`);
    for (const a of report.goal_areas ?? []) for (const g of a.goals) assert.ok(fs.existsSync(path.join(DIST, r.id, 'mal', g.id, 'index.html')));
  }
  assert.ok(fs.existsSync(path.join(DIST, 'reports/asn-2025.json.br')));
  assert.ok(fs.existsSync(path.join(DIST, 'embed-demo.html')));
});
