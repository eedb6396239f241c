// The modules loaded on demand: the validator (`insyn-check`, issue #16)
// and the importer (`insyn-import`, issue #31). No page's first load
// carries either: the pages decode the files the build checked, and load
// the validator the first time a file needs checking (the reader's own
// report, or a file that is not what the build checked); the importer only
// when a reader opens a document's text as their own report. `cargo xtask
// dist` names each one's files in `<meta name=insyn-check>` and
// `<meta name=insyn-import>` ("JS WASM"), below the site's base.
const loaded = new Map();

function load(base, names) {
  if (!loaded.has(names)) {
    const [js, wasm] = names.split(' ');
    loaded.set(names, import(base + js)
      .then(async (m) => {
        await m.default({ module_or_path: base + wasm });
        return m;
      })
      .catch((e) => {
        loaded.delete(names);
        throw e;
      }));
  }
  return loaded.get(names);
}

export async function checkFile(base, names, kind, file, src) {
  return (await load(base, names)).check(kind, file, src);
}

export async function readOwn(base, names, file, src) {
  return (await load(base, names)).read_own(file, src);
}

export async function importText(base, names, file, text) {
  return (await load(base, names)).import_text(file, text);
}
