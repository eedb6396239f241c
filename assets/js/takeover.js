// Holds the reader's place while the live page settles after the takeover:
// see `keep_in_view_while_settling` in src/web/takeover.rs.
const SCROLLS = ['wheel', 'touchstart', 'keydown', 'pointerdown'];

export function keepInViewWhileSettling(id, top) {
  let stopped = false;
  let still = 0;
  let frames = 0;
  const stop = () => { stopped = true; };
  for (const k of SCROLLS) addEventListener(k, stop, { passive: true, once: true });
  const frame = () => {
    const el = document.getElementById(id);
    const moved = el ? el.getBoundingClientRect().top - top : 0;
    if (Math.abs(moved) >= 1) scrollBy(0, moved);
    still = Math.abs(moved) >= 1 ? 0 : still + 1;
    if (stopped || !el || still >= 3 || ++frames >= 60) {
      for (const k of SCROLLS) removeEventListener(k, stop);
    } else {
      requestAnimationFrame(frame);
    }
  };
  requestAnimationFrame(frame);
}
