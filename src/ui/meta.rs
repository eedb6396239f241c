//! What a page says about itself to search engines and shared links: its
//! description, written from the page's own content (a report's summary and
//! status, a goal's assessment and follow-up, a chart's description). Used
//! by `cargo xtask dist` for each pre-rendered file; native only.

use super::components::{report_heading, text};
use super::i18n::{goal_status, status_sentence, t};
use super::Route;
use crate::model::format::Lang;
use crate::model::{Manifest, Report};

/// The page's description in `lang`: one or two sentences from what it shows.
pub fn description(route: &Route, lang: Lang, manifest: &Manifest, reports: &[Report]) -> String {
    let s = t(lang);
    let find = |id: &str| {
        manifest
            .reports
            .iter()
            .zip(reports)
            .find(|(e, _)| e.id == id)
            .map(|(_, r)| r)
    };
    let own = route
        .report_id()
        .and_then(find)
        .map(|r| report_page(route, r, lang));
    match (route, own) {
        (_, Some(Some(d))) => d,
        (Route::Home, _) => s.site_description.to_string(),
        (Route::Compare, _) => format!("{}. {}", s.compare_heading, s.site_description),
        (Route::CompareGoals, _) => {
            format!("{}. {}", s.compare_goals_heading, s.site_description)
        }
        (Route::CompareFinance, _) => {
            format!("{}. {}", s.compare_finance_heading, s.site_description)
        }
        (Route::Accessibility, _) => format!("{}. {}", s.accessibility_statement, s.tagline),
        (Route::Board { board }, _) => {
            let name = reports
                .iter()
                .map(Report::board)
                .find(|b| crate::model::history::board_key(&b.short) == *board)
                .map_or_else(|| board.clone(), |b| format!("{} ({})", b.name, b.short));
            format!("{name}. {}", super::i18n::history(lang).board_intro)
        }
        (Route::CouncilGoal { goal }, _) => {
            let title = reports
                .iter()
                .filter_map(Report::as_annual)
                .find_map(|a| a.goal(goal).map(|(_, g)| g))
                .map_or_else(
                    || goal.clone(),
                    |g| match lang {
                        Lang::Sv => g.title.clone(),
                        Lang::En => g.title_en.clone(),
                    },
                );
            format!("{title}. {}", super::i18n::history(lang).goal_across_intro)
        }
        _ => format!("{}. {}", s.not_found_heading, s.tagline),
    }
}

/// A report's page: whose report, and what the page itself shows.
fn report_page(route: &Route, r: &Report, lang: Lang) -> Option<String> {
    let heading = report_heading(r, lang);
    let Some(a) = r.as_annual() else {
        let Report::Statement(st) = r else {
            return None;
        };
        return Some(format!("{heading}. {}", text(&st.summary, lang)));
    };
    let who = format!("{} {}", a.board.short, a.year);
    Some(match route {
        Route::Goal { goal, .. } | Route::EmbedGoal { goal, .. } => {
            let (_, g) = a.goal(goal)?;
            let title = match lang {
                Lang::Sv => &g.title,
                Lang::En => &g.title_en,
            };
            format!(
                "{title} ({who}): {}. {}",
                goal_status(g.assessment.status, lang),
                text(&g.follow_up, lang)
            )
        }
        Route::Chart { chart, .. } | Route::EmbedChart { chart, .. } => {
            let table = a.table(chart)?;
            format!(
                "{} ({who}). {}",
                table.title,
                text(&table.description, lang)
            )
        }
        Route::Finance { .. } => {
            let titles: Vec<&str> = a.tables.iter().map(|t| t.title.as_str()).collect();
            format!("{} – {heading}: {}.", t(lang).finances, titles.join(", "))
        }
        _ => format!(
            "{heading}: {}. {}",
            status_sentence(&a.status_counts(), lang),
            text(&a.summary, lang)
        ),
    })
}
