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
}

/// The bundled template words.
pub fn template() -> &'static Template {
    static T: OnceLock<Template> = OnceLock::new();
    T.get_or_init(|| {
        serde_json::from_str(include_str!("../../assets/import-template.json"))
            .unwrap_or_else(|e| panic!("assets/import-template.json does not read: {e}"))
    })
}
