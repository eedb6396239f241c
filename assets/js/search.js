// Full-text search over the pre-rendered pages with Pagefind's index,
// which `cargo xtask dist` writes into pagefind/. The viewer calls this
// (`web::search_pages`); the index loads on the first query, and each query
// then fetches only the index chunks its words need.
let pagefind;

export async function fullTextSearch(base, query, limit) {
  if (!pagefind) {
    pagefind = await import(`${base}pagefind/pagefind.js`);
    await pagefind.options({ baseUrl: base, excerptLength: 18 });
    await pagefind.init();
  }
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
