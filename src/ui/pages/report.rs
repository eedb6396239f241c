//! Report page `/{report-id}`: an annual analysis's scorecard, or a statement.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::format::Lang;
use crate::model::{catalogue, format};
use crate::model::{AnnualAnalysis, GoalStatus, Report};
use crate::ui::chart::StatusChart;
use crate::ui::components::{
    discrepancies, source, status_badge, text, EmbedButton, Link, WithReport,
};
use crate::ui::i18n::{self, page_title};
use crate::ui::later::Later;
use crate::ui::pages::statement::StatementView;
use crate::ui::state::Shared;
use crate::ui::terms::Terms;
use crate::ui::{route, use_ctx, use_title, Ctx, Route};
use yew_router::prelude::{use_navigator, Navigator};

#[derive(Properties, PartialEq)]
pub struct ReportPageProps {
    pub id: AttrValue,
}

#[component]
pub fn ReportPage(props: &ReportPageProps) -> Html {
    let render = Callback::from(|r: Rc<Report>| match &*r {
        Report::Annual(_) => html! { <AnnualView report={r.clone()} /> },
        Report::Statement(_) => html! { <StatementView report={r.clone()} /> },
    });
    html! { <WithReport id={props.id.clone()} {render} /> }
}

#[derive(Properties, PartialEq)]
pub struct ReportProps {
    pub report: Shared<Report>,
}

/// A goal area with the cards of its goals that pass the status filter.
fn goal_area(
    a: &AnnualAnalysis,
    area: &crate::model::GoalArea,
    status_filter: Option<GoalStatus>,
    lang: Lang,
) -> Html {
    let t = i18n::t(lang);
    html! {
        <section class="goal-area" id={format!("omrade-{}", area.id)}>
            <h3>
                { format!("{}: ", t.goal_area) }<span lang="sv"><Terms text={area.title.clone()} slot={format!("area:{}", area.id)} /></span>
                if lang == Lang::En { { format!(" ({})", area.title_en) } }
            </h3>
            <ul class="goal-cards">
                { for area.goals.iter().filter(|g| status_filter.is_none_or(|s| s == g.assessment.status)).map(|g| html! {
                    <li class="goal-card" id={format!("mal-{}", g.id)} data-status={g.assessment.status.key()}>
                        <h4 lang="sv">{ &g.title }</h4>
                        if lang == Lang::En {
                            <p class="gloss">{ format!("In English: {}", g.title_en) }</p>
                        }
                        { status_badge(g.assessment.status, lang) }
                        <p class="outlook">{ format!("{}: {}", t.outlook, i18n::outlook_status(g.outlook.status, lang)) }</p>
                        <p>{ text(&g.follow_up, lang) }</p>
                        <Link to={Route::Goal { report: a.id.clone(), goal: g.id.clone() }}>
                            { t.read_more }<span class="visually-hidden">{ format!(": {}", g.title) }</span>
                        </Link>
                    </li>
                }) }
            </ul>
        </section>
    }
}

#[component]
pub fn AnnualView(props: &ReportProps) -> Html {
    let navigator = use_navigator();
    let ctx = use_ctx();
    let lang = ctx.as_ref().map(|c| c.lang).unwrap_or_default();
    let a = props.report.as_annual();
    use_title(page_title(
        &[&a.map(|a| format!("{} {}", a.board.short, a.year))
            .unwrap_or_default()],
        lang,
    ));
    let (Some(ctx), Some(a)) = (ctx, a) else {
        return html! {};
    };
    let t = ctx.t();
    let status_filter = ctx.param(route::STATUS).and_then(GoalStatus::from_key);
    let area_filter = ctx
        .param(route::AREA)
        .filter(|id| a.goal_areas.iter().any(|x| x.id == *id));
    let shown = a
        .goals()
        .filter(|(area, g)| {
            area_filter.is_none_or(|f| f == area.id)
                && status_filter.is_none_or(|s| s == g.assessment.status)
        })
        .count();
    let (body, meta) = ctx.indexed(format!("{} {}", a.board.short, a.year));
    html! {
        <article class="report" data-pagefind-body={body} data-pagefind-meta={meta}>
            <h1>{ format!("{} – {}", a.board.name, a.title) }</h1>
            <p class="lead"><Terms text={text(&a.summary, lang)} slot="summary" /></p>
            // In a task of its own while the viewer takes over, as are the
            // goal areas and the notes below (issue #30).
            <Later>{ status_summary(a, lang) }</Later>
            if let Some((v, unit, table)) = a.result_figure() {
                <section class="result" aria-labelledby="result-h">
                    <h2 id="result-h">{ t.result_heading }</h2>
                    <p class="result-figure">
                        { format!("{}: ", t.result_label) }
                        <strong>{ format!("{}, {}", format::amount(v, unit, lang), if v >= 0.0 { t.surplus } else { t.deficit }) }</strong>
                    </p>
                    { source(&a.title, &table.source, lang) }
                </section>
            }
            <p class="report-links">
                <Link to={Route::Finance { report: a.id.clone() }}>{ t.finances }</Link>
                { " · " }<Link to={Route::Board { board: crate::model::history::board_key(&a.board.short) }}>{ t.board_link }</Link>
                if !a.discrepancies.is_empty() {
                    { " · " }<a href="#avvikelser">{ format!("{} ({})", t.discrepancies, a.discrepancies.len()) }</a>
                }
                if let Some(file) = ctx.store.file_of(&a.id) {
                    { " · " }<a href={ctx.file_href(&format!("reports/{}", catalogue::published_file(&file)))} type="application/json">{ t.report_json }</a>
                }
            </p>
            <h2>{ t.goals_heading }</h2>
            { filters(a, &ctx, navigator.as_ref()) }
            if shown == 0 {
                <p role="status">{ t.no_goals_match }</p>
            }
            // Each area (and the notes below) put in the page in a task of
            // its own while the viewer takes over, the first too: the page's
            // render compiled 230 functions with it. Their markup is made
            // with the page (a `Later` that made it in its own task was
            // tried: 9 more functions compiled, and the page's render no
            // shorter in one run of two).
            { for a.goal_areas.iter().filter(|area| area_filter.is_none_or(|f| f == area.id) && area.goals.iter().any(|g| status_filter.is_none_or(|s| s == g.assessment.status))).map(|area| html! { <Later>{ goal_area(a, area, status_filter, lang) }</Later> }) }
            <Later>{ assignments(a, lang) }</Later>
            <Later>{ source_notes(a, lang) }</Later>
        </article>
    }
}

/// The goals' statuses as a chart, with its embed button: the chart's and
/// the button's code is compiled on its first call.
fn status_summary(a: &AnnualAnalysis, lang: Lang) -> Html {
    let t = i18n::t(lang);
    html! {
        <section class="status-summary" aria-labelledby="status-summary-h">
            <h2 id="status-summary-h">{ t.status_summary_label }</h2>
            <StatusChart counts={a.status_counts()} />
            <EmbedButton path={a.id.clone()} title={format!("{} – {}: {}", a.board.name, a.title, t.status_summary_label)} height={560} />
        </section>
    }
}

/// The council's assignments to the board, as the report gives them. This
/// and the other parts of a report's page below are plain markup, not
/// components: a component type is code V8 compiles on its first use, on
/// the main thread (issue #30).
fn assignments(a: &AnnualAnalysis, lang: Lang) -> Html {
    if a.assignments.is_empty() {
        return html! {};
    }
    let t = i18n::t(lang);
    html! {
        <section class="assignments" id="uppdrag">
            <h2>{ t.assignments }</h2>
            <ul>
                { for a.assignments.iter().map(|x| html! {
                    <li>
                        <p lang="sv" class="quote">{ &x.title }</p>
                        <p><span class="chip">{ i18n::assignment_status(x.status, lang) }</span>{ " " }{ text(&x.summary, lang) }</p>
                        <p class="phrase">{ format!("{}: ", t.as_printed) }<q lang="sv">{ &x.phrase }</q></p>
                        { source(&a.title, &x.source, lang) }
                    </li>
                }) }
            </ul>
        </section>
    }
}

/// Discrepancies, restatements and charts without data, for citizens to see.
pub fn source_notes(a: &AnnualAnalysis, lang: Lang) -> Html {
    let t = i18n::t(lang);
    html! {
        <>
            if !a.discrepancies.is_empty() {
                <section id="avvikelser" class="source-notes">
                    <h2>{ t.discrepancies }</h2>
                    <p>{ t.discrepancies_intro }</p>
                    { discrepancies(&a.discrepancies.iter().collect::<Vec<_>>(), lang) }
                </section>
            }
            if !a.restatements.is_empty() {
                <section id="andrade-siffror" class="source-notes">
                    <h2>{ t.restatements }</h2>
                    <p>{ t.restatements_intro }</p>
                    <ul>
                        { for a.restatements.iter().map(|r| html! {
                            <li>{ format!("{}: {} {} ({}), {} {} ({}).", text(&r.description, lang),
                                a.title, r.printed, a.id, t.compared_with, r.other_printed, r.other_report) }</li>
                        }) }
                    </ul>
                </section>
            }
            if !a.missing_charts.is_empty() {
                <section id="diagram-utan-siffror" class="source-notes">
                    <h2>{ t.missing_charts }</h2>
                    <p>{ t.missing_charts_intro }</p>
                    <ul>
                        { for a.missing_charts.iter().map(|m| html! {
                            <li><span lang="sv">{ &m.title }</span>{ source(&a.title, &m.source, lang) }</li>
                        }) }
                    </ul>
                </section>
            }
        </>
    }
}

/// The annual analysis behind a report, for pages that need one.
pub fn expect_annual(r: &Report, lang: Lang) -> Result<&AnnualAnalysis, Html> {
    r.as_annual()
        .ok_or_else(|| html! { <p role="alert">{ i18n::t(lang).not_an_annual }</p> })
}

/// Filters by status and målområde, kept in the address so a shared link
/// keeps the view. Offered without JavaScript too: the stylesheet reads the
/// chosen options and hides the other goals on the pre-rendered page, and
/// the boot script keeps the fields' names and values in the address there.
fn filters(a: &AnnualAnalysis, ctx: &Ctx, navigator: Option<&Navigator>) -> Html {
    let t = ctx.t();
    let lang = ctx.lang;
    let set = |key: &'static str| {
        let navigator = navigator.cloned();
        let route = ctx.route.clone();
        let query = ctx.query.clone();
        Callback::from(move |e: Event| {
            let value = crate::web::event_value(&e);
            let mut q: Vec<(String, String)> =
                query.iter().filter(|(k, _)| k != key).cloned().collect();
            if !value.is_empty() {
                q.push((key.to_string(), value));
            }
            if let Some(n) = &navigator {
                let _ = n.replace_with_query(&route, q);
            }
        })
    };
    let status = ctx.param(route::STATUS).unwrap_or("").to_string();
    let area = ctx.param(route::AREA).unwrap_or("").to_string();
    let counts = a.status_counts();
    html! {
        <form class="filters" aria-label={t.goals_heading}>
            <div>
                <label for="filter-status">{ t.filter_status }</label>
                <select id="filter-status" name={route::STATUS} onchange={set(route::STATUS)}>
                    <option value="" selected={status.is_empty()}>{ t.filter_all }</option>
                    { for GoalStatus::ALL.into_iter().map(|s| html! {
                        <option value={s.key()} selected={status == s.key()}>
                            { format!("{} ({})", i18n::goal_status(s, lang), counts.get(s)) }
                        </option>
                    }) }
                </select>
            </div>
            <div>
                <label for="filter-area">{ t.filter_area }</label>
                <select id="filter-area" name={route::AREA} onchange={set(route::AREA)}>
                    <option value="" selected={area.is_empty()}>{ t.filter_all }</option>
                    { for a.goal_areas.iter().map(|x| html! {
                        <option value={x.id.clone()} selected={area == x.id} lang="sv">{ &x.title }</option>
                    }) }
                </select>
            </div>
        </form>
    }
}
