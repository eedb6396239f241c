//! What the build tells search engines and shared links: each page's
//! description, canonical address, language alternates and share-card tags
//! in its `<head>`, `sitemap.xml` and `robots.txt`. Absolute addresses need
//! the public origin (`cargo xtask dist --site-url https://…`); without it
//! the build leaves out what needs one and says so.
//! The page's share image comes from `share.rs`, its structured data from
//! `opendata.rs`.

use insyn::model::format::Lang;
use insyn::ui::route::recognize;

use super::site::{escape, Findable, Site};
use crate::tools::Result;

/// What one page says about itself.
pub struct PageMeta<'a> {
    /// The route (Swedish path below the base).
    pub route: &'a str,
    pub lang: Lang,
    pub title: &'a str,
    pub description: &'a str,
    /// The share image's file below the base, with its alternative text.
    pub image: Option<(String, String)>,
    /// Structured data (JSON-LD), already serialised.
    pub json_ld: Option<String>,
}

impl Findable {
    /// The page's meta data: its description from its own content, its
    /// share image and its structured data.
    pub fn meta<'a>(
        &self,
        route: &'a str,
        lang: Lang,
        title: &'a str,
        description: &'a str,
    ) -> PageMeta<'a> {
        PageMeta {
            route,
            lang,
            title,
            description,
            image: super::share::image_of(self, route, lang),
            json_ld: super::opendata::page_json_ld(self, route, lang),
        }
    }

    /// A pre-rendered page's file with its head filled in.
    pub fn finish(
        &self,
        route: &str,
        lang: Lang,
        title: Option<&str>,
        html: &str,
    ) -> Result<String> {
        let generic = insyn::ui::i18n::page_title(&[insyn::ui::i18n::t(lang).tagline], lang);
        let title = title.unwrap_or(&generic);
        let description =
            insyn::ui::meta::description(&recognize(route), lang, &self.manifest, &self.reports);
        finish_page(
            html,
            &self.site,
            &self.meta(route, lang, title, &description),
        )
    }
}

/// The share card's image tags, or a card without one.
fn image_tags(site: &Site, m: &PageMeta, out: &mut Vec<String>) {
    let image = m
        .image
        .as_ref()
        .and_then(|(file, alt)| Some((site.absolute(&site.file(file))?, alt)));
    match image {
        Some((src, alt)) => {
            out.push(format!("<meta property=\"og:image\" content=\"{src}\">"));
            out.push("<meta property=\"og:image:type\" content=\"image/png\">".into());
            out.push(format!(
                "<meta property=\"og:image:width\" content=\"{}\">",
                super::share::WIDTH
            ));
            out.push(format!(
                "<meta property=\"og:image:height\" content=\"{}\">",
                super::share::HEIGHT
            ));
            out.push(format!(
                "<meta property=\"og:image:alt\" content=\"{}\">",
                escape(alt)
            ));
            out.push("<meta name=\"twitter:card\" content=\"summary_large_image\">".into());
            out.push(format!("<meta name=\"twitter:image\" content=\"{src}\">"));
            out.push(format!(
                "<meta name=\"twitter:image:alt\" content=\"{}\">",
                escape(alt)
            ));
        }
        None => out.push("<meta name=\"twitter:card\" content=\"summary\">".into()),
    }
}

/// The `<head>` elements of a page.
pub fn head_tags(site: &Site, m: &PageMeta) -> String {
    let embed = recognize(m.route).is_embed();
    let mut out = vec![format!(
        "<meta name=\"description\" content=\"{}\">",
        escape(m.description)
    )];
    if embed {
        // Embeds are parts of other pages: the full page is the one to find.
        out.push("<meta name=\"robots\" content=\"noindex\">".into());
    }
    if let Some(url) = site.absolute(&site.path(m.route, m.lang)) {
        if !embed {
            out.push(format!("<link rel=\"canonical\" href=\"{url}\">"));
            for (lang, code) in [(Lang::Sv, "sv"), (Lang::En, "en"), (Lang::Sv, "x-default")] {
                if let Some(href) = site.absolute(&site.path(m.route, lang)) {
                    out.push(format!(
                        "<link rel=\"alternate\" hreflang=\"{code}\" href=\"{href}\">"
                    ));
                }
            }
        }
        out.push(format!("<meta property=\"og:url\" content=\"{url}\">"));
    }
    let locale = match m.lang {
        Lang::Sv => "sv_SE",
        Lang::En => "en_GB",
    };
    out.push("<meta property=\"og:type\" content=\"website\">".into());
    out.push("<meta property=\"og:site_name\" content=\"Insyn\">".into());
    out.push(format!(
        "<meta property=\"og:locale\" content=\"{locale}\">"
    ));
    out.push(format!(
        "<meta property=\"og:title\" content=\"{}\">",
        escape(m.title)
    ));
    out.push(format!(
        "<meta property=\"og:description\" content=\"{}\">",
        escape(m.description)
    ));
    image_tags(site, m, &mut out);
    out.push(format!(
        "<meta name=\"twitter:title\" content=\"{}\">",
        escape(m.title)
    ));
    out.push(format!(
        "<meta name=\"twitter:description\" content=\"{}\">",
        escape(m.description)
    ));
    if let Some(ld) = &m.json_ld {
        // A data block: not executed, so `script-src 'self'` allows it.
        out.push(format!(
            "<script type=\"application/ld+json\">{}</script>",
            ld.replace("</", "<\\/")
        ));
    }
    out.concat()
}

/// The page's file with its language, its own description and the tags of
/// [`head_tags`] (the generic description of `index.html` goes).
pub fn finish_page(html: &str, site: &Site, m: &PageMeta) -> Result<String> {
    let html = without_generic_description(html)?;
    let html = match m.lang {
        Lang::Sv => html,
        Lang::En => {
            let tag = "<html lang=sv>";
            if !html.contains(tag) {
                return Err(format!("index.html: no {tag}"));
            }
            html.replacen(tag, "<html lang=en>", 1)
        }
    };
    if !html.contains("</head>") {
        return Err("index.html: no </head>".into());
    }
    Ok(html.replacen("</head>", &format!("{}</head>", head_tags(site, m)), 1))
}

/// Drops `index.html`'s one description (written by hand for the start page).
fn without_generic_description(html: &str) -> Result<String> {
    let at = html
        .find("name=description")
        .ok_or("index.html: no <meta name=description>")?;
    let start = html[..at].rfind("<meta").ok_or("index.html: description")?;
    let end = at + html[at..].find('>').ok_or("index.html: description")? + 1;
    Ok(format!("{}{}", &html[..start], &html[end..]))
}

/// Whether a route is a page of its own to list for search engines (not an embed).
pub fn listed(route: &str) -> bool {
    !recognize(route).is_embed()
}

/// `sitemap.xml`: every page in both languages, each with its alternate.
/// `None` without the origin (a sitemap needs absolute addresses).
pub fn sitemap(site: &Site, routes: &[String]) -> Option<String> {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for r in routes.iter().filter(|r| listed(r)) {
        let sv = site.absolute(&site.path(r, Lang::Sv))?;
        let en = site.absolute(&site.path(r, Lang::En))?;
        for loc in [&sv, &en] {
            out += &format!(
                "<url><loc>{}</loc><xhtml:link rel=\"alternate\" hreflang=\"sv\" href=\"{}\"/><xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"{}\"/></url>\n",
                escape(loc),
                escape(&sv),
                escape(&en)
            );
        }
    }
    out += "</urlset>\n";
    Some(out)
}

/// `robots.txt`: everything may be read; the sitemap when its address is known.
pub fn robots(site: &Site) -> String {
    let mut out = String::from("User-agent: *\nAllow: /\n");
    if let Some(url) = site.absolute(&site.file("sitemap.xml")) {
        out += &format!("Sitemap: {url}\n");
    }
    out
}

/// Writes `sitemap.xml` (with an origin) and `robots.txt` into the build,
/// and says what it left out.
pub fn write_site_files(out: &super::out::Out, site: &Site, routes: &[String]) -> Result {
    let write = |name: &str, text: &str| out.write(name, text.as_bytes());
    write("robots.txt", &robots(site))?;
    match sitemap(site, routes) {
        Some(xml) => {
            write("sitemap.xml", &xml)?;
            let n = routes.iter().filter(|r| listed(r)).count() * 2;
            println!("  wrote sitemap.xml ({n} pages) and robots.txt");
        }
        None => println!(
            "  no --site-url: left out sitemap.xml, canonical and hreflang links, og:url and share images in tags (they need absolute addresses); wrote robots.txt"
        ),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dist::site::tests::{bundled, site};
    use crate::dist::site::Options;

    fn meta<'a>(route: &'a str, lang: Lang) -> PageMeta<'a> {
        PageMeta {
            route,
            lang,
            title: "Mål & medel – Insyn",
            description: "Så gick det \"bra\" <b>",
            image: Some(("asn-2025/delning.png".into(), "Bild".into())),
            json_ld: Some("{\"name\":\"</script><script>x\"}".into()),
        }
    }

    #[test]
    fn a_page_gets_canonical_alternates_and_a_share_card_with_an_origin() {
        let tags = head_tags(&site(Some("https://x.se")), &meta("/asn-2025", Lang::En));
        for want in [
            "<meta name=\"description\" content=\"Så gick det &quot;bra&quot; &lt;b&gt;\">",
            "<link rel=\"canonical\" href=\"https://x.se/insyn/en/asn-2025/\">",
            "<link rel=\"alternate\" hreflang=\"sv\" href=\"https://x.se/insyn/asn-2025/\">",
            "<link rel=\"alternate\" hreflang=\"en\" href=\"https://x.se/insyn/en/asn-2025/\">",
            "<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://x.se/insyn/asn-2025/\">",
            "<meta property=\"og:image\" content=\"https://x.se/insyn/asn-2025/delning.png\">",
            "<meta property=\"og:title\" content=\"Mål &amp; medel – Insyn\">",
            "<meta property=\"og:locale\" content=\"en_GB\">",
            "<meta name=\"twitter:card\" content=\"summary_large_image\">",
        ] {
            assert!(tags.contains(want), "{want} in {tags}");
        }
        // The data block cannot close its script element.
        assert!(tags.contains("{\"name\":\"<\\/script><script>x\"}</script>"));
        assert!(!tags.contains("noindex"));
    }

    #[test]
    fn without_an_origin_nothing_absolute_is_written_and_embeds_are_not_indexed() {
        let tags = head_tags(&site(None), &meta("/asn-2025", Lang::Sv));
        assert!(!tags.contains("canonical") && !tags.contains("hreflang"));
        assert!(!tags.contains("og:image") && !tags.contains("og:url"));
        assert!(tags.contains("<meta name=\"twitter:card\" content=\"summary\">"));
        let embed = head_tags(
            &site(Some("https://x.se")),
            &meta("/inbaddning/asn-2025", Lang::Sv),
        );
        assert!(embed.contains("noindex") && !embed.contains("canonical"));
        assert!(sitemap(&site(None), &["/".into()]).is_none());
        assert_eq!(robots(&site(None)), "User-agent: *\nAllow: /\n");
    }

    #[test]
    fn the_page_file_gets_its_language_and_one_description() {
        let index = "<!doctype html><html lang=sv><head><meta content=\"Generic\" name=description><title>T</title></head><body></body></html>";
        let html = finish_page(index, &site(None), &meta("/asn-2025", Lang::En)).unwrap();
        assert!(html.starts_with("<!doctype html><html lang=en><head><title>T</title>"));
        assert_eq!(html.matches("name=\"description\"").count(), 1);
        assert!(!html.contains("Generic"));
    }

    #[test]
    fn the_sitemap_lists_both_languages_and_no_embeds_and_robots_points_to_it() {
        let s = site(Some("https://x.se"));
        let xml = sitemap(
            &s,
            &[
                "/".into(),
                "/asn-2025".into(),
                "/inbaddning/asn-2025".into(),
            ],
        )
        .unwrap();
        assert_eq!(xml.matches("<url>").count(), 4);
        assert!(xml.contains("<loc>https://x.se/insyn/en/</loc>"));
        assert!(!xml.contains("inbaddning"));
        assert!(robots(&s).ends_with("Sitemap: https://x.se/insyn/sitemap.xml\n"));
    }

    /// The value of `attr` in the first element of `html` that contains `marker`.
    fn attr_after(html: &str, marker: &str, attr: &str) -> Option<String> {
        let at = html.find(marker)?;
        let start = html[..at].rfind('<')?;
        let end = at + html[at..].find('>')?;
        let tag = &html[start..end];
        let v = tag.split(&format!("{attr}=\"")).nth(1)?;
        Some(v[..v.find('"')?].to_string())
    }

    #[test]
    fn every_page_has_its_own_description_and_a_canonical_link_with_a_site_url() {
        let f = bundled(Options::for_tests());
        let routes = insyn::ui::prerender::routes(&f.manifest, &f.reports);
        let store = std::rc::Rc::new(insyn::ui::state::Store::ready(
            f.manifest.clone(),
            f.reports.clone(),
        ));
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let index =
            "<html lang=sv><head><meta content=x name=description></head><body></body></html>";
        let mut seen: std::collections::HashMap<String, String> = Default::default();
        let mut problems = Vec::new();
        for r in &routes {
            for lang in [Lang::Sv, Lang::En] {
                let path = insyn::ui::prerender::in_lang(r, lang);
                let page = rt.block_on(insyn::ui::prerender::render(&path, "/", store.clone()));
                let html = f.finish(r, lang, page.title.as_deref(), index).unwrap();
                let desc = attr_after(&html, "name=\"description\"", "content").unwrap_or_default();
                if desc.len() < 50 {
                    problems.push(format!("{path}: short description {desc:?}"));
                }
                if !listed(r) {
                    assert!(html.contains("noindex"), "{path}");
                    continue;
                }
                let want = format!("https://insyn.example.org{}", f.site.path(r, lang));
                if attr_after(&html, "rel=\"canonical\"", "href") != Some(want.clone()) {
                    problems.push(format!("{path}: canonical is not {want}"));
                }
                if let Some(other) = seen.insert(desc.clone(), path.clone()) {
                    problems.push(format!("{path} and {other} share the description {desc:?}"));
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
        assert!(seen.len() > 100, "{} pages", seen.len());
    }
}
