// The validator module (`insyn-check`, issue #16). No page's first load
// carries the validator: the pages decode the files the build checked, and
// load this module the first time a file needs checking (the reader's own
// report, or a file that is not what the build checked). `cargo xtask dist`
// names its files in `<meta name=insyn-check content="JS WASM">`, below
// the site's base.
let loaded;

export async function checkFile(base, names, kind, file, src) {
  if (!loaded) {
    const [js, wasm] = names.split(' ');
    loaded = import(base + js)
      .then(async (m) => {
        await m.default({ module_or_path: base + wasm });
        return m;
      })
      .catch((e) => {
        loaded = undefined;
        throw e;
      });
  }
  return (await loaded).check(kind, file, src);
}
