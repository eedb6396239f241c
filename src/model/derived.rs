//! Figures derived from a report: status counts, lookups across reports.

use super::report::*;

/// How many goals have each year assessment.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StatusCounts {
    pub uppnatt: usize,
    pub delvis: usize,
    pub ej: usize,
}

impl StatusCounts {
    pub fn total(&self) -> usize {
        self.uppnatt + self.delvis + self.ej
    }
    pub fn get(&self, s: GoalStatus) -> usize {
        match s {
            GoalStatus::Uppnatt => self.uppnatt,
            GoalStatus::DelvisUppnatt => self.delvis,
            GoalStatus::EjUppnatt => self.ej,
        }
    }
}

/// The counts of some assessments: `statuses.collect::<StatusCounts>()`,
/// whether they are a report's goals, a catalogue line's, a board's year or
/// the boards assessing one goal in a year.
impl FromIterator<GoalStatus> for StatusCounts {
    fn from_iter<I: IntoIterator<Item = GoalStatus>>(statuses: I) -> Self {
        let mut c = StatusCounts::default();
        for s in statuses {
            match s {
                GoalStatus::Uppnatt => c.uppnatt += 1,
                GoalStatus::DelvisUppnatt => c.delvis += 1,
                GoalStatus::EjUppnatt => c.ej += 1,
            }
        }
        c
    }
}

impl AnnualAnalysis {
    /// Every goal with its målområde, in document order.
    pub fn goals(&self) -> impl Iterator<Item = (&GoalArea, &Goal)> {
        self.goal_areas
            .iter()
            .flat_map(|a| a.goals.iter().map(move |g| (a, g)))
    }

    pub fn goal(&self, id: &str) -> Option<(&GoalArea, &Goal)> {
        self.goals().find(|(_, g)| g.id == id)
    }

    pub fn status_counts(&self) -> StatusCounts {
        self.goals().map(|(_, g)| g.assessment.status).collect()
    }

    pub fn table(&self, id: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.id == id)
    }

    /// The year's result as the file's `result` names it: the value, its
    /// unit and the table it stands in.
    pub fn result_figure(&self) -> Option<(f64, Unit, &Table)> {
        let c = self.result.as_ref()?;
        let table = self.table(&c.table)?;
        let v = table.value(&c.row, &c.column)?;
        let row = table.rows.iter().find(|r| r.key == c.row)?;
        Some((v, row.unit.unwrap_or(table.unit), table))
    }

    /// The units of the report's tables and rows, in first-seen order.
    pub fn units(&self) -> Vec<Unit> {
        let mut out: Vec<Unit> = Vec::new();
        for t in &self.tables {
            for u in std::iter::once(t.unit).chain(t.rows.iter().filter_map(|r| r.unit)) {
                if !out.contains(&u) {
                    out.push(u);
                }
            }
        }
        out
    }

    /// Recorded discrepancies that concern one table.
    pub fn discrepancies_for(&self, table: &str) -> Vec<&Discrepancy> {
        self.discrepancies
            .iter()
            .filter(|d| {
                d.check.split(':').nth(1) == Some(table)
                    || self.cross_check_touches(&d.check, table)
            })
            .collect()
    }

    fn cross_check_touches(&self, check: &str, table: &str) -> bool {
        let Some(id) = check.strip_prefix("cross:") else {
            return false;
        };
        self.cross_checks
            .iter()
            .filter(|x| x.id == id)
            .any(|x| x.left.iter().chain(&x.right).any(|c| c.table == table))
    }
}

impl Table {
    pub fn column_index(&self, key: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.key == key)
    }
    pub fn value(&self, row: &str, column: &str) -> Option<f64> {
        let ci = self.column_index(column)?;
        self.rows
            .iter()
            .find(|r| r.key == row)?
            .values
            .get(ci)
            .copied()
            .flatten()
    }
    pub fn items(&self) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(|r| r.role == RowRole::Item)
    }
    pub fn total(&self) -> Option<&Row> {
        self.rows.iter().rev().find(|r| r.role == RowRole::Total)
    }
}

/// A search hit: a report or a goal.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub report: String,
    pub goal: Option<String>,
    pub label: String,
    pub context: String,
}

impl Hit {
    /// Where the hit leads, as a route key the UI turns into a link.
    pub fn target(&self) -> (&str, Option<&str>) {
        (&self.report, self.goal.as_deref())
    }
}

/// Goals and reports whose titles or summaries hold every word of the query
/// (case-insensitive), in manifest order.
pub fn search(reports: &[std::rc::Rc<Report>], query: &str, lang: super::format::Lang) -> Vec<Hit> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let pick = |t: &Text| match lang {
        super::format::Lang::Sv => t.sv.clone(),
        super::format::Lang::En => t.en.clone(),
    };
    let matches = |hay: &str| {
        let hay = hay.to_lowercase();
        words.iter().all(|w| hay.contains(w.as_str()))
    };
    let mut out = Vec::new();
    for r in reports {
        let heading = format!("{} {}", r.board().name, r.title());
        match &**r {
            Report::Annual(a) => {
                if matches(&format!("{heading} {} {}", a.board.short, pick(&a.summary))) {
                    out.push(Hit {
                        report: a.id.clone(),
                        goal: None,
                        label: heading.clone(),
                        context: a.year.to_string(),
                    });
                }
                for (area, g) in a.goals() {
                    let hay = format!(
                        "{} {} {} {}",
                        g.title,
                        area.title,
                        pick(&g.follow_up),
                        pick(&g.grounds)
                    );
                    if matches(&hay) {
                        out.push(Hit {
                            report: a.id.clone(),
                            goal: Some(g.id.clone()),
                            label: g.title.clone(),
                            context: format!("{} {}", a.board.short, a.year),
                        });
                    }
                }
            }
            Report::Statement(s) => {
                let hay = format!("{heading} {} {}", pick(&s.name), pick(&s.summary));
                if matches(&hay) {
                    out.push(Hit {
                        report: s.id.clone(),
                        goal: None,
                        label: pick(&s.name),
                        context: s.year.to_string(),
                    });
                }
            }
        }
    }
    out
}

impl GoalStatus {
    pub const ALL: [GoalStatus; 3] = [
        GoalStatus::Uppnatt,
        GoalStatus::DelvisUppnatt,
        GoalStatus::EjUppnatt,
    ];

    /// The status as the report files spell it (`delvis_uppnatt`): in the
    /// catalogue and in the report page's address.
    pub fn key(self) -> &'static str {
        match self {
            GoalStatus::Uppnatt => "uppnatt",
            GoalStatus::DelvisUppnatt => "delvis_uppnatt",
            GoalStatus::EjUppnatt => "ej_uppnatt",
        }
    }

    /// The status a [`GoalStatus::key`] names.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }

    /// Order for comparisons: higher is better.
    pub fn rank(self) -> u8 {
        match self {
            GoalStatus::Uppnatt => 2,
            GoalStatus::DelvisUppnatt => 1,
            GoalStatus::EjUppnatt => 0,
        }
    }
}

/// A goal whose year assessment differs between two editions.
#[derive(Clone, Debug, PartialEq)]
pub struct StatusChange {
    pub goal: String,
    pub title: String,
    pub before: GoalStatus,
    pub after: GoalStatus,
}

impl StatusChange {
    pub fn improved(&self) -> bool {
        self.after.rank() > self.before.rank()
    }
}

/// One row of a series table across editions: a table whose rows are years
/// and whose columns are the editions, so each value says which edition
/// printed it. `None` where an edition does not cover a year.
pub fn series_across_editions(
    editions: &[&AnnualAnalysis],
    table_id: &str,
    row_key: &str,
) -> Option<Table> {
    let tables: Vec<(&AnnualAnalysis, &Table)> = editions
        .iter()
        .filter_map(|a| a.table(table_id).map(|t| (*a, t)))
        .collect();
    let (_, first) = tables.first()?;
    let row = first.rows.iter().find(|r| r.key == row_key)?;
    let mut years: Vec<String> = tables
        .iter()
        .flat_map(|(_, t)| t.columns.iter().map(|c| c.key.clone()))
        .collect();
    years.sort();
    years.dedup();
    let rows = years
        .iter()
        .map(|y| Row {
            key: y.clone(),
            label: y.clone(),
            giver: None,
            role: RowRole::Item,
            sum_of: Vec::new(),
            values: tables.iter().map(|(_, t)| t.value(row_key, y)).collect(),
            unit: row.unit,
        })
        .collect();
    Some(Table {
        id: format!("{table_id}-{row_key}-over-tid"),
        kind: TableKind::Series,
        title: row.label.clone(),
        description: first.description.clone(),
        unit: row.unit.unwrap_or(first.unit),
        plot: tables.iter().map(|(a, _)| a.id.clone()).collect(),
        columns: tables
            .iter()
            .map(|(a, _)| Column {
                key: a.id.clone(),
                label: format!("{} {}", a.board.short, a.title),
            })
            .collect(),
        rows,
        relations: Vec::new(),
        source: first.source.clone(),
    })
}
