//! Goal page `/{report-id}/mal/{goal-id}`.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::catalogue::{goal_histories, GoalHistory, GoalInReport, GoalLinkItem};
use crate::model::format;
use crate::model::GoalStatus;
use crate::model::Report;
use crate::ui::components::{
    list_link, source, status_badge, text, Disclosure, EmbedButton, Link, LoadErrorView, WithReport,
};
use crate::ui::i18n::{self, page_title};
use crate::ui::pages::not_found::NotFoundBody;
use crate::ui::pages::report::expect_annual;
use crate::ui::state::Shared;
use crate::ui::state::{Load, Store};
use crate::ui::terms::Terms;
use crate::ui::{use_ctx, use_goal_elsewhere, use_title, Route};

#[derive(Properties, PartialEq)]
pub struct GoalPageProps {
    pub report: AttrValue,
    pub goal: AttrValue,
}

#[component]
pub fn GoalPage(props: &GoalPageProps) -> Html {
    // "The same goal elsewhere": the goal's file, not every report, loaded
    // beside the report.
    use_goal_elsewhere(props.goal.clone());
    let goal = props.goal.clone();
    let render =
        Callback::from(move |r: Rc<Report>| html! { <GoalView report={r} goal={goal.clone()} /> });
    html! { <WithReport id={props.report.clone()} {render} /> }
}

#[derive(Properties, PartialEq)]
pub struct GoalViewProps {
    pub report: Shared<Report>,
    pub goal: AttrValue,
}

#[component]
pub fn GoalView(props: &GoalViewProps) -> Html {
    let ctx = use_ctx();
    let lang = ctx.as_ref().map(|c| c.lang).unwrap_or_default();
    let found = props
        .report
        .as_annual()
        .and_then(|a| a.goal(&props.goal).map(|(ar, g)| (a, ar, g)));
    use_title(page_title(
        &[
            &found.map(|(_, _, g)| g.title.clone()).unwrap_or_default(),
            &found
                .map(|(a, _, _)| format!("{} {}", a.board.short, a.year))
                .unwrap_or_default(),
        ],
        lang,
    ));
    let Some(ctx) = ctx else { return html! {} };
    let t = ctx.t();
    let a = match expect_annual(&props.report, lang) {
        Ok(a) => a,
        Err(h) => return h,
    };
    let Some((_, area, g)) = found else {
        return html! { <NotFoundBody message={t.goal_not_found} /> };
    };
    let history = goal_history(&ctx.store, &g.id);
    let linked: Vec<&GoalLinkItem> = history
        .iter()
        .flat_map(|h| &h.links)
        .filter(|l| l.report == a.id)
        .collect();
    let (body, meta) = ctx.indexed(format!("{} – {}", a.board.name, a.title));
    html! {
        <article class="goal" data-pagefind-body={body} data-pagefind-meta={meta}>
            <p class="breadcrumb"><Link to={Route::Report { report: a.id.clone() }}>{ format!("{} – {}", a.board.name, a.title) }</Link></p>
            <h1 lang="sv"><Terms text={g.title.clone()} slot="title" /></h1>
            if lang == crate::model::format::Lang::En {
                <p class="gloss">{ format!("In English: {}", g.title_en) }</p>
            }
            <p class="area">
                { format!("{}: ", t.goal_area) }<span lang="sv"><Terms text={area.title.clone()} slot="area" /></span>
                if lang == crate::model::format::Lang::En { { format!(" ({})", area.title_en) } }
            </p>
            <section>
                <h2>{ t.year_assessment }</h2>
                { status_badge(g.assessment.status, lang) }
                <p>{ text(&g.follow_up, lang) }</p>
                <h3>{ t.grounds }</h3>
                <p>{ text(&g.grounds, lang) }</p>
                <p class="phrase">{ format!("{}: ", t.as_printed) }<q lang="sv">{ format!("{} – {}", g.assessment.badge, g.assessment.wording) }</q></p>
            </section>
            <section>
                <h2>{ t.outlook }</h2>
                <p><span class="chip">{ i18n::outlook_status(g.outlook.status, lang) }</span></p>
                <p class="phrase">{ format!("{}: ", t.as_printed) }<q lang="sv">{ &g.outlook.wording }</q></p>
            </section>
            { key_figures(g, lang) }
            { source(&a.title, &g.source, lang) }
            if !ctx.route.is_embed() {
                <EmbedButton path={format!("{}/mal/{}", a.id, g.id)} title={format!("{} {}: {}", a.board.short, a.year, g.title)} height={900} />
            }
            <OtherReports report={a.id.clone()} board={a.board.short.clone()} year={a.year} goal={g.id.clone()} status={g.assessment.status} />
            { linked_items(&linked, lang) }
        </article>
    }
}

/// A goal's key figures as printed, each with its comparison.
fn key_figures(g: &crate::model::Goal, lang: format::Lang) -> Html {
    if g.key_figures.is_empty() {
        return html! {};
    }
    let t = i18n::t(lang);
    html! {
    <section>
        <h2>{ t.key_figures }</h2>
        <ul class="key-figures">
            { for g.key_figures.iter().map(|k| html! {
                <li>
                    { format!("{}: ", text(&k.label, lang)) }<strong lang="sv">{ &k.printed }</strong>
                    { format::key_figure_unit(&k.printed, &k.unit, lang).map(|u| format!(" {u}")).unwrap_or_default() }
                    { k.comparison.as_ref().map(|c| html! {
                        <span class="comparison">{ format!(" ({} {}{})", t.compared_with, c.printed,
                            c.year.map(|y| format!(", {y}")).unwrap_or_default()) }</span>
                    }).unwrap_or_default() }
                </li>
            }) }
        </ul>
    </section>
    }
}

/// The statements whose items link to the goal in this report.
fn linked_items(linked: &[&GoalLinkItem], lang: format::Lang) -> Html {
    if linked.is_empty() {
        return html! {};
    }
    let t = i18n::t(lang);
    html! {
    <section>
        <h2>{ t.linked_items }</h2>
        <ul>
            { for linked.iter().map(|l| html! {
                <li><Link to={Route::Report { report: l.statement.clone() }}>{ text(&l.name, lang) }</Link>{ format!(": {}", format::number(l.responses as f64, 0, lang)) }{ format!(" {}", t.measures.to_lowercase()) }</li>
            }) }
        </ul>
    </section>
    }
}

#[derive(Properties, PartialEq)]
struct OtherReportsProps {
    report: AttrValue,
    board: AttrValue,
    year: u16,
    goal: AttrValue,
    status: GoalStatus,
}

/// "The same goal in other reports": the board's other years and the other
/// boards' same year, then (behind a [`Disclosure`]: an archive has hundreds)
/// the other boards' other years.
#[component]
fn OtherReports(props: &OtherReportsProps) -> Html {
    let navigator = yew_router::prelude::use_navigator();
    let Some(ctx) = use_ctx() else {
        return html! {};
    };
    let t = ctx.t();
    if let Some(Load::Failed(e)) = ctx.store.goal(&props.goal) {
        return html! { <section><h2>{ t.other_edition }</h2><LoadErrorView error={e.clone()} level={3} /></section> };
    }
    let history = goal_history(&ctx.store, &props.goal);
    let (near, rest) = history.as_ref().map_or_else(Default::default, |h| {
        h.elsewhere(&props.report, &props.board, props.year)
    });
    let here = (
        props.goal.clone(),
        props.board.clone(),
        props.year,
        props.status,
    );
    let item = {
        let ctx = ctx.clone();
        move |o: &GoalInReport| {
            let (goal, board, year, status) = &here;
            let to = Route::Goal {
                report: o.report.clone(),
                goal: goal.to_string(),
            };
            html! {
                <li>
                    { list_link(&ctx, navigator.as_ref(), to, html! { { format!("{} {}", o.board, o.year) } }) }
                    { ": " }{ status_badge(o.status, ctx.lang) }
                    if o.board == board.as_str() && o.status != *status {
                        <span class="change">{ format!(" → {board} {year}: {}", i18n::goal_status(*status, ctx.lang)) }</span>
                    }
                </li>
            }
        }
    };
    let summary = format!("{} ({})", t.other_boards_years, rest.len());
    let rest: Vec<GoalInReport> = rest.into_iter().cloned().collect();
    let more = !rest.is_empty();
    let content = Callback::from({
        let item = item.clone();
        move |()| html! { <ul class="elsewhere">{ for rest.iter().map(&item) }</ul> }
    });
    // Not in the full-text index: the list names other reports (found by
    // their own pages), and it grows with each one published, which would
    // index this page's year again (issue #34).
    html! {
        <section data-pagefind-ignore="all">
            <h2>{ t.other_edition }</h2>
            if near.is_empty() && !more {
                <p>{ t.no_other }</p>
            }
            if !near.is_empty() {
                <ul class="elsewhere">{ for near.into_iter().map(&item) }</ul>
            }
            if more {
                <Disclosure {summary} {content} data_key="other-years" />
            }
            <p class="goal-across"><Link to={Route::CouncilGoal { goal: props.goal.to_string() }}>{ t.goal_across_link }</Link></p>
        </section>
    }
}

/// The goal in every report: its file where the page has a catalogue, or
/// else made from the reports that have loaded.
pub fn goal_history(store: &Store, goal: &str) -> Option<Rc<GoalHistory>> {
    if store.built() {
        return match store.goal(goal) {
            Some(Load::Ready(h)) => Some(h.clone()),
            _ => None,
        };
    }
    let loaded = store.loaded();
    goal_histories(loaded.iter().map(|r| &**r))
        .remove(goal)
        .map(Rc::new)
}
