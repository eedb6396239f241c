//! `/begrepp`: every term of the glossary, alphabetically, with its
//! definition, where the source documents use it, and the pages it is on.

use yew::prelude::*;

use crate::model::format::Lang;
use crate::model::glossary::{Occurrence, Term};
use crate::ui::components::{text, Link};
use crate::ui::i18n::page_title;
use crate::ui::state::Load;
use crate::ui::{use_ctx, use_title, Route};

#[component]
pub fn GlossaryPage() -> Html {
    let ctx = use_ctx();
    let lang = ctx.as_ref().map(|c| c.lang).unwrap_or_default();
    let t = crate::ui::i18n::t(lang);
    use_title(page_title(&[t.glossary_title], lang));
    let Some(ctx) = ctx else { return html! {} };
    let body = match &ctx.store.glossary {
        Some(Load::Ready(g)) => html! {
            <dl class="glossary">
                { for g.alphabetical().into_iter().map(|term| html! { <Entry term={term.clone()} /> }) }
            </dl>
        },
        Some(Load::Failed(_)) => html! { <p role="alert">{ t.glossary_failed }</p> },
        None | Some(Load::Loading) => html! { <p>{ t.loading }</p> },
    };
    html! {
        <article class="glossary-page">
            <h1>{ t.glossary_title }</h1>
            <p class="lead">{ t.glossary_intro }</p>
            { body }
        </article>
    }
}

#[derive(Properties, PartialEq)]
struct EntryProps {
    term: Term,
}

#[component]
fn Entry(props: &EntryProps) -> Html {
    let lang = use_ctx().map(|c| c.lang).unwrap_or_default();
    let t = crate::ui::i18n::t(lang);
    let term = &props.term;
    let sources: Vec<String> = term
        .sources
        .iter()
        .map(|s| {
            let page = s.page.map(|p| format!(", s. {p}")).unwrap_or_default();
            format!("{} ({}), ”{}”{page}", s.document, s.board, s.section)
        })
        .collect();
    html! {
        <>
            <dt id={term.id.clone()} tabindex="-1">
                <span lang="sv">{ &term.term }</span>
                if lang == Lang::En { { format!(" ({})", term.term_en) } }
            </dt>
            <dd>
                <p>{ text(&term.definition, lang) }</p>
                if let Some(board) = &term.board {
                    <p class="source">{ format!("{} {board}.", t.glossary_board) }</p>
                }
                if !sources.is_empty() {
                    <p class="source">{ format!("{}: ", t.glossary_sources) }<span lang="sv">{ sources.join("; ") }</span></p>
                }
                if !term.pages.is_empty() {
                    <p class="occurs">{ format!("{}: ", t.glossary_occurs) }
                        { for term.pages.iter().enumerate().map(|(i, o)| html! {
                            <>
                                if i > 0 { { ", " } }
                                <Link to={route_of(o)}><span lang="sv">{ &o.label }</span></Link>
                            </>
                        }) }
                        if term.more_pages > 0 {
                            { format!(" {} {} {}.", t.glossary_and, term.more_pages,
                                if term.more_pages == 1 { t.glossary_more_page } else { t.glossary_more_pages }) }
                        }
                    </p>
                }
            </dd>
        </>
    }
}

/// The page an occurrence stands on.
fn route_of(o: &Occurrence) -> Route {
    let report = o.report.clone();
    match (&o.goal, &o.table) {
        (Some(goal), _) => Route::Goal {
            report,
            goal: goal.clone(),
        },
        (None, Some(chart)) => Route::Chart {
            report,
            chart: chart.clone(),
        },
        (None, None) => Route::Report { report },
    }
}
