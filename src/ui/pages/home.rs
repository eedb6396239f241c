//! Start page: every bundled report grouped by board and year, and a search.

use yew::prelude::*;

use crate::model::format::Lang;
use crate::model::history::board_key;
use crate::model::{Manifest, ManifestEntry, Report};
use crate::ui::components::{list_link, report_heading, text, Disclosure, Link, LoadErrorView};
use crate::ui::i18n::{page_title, status_sentence};
use crate::ui::state::{Load, LoadError, Store};
use crate::ui::terms::{Claims, Place, Terms};
use crate::ui::{use_all_reports_when, use_ctx, use_title, Ctx, Route};
use yew_router::prelude::Navigator;

#[component]
pub fn Home() -> Html {
    let ctx = use_ctx();
    // The list comes from the catalogue, or else from every report.
    use_all_reports_when(ctx.as_ref().is_some_and(|c| !c.store.built()));
    let lang = ctx.as_ref().map(|c| c.lang).unwrap_or_default();
    use_title(page_title(&[crate::ui::i18n::t(lang).nav_reports], lang));
    let navigator = yew_router::prelude::use_navigator();
    let claims = use_context::<Claims>().unwrap_or_default();
    let Some(ctx) = ctx else { return html! {} };
    let t = ctx.t();
    let manifest = match &ctx.store.manifest {
        Some(Load::Ready(m)) => m.clone(),
        Some(Load::Failed(e)) => return html! { <LoadErrorView error={e.clone()} level={1} /> },
        _ => return html! { <p class="loading" role="status">{ t.loading }</p> },
    };
    html! {
        <>
            <h1>{ t.tagline }</h1>
            <super::search::Search />
            <super::open::OpenOwn />
            <h2>{ t.reports_heading }</h2>
            if manifest.reports.is_empty() {
                <p role="alert">{ t.empty_manifest }</p>
            }
            { for boards(&manifest).into_iter().map(|(short, heading, entries)| {
                let (latest, older) = entries.split_at(entries.len().min(SHOWN));
                html! {
                    <section class="board">
                        <h3><Terms text={heading} slot={board_slot(&short)} /></h3>
                        <ul class="report-list">
                            { for latest.iter().map(|e| report_item(&ctx, &claims, navigator.as_ref(), e)) }
                        </ul>
                        if !older.is_empty() {
                            <OlderReports entries={older.iter().map(|e| (*e).clone()).collect::<Vec<_>>()} />
                        }
                        <p class="board-years">
                            <Link to={Route::Board { board: board_key(&short) }}>{ format!("{} ({short})", t.board_link) }</Link>
                        </p>
                    </section>
                }
            }) }
        </>
    }
}

/// How many of a board's reports the start page lists before "older reports".
const SHOWN: usize = 6;

/// A report's line: its year, its name as a link, and what it says.
fn report_item(ctx: &Ctx, claims: &Claims, nav: Option<&Navigator>, e: &ManifestEntry) -> Html {
    let (lang, t) = (ctx.lang, ctx.t());
    let (label, line) = listed(&ctx.store, lang, e);
    let line = match line {
        // A component only where a term is marked: hundreds of lines.
        Line::Text(s) if claims.marks_in(&line_slot(&e.id), &s) => html! {
            <span class="summary-line"><Terms text={s} slot={line_slot(&e.id)} /></span>
        },
        Line::Text(s) => html! { <span class="summary-line">{ s }</span> },
        Line::Failed(err) => html! { <LoadErrorView error={err} level={4} /> },
        Line::Loading => html! { <span class="summary-line loading">{ t.loading }</span> },
    };
    html! {
        <li>
            <span class="year">{ e.year }</span>
            { list_link(ctx, nav, Route::Report { report: e.id.clone() }, html! { { label } }) }
            { line }
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct OlderProps {
    entries: Vec<ManifestEntry>,
}

/// A board's older reports, behind a [`Disclosure`].
#[component]
fn OlderReports(props: &OlderProps) -> Html {
    let navigator = yew_router::prelude::use_navigator();
    let claims = use_context::<Claims>().unwrap_or_default();
    let Some(ctx) = use_ctx() else {
        return html! {};
    };
    let summary = format!("{} ({})", ctx.t().older_reports, props.entries.len());
    let entries = props.entries.clone();
    let content = Callback::from(move |()| {
        html! {
            <ul class="report-list">
                { for entries.iter().map(|e| report_item(&ctx, &claims, navigator.as_ref(), e)) }
            </ul>
        }
    });
    // Known at the takeover by the first report it lists.
    let data_key = props
        .entries
        .first()
        .map(|e| AttrValue::from(format!("older-{}", e.id)));
    html! { <Disclosure {summary} {content} {data_key} /> }
}

/// The boards in the manifest's order, each with its heading ("name
/// (short)") and its reports, newest first.
fn boards(manifest: &Manifest) -> Vec<(String, String, Vec<&ManifestEntry>)> {
    let mut out: Vec<(String, String, Vec<&ManifestEntry>)> = Vec::new();
    for e in &manifest.reports {
        match out.iter_mut().find(|(s, _, _)| s == &e.board.short) {
            Some((_, _, entries)) => entries.push(e),
            None => out.push((
                e.board.short.clone(),
                format!("{} ({})", e.board.name, e.board.short),
                vec![e],
            )),
        }
    }
    for (_, _, entries) in &mut out {
        entries.sort_by(|a, b| b.year.cmp(&a.year).then(a.kind.cmp(&b.kind)));
    }
    out
}

fn board_slot(short: &str) -> String {
    format!("board:{short}")
}

fn line_slot(report: &str) -> String {
    format!("line:{report}")
}

/// What a report's line says after its name.
enum Line {
    /// Its status sentence (an annual analysis) or summary (a statement).
    Text(String),
    Failed(LoadError),
    Loading,
}

/// A report's line in the list: its name and its status sentence (an annual
/// analysis) or summary (a statement), from the catalogue, or else from the
/// report once it has loaded.
fn listed(store: &Store, lang: Lang, e: &ManifestEntry) -> (String, Line) {
    if let Some(c) = store.catalogue.as_ref().and_then(|c| c.report(&e.id)) {
        return match (&c.name, &c.summary) {
            (Some(name), Some(summary)) => (
                format!("{} – {}", c.board.short, text(name, lang)),
                Line::Text(text(summary, lang)),
            ),
            _ => (
                format!("{} – {}", c.board.name, c.title),
                Line::Text(status_sentence(&c.status_counts(), lang)),
            ),
        };
    }
    match store.report(&e.id) {
        Some(Load::Ready(r)) => {
            let line = match &**r {
                Report::Annual(a) => status_sentence(&a.status_counts(), lang),
                Report::Statement(s) => text(&s.summary, lang),
            };
            (report_heading(r, lang), Line::Text(line))
        }
        Some(Load::Failed(err)) => (
            format!("{} – {}", e.board.name, e.title),
            Line::Failed(err.clone()),
        ),
        _ => (format!("{} – {}", e.board.name, e.title), Line::Loading),
    }
}

/// The start page's places where glossary terms are marked, in reading
/// order: each board's heading (its name, in Swedish), then its reports'
/// lines (in the page's language). A report's name is a link and marks
/// nothing: a control inside a link cannot be reached.
pub fn places(store: &Store, lang: Lang) -> Vec<Place> {
    let Some(Load::Ready(manifest)) = &store.manifest else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (short, heading, entries) in boards(manifest) {
        out.push(Place::shown(board_slot(&short), heading, Lang::Sv));
        for (i, e) in entries.into_iter().enumerate() {
            if let (_, Line::Text(s)) = listed(store, lang, e) {
                // Older reports show when the reader opens them.
                out.push(if i < SHOWN {
                    Place::shown(line_slot(&e.id), s, lang)
                } else {
                    Place::on_demand(line_slot(&e.id), s, lang)
                });
            }
        }
    }
    out
}
