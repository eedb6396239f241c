//! Downloads: a table as CSV, exactly the data shown.

use super::report::{Table, Unit};

/// The table as CSV for Swedish spreadsheets: UTF-8 with a byte-order mark,
/// `;` between fields, decimal comma, the headers and labels as printed,
/// plus the unit of each row.
pub fn table_csv(t: &Table) -> String {
    let has_giver = t.rows.iter().any(|r| r.giver.is_some());
    let mut out = String::from('\u{feff}');
    let mut header = vec!["Rad".to_string()];
    if has_giver {
        header.push("Bidragsgivare".into());
    }
    header.extend(t.columns.iter().map(|c| c.label.clone()));
    header.push("Enhet".into());
    out += &header
        .iter()
        .map(|h| field(h))
        .collect::<Vec<_>>()
        .join(";");
    out += "\r\n";
    for r in &t.rows {
        let mut fields = vec![field(&r.label)];
        if has_giver {
            fields.push(field(r.giver.as_deref().unwrap_or("")));
        }
        for v in &r.values {
            fields.push(v.map(number).unwrap_or_default());
        }
        fields.push(
            match r.unit.unwrap_or(t.unit) {
                Unit::Tkr => "tkr",
                Unit::Antal => "antal",
                Unit::Procent => "procent",
            }
            .into(),
        );
        out += &fields.join(";");
        out += "\r\n";
    }
    out
}

fn number(v: f64) -> String {
    super::format::csv_number(v).replace('.', ",")
}

/// Quotes a field when it holds a separator, a quote or a line break.
/// A leading `=`, `+`, `-` or `@` in text is prefixed with `'` so no
/// spreadsheet runs it as a formula.
fn field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Column, Row, RowRole, SourceRef, TableKind, Text};

    #[test]
    fn csv_holds_every_row_and_column_as_shown() {
        let t = Table {
            id: "x".into(),
            kind: TableKind::OtherGrants,
            title: "Övriga bidrag".into(),
            description: Text::default(),
            unit: Unit::Tkr,
            plot: vec!["utfall".into()],
            columns: vec![Column {
                key: "utfall".into(),
                label: "Utfall (tkr)".into(),
            }],
            rows: vec![
                Row {
                    key: "a".into(),
                    label: "Momsbidrag".into(),
                    giver: Some("Skatteverket".into()),
                    role: RowRole::Item,
                    sum_of: vec![],
                    values: vec![Some(55_504.0)],
                    unit: None,
                },
                Row {
                    key: "b".into(),
                    label: "Ersättningar; \"övriga\"".into(),
                    giver: None,
                    role: RowRole::Item,
                    sum_of: vec![],
                    values: vec![None],
                    unit: None,
                },
                Row {
                    key: "c".into(),
                    label: "=HYPERLINK()".into(),
                    giver: None,
                    role: RowRole::Item,
                    sum_of: vec![],
                    values: vec![Some(-10.5)],
                    unit: Some(Unit::Procent),
                },
            ],
            relations: vec![],
            source: SourceRef {
                section: "s".into(),
                page: None,
                line: None,
            },
        };
        let csv = table_csv(&t);
        let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(lines[0], "Rad;Bidragsgivare;Utfall (tkr);Enhet");
        assert_eq!(lines[1], "Momsbidrag;Skatteverket;55504;tkr");
        assert_eq!(lines[2], "\"Ersättningar; \"\"övriga\"\"\";;;tkr");
        assert_eq!(lines[3], "'=HYPERLINK();;-10,5;procent");
        assert!(csv.starts_with('\u{feff}'));
    }
}
