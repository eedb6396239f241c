//! The importer: the text of an annual analysis (årsanalys) or a statement
//! (yttrande), as `pdftotext -layout` or a markdown conversion gives it,
//! read into a draft report file of the current schema and a list of
//! review points.
//!
//! Pure code like [`crate::model`]: no browser, no yew. It never guesses:
//! whatever it cannot read or decide becomes a [`ReviewPoint`] with its
//! source line, and every figure, status and heading in the draft carries
//! its source line (and printed page, where a footer gives it).
//!
//! Texts written by people (summaries, follow-ups, grounds, the English
//! of anything the goals file does not hold) are left empty in the draft,
//! which the validator allows, and one review point asks the editor to
//! write them.

mod annual;
pub mod arith;
mod assignments;
mod build;
mod bullets;
mod giver;
pub mod goals;
pub mod number;
mod responses;
mod statement;
pub mod table;
pub mod template;
pub mod text;

use serde::{Deserialize, Serialize};

/// Something the importer could not read or decide, with where it stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewPoint {
    /// 1-based line in the source text (0: the document as a whole).
    pub line: u32,
    /// The printed page, where a footer gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    pub message: String,
}

impl std::fmt::Display for ReviewPoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, self.page) {
            (0, _) => write!(f, "hela dokumentet: {}", self.message),
            (line, Some(p)) => write!(f, "rad {line} (s. {p}): {}", self.message),
            (line, None) => write!(f, "rad {line}: {}", self.message),
        }
    }
}

/// The review points of one import, in the order of the text.
#[derive(Debug, Default)]
pub struct Review {
    points: Vec<ReviewPoint>,
}

impl Review {
    /// Adds a point at line `line` of `doc`.
    pub fn add(&mut self, doc: &text::Doc, line: u32, message: impl Into<String>) {
        self.points.push(ReviewPoint {
            line,
            page: doc.page(line),
            message: message.into(),
        });
    }

    fn into_sorted(mut self) -> Vec<ReviewPoint> {
        self.points.sort_by_key(|p| p.line);
        self.points
    }
}

/// What an import gives: the draft report (a JSON value of the current
/// schema, either kind) and the review points.
#[derive(Debug)]
pub struct Draft {
    pub report: serde_json::Value,
    pub review: Vec<ReviewPoint>,
}

impl Draft {
    /// The draft as the JSON text of a report file.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(&self.report).unwrap_or_default();
        s.push('\n');
        s
    }
}

/// Why a text could not be imported at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    Empty,
    Binary,
    /// Neither an annual analysis (goals or tables) nor a statement.
    UnknownKind,
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ImportError::Empty => "Filen är tom: ingen text att importera",
            ImportError::Binary => {
                "Filen är inte text (binära data): ta fram texten med `pdftotext -layout` först"
            }
            ImportError::UnknownKind => {
                "Texten är varken en årsanalys (inga kommunfullmäktigemål och inga tabeller) eller ett yttrande (inga rekommendationer eller frågor)"
            }
        })
    }
}

impl std::error::Error for ImportError {}

/// The kind of document a text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    AnnualAnalysis,
    Statement,
}

/// Imports raw bytes (a file as read): refuses empty and binary input.
pub fn import_bytes(bytes: &[u8], file_name: &str) -> Result<Draft, ImportError> {
    if text::looks_binary(bytes) {
        return Err(ImportError::Binary);
    }
    let text = String::from_utf8_lossy(bytes);
    import(&text, file_name)
}

/// Imports a text; `file_name` is recorded as the source file.
pub fn import(text: &str, file_name: &str) -> Result<Draft, ImportError> {
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    if text::looks_binary(text.as_bytes()) {
        return Err(ImportError::Binary);
    }
    let doc = text::Doc::new(text);
    let mut review = Review::default();
    let report = match detect(&doc) {
        Some(Kind::AnnualAnalysis) => annual::read(&doc, file_name, &mut review),
        Some(Kind::Statement) => statement::read(&doc, file_name, &mut review),
        None => return Err(ImportError::UnknownKind),
    };
    Ok(Draft {
        report,
        review: review.into_sorted(),
    })
}

/// Tells the kind from the template's headings: council goals or finance
/// tables make an annual analysis; recommendations or questions answered
/// make a statement.
pub fn detect(doc: &text::Doc) -> Option<Kind> {
    let has = |p: &str| doc.lines.iter().any(|l| l.text.starts_with(p));
    if has(goals::GOAL_PREFIX) || has(goals::AREA_PREFIX) {
        return Some(Kind::AnnualAnalysis);
    }
    if statement::is_statement(doc) {
        return Some(Kind::Statement);
    }
    let mut review = Review::default();
    let tables = table::read_all(doc, &mut review);
    (!tables.is_empty()).then_some(Kind::AnnualAnalysis)
}
