//! Start page: every bundled report grouped by board and year, and a search.

use yew::prelude::*;

use crate::model::{ManifestEntry, Report};
use crate::ui::components::{report_heading, text, Link, LoadErrorView};
use crate::ui::i18n::{page_title, status_sentence};
use crate::ui::state::Load;
use crate::ui::{use_all_reports_when, use_ctx, use_title, Ctx, Route};

#[component]
pub fn Home() -> Html {
    let ctx = use_ctx();
    // The list comes from the catalogue, or else from every report.
    use_all_reports_when(ctx.as_ref().is_some_and(|c| c.store.catalogue.is_none()));
    let lang = ctx.as_ref().map(|c| c.lang).unwrap_or_default();
    use_title(page_title(&[crate::ui::i18n::t(lang).nav_reports], lang));
    let Some(ctx) = ctx else { return html! {} };
    let t = ctx.t();
    let manifest = match &ctx.store.manifest {
        Some(Load::Ready(m)) => m.clone(),
        Some(Load::Failed(e)) => return html! { <LoadErrorView error={e.clone()} level={1} /> },
        _ => return html! { <p class="loading" role="status">{ t.loading }</p> },
    };
    let mut boards: Vec<(String, String)> = Vec::new();
    for e in &manifest.reports {
        if !boards.iter().any(|(s, _)| s == &e.board.short) {
            boards.push((e.board.short.clone(), e.board.name.clone()));
        }
    }
    html! {
        <>
            <h1>{ t.tagline }</h1>
            <super::search::Search />
            <super::open::OpenOwn />
            <h2>{ t.reports_heading }</h2>
            if manifest.reports.is_empty() {
                <p role="alert">{ t.empty_manifest }</p>
            }
            { for boards.iter().map(|(short, name)| {
                let mut entries: Vec<_> = manifest.reports.iter().filter(|e| &e.board.short == short).collect();
                entries.sort_by(|a, b| b.year.cmp(&a.year).then(a.kind.cmp(&b.kind)));
                html! {
                    <section class="board">
                        <h3>{ format!("{name} ({short})") }</h3>
                        <ul class="report-list">
                            { for entries.iter().map(|e| {
                                let (label, status) = listed(&ctx, e);
                                html! {
                                    <li>
                                        <span class="year">{ e.year }</span>
                                        <Link to={Route::Report { report: e.id.clone() }}>{ label }</Link>
                                        { status }
                                    </li>
                                }
                            }) }
                        </ul>
                    </section>
                }
            }) }
        </>
    }
}

/// A report's line in the list: its name and its status sentence (an annual
/// analysis) or summary (a statement), from the catalogue, or else from the
/// report once it has loaded.
fn listed(ctx: &Ctx, e: &ManifestEntry) -> (String, Html) {
    let (lang, t) = (ctx.lang, ctx.t());
    if let Some(c) = ctx.store.catalogue.as_ref().and_then(|c| c.report(&e.id)) {
        return match (&c.name, &c.summary) {
            (Some(name), Some(summary)) => (
                format!("{} – {}", c.board.short, text(name, lang)),
                html! { <span class="summary-line">{ text(summary, lang) }</span> },
            ),
            _ => (
                format!("{} – {}", c.board.name, c.title),
                html! { <span class="summary-line">{ status_sentence(&c.status_counts(), lang) }</span> },
            ),
        };
    }
    match ctx.store.report(&e.id) {
        Some(Load::Ready(r)) => {
            let status = match &**r {
                Report::Annual(a) => {
                    html! { <span class="summary-line">{ status_sentence(&a.status_counts(), lang) }</span> }
                }
                Report::Statement(s) => {
                    html! { <span class="summary-line">{ text(&s.summary, lang) }</span> }
                }
            };
            (report_heading(r, lang), status)
        }
        Some(Load::Failed(err)) => (
            format!("{} – {}", e.board.name, e.title),
            html! { <LoadErrorView error={err.clone()} level={4} /> },
        ),
        _ => (
            format!("{} – {}", e.board.name, e.title),
            html! { <span class="summary-line loading">{ t.loading }</span> },
        ),
    }
}
