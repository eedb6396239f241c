// What `cargo xtask serve` serves is what docs/hosting.md tells a host to
// serve: the built site with the same headers, the strict CSP included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { here, DIST } from './helpers.mjs';
import { CSP, hostingHeaders } from './hosting.mjs';
import { serveSite } from './serve.mjs';

test('docs/hosting.md gives the same Content-Security-Policy as the server and the tests send', () => {
  const doc = fs.readFileSync(path.join(here, '..', 'docs', 'hosting.md'), 'utf8');
  const policies = [...doc.matchAll(/Content-Security-Policy:? "?(default-src 'none';[^"`\n]*)/g)].map((m) => m[1]);
  assert.equal(policies.length, 3, 'the table, nginx and Apache');
  for (const p of policies) assert.equal(p, CSP);
});

test('hashed files are cached for good, the rest revalidated', () => {
  for (const p of ['/insyn-0a1b2c3d4e5f6a7b_bg.wasm', '/insyn/insyn-0a1b2c3d4e5f6a7b.js', '/style-0a1b2c3d4e5f6a7b.css', '/boot-9c1e5b07d2a4f368.js', '/nojs-abc.css', '/reports/catalogue-4d2f0a9b8e7c6135.json']) {
    assert.equal(hostingHeaders(p)['cache-control'], 'public, max-age=31536000, immutable', p);
  }
  for (const p of ['/index.html', '/asn-2025/', '/reports/asn-2025.json', '/reports/index.json', '/embed.js', '/insyn-embed.js', '/snippets/insyn-300681c73f21953a/assets/js/search.js']) {
    assert.equal(hostingHeaders(p)['cache-control'], 'no-cache', p);
  }
});

test('the local server sends the built files with the hosting headers and brotli', async () => {
  const { server, url } = await serveSite({ root: DIST });
  try {
    const page = await fetch(`${url}asn-2025/`, { headers: { 'accept-encoding': 'br' } });
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('content-security-policy'), CSP);
    assert.equal(page.headers.get('content-encoding'), 'br');
    assert.match(await page.text(), /<div id=insyn-pre>/, 'the pre-rendered page, as built');
    const wasm = fs.readdirSync(DIST).find((f) => f.endsWith('_bg.wasm'));
    const w = await fetch(url + wasm);
    assert.equal(w.headers.get('content-type'), 'application/wasm');
    assert.equal(w.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    const report = await fetch(`${url}reports/index.json`);
    assert.equal(report.headers.get('cache-control'), 'no-cache');
    const deep = await fetch(`${url}asn-2025`, { redirect: 'manual' });
    assert.equal(deep.status, 301);
    assert.equal(deep.headers.get('location'), '/asn-2025/');
  } finally {
    server.close();
  }
});
