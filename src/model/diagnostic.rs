//! A problem found in a file, with where it stands: what the validator,
//! the catalogue's reader and the build report.

use std::fmt;

/// What went wrong. Non-exhaustive: new checks add kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub enum DiagnosticKind {
    /// Not JSON at all, or cut off.
    Syntax,
    /// `schema_version` missing or not the one this viewer reads.
    SchemaVersion,
    /// A field missing, of the wrong type, or unknown.
    Structure,
    /// A value out of range, an id in the wrong form, a duplicate.
    Value,
    /// A reference to something that does not exist.
    Reference,
    /// Figures that do not add up and are not recorded as a source discrepancy.
    Arithmetic,
    /// A recorded discrepancy or restatement that the figures do not show.
    StaleRecord,
}

/// One problem in one file, with where it stands.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    pub file: String,
    pub kind: DiagnosticKind,
    /// JSON path, e.g. `$.tables[2].rows[4].values[1]`; empty when the
    /// problem is the file as a whole (it could not be fetched).
    pub path: String,
    /// 1-based line and column in the file, where the path could be found.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// What is wrong, in plain Swedish.
    pub message: String,
}

impl Diagnostic {
    /// A problem with no line and column: of the file as a whole (`path`
    /// empty, e.g. it could not be fetched or checked) or at a JSON path
    /// the text was not searched for.
    pub fn without_position(
        file: &str,
        kind: DiagnosticKind,
        path: &str,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            file: file.into(),
            kind,
            path: path.into(),
            line: None,
            column: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, ":{l}:{c}")?;
        }
        if !self.path.is_empty() {
            write!(f, ": {}", self.path)?;
        }
        write!(f, ": {}", self.message)
    }
}
