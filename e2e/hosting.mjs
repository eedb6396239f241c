// The headers docs/hosting.md asks a host to send, in one place: `cargo xtask
// serve` (through serve.mjs) and the e2e tests send exactly these, and
// hosting.test.mjs checks that the document says the same.

export const CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; base-uri 'none'; object-src 'none'; form-action 'none'; frame-ancestors 'self' https://malmo.se https://*.malmo.se";

// The demo page plays a host page on another site, with its own (looser) policy.
export const DEMO_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; frame-src 'self'";

const HASHED = /(^|\/)(insyn-([a-z]+-)?[0-9a-f]+(_bg)?\.(js|wasm)|style-[0-9a-f]+\.css|boot-[0-9a-f]+\.js|nojs-[0-9a-f]+\.css|catalogue-[0-9a-f]+\.json)$/;

/** The headers for the file at URL path `p` (below the base). */
export function hostingHeaders(p) {
  const csp = p.endsWith('embed-demo.html') ? DEMO_CSP : CSP;
  const cache = HASHED.test(p) ? 'public, max-age=31536000, immutable' : 'no-cache';
  return { 'content-security-policy': csp, 'cache-control': cache };
}
