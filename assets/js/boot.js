// The boot script of every pre-rendered page. `cargo xtask dist` fills in the
// three names in capitals below (the site's base path and the hashed names of
// the viewer's JS and wasm), writes the result under a content hash and loads
// it with SRI, so the site runs under `script-src 'self'`. Unit-tested in
// e2e/js.test.mjs.
const BASE = '__INSYN_BASE__';
const MODULE = '__INSYN_JS__';
const WASM = '__INSYN_WASM__';

const pre = document.getElementById('insyn-pre');

// The viewer starts when a reader asks for what needs it, not at load
// (issue #30): a pre-rendered page works from its HTML (a chart's table
// view, the filters, a term's definition, disclosures, a chart's files;
// with this script a chart's marks by keyboard and the embed dialog, below),
// and taking it over costs a phone seconds of script. So the wasm is fetched
// and the page taken over when the reader presses or taps (a click) a
// control that needs the viewer (`.needs-js` but for the embed dialog:
// search, opening one's own report, the downloads of a chart whose files
// the build did not write, the comparisons' choices) or moves the
// focus into or changes one of its fields (not a button merely passed by
// Tab), or presses a button the HTML does not answer; at once where
// there is no pre-rendered page (404.html, whose content the viewer makes),
// on an address with a query the pre-rendered page does not show
// (`showsQuery`), and where it shows a report of the reader's own
// (`ownOpen`). A Swedish page the reader wants in English opens its English
// page without it (`englishPage`). `insynStart()` asks for it too (the tests and the benches,
// acting as such a reader).
let want;
const wanted = new Promise((resolve) => { want = resolve; });
globalThis.insynStart = () => want();
const inNeedsJs = (e, fields) => e.target instanceof Element && e.target.closest('.needs-js')
  && (!fields || e.target.matches('input, select, textarea'));
// What this script answers itself (below): an embed dialog, its button and
// what is in it.
const answeredHere = (el) => !!el.closest('[data-opens], dialog');
if (pre) {
  pre.addEventListener('click', (e) => inNeedsJs(e, false) && !answeredHere(e.target) && want(), true);
  pre.addEventListener('focusin', (e) => inNeedsJs(e, true) && want(), true);
  pre.addEventListener('change', (e) => inNeedsJs(e, true) && want(), true);
}

// A file dragged over a drop area that needs code asks for the viewer, and
// one dropped there goes into the area's file field, as a file chosen there
// does: the takeover gives it to the live page's field (`web::takeover`),
// rather than the browser opening it in the page's place.
const dropField = (e) => inNeedsJs(e, false) && e.target.closest('.needs-js').querySelector('input[type=file]');
if (pre) {
  pre.addEventListener('dragover', (e) => {
    if (!dropField(e)) return;
    e.preventDefault();
    want();
  });
  pre.addEventListener('drop', (e) => {
    const field = dropField(e);
    if (!field || !e.dataTransfer?.files.length) return;
    e.preventDefault();
    field.files = e.dataTransfer.files;
    want();
  });
}

// A button pressed on the pre-rendered page is noted, and pressed again on
// the live page when the viewer takes over (`web::pending_click`); not one
// the page's HTML answers itself (a term's popover), whose state carries over.
if (pre) pre.addEventListener('click', (e) => {
  const b = e.target instanceof Element && e.target.closest('button');
  if (!b || b.hasAttribute('popovertarget') || answeredHere(b)) return;
  globalThis.insynPendingClick?.el.removeAttribute('aria-busy');
  globalThis.insynPendingClick = { el: b, at: Date.now() };
  b.setAttribute('aria-busy', 'true');
  want();
}, true);

// In a frame (an embed on another site's page) the page tells its host its
// height whenever it changes, as the live viewer does
// (`web::report_height_to_parent`; `embed.js` reads it), so an embed needs
// no viewer either.
if (pre && window.top !== window) {
  new ResizeObserver((_, observer) => {
    const el = document.documentElement;
    // The live viewer tells it from then on.
    if (el.dataset.insynState === 'live') return observer.disconnect();
    const height = Math.max(el.scrollHeight, Math.ceil(el.getBoundingClientRect().height));
    window.parent.postMessage({ type: 'insyn:height', height, path: location.pathname }, '*');
  }).observe(document.body);
}

// An embed dialog is in the page from the start (`components::EmbedButton`)
// and opens without the viewer: its code gets the address this site is
// served from (the build wrote its base path only), and its preview, an
// iframe of the embed's own page, is made from its placeholder. The copy
// button copies the code; where the browser refuses (or has no clipboard,
// as on plain http), the code is selected for the reader to copy. The
// dialog closes by itself (`<form method="dialog">`, Escape).
const previewOf = (holder) => {
  const frame = document.createElement('iframe');
  frame.className = holder.className;
  frame.title = holder.dataset.title;
  frame.height = holder.dataset.height;
  frame.setAttribute('sandbox', holder.dataset.sandbox);
  frame.src = holder.dataset.src;
  return frame;
};
if (pre) pre.addEventListener('click', (e) => {
  const opener = e.target instanceof Element && e.target.closest('[data-opens]');
  const dialog = opener && document.getElementById(opener.dataset.opens);
  if (!(dialog instanceof HTMLDialogElement)) return;
  const code = dialog.querySelector('textarea');
  if (code) code.value = code.defaultValue.replaceAll(`src="${BASE}`, `src="${location.origin}${BASE}`);
  dialog.querySelector('.copied')?.replaceChildren();
  const holder = dialog.querySelector('div[data-src]');
  holder?.replaceWith(previewOf(holder));
  if (!dialog.open) dialog.showModal();
});
if (pre) pre.addEventListener('click', (e) => {
  const button = e.target instanceof Element && e.target.closest('[data-copies]');
  const field = button && document.getElementById(button.dataset.copies);
  if (!(field instanceof HTMLTextAreaElement)) return;
  const status = button.closest('dialog')?.querySelector('.copied');
  (navigator.clipboard?.writeText(field.value) ?? Promise.reject()).then(() => {
    if (status) status.textContent = button.dataset.copied;
  }, () => {
    field.focus();
    field.select();
  });
});

// An address whose query the pre-rendered page shows by itself needs no
// viewer: a `lang` that asks for no other page's language (`asksEnglish`;
// one it is in is remembered below), its filters (each a
// named field of the form with one of its options, which the style sheet
// reads), and any key the page does not read (the keys it reads are in
// `<meta name=insyn-query>`, written by the build from the viewer's own
// list, `Route::query_keys`): what a link from a newsletter or a social
// site adds for its own counting (`utm_…`, `fbclid`, …), another page's
// choice. A page without that list is taken to read every key. Chosen
// here, as soon as the script runs (usually before the page's first paint).
const readsKey = (() => {
  const listed = document.querySelector('meta[name=insyn-query]');
  const keys = new Set((listed?.content ?? '').split(' ').filter(Boolean));
  return (k) => !listed || keys.has(k);
})();
// `lang` asks a Swedish page for English; any other value, or any on an
// English page, whose language is its address's, changes nothing the viewer
// shows (`ui::lang_redirect`, `ui::lang_from_query`).
const asksEnglish = (v) => v === 'en' && document.documentElement.lang !== 'en';
const showsQuery = (() => {
  const form = pre?.querySelector('form.filters:not(.needs-js)');
  const chosen = [];
  for (const [k, v] of new URLSearchParams(location.search)) {
    if (k === 'lang' ? !asksEnglish(v) : !readsKey(k)) continue;
    const field = form?.elements.namedItem(k);
    if (!(field instanceof HTMLSelectElement) || ![...field.options].some((o) => o.value === v)) return false;
    chosen.push([field, v]);
  }
  for (const [field, v] of chosen) field.value = v;
  return true;
})();

// Without the viewer, a filter chosen is kept in the address as the live
// page keeps it (its form's named fields, without the empty ones, beside
// what else the address holds), so a shared link or a reload shows the
// same goals (`showsQuery`).
if (pre) pre.addEventListener('change', (e) => {
  const form = e.target instanceof Element && e.target.closest('form.filters:not(.needs-js)');
  if (!form || document.documentElement.dataset.insynState === 'live') return;
  const query = new URLSearchParams(location.search);
  const fields = new FormData(form);
  for (const k of new Set(fields.keys())) query.delete(k);
  for (const [k, v] of fields) if (typeof v === 'string' && v) query.append(k, v);
  const search = query.toString() ? `?${query}` : '';
  history.replaceState(history.state, '', location.pathname + search + location.hash);
});

// A chart's marks answer their keys before the viewer is live as after
// (`chart::arrow_keys`): arrows move to the next or previous mark, Home and
// End to the first and last (a roving tabindex), and the value panel below
// the chart reads the focused mark's value. The takeover keeps the focus.
// With Alt, Ctrl or Meta held a key is the browser's (Alt+left is "back").
const markKeys = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1, Home: -Infinity, End: Infinity };
const markOf = (e) => e.target instanceof Element && e.target.closest('.hit-layer .mark');
if (pre) pre.addEventListener('keydown', (e) => {
  const mark = markOf(e);
  if (!mark || !(e.key in markKeys) || e.altKey || e.ctrlKey || e.metaKey) return;
  const marks = [...mark.parentElement.querySelectorAll('.mark')];
  const at = Math.max(0, Math.min(marks.length - 1, marks.indexOf(mark) + markKeys[e.key]));
  e.preventDefault();
  for (const [i, m] of marks.entries()) m.setAttribute('tabindex', i === at ? '0' : '-1');
  marks[at].focus();
});
if (pre) pre.addEventListener('focusin', (e) => {
  const mark = markOf(e);
  const panel = mark && mark.closest('.chart-canvas')?.nextElementSibling;
  if (panel?.classList.contains('tooltip')) panel.textContent = mark.getAttribute('aria-label');
});

// The viewer starts after `load` and after the pre-rendered page's first
// contentful paint, so the reader has the page before its wasm is fetched
// and compiled: on a slow machine the first frame comes well after `load`,
// and a viewer started at `load` delayed it (and Lighthouse counts the wasm
// fetched before that paint into its largest paint). It does not wait for
// the paint on a page without a pre-rendered page (404.html, whose content
// the viewer makes), in a frame (an embed, which the browser may not paint
// until it is scrolled into view), in
// a browser without paint timing, nor longer than `PAINT_WAIT_MS` after
// `load` (a browser that reports no paint, or a page not shown). If it
// cannot start (wasm blocked or failing), the controls that need it are
// hidden as without JavaScript (`.insyn-failed`, style.css).
//
// With the module, the files the viewer reads first on this page are asked
// for (`<meta name=insyn-reads>`, written by the build from the viewer's
// own rule: `Pages::first_reads`), not only after its first render: the
// viewer takes each answer once (`web::fetch_text`). An answer it never
// takes is no error of the page's. Not on a Swedish page that leaves for
// its English one (`leavesForEnglish`: `?lang=en`, or English chosen on an
// earlier visit, `ui::LANG_KEY`, where the page has a language link),
// which reads nothing.
const PAINT_WAIT_MS = 3000;
// A Swedish page's link to its English page (an embed has none: it stays
// in the language its host's page chose unless its address asks).
const englishLink = () => pre?.querySelector('a.lang-switch[hreflang=en]') ?? null;
const askedLang = () => new URLSearchParams(location.search).get('lang');
const leavesForEnglish = () => {
  if (document.documentElement.lang === 'en') return false;
  const asked = askedLang();
  if (asked !== null) return asksEnglish(asked);
  if (!englishLink()) return false;
  try {
    return localStorage.getItem('insyn-sprak') === 'en';
  } catch {
    return false;
  }
};
// Where a Swedish page the reader wants in English goes, as the viewer
// sends it (`ui::lang_redirect`), but without the viewer: the English page
// its language link names, with the address's query but `lang`, and its
// fragment. None where the page has no such link (the viewer decides).
const englishPage = () => {
  const link = englishLink();
  if (!(link instanceof HTMLAnchorElement) || !leavesForEnglish()) return null;
  const query = new URLSearchParams(location.search);
  query.delete('lang');
  const search = query.toString() ? `?${query}` : '';
  return link.origin + link.pathname + search + location.hash;
};
const toEnglish = () => {
  const to = englishPage();
  if (to) location.replace(to);
  return !!to;
};
// An address that asks for English (`?lang=en`) goes at once, before the
// Swedish page is painted; a choice remembered, once it is (below).
const leaving = askedLang() === 'en' && toEnglish();
const readAhead = () => {
  if (leavesForEnglish()) return;
  const files = (document.querySelector('meta[name=insyn-reads]')?.content ?? '').split(' ').filter(Boolean);
  globalThis.insynReads = new Map(files.map((f) => [f, fetch(BASE + f)]));
  for (const answer of globalThis.insynReads.values()) answer.catch(() => {});
};
// The module's preloads, with their integrity, are inert in a `<template>`
// until the viewer is asked for (`xtask/src/dist/shell.rs`).
const preload = () => {
  const preloads = document.getElementById('insyn-preloads');
  if (preloads instanceof HTMLTemplateElement) document.head.append(preloads.content);
};
const start = () => (readAhead(), preload(), import(BASE + MODULE))
  .then((m) => m.default({ module_or_path: BASE + WASM }))
  .catch((e) => {
    document.documentElement.classList.add('insyn-failed');
    globalThis.insynPendingClick?.el.removeAttribute('aria-busy');
    throw e;
  });
const loaded = new Promise((resolve) => {
  if (document.readyState === 'complete') resolve();
  else addEventListener('load', resolve, { once: true });
});
const isPainted = () => performance.getEntriesByName('first-contentful-paint').length > 0;
const painted = new Promise((resolve) => {
  const paints = globalThis.PerformanceObserver?.supportedEntryTypes?.includes('paint');
  if (!pre || window.top !== window || !paints || isPainted()) return resolve();
  loaded.then(() => setTimeout(resolve, PAINT_WAIT_MS));
  try {
    new PerformanceObserver((_, observer) => {
      if (!isPainted()) return;
      observer.disconnect();
      resolve();
    }).observe({ type: 'paint', buffered: true });
  } catch {
    resolve();
  }
});
// A language chosen is remembered, as the viewer remembers it
// (`ui::lang_to_remember`): an English page, so that a Swedish address
// opens the English page next time, and Swedish asked for (`?lang=sv`).
const rememberLang = () => {
  const en = document.documentElement.lang === 'en';
  const lang = en ? 'en' : new URLSearchParams(location.search).get('lang');
  if ((lang !== 'en' && lang !== 'sv') || window.top !== window) return;
  try {
    localStorage.setItem('insyn-sprak', lang);
  } catch {
    // Storage refused: the choice is not remembered.
  }
};
// A report of the reader's own opened earlier in this tab is shown by the
// viewer on the page where one opens it (`state::restore_local`): there it
// starts at once.
const ownOpen = () => {
  try {
    return !!pre?.querySelector('.open-own') && sessionStorage.getItem('insyn-egen-rapport-namn') !== null;
  } catch {
    return false;
  }
};
// The reader's storage is read once the page is painted, not on the way to
// that paint (a first read of it can wait on the browser).
Promise.all([loaded, painted]).then(() => {
  if (leaving || toEnglish()) return new Promise(() => {});
  rememberLang();
  if (!pre || !showsQuery || leavesForEnglish() || ownOpen()) want();
  return wanted;
}).then(start);
