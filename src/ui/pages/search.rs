//! The start page's search. Names of reports and goals match at once from
//! the catalogue; the reports' text is searched with the full-text index the
//! build writes (Pagefind, `web::search_pages`), which loads only the
//! chunks a query needs. Where the page has no catalogue (Trunk's
//! development server), every report is read and searched instead.

use yew::prelude::*;

use crate::model::catalogue::{excerpt_parts, TitleHit};
use crate::model::derived::search;
use crate::ui::components::Link;
use crate::ui::{route, use_all_reports_when, use_ctx, Route};
use crate::web::{self, FoundPages};

/// How many names and pages a search lists.
const SHOWN: usize = 8;

#[component]
pub fn Search() -> Html {
    let ctx = use_ctx();
    let query = use_state(String::new);
    // (query, what the index found for it): an answer to an older query is not shown.
    let found = use_state(|| None::<(String, Result<FoundPages, String>)>);
    let indexed = ctx.as_ref().is_some_and(|c| c.store.built());
    use_all_reports_when(!indexed && !query.trim().is_empty());
    {
        let found = found.clone();
        use_effect_with(((*query).clone(), indexed), move |(q, indexed)| {
            let q = q.trim().to_string();
            if *indexed && !q.is_empty() {
                yew::platform::spawn_local(async move {
                    let result = web::search_pages(&q, SHOWN as u32).await;
                    found.set(Some((q, result)));
                });
            }
        });
    }
    let Some(ctx) = ctx else { return html! {} };
    let t = ctx.t();
    let oninput = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| query.set(web::event_value(&e)))
    };
    let q = query.trim();
    let names: Vec<TitleHit> = match &ctx.store.catalogue {
        Some(c) => c.search_titles(q, SHOWN),
        None => search(&ctx.store.loaded(), q, ctx.lang)
            .into_iter()
            .map(|h| TitleHit {
                report: h.report,
                goal: h.goal,
                label: h.label,
                context: h.context,
            })
            .collect(),
    };
    let pages = found
        .as_ref()
        .filter(|(fq, _)| fq == q)
        .map(|(_, r)| r.clone());
    html! {
        <>
            <div class="search needs-js" role="search">
                <label for="search">{ t.search_label }</label>
                <input id="search" type="search" placeholder={t.search_hint} value={(*query).clone()} {oninput} />
            </div>
            if !q.is_empty() {
                <section aria-live="polite" aria-atomic="false" class="search-results">
                    <h2 class="visually-hidden">{ t.search_names }</h2>
                    if names.is_empty() && !indexed {
                        <p>{ t.search_no_hits }</p>
                    } else if !names.is_empty() {
                        <ul class="name-hits">
                            { for names.iter().map(|h| html! {
                                <li><Link to={hit_route(h)}>{ h.label.clone() }</Link>{ format!(" – {}", h.context) }</li>
                            }) }
                        </ul>
                    }
                    if indexed {
                        <h2>{ t.search_in_text }</h2>
                        { page_hits(pages.as_ref(), t) }
                    }
                </section>
            }
        </>
    }
}

/// What the full-text index found, or that it is still looking or failed.
fn page_hits(found: Option<&Result<FoundPages, String>>, t: &crate::ui::i18n::Strings) -> Html {
    match found {
        None => html! { <p class="loading">{ t.search_searching }</p> },
        Some(Err(e)) => html! { <p role="alert">{ format!("{}: {e}", t.search_failed) }</p> },
        Some(Ok(f)) if f.pages.is_empty() => html! { <p>{ t.search_no_hits }</p> },
        Some(Ok(f)) => html! {
            <>
                <p class="hit-count">{ format!("{} {}", f.total, t.search_pages_found) }</p>
                <ul class="page-hits">
                    { for f.pages.iter().map(|p| html! {
                        <li>
                            <Link to={page_route(&p.url)}>{ p.title.clone() }</Link>{ format!(" – {}", p.context) }
                            <p class="excerpt">{ for excerpt_parts(&p.excerpt).into_iter().map(|(words, marked)| {
                                if marked { html! { <mark>{ words }</mark> } } else { html! { { words } } }
                            }) }</p>
                        </li>
                    }) }
                </ul>
            </>
        },
    }
}

/// The route of a page the index found (its address starts with the base).
fn page_route(url: &str) -> Route {
    let base = web::base_path();
    let below = url.strip_prefix(base.trim_end_matches('/')).unwrap_or(url);
    route::recognize(below)
}

fn hit_route(h: &TitleHit) -> Route {
    match &h.goal {
        Some(g) => Route::Goal {
            report: h.report.clone(),
            goal: g.clone(),
        },
        None => Route::Report {
            report: h.report.clone(),
        },
    }
}
