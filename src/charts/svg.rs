//! Draws a laid-out [`Chart`] as SVG with plotters' SVG backend.
//!
//! plotters escapes the text it writes; the UI inserts the SVG string in one
//! place (the chart component) and marks it `aria-hidden`, since the chart's
//! words reach assistive technology through its summary, its focusable marks
//! and its table.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Chart, Tone, FONT};
use crate::model::GoalStatus;

/// Colours chosen to differ in lightness too (readable in greyscale), AA on white and dark.
pub fn tone_color(t: Tone) -> RGBColor {
    match t {
        Tone::Positive => RGBColor(0x21, 0x66, 0xac),
        Tone::Negative => RGBColor(0xd6, 0x60, 0x4d),
        Tone::Total => RGBColor(0x4d, 0x4d, 0x4d),
        Tone::Series(0) => RGBColor(0x21, 0x66, 0xac),
        Tone::Series(1) => RGBColor(0xd4, 0x76, 0x1c),
        Tone::Series(_) => RGBColor(0x1b, 0x9e, 0x77),
    }
}

pub fn status_color(s: GoalStatus) -> RGBColor {
    match s {
        GoalStatus::Uppnatt => RGBColor(0x2e, 0x7d, 0x46),
        GoalStatus::DelvisUppnatt => RGBColor(0xe0, 0xa6, 0x3a),
        GoalStatus::EjUppnatt => RGBColor(0xc6, 0x28, 0x28),
    }
}

const INK: RGBColor = RGBColor(0x33, 0x33, 0x33);
const GRID: RGBColor = RGBColor(0xb0, 0xb0, 0xb0);

fn px(v: f64) -> i32 {
    v.round() as i32
}

/// The chart as an SVG document string. Errors from plotters become an empty string.
pub fn render(chart: &Chart) -> String {
    let mut out = String::new();
    let size = (chart.width.ceil() as u32, chart.height.ceil() as u32);
    if draw(chart, &mut out, size).is_err() {
        return String::new();
    }
    out
}

fn draw(chart: &Chart, out: &mut String, size: (u32, u32)) -> Result<(), String> {
    let root = SVGBackend::with_string(out, size).into_drawing_area();
    let font = |bold: bool, anchor: HPos| {
        let f = ("sans-serif", FONT * 1.24).into_font();
        let f = if bold { f.style(FontStyle::Bold) } else { f };
        f.color(&INK).pos(Pos::new(anchor, VPos::Bottom))
    };
    let small = ("sans-serif", (FONT - 2.0) * 1.24).into_font().color(&INK);
    // Grid and tick labels.
    let top = 32.0;
    for (x, label) in &chart.ticks {
        root.draw(&PathElement::new(
            vec![(px(*x), px(top)), (px(*x), px(chart.height - 4.0))],
            GRID.stroke_width(1),
        ))
        .map_err(|e| e.to_string())?;
        // Keep the outermost tick labels inside the chart.
        let anchor = if *x < 24.0 {
            HPos::Left
        } else if *x > chart.width - 24.0 {
            HPos::Right
        } else {
            HPos::Center
        };
        root.draw(&Text::new(
            label.clone(),
            (px(*x), px(top - 4.0)),
            small.clone().pos(Pos::new(anchor, VPos::Bottom)),
        ))
        .map_err(|e| e.to_string())?;
    }
    root.draw(&Text::new(
        chart.axis_unit.clone(),
        (px(chart.width - 2.0), px(9.0)),
        small.clone().pos(Pos::new(HPos::Right, VPos::Center)),
    ))
    .map_err(|e| e.to_string())?;
    // Bars.
    for m in &chart.marks {
        root.draw(&Rectangle::new(
            [(px(m.x), px(m.y)), (px(m.x + m.w), px(m.y + m.h))],
            tone_color(m.tone).filled(),
        ))
        .map_err(|e| e.to_string())?;
    }
    // Zero line on top of the bars.
    root.draw(&PathElement::new(
        vec![
            (px(chart.zero), px(top)),
            (px(chart.zero), px(chart.height - 4.0)),
        ],
        INK.stroke_width(2),
    ))
    .map_err(|e| e.to_string())?;
    for l in &chart.labels {
        let anchor = if l.right { HPos::Right } else { HPos::Left };
        root.draw(&Text::new(
            l.text.clone(),
            (px(l.x), px(l.y)),
            font(l.bold, anchor),
        ))
        .map_err(|e| e.to_string())?;
    }
    root.present().map_err(|e| e.to_string())?;
    Ok(())
}

/// The goal statuses as one stacked bar with a count in each segment,
/// and a pattern of icons so the segments differ without colour.
pub fn status_svg(
    counts: &crate::model::derived::StatusCounts,
    lang: crate::model::format::Lang,
) -> String {
    let (w, h) = (600u32, 56u32);
    let segs = super::status_bar(
        [
            (GoalStatus::Uppnatt, counts.uppnatt),
            (GoalStatus::DelvisUppnatt, counts.delvis),
            (GoalStatus::EjUppnatt, counts.ej),
        ],
        f64::from(w),
    );
    let mut out = String::new();
    let result = (|| -> Result<(), String> {
        let root = SVGBackend::with_string(&mut out, (w, h)).into_drawing_area();
        for (status, x, sw) in &segs {
            root.draw(&Rectangle::new(
                [(px(*x), 4), (px(x + sw) - 2, 40)],
                status_color(*status).filled(),
            ))
            .map_err(|e| e.to_string())?;
            let n = counts.get(*status);
            let icon = match status {
                GoalStatus::Uppnatt => "✓",
                GoalStatus::DelvisUppnatt => "◐",
                GoalStatus::EjUppnatt => "✕",
            };
            let label = if *sw > 60.0 {
                format!("{icon} {n}")
            } else {
                n.to_string()
            };
            let color = match status {
                GoalStatus::DelvisUppnatt => RGBColor(0x1a, 0x1a, 0x1a),
                _ => RGBColor(0xff, 0xff, 0xff),
            };
            root.draw(&Text::new(
                label,
                (px(x + sw / 2.0), 22),
                ("sans-serif", 16.0 * 1.24)
                    .into_font()
                    .style(FontStyle::Bold)
                    .color(&color)
                    .pos(Pos::new(HPos::Center, VPos::Center)),
            ))
            .map_err(|e| e.to_string())?;
        }
        let _ = lang;
        root.present().map_err(|e| e.to_string())
    })();
    if result.is_err() {
        return String::new();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::build;
    use crate::model::format::Lang;
    use crate::model::{Column, Row, RowRole, SourceRef, Table, TableKind, Text, Unit};

    fn table() -> Table {
        let row = |k: &str, v: f64| Row {
            key: k.into(),
            label: k.into(),
            giver: None,
            role: RowRole::Item,
            sum_of: vec![],
            values: vec![Some(v)],
            unit: None,
        };
        Table {
            id: "budgetavvikelse".into(),
            kind: TableKind::DeviationByArea,
            title: "Budgetavvikelse".into(),
            description: Text::default(),
            unit: Unit::Tkr,
            plot: vec!["avvikelse".into()],
            columns: vec![Column {
                key: "avvikelse".into(),
                label: "Avvikelse".into(),
            }],
            rows: vec![
                row("Överskott & <mer>", 73_174.0),
                row("Underskott", -109_407.0),
            ],
            relations: vec![],
            source: SourceRef {
                section: "s".into(),
                page: None,
                line: None,
            },
        }
    }

    #[test]
    fn svg_snapshot_is_stable_and_escapes_text() {
        let chart = build(&table(), Lang::Sv, 400.0);
        let svg = render(&chart);
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(
            svg.contains("Överskott &amp; &lt;mer&gt;"),
            "labels are escaped"
        );
        assert!(!svg.contains("<mer>"));
        assert_eq!(svg.matches("<rect").count(), 2, "one rect per mark");
        assert_eq!(
            svg,
            render(&build(&table(), Lang::Sv, 400.0)),
            "deterministic output"
        );
        let snapshot =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/deviation.svg");
        if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
            std::fs::write(&snapshot, &svg).unwrap();
        }
        let want = std::fs::read_to_string(&snapshot).unwrap_or_default();
        assert_eq!(
            svg, want,
            "SVG differs from tests/snapshots/deviation.svg (UPDATE_SNAPSHOTS=1 to accept)"
        );
    }

    fn luminance(c: RGBColor) -> f64 {
        let ch = |v: u8| {
            let s = f64::from(v) / 255.0;
            if s <= 0.03928 {
                s / 12.92
            } else {
                ((s + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * ch(c.0) + 0.7152 * ch(c.1) + 0.0722 * ch(c.2)
    }

    fn contrast(a: f64, b: f64) -> f64 {
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    #[test]
    fn bar_colours_hold_3_to_1_on_light_and_dark_and_differ_in_greyscale() {
        let light = luminance(RGBColor(0xff, 0xff, 0xff));
        let dark = luminance(RGBColor(0x12, 0x14, 0x17));
        // Total bars are recoloured by CSS in dark mode (#b8bec7).
        let pairs = [
            (
                Tone::Positive,
                tone_color(Tone::Positive),
                tone_color(Tone::Positive),
            ),
            (
                Tone::Negative,
                tone_color(Tone::Negative),
                tone_color(Tone::Negative),
            ),
            (
                Tone::Total,
                tone_color(Tone::Total),
                RGBColor(0xb8, 0xbe, 0xc7),
            ),
        ];
        for (tone, on_light, on_dark) in pairs {
            assert!(
                contrast(luminance(on_light), light) >= 3.0,
                "{tone:?} on white"
            );
            assert!(
                contrast(luminance(on_dark), dark) >= 3.0,
                "{tone:?} on dark"
            );
        }
        // Surplus and deficit differ in lightness, not only in hue.
        let (p, n) = (
            luminance(tone_color(Tone::Positive)),
            luminance(tone_color(Tone::Negative)),
        );
        assert!(contrast(p, n) >= 1.5, "greyscale: {p} vs {n}");
        for i in 0..3 {
            let c = luminance(tone_color(Tone::Series(i)));
            assert!(
                contrast(c, light) >= 3.0 && contrast(c, dark) >= 3.0,
                "series {i} on both backgrounds"
            );
        }
        let (s0, s1) = (
            luminance(tone_color(Tone::Series(0))),
            luminance(tone_color(Tone::Series(1))),
        );
        assert!(
            contrast(s0, s1) >= 1.5,
            "the first two series differ in greyscale"
        );
    }

    #[test]
    fn deficit_and_surplus_bars_have_different_colours() {
        let svg = render(&build(&table(), Lang::Sv, 400.0));
        assert!(svg.contains("#2166AC") || svg.contains("#2166ac"));
        assert!(svg.contains("#D6604D") || svg.contains("#d6604d"));
    }
}
