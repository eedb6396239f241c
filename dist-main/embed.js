// Insyn iframe embeds: resizes each <iframe data-insyn-embed> to the height
// its Insyn page reports. Load once per page:
//   <script type="module" src="https://…/insyn/embed.js"></script>
//
// The embedded page posts {type: "insyn:height", height: <px>, path: <string>}
// to its parent whenever its height changes. A message is used only if it
// comes from the origin of an embed iframe's src AND from that iframe's window.
const MAX_HEIGHT = 20000;

function frames() {
  return Array.from(document.querySelectorAll('iframe[data-insyn-embed]'));
}

window.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || typeof data !== 'object' || data.type !== 'insyn:height') return;
  const height = Number(data.height);
  if (!Number.isFinite(height) || height <= 0) return;
  for (const frame of frames()) {
    let origin;
    try {
      origin = new URL(frame.src, document.baseURI).origin;
    } catch {
      continue;
    }
    if (event.origin !== origin || event.source !== frame.contentWindow) continue;
    frame.style.height = `${Math.min(Math.ceil(height), MAX_HEIGHT)}px`;
    frame.dataset.insynHeight = String(Math.ceil(height));
  }
});
