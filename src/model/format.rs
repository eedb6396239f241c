//! The one formatting module: numbers, amounts and dates, per language.
//!
//! Swedish: "−4 004 tkr", "−109,4 mnkr", "23 nov. 2025" (a true minus sign,
//! a no-break space between thousands). English: "−4,004 tkr", "−109.4 mnkr",
//! "23 Nov 2025".

use super::report::Unit;

/// The viewer's languages. Swedish is the default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    Sv,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }
    pub fn from_code(s: &str) -> Option<Self> {
        match s {
            "sv" => Some(Lang::Sv),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// The minus sign used in every figure shown.
pub const MINUS: char = '\u{2212}';
const NBSP: char = '\u{a0}';

/// A number with `decimals` decimals, grouped by thousands.
pub fn number(v: f64, decimals: usize, lang: Lang) -> String {
    let (group, point) = match lang {
        Lang::Sv => (NBSP, ','),
        Lang::En => (',', '.'),
    };
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s, None),
    };
    let mut out = String::new();
    let negative = v < 0.0 && s_is_nonzero(&int, frac.as_deref());
    if negative {
        out.push(MINUS);
    }
    let n = int.len();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (n - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push(point);
        out.push_str(&f);
    }
    out
}

fn s_is_nonzero(int: &str, frac: Option<&str>) -> bool {
    int.bytes()
        .chain(frac.unwrap_or("").bytes())
        .any(|b| b != b'0')
}

/// The unit to show after a key figure's printed form, if any: none when
/// the printed form already says it ("sex procent", "76%", "970 000
/// kronor"), none for a count (the label says what is counted), else the
/// unit in the reader's language ("32 511" → "timmar" / "hours").
pub fn key_figure_unit(printed: &str, unit: &str, lang: Lang) -> Option<&'static str> {
    let p = printed.to_lowercase();
    let says = |words: &[&str]| words.iter().any(|w| p.contains(w));
    let (sv, en, words): (&str, &str, &[&str]) = match unit {
        "antal" | "personer" => return None,
        "procent" => ("procent", "per cent", &["procent", "%"]),
        "procentenheter" => ("procentenheter", "percentage points", &["procentenhet"]),
        "kr" => ("kr", "kronor", &["kr"]),
        "tkr" => ("tkr", "tkr", &["tkr"]),
        "mnkr" => ("mnkr", "mnkr", &["mnkr", "miljoner"]),
        "index" => ("(index)", "(index)", &["index"]),
        "poäng" => ("poäng", "points", &["poäng"]),
        "timmar" => ("timmar", "hours", &["timm"]),
        _ => ("", "", &[]),
    };
    if sv.is_empty() || says(words) {
        return None;
    }
    Some(match lang {
        Lang::Sv => sv,
        Lang::En => en,
    })
}

/// A key figure as a reader would say it: "{label}: {printed}[ {unit}]".
pub fn key_figure_sentence(label: &str, printed: &str, unit: &str, lang: Lang) -> String {
    match key_figure_unit(printed, unit, lang) {
        Some(u) => format!("{label}: {printed} {u}"),
        None => format!("{label}: {printed}"),
    }
}

/// An amount in tkr as printed: "−4 004 tkr".
pub fn tkr(v: f64, lang: Lang) -> String {
    format!("{}{NBSP}tkr", number(v, 0, lang))
}

/// An amount given in tkr, shown in mnkr with one decimal: "−109,4 mnkr".
pub fn mnkr(v_tkr: f64, lang: Lang) -> String {
    format!("{}{NBSP}mnkr", number(v_tkr / 1000.0, 1, lang))
}

/// A value in its unit: tkr, a count, or percent with one decimal.
pub fn with_unit(v: f64, unit: Unit, lang: Lang) -> String {
    match unit {
        Unit::Tkr => tkr(v, lang),
        Unit::Antal => number(v, if v.fract() == 0.0 { 0 } else { 1 }, lang),
        Unit::Procent => format!("{}{NBSP}%", number(v, 1, lang)),
    }
}

/// A value in its unit, amounts in tkr also in mnkr: "4 594 tkr (4,6 mnkr)".
pub fn amount(v: f64, unit: Unit, lang: Lang) -> String {
    match unit {
        Unit::Tkr => format!("{} ({})", tkr(v, lang), mnkr(v, lang)),
        u => with_unit(v, u, lang),
    }
}

/// A plain number for CSV files: no grouping, "." as decimal point, "-" as minus.
pub fn csv_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

const MONTHS_SV: [&str; 12] = [
    "jan.", "feb.", "mars", "apr.", "maj", "juni", "juli", "aug.", "sep.", "okt.", "nov.", "dec.",
];
const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const MONTHS_SV_LONG: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_EN_LONG: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// An ISO date ("2025-11-23" or "2025-11") for reading: "23 nov. 2025", "november 2025".
/// Anything else is returned unchanged.
pub fn date(iso: &str, lang: Lang) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    let month = |m: &str| m.parse::<usize>().ok().filter(|m| (1..=12).contains(m));
    match parts.as_slice() {
        [y, m, d] => match (month(m), d.parse::<u32>()) {
            (Some(m), Ok(d)) => match lang {
                Lang::Sv => format!("{d} {} {y}", MONTHS_SV[m - 1]),
                Lang::En => format!("{d} {} {y}", MONTHS_EN[m - 1]),
            },
            _ => iso.to_string(),
        },
        [y, m] => match month(m) {
            Some(m) => match lang {
                Lang::Sv => format!("{} {y}", MONTHS_SV_LONG[m - 1]),
                Lang::En => format!("{} {y}", MONTHS_EN_LONG[m - 1]),
            },
            None => iso.to_string(),
        },
        _ => iso.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_and_english_amounts() {
        let cases: &[(f64, Lang, &str)] = &[
            (-4004.0, Lang::Sv, "−4\u{a0}004\u{a0}tkr"),
            (4_346_447.0, Lang::Sv, "4\u{a0}346\u{a0}447\u{a0}tkr"),
            (-4004.0, Lang::En, "−4,004\u{a0}tkr"),
            (0.0, Lang::Sv, "0\u{a0}tkr"),
            (999.0, Lang::Sv, "999\u{a0}tkr"),
        ];
        for (v, l, want) in cases {
            assert_eq!(tkr(*v, *l), *want, "{v} {l:?}");
        }
        assert_eq!(mnkr(-109_407.0, Lang::Sv), "−109,4\u{a0}mnkr");
        assert_eq!(mnkr(1_234_500.0, Lang::Sv), "1\u{a0}234,5\u{a0}mnkr");
        assert_eq!(mnkr(1_234_500.0, Lang::En), "1,234.5\u{a0}mnkr");
        // No "−0,0": a tiny negative rounds to a plain zero.
        assert_eq!(mnkr(-12.0, Lang::Sv), "0,0\u{a0}mnkr");
        assert_eq!(with_unit(-10.5, Unit::Procent, Lang::Sv), "−10,5\u{a0}%");
    }

    #[test]
    fn dates_per_language() {
        assert_eq!(date("2025-11-23", Lang::Sv), "23 nov. 2025");
        assert_eq!(date("2025-11-23", Lang::En), "23 Nov 2025");
        assert_eq!(date("2026-05", Lang::Sv), "maj 2026");
        assert_eq!(date("nonsense", Lang::Sv), "nonsense");
    }

    #[test]
    fn csv_numbers_are_plain() {
        assert_eq!(csv_number(-109_407.0), "-109407");
        assert_eq!(csv_number(-10.5), "-10.5");
    }
}
