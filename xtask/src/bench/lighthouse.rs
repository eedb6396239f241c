//! Lighthouse, mobile defaults, five runs per page (`e2e/bench/lighthouse.mjs`):
//! every run printed, each figure's median printed, and gates that noise on a
//! shared 2-core machine cannot fail while a real regression still does.
//!
//! - enforced: the **best** run of a page scores at least 95 performance and
//!   at most 200 ms Total Blocking Time; **every** run scores 100
//!   accessibility and at least 95 best practices and 95 SEO (audits of the
//!   page, not timings; SEO: description, canonical, hreflang, crawlable
//!   links, robots.txt, issue #20);
//! - aims (issue #30), printed as met or not: the **median** run scores at
//!   least 98 performance and at most 50 ms TBT.

use serde::Deserialize;

use super::{median, Check};

const BEST_PERFORMANCE: i64 = 95;
const BEST_TBT_MS: i64 = 200;
const BEST_PRACTICES: i64 = 95;
const SEO: i64 = 95;
const AIM_PERFORMANCE: i64 = 98;
const AIM_TBT_MS: i64 = 50;

/// One run of one page, as the script prints it after `LIGHTHOUSE `.
#[derive(Debug, Clone, Deserialize)]
pub struct Run {
    pub page: String,
    pub run: u32,
    /// Lighthouse's benchmark index of the host in this run, the index the
    /// script measured before the runs, and the CPU slowdown calibrated
    /// from it (`e2e/bench/calibrate.mjs`).
    #[serde(default)]
    pub benchmark_index: f64,
    #[serde(default)]
    pub host_index: f64,
    #[serde(default)]
    pub slowdown: f64,
    /// Whether this run had the calibrated slowdown (else Lighthouse's 4×).
    #[serde(default)]
    pub calibrated: bool,
    pub performance: i64,
    pub accessibility: i64,
    pub best_practices: i64,
    pub seo: i64,
    pub fcp_ms: i64,
    pub lcp_ms: i64,
    pub tbt_ms: i64,
    pub cls: f64,
    /// Accessibility and best-practice audits that did not get full marks.
    #[serde(default)]
    pub not_full_marks: Vec<String>,
}

const HEADER: &str =
    "page                 run  perf  a11y    bp   seo  FCP ms  LCP ms TBT ms    CLS  index";

fn row(page: &str, run: &str, r: [i64; 7], cls: f64, index: f64) -> String {
    format!(
        "{page:<20} {run:>4} {:>5} {:>5} {:>5} {:>5} {:>7} {:>7} {:>6} {cls:>6.3} {index:>6.0}",
        r[0], r[1], r[2], r[3], r[4], r[5], r[6]
    )
}

/// Every run of every page, then each page's medians, figure by figure.
pub fn table(pages: &[&str], runs: &[Run]) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(r) = runs.first() {
        out.push(format!(
            "host benchmark index {:.0} (measured before the runs); CPU slowed {:.2}×; each run's own index in the last column",
            r.host_index, r.slowdown
        ));
    }
    out.push(HEADER.to_string());
    for r in runs {
        let f = [
            r.performance,
            r.accessibility,
            r.best_practices,
            r.seo,
            r.fcp_ms,
            r.lcp_ms,
            r.tbt_ms,
        ];
        out.push(row(
            &r.page,
            &r.run.to_string(),
            f,
            r.cls,
            r.benchmark_index,
        ));
    }
    for page in pages {
        let mine: Vec<&Run> = runs.iter().filter(|r| r.page == *page).collect();
        let m = |f: fn(&Run) -> i64| median(mine.iter().map(|r| f(r))).unwrap_or(-1);
        let cls = median(mine.iter().map(|r| r.cls)).unwrap_or(-1.0);
        let f = [
            m(|r| r.performance),
            m(|r| r.accessibility),
            m(|r| r.best_practices),
            m(|r| r.seo),
            m(|r| r.fcp_ms),
            m(|r| r.lcp_ms),
            m(|r| r.tbt_ms),
        ];
        let index = median(mine.iter().map(|r| r.benchmark_index)).unwrap_or(-1.0);
        out.push(row(page, "med", f, cls, index));
    }
    out
}

fn list(xs: impl Iterator<Item = i64>) -> String {
    xs.map(|x| x.to_string()).collect::<Vec<_>>().join(", ")
}

/// The gates and aims for one page, from all of its runs.
pub fn checks(page: &str, runs: &[Run]) -> Vec<Check> {
    let mine: Vec<&Run> = runs.iter().filter(|r| r.page == page).collect();
    if mine.is_empty() {
        return vec![Check::gate(
            format!("Lighthouse ran on {page}"),
            "no runs",
            false,
        )];
    }
    let n = mine.len();
    let slowdown = mine.first().map_or(0.0, |r| r.slowdown);
    let perf = || mine.iter().map(|r| r.performance);
    let tbt = || mine.iter().map(|r| r.tbt_ms);
    let best_perf = perf().max().unwrap_or(0);
    let best_tbt = tbt().min().unwrap_or(i64::MAX);
    let misses: Vec<String> = mine
        .iter()
        .flat_map(|r| r.not_full_marks.iter().cloned())
        .collect();
    let a11y = mine.iter().all(|r| r.accessibility == 100);
    let bp = mine.iter().all(|r| r.best_practices >= BEST_PRACTICES);
    let seo = mine.iter().all(|r| r.seo >= SEO);
    vec![
        Check::gate(
            format!("Lighthouse performance ≥ {BEST_PERFORMANCE} on {page} (best of {n}, CPU {slowdown:.2}×)"),
            format!("{best_perf} (runs: {})", list(perf())),
            best_perf >= BEST_PERFORMANCE,
        ),
        Check::gate(
            format!("Lighthouse TBT ≤ {BEST_TBT_MS} ms on {page} (best of {n}, CPU {slowdown:.2}×)"),
            format!("{best_tbt} ms (runs: {})", list(tbt())),
            best_tbt <= BEST_TBT_MS,
        ),
        Check::gate(
            format!("Lighthouse accessibility = 100 on {page} (every run)"),
            format!(
                "{} {}",
                list(mine.iter().map(|r| r.accessibility)),
                misses.join(" ")
            ),
            a11y,
        ),
        Check::gate(
            format!("Lighthouse best practices ≥ {BEST_PRACTICES} on {page} (every run)"),
            list(mine.iter().map(|r| r.best_practices)),
            bp,
        ),
        Check::gate(
            format!("Lighthouse SEO ≥ {SEO} on {page} (every run)"),
            list(mine.iter().map(|r| r.seo)),
            seo,
        ),
    ]
}

/// Issue #30's aims for one page, from its runs with the CPU calibrated to
/// a mid-range phone: the medians, printed as met or not.
pub fn aims(page: &str, runs: &[Run]) -> Vec<Check> {
    let mine: Vec<&Run> = runs.iter().filter(|r| r.page == page).collect();
    let slowdown = mine.first().map_or(0.0, |r| r.slowdown);
    let med_perf = median(mine.iter().map(|r| r.performance)).unwrap_or(0);
    let med_tbt = median(mine.iter().map(|r| r.tbt_ms)).unwrap_or(i64::MAX);
    vec![
        Check::aim(
            format!("Lighthouse performance ≥ {AIM_PERFORMANCE} on {page} (median, CPU {slowdown:.2}×, aim #30)"),
            med_perf.to_string(),
            !mine.is_empty() && med_perf >= AIM_PERFORMANCE,
        ),
        Check::aim(
            format!("Lighthouse TBT ≤ {AIM_TBT_MS} ms on {page} (median, CPU {slowdown:.2}×, aim #30)"),
            format!("{med_tbt} ms"),
            !mine.is_empty() && med_tbt <= AIM_TBT_MS,
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(page: &str, performance: i64, tbt_ms: i64) -> Run {
        Run {
            page: page.into(),
            run: 0,
            benchmark_index: 1500.0,
            host_index: 1480.0,
            slowdown: 3.9,
            calibrated: false,
            performance,
            accessibility: 100,
            best_practices: 100,
            seo: 100,
            fcp_ms: 1000,
            lcp_ms: 1100,
            tbt_ms,
            cls: 0.0,
            not_full_marks: vec![],
        }
    }

    fn verdicts(runs: &[Run]) -> Vec<(bool, bool)> {
        checks("/", runs)
            .iter()
            .map(|c| (c.ok, c.enforced))
            .collect()
    }

    fn gates_pass(runs: &[Run]) -> bool {
        checks("/", runs).iter().all(|c| c.ok || !c.enforced)
    }

    #[test]
    fn a_noisy_page_whose_best_run_is_fast_passes_but_misses_the_aims() {
        // The runs that failed CI on a fresh machine (issue #15): 90, 90, 91, 94, 97.
        let runs: Vec<Run> = [(90, 373), (90, 300), (91, 280), (94, 190), (97, 120)]
            .iter()
            .map(|&(p, t)| run("/", p, t))
            .collect();
        assert!(gates_pass(&runs));
        let met: Vec<bool> = aims("/", &runs).iter().map(|c| c.ok).collect();
        assert_eq!(met, [false, false], "median 91 and 280 ms miss the aims");
        let fast: Vec<Run> = (0..3).map(|_| run("/", 99, 30)).collect();
        let met: Vec<bool> = aims("/", &fast)
            .iter()
            .map(|c| c.ok && !c.enforced)
            .collect();
        assert_eq!(met, [true, true]);
        assert!(aims("/", &[]).iter().all(|c| !c.ok), "no runs meet no aim");
    }

    #[test]
    fn a_real_regression_fails_every_run_and_so_the_gate() {
        let slow: Vec<Run> = (0..5).map(|_| run("/", 94, 150)).collect();
        assert!(!gates_pass(&slow), "no run reaches 95");
        let blocking: Vec<Run> = (0..5).map(|_| run("/", 99, 201)).collect();
        assert!(!gates_pass(&blocking), "no run under 200 ms TBT");
    }

    #[test]
    fn one_run_below_full_accessibility_fails() {
        let mut runs: Vec<Run> = (0..5).map(|_| run("/", 99, 50)).collect();
        runs[3].accessibility = 98;
        runs[3].not_full_marks = vec!["color-contrast".into()];
        let c = checks("/", &runs);
        let a11y = c.iter().find(|c| c.name.contains("accessibility")).unwrap();
        assert!(!a11y.ok && a11y.enforced);
        assert!(a11y.figure.contains("color-contrast"));
    }

    #[test]
    fn one_run_below_95_seo_fails() {
        let mut runs: Vec<Run> = (0..5).map(|_| run("/", 99, 50)).collect();
        assert!(gates_pass(&runs));
        runs[2].seo = 92;
        let c = checks("/", &runs);
        let seo = c.iter().find(|c| c.name.contains("SEO")).unwrap();
        assert!(!seo.ok && seo.enforced && seo.figure.contains("92"));
    }

    #[test]
    fn a_page_without_runs_fails_instead_of_passing_unseen() {
        let other = vec![run("/other", 100, 0)];
        assert_eq!(verdicts(&other), [(false, true)]);
    }

    #[test]
    fn the_table_prints_every_run_and_the_medians() {
        let runs: Vec<Run> = [99, 90, 100].iter().map(|&p| run("/", p, 10)).collect();
        let t = table(&["/"], &runs);
        assert_eq!(t.len(), 1 + 1 + 3 + 1);
        assert!(
            t[0].contains("index 1480") && t[0].contains("3.90×"),
            "{}",
            t[0]
        );
        assert!(t[5].starts_with("/") && t[5].contains(" med ") && t[5].contains(" 99 "));
        assert!(t[5].ends_with("  1500"), "{}", t[5]);
    }
}
