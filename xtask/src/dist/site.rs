//! What every step of the build shares: where the site lives ([`Site`]:
//! its base path and public origin), the settings for publishing
//! ([`Options`]), the data the pages are made from ([`Findable`]), and
//! escaping for HTML. The steps import this; it imports none of them.
//!
//! [`Findable`] is everything the build adds so the site can be found,
//! shared and reused (issue #20): each page's head (`seo.rs`, which adds
//! [`Findable::finish`]), share images (`share.rs`), data files and the
//! open-data catalogue (`opendata.rs`), `sitemap.xml` and `robots.txt`
//! (`seo.rs`).

use insyn::model::format::Lang;
use insyn::model::{Manifest, Report};
use insyn::ui::prerender::in_lang;

use crate::tools::Result;

/// Normalises a base path to "/…/" form.
pub fn normalize_base(base: &str) -> String {
    let trimmed = base.trim_matches('/');
    if trimmed.is_empty() {
        "/".into()
    } else {
        format!("/{trimmed}/")
    }
}

/// Where the site lives.
#[derive(Clone, Debug)]
pub struct Site {
    /// The base path, in "/…/" form.
    pub base: String,
    /// The public origin without a trailing slash (`https://insyn.malmo.se`), if given.
    pub url: Option<String>,
}

impl Site {
    /// The address of a route (a Swedish path below the base) in a language,
    /// below the origin: a folder's address, which any static host serves
    /// at once (`/insyn/en/asn-2025/`).
    pub fn path(&self, route: &str, lang: Lang) -> String {
        let p = in_lang(route, lang);
        let p = p.trim_matches('/');
        if p.is_empty() {
            self.base.clone()
        } else {
            format!("{}{p}/", self.base)
        }
    }

    /// A file's address below the origin (`reports/asn-2025.json` → `/insyn/reports/asn-2025.json`).
    pub fn file(&self, file: &str) -> String {
        format!("{}{}", self.base, file.trim_start_matches('/'))
    }

    /// An address below the origin made absolute, when the origin is known.
    pub fn absolute(&self, path: &str) -> Option<String> {
        self.url.as_ref().map(|u| format!("{u}{path}"))
    }
}

/// Checks `--site-url`: an http(s) origin, without a path (the path is `--base`).
pub fn parse_site_url(s: &str) -> Result<String> {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
        .ok_or_else(|| format!("--site-url {s}: must start with https:// (or http://)"))?;
    let host = rest.trim_end_matches('/');
    if host.is_empty() || host.contains('/') || host.contains(['?', '#', ' ', '"', '<', '>']) {
        return Err(format!(
            "--site-url {s}: give the origin only (https://host), the path is --base"
        ));
    }
    Ok(s.trim_end_matches('/').to_string())
}

/// Escapes text for an attribute value in double quotes or element text.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The build's settings for publishing.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The public origin (`--site-url`), for absolute addresses.
    pub site_url: Option<String>,
    /// The data's licence (`--licence`, a URL), when it is known.
    pub licence: Option<String>,
    /// The e-mail address of the catalogue's contact point (`--contact`).
    pub contact: Option<String>,
    /// Build without reading the cache (`--clean`; `cache.rs`).
    pub clean: bool,
    /// The glossary to build with instead of `assets/glossary.json`
    /// (`--glossary`; the bench's measure of a changed glossary).
    pub glossary: Option<std::path::PathBuf>,
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
    /// Each board's reports over the years, and each council goal's across
    /// the boards, made once from every report (a board's or a goal's page
    /// has a share card and files of its own: made per page, they cost an
    /// archive the square of its size).
    pub histories: Histories,
}

/// Each board's history by its key, each council goal's by its id.
pub struct Histories {
    pub boards: std::collections::BTreeMap<String, insyn::model::history::BoardHistory>,
    pub goals: std::collections::BTreeMap<String, insyn::model::catalogue::GoalHistory>,
}

impl Findable {
    pub fn new(base: &str, manifest: Manifest, reports: Vec<Report>, options: Options) -> Self {
        let site = Site {
            base: base.to_string(),
            url: options.site_url.clone(),
        };
        let histories = Histories {
            boards: insyn::model::history::board_histories(&reports),
            goals: insyn::model::catalogue::goal_histories(&reports),
        };
        Self {
            site,
            manifest,
            reports,
            options,
            histories,
        }
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
        let (manifest, reports, _) =
            crate::dist::data::read_reports(&crate::root().join("assets/reports")).unwrap();
        Findable::new("/", manifest, reports, options)
    }

    /// A site at `/insyn/`, with the given origin.
    pub fn site(url: Option<&str>) -> Site {
        Site {
            base: "/insyn/".into(),
            url: url.map(String::from),
        }
    }

    #[test]
    fn the_site_url_is_an_origin_and_paths_are_folders_below_the_base() {
        assert_eq!(
            parse_site_url("https://insyn.example/").unwrap(),
            "https://insyn.example"
        );
        assert!(parse_site_url("insyn.example").is_err());
        assert!(parse_site_url("https://insyn.example/insyn/").is_err());
        let s = site(Some("https://x.se"));
        assert_eq!(s.path("/", Lang::Sv), "/insyn/");
        assert_eq!(s.path("/", Lang::En), "/insyn/en/");
        assert_eq!(
            s.path("/asn-2025/mal/a", Lang::En),
            "/insyn/en/asn-2025/mal/a/"
        );
        assert_eq!(
            s.absolute(&s.path("/asn-2025", Lang::Sv)).as_deref(),
            Some("https://x.se/insyn/asn-2025/")
        );
    }
}
