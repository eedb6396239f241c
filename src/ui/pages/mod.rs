//! One component per route.

pub mod accessibility;
pub mod compare;
pub mod embed;
pub mod finance;
pub mod glossary;
pub mod goal;
pub mod home;
pub mod not_found;
pub mod open;
pub mod report;
pub mod search;
pub mod statement;

use yew::prelude::*;

use super::layout::{EmbedLayout, Layout};
use super::state::Load;
use super::terms::{places, Claims};
use super::{use_ctx, Route};

#[component]
pub fn Page() -> Html {
    let ctx = use_ctx();
    // Which place marks each glossary term, for the page as it stands: its
    // places (which change as the files it shows arrive) and the terms.
    let key = ctx.as_ref().map(|c| {
        (
            places(&c.route, &c.store, c.lang, &c.query),
            c.route.report_id().map(str::to_string),
            matches!(c.store.glossary, Some(Load::Ready(_))),
        )
    });
    let store = ctx.as_ref().map(|c| c.store.clone());
    let claims = use_memo(key, move |key| match (key, store) {
        (Some((places, report, _)), Some(store)) => {
            Claims::of(places, &store.terms_for(report.as_deref()))
        }
        _ => Claims::default(),
    });
    let Some(ctx) = ctx else {
        return html! {};
    };
    let page = match &ctx.route {
        Route::Home => html! { <home::Home /> },
        Route::Report { report } => html! { <report::ReportPage id={report.clone()} /> },
        Route::Goal { report, goal } => {
            html! { <goal::GoalPage report={report.clone()} goal={goal.clone()} /> }
        }
        Route::Finance { report } => html! { <finance::FinancePage report={report.clone()} /> },
        Route::Chart { report, chart } => {
            html! { <finance::ChartPage report={report.clone()} chart={chart.clone()} /> }
        }
        Route::Compare => html! { <compare::CompareIndex /> },
        Route::Accessibility => html! { <accessibility::Statement /> },
        Route::Glossary => html! { <glossary::GlossaryPage /> },
        Route::CompareGoals => html! { <compare::CompareGoals /> },
        Route::CompareFinance => html! { <compare::CompareFinance /> },
        Route::EmbedReport { report } => html! { <embed::EmbedReport report={report.clone()} /> },
        Route::EmbedGoal { report, goal } => {
            html! { <embed::EmbedGoal report={report.clone()} goal={goal.clone()} /> }
        }
        Route::EmbedChart { report, chart } => {
            html! { <embed::EmbedChart report={report.clone()} chart={chart.clone()} /> }
        }
        Route::NotFound => html! { <not_found::NotFound /> },
    };
    // Each page (and language) marks each glossary term once.
    let page = html! {
        <ContextProvider<Claims> context={(*claims).clone()}>{ page }</ContextProvider<Claims>>
    };
    if ctx.route.is_embed() {
        html! { <EmbedLayout>{ page }</EmbedLayout> }
    } else {
        html! { <Layout>{ page }</Layout> }
    }
}
