// `cargo xtask serve` runs this: the built site (dist/) served on
// 127.0.0.1 as docs/hosting.md sets up a host, with its headers (the strict
// CSP included) and the pre-compressed files.
//   node e2e/serve.mjs --root dist --base / --port 8080
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startServer } from './server.mjs';
import { hostingHeaders } from './hosting.mjs';

/** Serves `root` under `base` like a host set up as docs/hosting.md says. */
export function serveSite({ root, base = '/', port = 0 }) {
  return startServer({ root, base, port, headersFor: hostingHeaders, compressed: true });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { root: { type: 'string', default: 'dist' }, base: { type: 'string', default: '/' }, port: { type: 'string', default: '8080' } } });
  const { url } = await serveSite({ root: path.resolve(values.root), base: values.base, port: Number(values.port) });
  console.log(`serving ${values.root} on ${url} with the headers of docs/hosting.md`);
}
