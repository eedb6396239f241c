//! Serde types of the report files: they mirror the JSON as written.
//!
//! Two kinds of report exist, told apart by the top-level field `kind`:
//! an annual analysis (`"annual_analysis"`, årsanalys) and a statement
//! (`"statement"`, yttrande). Every figure keeps a [`SourceRef`].
//!
//! Conventions for authors:
//! - Texts we write ourselves are [`Text`] (Swedish `sv` and English `en`).
//! - Texts quoted from the source (titles, row labels, phrases) are plain
//!   strings, copied exactly as printed.
//! - Amounts in finance tables are numbers in tkr, as printed (costs negative
//!   where the table prints them negative). A cell the source leaves empty is
//!   `null`.

use serde::{Deserialize, Serialize};

#[cfg(feature = "schema")]
use schemars::JsonSchema;

/// The schema version of report files this viewer reads.
///
/// Version 2 added what the viewer used to know in code: the English titles
/// of goals and goal areas (`title_en`), each table's `unit` and the columns
/// its chart plots (`plot`), and the cell holding the year's result
/// (`result`).
pub const SCHEMA_VERSION: u32 = 2;

/// The version of the manifest `reports/index.json` (unchanged since 1).
pub const MANIFEST_VERSION: u32 = 1;

/// A text in our own words, in Swedish and English.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// Swedish (the default language).
    pub sv: String,
    /// English.
    pub en: String,
}

/// The document a report was made from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SourceDocument {
    /// The document's title as printed, e.g. "Årsanalys 2025".
    pub title: String,
    /// Who published it, as printed: the city and the board.
    pub publisher: String,
    /// File name of the plain-text source in `shared/seeds`.
    pub file: String,
    /// Number of pages in the printed document, where its footers show it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<u32>,
}

/// Where in the source document something stands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    /// The section heading as printed.
    pub section: String,
    /// The printed page number (from footers like "15 (66)"), where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Line in the plain-text source file (for auditors), where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

/// The board (nämnd) that wrote the report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Board {
    /// Full name as printed.
    pub name: String,
    /// Short form as the city writes it (an abbreviation).
    pub short: String,
}

/// Only the fields every report has; read first to pick the right type and
/// to reject an unknown schema version before anything else.
#[derive(Clone, Debug, Deserialize)]
pub struct Header {
    pub schema_version: serde_json::Value,
    #[serde(default)]
    pub id: Option<serde_json::Value>,
    #[serde(default)]
    pub kind: Option<serde_json::Value>,
}

// ---------------------------------------------------------------------------
// Annual analysis
// ---------------------------------------------------------------------------

/// An annual analysis (årsanalys) of one board for one year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AnnualAnalysis {
    /// Must be 2.
    pub schema_version: u32,
    /// The report id, conventionally `{board}-{year}`. Lowercase letters, digits and hyphens.
    pub id: String,
    /// Always "annual_analysis".
    pub kind: String,
    pub board: Board,
    pub year: u16,
    /// Document title as printed.
    pub title: String,
    pub source: SourceDocument,
    /// A short summary of the whole report in our own words.
    pub summary: Text,
    /// The cell that holds the year's result against the budget (positive:
    /// surplus), where the report prints one. The report page shows it
    /// with its source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<CellRef>,
    /// Goals grouped by målområde, in the document's order.
    pub goal_areas: Vec<GoalArea>,
    /// Budget assignments (budgetuppdrag).
    #[serde(default)]
    pub assignments: Vec<Assignment>,
    /// Every finance table and text series, as printed.
    #[serde(default)]
    pub tables: Vec<Table>,
    /// Checks across tables (e.g. grants sum to "Bidrag" in the income statement).
    #[serde(default)]
    pub cross_checks: Vec<CrossCheck>,
    /// Charts the document refers to whose data is not in the text.
    #[serde(default)]
    pub missing_charts: Vec<MissingChart>,
    /// Where the source contradicts itself; every failing check must be recorded here.
    #[serde(default)]
    pub discrepancies: Vec<Discrepancy>,
    /// Figures this edition restates from an earlier edition, with both values.
    #[serde(default)]
    pub restatements: Vec<Restatement>,
    /// The board's own abbreviations and words, explained where they occur
    /// like the terms of `glossary.json` (they differ between boards).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub abbreviations: Vec<Term>,
}

/// A målområde: a group of council goals.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GoalArea {
    /// Stable id of the målområde, the same in every report.
    pub id: String,
    /// Title as printed, without the "Målområde - " prefix.
    pub title: String,
    /// The title in English: our translation of the printed title (the
    /// English view shows it beside the Swedish one, which stays as printed).
    pub title_en: String,
    pub goals: Vec<Goal>,
}

/// The board's contribution to one council goal (kommunfullmäktigemål).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Goal {
    /// Stable id of the council goal: the same in every board and year.
    pub id: String,
    /// Title as printed, without the "Kommunfullmäktigemål - " prefix.
    pub title: String,
    /// The title in English: our translation of the printed title (the
    /// English view shows it beside the Swedish one, which stays as printed).
    pub title_en: String,
    /// The year assessment.
    pub assessment: Assessment,
    /// The assessment of the expected movement over the mandate period.
    pub outlook: Outlook,
    /// What the board did, in our own words (one or two sentences).
    pub follow_up: Text,
    /// What the assessment rests on, in our own words.
    pub grounds: Text,
    /// Figures the goal's text gives.
    #[serde(default)]
    pub key_figures: Vec<KeyFigure>,
    pub source: SourceRef,
}

/// Year assessment of a goal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum GoalStatus {
    Uppnatt,
    DelvisUppnatt,
    EjUppnatt,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    pub status: GoalStatus,
    /// The badge line as printed, e.g. "Uppnåtts".
    pub badge: String,
    /// The assessment sentence as printed, e.g.
    /// "Bedömningen är att bidraget till kommunfullmäktigemålet för 2025 förväntas uppnås."
    pub wording: String,
}

/// Expected movement over the mandate period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum OutlookStatus {
    /// "förväntas leda till önskad förflyttning".
    OnskadForflyttning,
    /// Partly ("delvis").
    DelvisForflyttning,
    /// "förväntas inte leda till önskad förflyttning".
    EjForflyttning,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Outlook {
    pub status: OutlookStatus,
    /// The outlook sentence as printed.
    pub wording: String,
}

/// A figure stated in a goal's text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct KeyFigure {
    /// Stable id within the goal, needed where a restatement or discrepancy points at it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// What the figure measures, in our own words.
    pub label: Text,
    pub value: f64,
    /// Unit, e.g. "antal", "procent", "procentenheter", "mnkr", "tkr", "kr".
    pub unit: String,
    /// The figure as printed, e.g. "drygt 7 000".
    pub printed: String,
    /// A qualifier as printed: "drygt", "knappt", "cirka", "ungefär", "mer än" ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
    /// The value it is compared with, where the text gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparison: Option<Comparison>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Comparison {
    pub value: f64,
    /// As printed.
    pub printed: String,
    /// The year (or first year of the period) compared with, where given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    /// What it is, in our own words (e.g. "riket", "2024").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Text>,
}

/// A budget assignment (budgetuppdrag) from the council.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Assignment {
    pub id: String,
    /// The assignment as printed.
    pub title: String,
    /// Id of the målområde it is listed under, where it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal_area: Option<String>,
    pub status: AssignmentStatus,
    /// The phrase of the text the status rests on, as printed.
    pub phrase: String,
    /// What was done, in our own words.
    pub summary: Text,
    pub source: SourceRef,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AssignmentStatus {
    Genomfort,
    Pagar,
    EjPaborjat,
}

// ---------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------

/// What a table is; decides which chart shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    /// Budgetavvikelse per verksamhetsområde.
    DeviationByArea,
    /// Driftbudget (utfall vs prognos i delårsrapporten).
    OperatingBudget,
    /// Orsaker till årets resultat.
    ResultCauses,
    /// Förändringar jämfört med delårsrapport.
    ChangesSinceInterim,
    /// Investeringar / investeringsram.
    Investments,
    /// Förändringar av kommunbidrag under året.
    BudgetChanges,
    /// Resultaträkning.
    IncomeStatement,
    /// Riktade statsbidrag.
    StateGrants,
    /// Övriga bidrag.
    OtherGrants,
    /// A series given in the text, one column per year (e.g. households
    /// with economic assistance). Comparisons join a board's editions of it.
    Series,
    /// A kind this viewer does not know (a file newer than the viewer): it
    /// still gets its table and a plain bar chart of its `plot` columns.
    #[serde(other)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    Other,
}

/// Unit of a table's or a row's values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Thousands of kronor; values must be whole numbers.
    #[default]
    Tkr,
    /// A count.
    Antal,
    /// Percent.
    Procent,
}

/// A table as printed: every row and column, totals as printed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// Stable id within the report, used in the chart's URL.
    pub id: String,
    pub kind: TableKind,
    /// The table's heading as printed.
    pub title: String,
    /// What the table shows, in our own words (one sentence).
    pub description: Text,
    /// Unit of the values (a row may override it); the chart's unit.
    pub unit: Unit,
    pub columns: Vec<Column>,
    /// Keys of the columns the chart plots, in order (at least one). A
    /// deviation, waterfall or sorted chart plots the first; a grouped chart
    /// (and a series) every one.
    pub plot: Vec<String>,
    pub rows: Vec<Row>,
    /// Relations between columns that hold on every row, e.g. avvikelse = budget − utfall.
    #[serde(default)]
    pub relations: Vec<Relation>,
    pub source: SourceRef,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Column {
    /// Stable key within the table; a year column's key is the year.
    pub key: String,
    /// The column header as printed.
    pub label: String,
}

/// What a row is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RowRole {
    /// An ordinary row.
    #[default]
    Item,
    /// A row that sums others (listed in `sum_of`).
    Subtotal,
    /// A total row (sums `sum_of`, or else every item row above it).
    Total,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Row {
    /// Stable key within the table.
    pub key: String,
    /// The row label as printed.
    pub label: String,
    /// Grant giver (bidragsgivare) as printed, for grant tables.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub giver: Option<String>,
    #[serde(default)]
    pub role: RowRole,
    /// For subtotal and total rows: the keys of the rows it sums.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sum_of: Vec<String>,
    /// One value per column, `null` where the source prints none.
    pub values: Vec<Option<f64>>,
    /// Overrides the table's unit for this row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Unit>,
}

/// `column = Σ plus − Σ minus`, on every row with all the values.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Relation {
    pub column: String,
    #[serde(default)]
    pub plus: Vec<String>,
    #[serde(default)]
    pub minus: Vec<String>,
}

/// A cell: table id, row key, column key.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CellRef {
    pub table: String,
    pub row: String,
    pub column: String,
}

/// Σ left = Σ right (e.g. statsbidrag + övriga bidrag = Bidrag).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CrossCheck {
    /// Stable id, used by discrepancies that record its failure.
    pub id: String,
    /// What is checked, in our own words.
    pub description: Text,
    pub left: Vec<CellRef>,
    pub right: Vec<CellRef>,
}

/// A chart the document refers to whose data is not in the text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MissingChart {
    /// The chart's caption as printed (after "Diagram: ").
    pub title: String,
    pub source: SourceRef,
}

/// A place where the source contradicts itself. Both numbers are kept.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Discrepancy {
    /// The id of the failing check, as the validator names it:
    /// `sum:{table}:{row}:{column}`, `relation:{table}:{row}:{column}` or
    /// `cross:{cross_check id}`. For two figures in the running text that
    /// disagree (no table to check), `text:{a short id of ours}`.
    pub check: String,
    /// The figure as printed.
    pub printed: f64,
    /// What the other figures give (the computed sum, or the other place's figure).
    pub expected: f64,
    /// Unit of `printed` and `expected` (default tkr).
    #[serde(default)]
    pub unit: Unit,
    /// What is wrong, in our own words.
    pub description: Text,
    /// Where the printed figure stands.
    pub source: SourceRef,
    /// Where the other figure stands, if elsewhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_source: Option<SourceRef>,
}

/// A figure in a report: a table cell, or a key figure of a goal.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(untagged, deny_unknown_fields)]
pub enum FigureRef {
    Cell(CellRef),
    KeyFigure {
        /// Goal id.
        goal: String,
        /// The key figure's `id`.
        figure: String,
    },
}

/// Read by its fields, in one pass: serde's untagged enums buffer the value
/// and try each variant in turn, and a failed try makes an error, which in
/// the browser is a JavaScript `Error` with its stack (issue #30: in a
/// profile of `/asn-2025`'s boot the restatements, with 24 figures, were
/// about a quarter of its report's decoding).
impl<'de> Deserialize<'de> for FigureRef {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Fields {
            table: Option<String>,
            row: Option<String>,
            column: Option<String>,
            goal: Option<String>,
            figure: Option<String>,
        }
        match Fields::deserialize(d)? {
            Fields {
                table: Some(table),
                row: Some(row),
                column: Some(column),
                goal: None,
                figure: None,
            } => Ok(FigureRef::Cell(CellRef { table, row, column })),
            Fields {
                table: None,
                row: None,
                column: None,
                goal: Some(goal),
                figure: Some(figure),
            } => Ok(FigureRef::KeyFigure { goal, figure }),
            _ => Err(serde::de::Error::custom(
                "en siffra är antingen en tabells cell (`table`, `row` och `column`) \
                 eller ett måls nyckeltal (`goal` och `figure`)",
            )),
        }
    }
}

/// A figure that a later edition prints differently from an earlier one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Restatement {
    /// What the figure is, in our own words.
    pub description: Text,
    /// The figure in this report.
    pub figure: FigureRef,
    /// The value in this report.
    pub value: f64,
    /// As printed in this report.
    pub printed: String,
    /// The earlier report's id.
    pub other_report: String,
    /// The figure in the earlier report.
    pub other_figure: FigureRef,
    /// The value in the earlier report.
    pub other_value: f64,
    /// As printed in the earlier report.
    pub other_printed: String,
}

// ---------------------------------------------------------------------------
// Statement
// ---------------------------------------------------------------------------

/// A statement (yttrande) of a board.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Statement {
    /// Must be 2.
    pub schema_version: u32,
    pub id: String,
    /// Always "statement".
    pub kind: String,
    pub board: Board,
    /// Year of the decision.
    pub year: u16,
    /// Title as printed (the document's own name for itself).
    pub title: String,
    /// A short name in our own words, for lists and headings, e.g.
    /// "Yttrande om granskningen av arbetsmarknadsinsatser".
    pub name: Text,
    pub source: SourceDocument,
    /// A short summary in our own words.
    pub summary: Text,
    /// What the statement answers.
    pub answers: Answers,
    /// Dates as printed in the document (decision, meeting, reply dates).
    #[serde(default)]
    pub dates: Vec<DatedEvent>,
    /// Diary numbers (diarienummer) as printed.
    #[serde(default)]
    pub diary_numbers: Vec<String>,
    /// The decision plan (beslutsplan), where present.
    #[serde(default)]
    pub decision_plan: Vec<DatedEvent>,
    /// The decision proposal (förslag till beslut) as printed.
    pub decision_proposal: String,
    pub items: Vec<StatementItem>,
    /// The board's own abbreviations and words (see the annual analysis's).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub abbreviations: Vec<Term>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AnswersKind {
    AuditReview,
    Consultation,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Answers {
    pub kind: AnswersKind,
    /// Title of the review or proposal as printed.
    pub title: String,
    /// Who asked (e.g. "Stadsrevisionen", "Stadskontoret").
    pub from: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DatedEvent {
    /// ISO date "YYYY-MM-DD", or "YYYY-MM" where only the month is given.
    pub date: String,
    /// What happens, in our own words.
    pub label: Text,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Recommendation,
    Question,
}

/// A recommendation of an audit or a question of a consultation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StatementItem {
    pub id: String,
    pub kind: ItemKind,
    /// The recommendation or question as printed.
    pub text: String,
    pub responses: Vec<Response>,
    /// Council goals this item concerns, as `{report}/{goal id}` links.
    #[serde(default)]
    pub related_goals: Vec<GoalLink>,
    pub source: SourceRef,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ResponseStatus {
    Genomford,
    Pagar,
    Planerad,
    Senarelagd,
    Stallningstagande,
}

/// A measure (for a recommendation) or a position (for a question).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Response {
    /// What the board did or says, in our own words.
    pub summary: Text,
    pub status: ResponseStatus,
    /// The phrase of the text the status rests on, as printed.
    pub phrase: String,
    /// The 1-based line of the source text the phrase starts on, where
    /// known (an imported draft always knows it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GoalLink {
    pub report: String,
    pub goal: String,
}

// ---------------------------------------------------------------------------
// Manifest
// ---------------------------------------------------------------------------

/// `reports/index.json`: every bundled report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub schema_version: u32,
    pub reports: Vec<ManifestEntry>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ManifestEntry {
    pub id: String,
    /// "annual_analysis" or "statement".
    pub kind: String,
    pub board: Board,
    pub year: u16,
    pub title: String,
    /// File name beside the manifest: the report's id and ".json".
    pub file: String,
}

// ---------------------------------------------------------------------------
// A checked report, ids
// ---------------------------------------------------------------------------

/// A checked report.
#[derive(Clone, Debug, PartialEq)]
pub enum Report {
    Annual(AnnualAnalysis),
    Statement(Statement),
}

impl Report {
    pub fn id(&self) -> &str {
        match self {
            Report::Annual(a) => &a.id,
            Report::Statement(s) => &s.id,
        }
    }
    pub fn title(&self) -> &str {
        match self {
            Report::Annual(a) => &a.title,
            Report::Statement(s) => &s.title,
        }
    }
    pub fn board(&self) -> &Board {
        match self {
            Report::Annual(a) => &a.board,
            Report::Statement(s) => &s.board,
        }
    }
    pub fn year(&self) -> u16 {
        match self {
            Report::Annual(a) => a.year,
            Report::Statement(s) => s.year,
        }
    }
    pub fn as_annual(&self) -> Option<&AnnualAnalysis> {
        match self {
            Report::Annual(a) => Some(a),
            Report::Statement(_) => None,
        }
    }
    pub fn as_statement(&self) -> Option<&Statement> {
        match self {
            Report::Statement(s) => Some(s),
            Report::Annual(_) => None,
        }
    }
}

/// Whether `s` is an id: lower-case ASCII letters, digits and inner hyphens,
/// at most 80 characters.
pub fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 80
        && s.bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

// ---------------------------------------------------------------------------
// Glossary entries (the glossary's file and matcher are `glossary`; a
// report declares its own abbreviations as terms)
// ---------------------------------------------------------------------------

/// One term: its forms as they occur, and a short definition in our own words.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// Stable id: the anchor on the glossary page (`/begrepp#{id}`).
    /// Lowercase letters, digits and hyphens.
    pub id: String,
    /// The term as the glossary page lists it, in Swedish (a word, or an abbreviation).
    pub term: String,
    /// The term in English (e.g. "municipal allocation").
    pub term_en: String,
    /// Every form to find in a text: inflections and abbreviations, as they
    /// occur. A form with a capital letter matches only as written ("SoL");
    /// a form in lower case matches in any case ("Kommunbidrag").
    pub forms: Vec<String>,
    /// Every form to find in English text: the English words and their
    /// inflections ("municipal allocation", "municipal allocations"), and
    /// the abbreviations English text keeps ("LSS"). Same rules of case as
    /// `forms`. An English page marks these, a Swedish page `forms`.
    pub forms_en: Vec<String>,
    /// What it means, in short plain words of our own.
    pub definition: Text,
    /// Where the source documents define or use the term.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<TermSource>,
    /// The board whose report declares the term (filled by the build for a
    /// report's own abbreviations; leave it out in `glossary.json`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub board: Option<String>,
    /// The pages where the term occurs, newest reports first, at most
    /// twelve (filled by the build; leave it out).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<Occurrence>,
    /// How many more pages have the term than `pages` lists (filled by the
    /// build; leave it out).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub more_pages: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Where a source document defines or uses a term.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TermSource {
    /// The document's title as printed, e.g. "Årsanalys 2025".
    pub document: String,
    /// Who published it: the board's short form as printed.
    pub board: String,
    /// The section heading as printed.
    pub section: String,
    /// The printed page number, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

/// A page where a term occurs: a report's page, a goal's or a table's.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Occurrence {
    pub report: String,
    /// The page's name as the glossary page links it: the board's short
    /// form and year, and the goal's or table's title as printed.
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(json: &str) -> Result<FigureRef, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn a_figure_is_read_as_a_cell_or_a_key_figure_by_its_fields_and_written_back_the_same() {
        let cell = r#"{"table":"t","row":"r","column":"c"}"#;
        let key = r#"{"goal":"g","figure":"f"}"#;
        assert_eq!(
            figure(cell),
            Ok(FigureRef::Cell(CellRef {
                table: "t".into(),
                row: "r".into(),
                column: "c".into()
            }))
        );
        let read = figure(key).unwrap();
        assert_eq!(
            read,
            FigureRef::KeyFigure {
                goal: "g".into(),
                figure: "f".into()
            }
        );
        assert_eq!(serde_json::to_string(&read).unwrap(), key);
        assert_eq!(serde_json::to_string(&figure(cell).unwrap()).unwrap(), cell);
    }

    #[test]
    fn a_figure_that_is_neither_or_both_or_names_another_field_is_refused_saying_why() {
        for half in [
            r#"{"table":"t","row":"r"}"#,
            r#"{"goal":"g"}"#,
            r#"{"table":"t","row":"r","column":"c","goal":"g","figure":"f"}"#,
            r#"{}"#,
        ] {
            let e = figure(half).unwrap_err();
            assert!(e.contains("antingen en tabells cell"), "{half}: {e}");
        }
        let e = figure(r#"{"goal":"g","figure":"f","note":"n"}"#).unwrap_err();
        assert!(e.contains("unknown field `note`"), "{e}");
        assert!(figure(r#""t/r/c""#).is_err());
    }
}
