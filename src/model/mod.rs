//! The pure core: report types, validation and derived figures.
//!
//! Knows nothing of yew, web-sys, gloo or wasm-bindgen (a test enforces it).

pub mod catalogue;
pub mod compare;
pub mod derived;
pub mod diagnostic;
pub mod export;
pub mod format;
pub mod glossary;
pub mod history;
pub mod locate;
pub mod migrate;
pub mod report;
#[cfg(feature = "schema")]
pub mod schema;
pub mod validate;

pub use diagnostic::{Diagnostic, DiagnosticKind};
pub use report::*;
pub use validate::{parse_glossary, parse_manifest, parse_report};
