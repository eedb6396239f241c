// A plain static file server for the built site, like any static host:
// files as they are, a folder's index.html, 404.html for the rest.
// Serves `root` under the URL path `base`, with optional extra headers.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.rdf': 'application/rdf+xml; charset=utf-8',
};

export function startServer({ root, base = '/', port = 0, headers = {}, overrides = {}, headersFor = () => ({}), compressed = false }) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let p = decodeURIComponent(url.pathname);
    const send = (status, file, extra = {}) => {
      const type = TYPES[path.extname(file)] || 'application/octet-stream';
      // Like a host set up as docs/hosting.md says: the prebuilt .br beside
      // a file is sent when the browser accepts brotli.
      if (compressed && /\bbr\b/.test(req.headers['accept-encoding'] || '') && fs.existsSync(file + '.br')) {
        res.writeHead(status, { 'content-type': type, 'content-encoding': 'br', vary: 'accept-encoding', ...headers, ...headersFor(p), ...extra });
        fs.createReadStream(file + '.br').pipe(res);
        return;
      }
      res.writeHead(status, { 'content-type': type, ...headers, ...headersFor(p), ...extra });
      fs.createReadStream(file).pipe(res);
    };
    // Test hooks: replace a file's body or status.
    if (p in overrides) {
      const o = overrides[p];
      res.writeHead(o.status ?? 200, { 'content-type': o.type ?? 'application/json', ...headers });
      res.end(o.body ?? '');
      return;
    }
    const notFound = () => {
      const f = path.join(root, '404.html');
      if (fs.existsSync(f)) send(404, f);
      else { res.writeHead(404); res.end('not found'); }
    };
    if (!p.startsWith(base) && p + '/' !== base) return notFound();
    const rel = p.slice(base.length);
    const file = path.join(root, rel);
    if (!file.startsWith(root)) return notFound();
    let stat;
    try { stat = fs.statSync(file); } catch { return notFound(); }
    if (stat.isDirectory()) {
      if (!p.endsWith('/')) {
        res.writeHead(301, { location: p + '/' + url.search, ...headers });
        res.end();
        return;
      }
      const index = path.join(file, 'index.html');
      if (fs.existsSync(index)) return send(200, index);
      return notFound();
    }
    send(200, file);
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ server, origin: `http://127.0.0.1:${port}`, url: `http://127.0.0.1:${port}${base}` });
    });
  });
}
