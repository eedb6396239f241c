//! JSON Schema of the report files, generated from the Rust types
//! (feature `schema`), so editors get completion and checks in an ordinary editor.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::report::{AnnualAnalysis, Statement};

/// Either kind of report file.
#[derive(Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
#[allow(dead_code, clippy::large_enum_variant)]
enum ReportFile {
    AnnualAnalysis(AnnualAnalysis),
    Statement(Statement),
}

/// The schema as pretty-printed JSON, ending in a newline.
pub fn json_schema() -> String {
    let mut schema = schemars::schema_for!(ReportFile);
    schema.insert(
        "$id".into(),
        "https://insyn.example/reports/schema.json".into(),
    );
    schema.insert(
        "title".into(),
        "Insyn report file (schema_version 2)".into(),
    );
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}

/// The schema of `glossary.json` as pretty-printed JSON, ending in a newline.
pub fn glossary_json_schema() -> String {
    let mut schema = schemars::schema_for!(super::glossary::Glossary);
    schema.insert(
        "$id".into(),
        "https://insyn.example/glossary.schema.json".into(),
    );
    schema.insert("title".into(), "Insyn glossary (schema_version 1)".into());
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}
