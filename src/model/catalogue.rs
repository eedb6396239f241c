//! The archive's catalogue and per-goal files, written by `cargo xtask dist`
//! from the report files (never by hand). The catalogue holds what the start
//! page and the goal matrix show of every report; a goal's file holds that
//! goal's status in every report that assesses it and the statement items
//! that link to it. Pages read these instead of every report file, so what
//! a reader downloads grows with what they look at, not with the archive.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::report::*;
use super::validate::Report;

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
    /// A statement's short name (our words).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Text>,
    /// An annual analysis's goals in document order, with their year assessment.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<(String, GoalStatus)>,
    /// The year's result as the file names it: value and unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<(f64, Unit)>,
}

impl CatalogueReport {
    /// How many of its goals have each status.
    pub fn status_counts(&self) -> super::derived::StatusCounts {
        let mut c = super::derived::StatusCounts::default();
        for (_, s) in &self.goals {
            match s {
                GoalStatus::Uppnatt => c.uppnatt += 1,
                GoalStatus::DelvisUppnatt => c.delvis += 1,
                GoalStatus::EjUppnatt => c.ej += 1,
            }
        }
        c
    }

    pub fn is_annual(&self) -> bool {
        self.kind == "annual_analysis"
    }
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

/// The catalogue of `reports` (in manifest order, with their manifest entries).
pub fn catalogue(entries: &[ManifestEntry], reports: &[Report]) -> Catalogue {
    let mut goals = BTreeMap::new();
    let reports = entries
        .iter()
        .zip(reports)
        .map(|(e, r)| {
            let mut c = CatalogueReport {
                id: e.id.clone(),
                kind: e.kind.clone(),
                board: e.board.clone(),
                year: e.year,
                title: e.title.clone(),
                file: e.file.clone(),
                name: r.as_statement().map(|s| s.name.clone()),
                goals: Vec::new(),
                result: None,
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
pub fn goal_histories(reports: &[Report]) -> BTreeMap<String, GoalHistory> {
    let mut out: BTreeMap<String, GoalHistory> = BTreeMap::new();
    for a in reports.iter().filter_map(Report::as_annual) {
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
    for s in reports.iter().filter_map(Report::as_statement) {
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

/// Parses a catalogue file: a message naming the file and the JSON path on failure.
pub fn parse_catalogue(file: &str, src: &str) -> Result<Catalogue, String> {
    let de = &mut serde_json::Deserializer::from_str(src);
    serde_path_to_error::deserialize(de)
        .map_err(|e| format!("{file}: {} at {}", e.inner(), e.path()))
}

/// Parses a goal's file.
pub fn parse_goal_history(file: &str, src: &str) -> Result<GoalHistory, String> {
    let de = &mut serde_json::Deserializer::from_str(src);
    serde_path_to_error::deserialize(de)
        .map_err(|e| format!("{file}: {} at {}", e.inner(), e.path()))
}
