//! One component per route.

pub mod accessibility;
pub mod compare;
pub mod embed;
pub mod finance;
pub mod goal;
pub mod home;
pub mod not_found;
pub mod open;
pub mod report;
pub mod search;
pub mod statement;

use yew::prelude::*;

use super::layout::{EmbedLayout, Layout};
use super::{use_ctx, Route};

#[component]
pub fn Page() -> Html {
    let Some(ctx) = use_ctx() else {
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
    if ctx.route.is_embed() {
        html! { <EmbedLayout>{ page }</EmbedLayout> }
    } else {
        html! { <Layout>{ page }</Layout> }
    }
}
