// Insyn script embed: <div data-insyn="REPORT/ekonomi/TABLE"></div>
// plus <script type="module" src=".../insyn-embed.js"></script> on any page.
// Each element gets a shadow root with Insyn's own stylesheet, so the host
// page's styles do not reach in and Insyn's do not leak out.
// `cargo xtask dist` fills in the hashed names in capitals below.
const MODULE = '__INSYN_JS__';
const WASM = '__INSYN_WASM__';
const CSS = '__INSYN_CSS__';
// The validator module ("JS WASM"), loaded when a file needs checking.
const CHECK = '__INSYN_CHECK__';
// The catalogue the build wrote (below reports/).
const CATALOGUE = '__INSYN_CATALOGUE__';

const base = new URL('./', import.meta.url).href;
window.__insynEmbed = true;
const { default: init, mount_embed } = await import(new URL(MODULE, base).href);
await init({ module_or_path: new URL(WASM, base) });
for (const el of document.querySelectorAll('[data-insyn]')) {
  if (el.shadowRoot) continue;
  const shadow = el.attachShadow({ mode: 'open' });
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL(CSS, base).href;
  shadow.appendChild(link);
  const root = document.createElement('div');
  root.className = 'insyn-root';
  shadow.appendChild(root);
  mount_embed(root, el.getAttribute('data-insyn') || '', base, CHECK, CATALOGUE);
}
