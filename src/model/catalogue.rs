//! The archive's catalogue and per-goal files, written by `cargo xtask dist`
//! from the report files (never by hand). The catalogue holds what the start
//! page and the goal matrix show of every report; a goal's file holds that
//! goal's status in every report that assesses it and the statement items
//! that link to it. Pages read these instead of every report file, so what
//! a reader downloads grows with what they look at, not with the archive.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::diagnostic::{Diagnostic, DiagnosticKind};
use super::report::*;

/// The file the catalogue is written to, below `reports/`, before its hash.
pub const CATALOGUE_STEM: &str = "catalogue";

/// A goal's file below the site's base: `reports/goals/{id}.json`.
pub fn goal_file(goal: &str) -> String {
    format!("reports/goals/{goal}.json")
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Catalogue {
    pub schema_version: u32,
    pub reports: Vec<CatalogueReport>,
    /// Every goal that some report assesses, by id: its titles.
    pub goals: BTreeMap<String, GoalTitles>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoalTitles {
    pub title: String,
    pub title_en: String,
}

/// What lists and the goal matrix show of one report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CatalogueReport {
    pub id: String,
    /// "annual_analysis" or "statement".
    pub kind: String,
    pub board: Board,
    pub year: u16,
    pub title: String,
    pub file: String,
    /// A statement's short name and summary (our words).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Text>,
    /// An annual analysis's goals in document order, with their year
    /// assessment, written as one string, "goal=status goal=status …": a
    /// page decodes a file one value at a time across the wasm boundary,
    /// and an archive's catalogue has thousands of these pairs.
    #[serde(default, skip_serializing_if = "Vec::is_empty", with = "goal_statuses")]
    pub goals: Vec<(String, GoalStatus)>,
    /// The year's result as the file names it: value and unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<(f64, Unit)>,
    /// The [`digest`] of the report's file as the build checked it: the
    /// viewer decodes a file with this digest without validating it again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
}

/// The catalogue's form of a report's goals: "goal=status goal=status …".
mod goal_statuses {
    use super::GoalStatus;
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(
        goals: &[(String, GoalStatus)],
        s: S,
    ) -> Result<S::Ok, S::Error> {
        let pairs: Vec<String> = goals
            .iter()
            .map(|(g, st)| format!("{g}={}", st.key()))
            .collect();
        s.serialize_str(&pairs.join(" "))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Vec<(String, GoalStatus)>, D::Error> {
        let text = String::deserialize(d)?;
        text.split_whitespace()
            .map(|pair| {
                let (goal, name) = pair.split_once('=').unwrap_or((pair, ""));
                match GoalStatus::from_key(name) {
                    Some(s) if !goal.is_empty() => Ok((goal.to_string(), s)),
                    _ => Err(D::Error::custom(format!(
                        "{pair:?} is not \"goal=status\" (status: uppnatt, delvis_uppnatt or ej_uppnatt)"
                    ))),
                }
            })
            .collect()
    }
}

/// A file's fingerprint (FNV-1a, 64 bits, in hex): whether a report file is
/// the one the build checked. Not a defence against a forger, who could as
/// well rewrite the catalogue; a file changed or broken after the build is
/// validated in the browser again.
pub fn digest(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The one report a page shows, as the build names it in the page's
/// `<meta name="insyn-report">`: a page of one report loads its file at
/// once, without waiting for the catalogue (which it may never need).
#[derive(Clone, Debug, PartialEq)]
pub struct PageReport {
    pub id: String,
    pub file: String,
    pub digest: Option<String>,
}

impl PageReport {
    /// The meta's content: "id digest file" (a file name may hold spaces).
    pub fn to_meta(&self) -> String {
        format!(
            "{} {} {}",
            self.id,
            self.digest.as_deref().unwrap_or("-"),
            self.file
        )
    }

    /// Reads what [`PageReport::to_meta`] wrote; `None` if it is not that.
    pub fn from_meta(content: &str) -> Option<Self> {
        let mut parts = content.splitn(3, ' ');
        let (id, digest, file) = (parts.next()?, parts.next()?, parts.next()?);
        if id.is_empty() || file.is_empty() || digest.is_empty() {
            return None;
        }
        Some(Self {
            id: id.into(),
            file: file.into(),
            digest: (digest != "-").then(|| digest.into()),
        })
    }
}

impl From<&CatalogueReport> for PageReport {
    fn from(r: &CatalogueReport) -> Self {
        Self {
            id: r.id.clone(),
            file: r.file.clone(),
            digest: r.digest.clone(),
        }
    }
}

impl CatalogueReport {
    /// How many of its goals have each status.
    pub fn status_counts(&self) -> super::derived::StatusCounts {
        self.goals.iter().map(|(_, s)| *s).collect()
    }

    pub fn is_annual(&self) -> bool {
        self.kind == "annual_analysis"
    }
}

impl Catalogue {
    /// The manifest it was written from (what a report's file is called).
    pub fn manifest(&self) -> Manifest {
        Manifest {
            schema_version: 1,
            reports: self
                .reports
                .iter()
                .map(|r| ManifestEntry {
                    id: r.id.clone(),
                    kind: r.kind.clone(),
                    board: r.board.clone(),
                    year: r.year,
                    title: r.title.clone(),
                    file: r.file.clone(),
                })
                .collect(),
        }
    }

    pub fn report(&self, id: &str) -> Option<&CatalogueReport> {
        self.reports.iter().find(|r| r.id == id)
    }
}

/// A report or goal whose name matches every word of a query.
#[derive(Clone, Debug, PartialEq)]
pub struct TitleHit {
    pub report: String,
    pub goal: Option<String>,
    /// The report's or goal's name as printed.
    pub label: String,
    /// Board and year.
    pub context: String,
}

impl Catalogue {
    /// Reports and goals whose names (board, title, the goal's English
    /// title) contain every word of `query`, ignoring case: answered from
    /// the catalogue at once, before any full-text index has loaded. A
    /// goal is listed once, in its newest report.
    pub fn search_titles(&self, query: &str, limit: usize) -> Vec<TitleHit> {
        let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
        if words.is_empty() {
            return Vec::new();
        }
        let matches = |hay: &str| {
            let hay = hay.to_lowercase();
            words.iter().all(|w| hay.contains(w.as_str()))
        };
        let mut newest: Vec<&CatalogueReport> = self.reports.iter().collect();
        newest.sort_by_key(|r| std::cmp::Reverse(r.year));
        let mut out = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for r in &newest {
            let context = format!("{} {}", r.board.short, r.year);
            let name = r
                .name
                .as_ref()
                .map(|n| format!("{} {}", n.sv, n.en))
                .unwrap_or_default();
            if matches(&format!(
                "{} {} {} {name}",
                r.board.name, r.board.short, r.title
            )) {
                out.push(TitleHit {
                    report: r.id.clone(),
                    goal: None,
                    label: format!("{} – {}", r.board.name, r.title),
                    context: context.clone(),
                });
            }
            for (g, _) in &r.goals {
                let Some(t) = self.goals.get(g) else { continue };
                if !seen.contains(g) && matches(&format!("{} {}", t.title, t.title_en)) {
                    seen.insert(g.clone());
                    out.push(TitleHit {
                        report: r.id.clone(),
                        goal: Some(g.clone()),
                        label: t.title.clone(),
                        context: context.clone(),
                    });
                }
            }
        }
        out.truncate(limit);
        out
    }
}

impl GoalHistory {
    /// The goal in the reports other than `report` (of `board`, `year`):
    /// first the board's other years and the other boards' same year, then
    /// the rest (other boards, other years), each in the file's order.
    pub fn elsewhere(
        &self,
        report: &str,
        board: &str,
        year: u16,
    ) -> (Vec<&GoalInReport>, Vec<&GoalInReport>) {
        self.reports
            .iter()
            .filter(|o| o.report != report)
            .partition(|o| o.board == board || o.year == year)
    }
}

/// An excerpt from the full-text index as text: (words, whether they are
/// the matched ones). Only `<mark>` is read as markup; any other tag is
/// dropped and entities are decoded, so the excerpt is always shown as text.
pub fn excerpt_parts(excerpt: &str) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::new();
    let mut marked = false;
    let mut rest = excerpt;
    while !rest.is_empty() {
        let (text, after) = match rest.find('<') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, ""),
        };
        if !text.is_empty() {
            out.push((decode_entities(text), marked));
        }
        if after.is_empty() {
            break;
        }
        let end = after.find('>').map_or(after.len(), |i| i + 1);
        match &after[..end] {
            "<mark>" => marked = true,
            "</mark>" => marked = false,
            _ => {}
        }
        rest = &after[end..];
    }
    out
}

fn decode_entities(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

/// One goal across the archive.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoalHistory {
    pub id: String,
    pub title: String,
    pub title_en: String,
    /// Every annual analysis that assesses it, in manifest order.
    pub reports: Vec<GoalInReport>,
    /// Statement items that link to it.
    pub links: Vec<GoalLinkItem>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoalInReport {
    pub report: String,
    pub board: String,
    pub year: u16,
    pub status: GoalStatus,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoalLinkItem {
    /// The statement's id and short name.
    pub statement: String,
    pub name: Text,
    /// The report whose goal the item links to.
    pub report: String,
    /// How many responses (measures) the item has.
    pub responses: usize,
}

/// The catalogue of `reports` (in manifest order, with their manifest
/// entries): owned or shared, so a page without a built catalogue makes
/// one from the reports it has without copying them.
pub fn catalogue<R: std::borrow::Borrow<Report>>(
    entries: &[ManifestEntry],
    reports: &[R],
) -> Catalogue {
    let mut goals = BTreeMap::new();
    let reports = entries
        .iter()
        .zip(reports.iter().map(R::borrow))
        .map(|(e, r)| {
            let mut c = CatalogueReport {
                id: e.id.clone(),
                kind: e.kind.clone(),
                board: e.board.clone(),
                year: e.year,
                title: e.title.clone(),
                file: e.file.clone(),
                name: r.as_statement().map(|s| s.name.clone()),
                summary: r.as_statement().map(|s| s.summary.clone()),
                goals: Vec::new(),
                result: None,
                digest: None,
            };
            if let Some(a) = r.as_annual() {
                for (_, g) in a.goals() {
                    goals.entry(g.id.clone()).or_insert_with(|| GoalTitles {
                        title: g.title.clone(),
                        title_en: g.title_en.clone(),
                    });
                    c.goals.push((g.id.clone(), g.assessment.status));
                }
                c.result = a.result_figure().map(|(v, u, _)| (v, u));
            }
            c
        })
        .collect();
    Catalogue {
        schema_version: 1,
        reports,
        goals,
    }
}

/// Every goal's file, by goal id.
pub fn goal_histories<'a, I>(reports: I) -> BTreeMap<String, GoalHistory>
where
    I: IntoIterator<Item = &'a Report> + Clone,
{
    let mut out: BTreeMap<String, GoalHistory> = BTreeMap::new();
    for a in reports.clone().into_iter().filter_map(Report::as_annual) {
        for (_, g) in a.goals() {
            out.entry(g.id.clone())
                .or_insert_with(|| GoalHistory {
                    id: g.id.clone(),
                    title: g.title.clone(),
                    title_en: g.title_en.clone(),
                    reports: Vec::new(),
                    links: Vec::new(),
                })
                .reports
                .push(GoalInReport {
                    report: a.id.clone(),
                    board: a.board.short.clone(),
                    year: a.year,
                    status: g.assessment.status,
                });
        }
    }
    for s in reports.into_iter().filter_map(Report::as_statement) {
        for item in &s.items {
            for link in &item.related_goals {
                if let Some(h) = out.get_mut(&link.goal) {
                    h.links.push(GoalLinkItem {
                        statement: s.id.clone(),
                        name: s.name.clone(),
                        report: link.report.clone(),
                        responses: item.responses.len(),
                    });
                }
            }
        }
    }
    out
}

/// Where the build writes a report's page file ([`report_page`]), below
/// `reports/`: `page/` and the report's own file name.
pub fn page_file(file: &str) -> String {
    format!("{PAGE_DIR}{file}")
}

/// The published report file a page file was made from.
pub fn published_file(file: &str) -> &str {
    file.strip_prefix(PAGE_DIR).unwrap_or(file)
}

const PAGE_DIR: &str = "page/";

/// What a report's own page shows of an annual analysis, which the build
/// writes beside the report as its page file (issue #16: the page does not
/// fetch what it does not show). The goals keep what their cards show, not
/// their grounds and key figures (the goal's page shows those); the tables
/// only the one that holds the year's result; no cross-checks (a recorded
/// discrepancy carries both its figures). `None` for a statement, whose
/// page shows all of it. Every figure the page shows is the report's, as
/// printed. It is not a report the validator would pass (its discrepancies
/// and restatements name figures it leaves out): the build checked the
/// report, and a page file changed since is not read (`ui::state`).
pub fn report_page(report: &Report) -> Option<AnnualAnalysis> {
    let mut a = report.as_annual()?.clone();
    for area in &mut a.goal_areas {
        for g in &mut area.goals {
            g.grounds = Text::default();
            g.key_figures.clear();
        }
    }
    let result = a.result.as_ref().map(|c| c.table.clone());
    a.tables.retain(|t| Some(&t.id) == result.as_ref());
    a.cross_checks.clear();
    Some(a)
}

/// Parses a file the build wrote (the catalogue, a goal's file): on failure
/// one diagnostic naming the file, the JSON path, line and column.
pub fn parse_built<T: serde::de::DeserializeOwned>(file: &str, src: &str) -> Result<T, Diagnostic> {
    let de = &mut serde_json::Deserializer::from_str(src);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let at = e.path().to_string();
        let inner = e.into_inner();
        Diagnostic {
            file: file.into(),
            kind: if inner.is_syntax() || inner.is_eof() {
                DiagnosticKind::Syntax
            } else {
                DiagnosticKind::Structure
            },
            path: if at == "." {
                "$".into()
            } else {
                format!("$.{at}")
            },
            line: Some(inner.line()),
            column: Some(inner.column()),
            message: inner.to_string(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reports_page_file_holds_what_its_page_shows_and_not_the_rest() {
        let src = include_str!("../../assets/reports/asn-2025.json");
        let r = super::super::validate::parse_report("asn-2025.json", src).unwrap();
        let full = r.as_annual().unwrap();
        let page = report_page(&r).unwrap();
        assert_eq!(
            page.result_figure(),
            full.result_figure(),
            "the year's result"
        );
        assert_eq!(page.tables.len(), 1);
        assert!(page.cross_checks.is_empty());
        let goals: Vec<_> = page.goals().map(|(_, g)| g).collect();
        assert_eq!(goals.len(), full.goals().count());
        assert!(goals
            .iter()
            .all(|g| g.key_figures.is_empty() && g.grounds.sv.is_empty()));
        assert!(goals.iter().all(|g| !g.follow_up.sv.is_empty()));
        assert_eq!(page.discrepancies, full.discrepancies);
        let (text, whole) = (
            serde_json::to_string(&page).unwrap(),
            serde_json::to_string(full).unwrap(),
        );
        assert!(
            text.len() * 2 < whole.len(),
            "{} of {}",
            text.len(),
            whole.len()
        );
        let back: AnnualAnalysis = serde_json::from_str(&text).unwrap();
        assert_eq!(back, page, "the viewer decodes it as written");
        let st = include_str!("../../assets/reports/asn-omradeslyft.json");
        let st = super::super::validate::parse_report("s.json", st).unwrap();
        assert!(
            report_page(&st).is_none(),
            "a statement's page shows all of it"
        );
    }

    #[test]
    fn a_goals_other_reports_come_near_first_then_other_boards_other_years() {
        let at = |report: &str, board: &str, year| GoalInReport {
            report: report.into(),
            board: board.into(),
            year,
            status: GoalStatus::Uppnatt,
        };
        let h = GoalHistory {
            id: "g".into(),
            title: String::new(),
            title_en: String::new(),
            reports: vec![
                at("a-2025", "A", 2025),
                at("b-2025", "B", 2025),
                at("a-2024", "A", 2024),
                at("b-2024", "B", 2024),
                at("c-2023", "C", 2023),
            ],
            links: Vec::new(),
        };
        let (near, rest) = h.elsewhere("a-2025", "A", 2025);
        let ids = |v: Vec<&GoalInReport>| v.iter().map(|o| o.report.clone()).collect::<Vec<_>>();
        assert_eq!(ids(near), ["b-2025", "a-2024"]);
        assert_eq!(ids(rest), ["b-2024", "c-2023"]);
    }

    #[test]
    fn a_reports_goals_are_one_string_in_the_catalogue_and_read_back() {
        let r = CatalogueReport {
            id: "asn-2025".into(),
            kind: "annual_analysis".into(),
            board: Board {
                name: "Nämnd".into(),
                short: "ASN".into(),
            },
            year: 2025,
            title: "Årsanalys".into(),
            file: "asn-2025.json".into(),
            name: None,
            summary: None,
            goals: GoalStatus::ALL
                .iter()
                .enumerate()
                .map(|(i, s)| (format!("mal-{i}"), *s))
                .collect(),
            result: None,
            digest: None,
        };
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(
            json["goals"],
            "mal-0=uppnatt mal-1=delvis_uppnatt mal-2=ej_uppnatt"
        );
        assert_eq!(
            serde_json::from_value::<CatalogueReport>(json.clone()).unwrap(),
            r
        );
        // The names are the report files' own.
        for s in GoalStatus::ALL {
            assert_eq!(serde_json::to_value(s).unwrap(), s.key());
            assert_eq!(GoalStatus::from_key(s.key()), Some(s));
        }
        for bad in ["mal-0", "mal-0=klar", "=uppnatt"] {
            let mut j = json.clone();
            j["goals"] = bad.into();
            let e = serde_json::from_value::<CatalogueReport>(j).unwrap_err();
            assert!(e.to_string().contains("goal=status"), "{bad}: {e}");
        }
    }

    #[test]
    fn a_pages_report_survives_its_meta_and_a_mangled_meta_is_none() {
        let r = PageReport {
            id: "asn-2025".into(),
            file: "asn 2025.json".into(),
            digest: Some("00ff".into()),
        };
        assert_eq!(PageReport::from_meta(&r.to_meta()), Some(r.clone()));
        let unchecked = PageReport { digest: None, ..r };
        assert_eq!(unchecked.to_meta(), "asn-2025 - asn 2025.json");
        assert_eq!(PageReport::from_meta(&unchecked.to_meta()), Some(unchecked));
        for bad in ["", "asn-2025", "asn-2025 00ff", " 00ff x.json", "a  x"] {
            assert_eq!(PageReport::from_meta(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn an_excerpt_is_text_with_its_matched_words_marked() {
        assert_eq!(
            excerpt_parts("för <mark>cykelbanorna</mark> &amp; <b>x</b> &lt;script&gt;"),
            vec![
                ("för ".to_string(), false),
                ("cykelbanorna".to_string(), true),
                (" &amp; ".replace("&amp;", "&"), false),
                ("x".to_string(), false),
                (" <script>".to_string(), false),
            ]
        );
        assert!(excerpt_parts("").is_empty());
        assert_eq!(excerpt_parts("a <mark"), vec![("a ".to_string(), false)]);
    }

    #[test]
    fn a_broken_built_file_names_the_file_and_the_path() {
        let d = parse_built::<Catalogue>(
            "reports/catalogue-x.json",
            r#"{"schema_version":1,"goals":{},"reports":[{"id":7}]}"#,
        )
        .unwrap_err();
        assert_eq!(d.file, "reports/catalogue-x.json");
        assert_eq!(d.path, "$.reports[0].id");
        assert!(parse_built::<GoalHistory>("g.json", "{").is_err());
    }
}
