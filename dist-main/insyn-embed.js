// Insyn script embed: <div data-insyn="REPORT/ekonomi/TABLE"></div>
// plus <script type="module" src=".../insyn-embed.js"></script> on any page.
// Each element gets a shadow root with Insyn's own stylesheet, so the host
// page's styles do not reach in and Insyn's do not leak out.
// `cargo xtask dist` fills in the hashed names in capitals below.
const MODULE = 'insyn-embeds-51fa8957d380e99c.js';
const WASM = 'insyn-embeds-e6054b986a30370c_bg.wasm';
const CSS = 'style-555b9bc65f1f2105.css';
// The validator module ("JS WASM"), loaded when a file needs checking.
const CHECK = 'insyn-check-a1eb1227ff3c508f.js insyn-check-ea76d5873791fe8b_bg.wasm';
// The catalogue the build wrote (below reports/).
const CATALOGUE = 'catalogue-3c80736a7b579552.json';

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
