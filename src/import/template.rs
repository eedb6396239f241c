//! Words of the document template that are also names in the bundled
//! files (the word a total row starts with, the heading above a goal's
//! badge line): kept as data, `assets/import-template.json`, so that src/
//! names no row, column or check of a report.

use std::sync::OnceLock;

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// How a total row's label starts (or, for the first word, ends), lower case.
    pub total_words: Vec<String>,
    /// The heading above a goal's badge line.
    pub year_heading: String,
    /// The words a statement's measure rests on, by status, first match
    /// first; a word ending in `*` is a word's start.
    pub response_words: Vec<StatusWords>,
    /// A consultation answer's position names the board: a word ending so.
    pub position_subject: String,
    /// What the board does when it takes a position ("anser", "föreslår").
    pub position_verbs: Vec<String>,
    /// Words that make a sentence a position on their own ("bör").
    pub position_words: Vec<String>,
    /// Headings after which no item's answer goes on.
    pub closing_headings: Vec<String>,
    /// The heading of a statement's decision plan.
    pub decision_plan_heading: String,
    /// The heading above whom the decision is sent to.
    pub sent_to_heading: String,
}

/// The words that give a measure one status.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusWords {
    pub status: crate::model::ResponseStatus,
    pub words: Vec<String>,
}

/// The bundled template words.
pub fn template() -> &'static Template {
    static T: OnceLock<Template> = OnceLock::new();
    T.get_or_init(|| {
        serde_json::from_str(include_str!("../../assets/import-template.json"))
            .unwrap_or_else(|e| panic!("assets/import-template.json does not read: {e}"))
    })
}
