//! Everything the build adds so the site can be found, shared and reused
//! (issue #20): each page's head (`seo`), share images (`share`), data
//! files and the open-data catalogue (`opendata`), `sitemap.xml` and
//! `robots.txt`. `dist.rs` calls [`Findable::finish`] for each page file and
//! [`Findable::write_files`] once.

use std::path::Path;

use insyn::model::format::Lang;
use insyn::model::{Manifest, Report};
use insyn::ui::route::recognize;

use crate::seo::{self, PageMeta, Site};
use crate::tools::Result;

/// The build's settings for publishing.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The public origin (`--site-url`), for absolute addresses.
    pub site_url: Option<String>,
    /// The data's licence (`--licence`, a URL), when it is known.
    pub licence: Option<String>,
    /// The e-mail address of the catalogue's contact point (`--contact`).
    pub contact: Option<String>,
}

impl Options {
    /// The builds the tests and the bench use: with a public origin (a
    /// reserved example domain), so every absolute address is written.
    pub fn for_tests() -> Self {
        Self {
            site_url: Some("https://insyn.example.org".into()),
            ..Self::default()
        }
    }
}

/// The bundled data and where the site lives.
pub struct Findable {
    pub site: Site,
    pub manifest: Manifest,
    pub reports: Vec<Report>,
    pub options: Options,
}

impl Findable {
    pub fn new(base: &str, manifest: Manifest, reports: Vec<Report>, options: Options) -> Self {
        let site = Site {
            base: base.to_string(),
            url: options.site_url.clone(),
        };
        Self {
            site,
            manifest,
            reports,
            options,
        }
    }

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
            image: crate::share::image_of(self, route, lang),
            json_ld: crate::opendata::page_json_ld(self, route, lang),
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
        seo::finish_page(
            html,
            &self.site,
            &self.meta(route, lang, title, &description),
        )
    }

    /// `sitemap.xml`, `robots.txt`, the data files, the catalogue and the share images.
    pub fn write_files(&self, dist: &Path, routes: &[String]) -> Result {
        seo::write_site_files(dist, &self.site, routes)?;
        crate::opendata::write_files(self, dist)?;
        crate::share::write_images(self, dist, routes)
    }

    /// The report with this id, with its manifest entry.
    pub fn report(&self, id: &str) -> Option<(&insyn::model::ManifestEntry, &Report)> {
        self.manifest
            .reports
            .iter()
            .zip(&self.reports)
            .find(|(e, _)| e.id == id)
    }
}

#[cfg(test)]
pub mod tests {
    use super::*;

    /// The bundled reports, for a site at `/` with the given options.
    pub fn bundled(options: Options) -> Findable {
        let (manifest, reports) =
            crate::dist::bundled(&crate::root().join("assets/reports")).unwrap();
        Findable::new("/", manifest, reports, options)
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
                if !seo::listed(r) {
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
