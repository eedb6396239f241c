// Full-text search over the pre-rendered pages with Pagefind's index,
// which `cargo xtask dist` writes in two shards: the newest year's in
// pagefind/ (with Pagefind's scripts and wasm) and the earlier years' in
// pagefind-earlier/, listed in pagefind/shards.json and merged here
// (`mergeIndex`). The viewer calls this (`web::search_pages`); the index
// loads on the first query, and each query then fetches only the index
// chunks its words need, in each shard.
const OPTIONS = { excerptLength: 18 };
let loading;

function load(base) {
  loading ??= (async () => {
    const pagefind = await import(`${base}pagefind/pagefind.js`);
    await pagefind.options({ baseUrl: base, ...OPTIONS });
    await pagefind.init();
    const listed = await fetch(`${base}pagefind/shards.json`);
    if (!listed.ok) throw new Error(`pagefind/shards.json: ${listed.status}`);
    const shards = await listed.json();
    await Promise.all(shards.map((dir) => pagefind.mergeIndex(`${base}${dir}`, { baseUrl: base, ...OPTIONS })));
    return pagefind;
  })();
  // A failed load is tried again by the next query, from a fresh start:
  // a shard that failed to merge would otherwise stay in Pagefind's list
  // and fail every search.
  loading.catch(async () => {
    loading = undefined;
    const pagefind = await import(`${base}pagefind/pagefind.js`).catch(() => null);
    await pagefind?.destroy();
  });
  return loading;
}

export async function fullTextSearch(base, query, limit) {
  const pagefind = await load(base);
  const found = await pagefind.search(query);
  const pages = await Promise.all(found.results.slice(0, limit).map((r) => r.data()));
  return {
    total: found.results.length,
    pages: pages.map((d) => ({
      url: d.url,
      title: d.meta.title ?? '',
      context: d.meta.context ?? '',
      excerpt: d.excerpt ?? '',
    })),
  };
}
