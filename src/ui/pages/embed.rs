//! Embeds under `/inbaddning/…`: one scorecard or one table, a source line and
//! a link to the full view.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::Report;
use crate::ui::components::{status_badge, WithReport};
use crate::ui::i18n::{self, status_sentence};
use crate::ui::pages::finance::ChartView;
use crate::ui::pages::goal::GoalView;
use crate::ui::state::Shared;
use crate::ui::{use_ctx, Route};

#[derive(Properties, PartialEq)]
pub struct EmbedProps {
    pub report: AttrValue,
    #[prop_or_default]
    pub goal: AttrValue,
    #[prop_or_default]
    pub chart: AttrValue,
}

#[derive(Properties, PartialEq)]
struct FullLinkProps {
    route: Route,
}

/// The link to the full view, opening in a new tab.
#[component]
fn FullLink(props: &FullLinkProps) -> Html {
    let lang = use_ctx().map(|c| c.lang).unwrap_or_default();
    let href = format!(
        "{}{}",
        crate::web::base_href().trim_end_matches('/'),
        yew_router::Routable::to_path(&props.route)
    );
    html! { <p class="full-link"><a href={href} target="_blank" rel="noopener">{ i18n::t(lang).open_full_view }</a></p> }
}

#[component]
pub fn EmbedReport(props: &EmbedProps) -> Html {
    let id = props.report.clone();
    let render = Callback::from(move |r: Rc<Report>| html! { <EmbedSummary report={r} /> });
    html! { <>
        <WithReport id={props.report.clone()} {render} />
        <FullLink route={Route::Report { report: id.to_string() }} />
    </> }
}

#[derive(Properties, PartialEq)]
pub struct EmbedSummaryProps {
    pub report: Shared<Report>,
}

/// The status summary of a report, as embedded.
#[component]
pub fn EmbedSummary(props: &EmbedSummaryProps) -> Html {
    let lang = use_ctx().map(|c| c.lang).unwrap_or_default();
    let Some(a) = props.report.as_annual() else {
        return match props.report.as_statement() {
            Some(s) => html! {
                <section class="embed-summary">
                    <h1>{ crate::ui::components::text(&s.name, lang) }</h1>
                    <p>{ crate::ui::components::text(&s.summary, lang) }</p>
                    <p class="source">{ format!("{}: {}, {}", i18n::t(lang).source, s.title, s.board.name) }</p>
                </section>
            },
            None => html! {},
        };
    };
    html! {
        <section class="embed-summary">
            <h1>{ format!("{} – {}", a.board.name, a.title) }</h1>
            <p class="status-sentence">{ status_sentence(&a.status_counts(), lang) }</p>
            <ul class="goal-list">
                { for a.goals().map(|(_, g)| html! { <li><span lang="sv">{ &g.title }</span>{ " " }{ status_badge(g.assessment.status, lang) }</li> }) }
            </ul>
            <p class="source">{ format!("{}: {}, {}", i18n::t(lang).source, a.title, a.board.name) }</p>
        </section>
    }
}

#[component]
pub fn EmbedGoal(props: &EmbedProps) -> Html {
    crate::ui::use_goal_elsewhere(props.goal.clone());
    let goal = props.goal.clone();
    let render =
        Callback::from(move |r: Rc<Report>| html! { <GoalView report={r} goal={goal.clone()} /> });
    html! { <>
        <WithReport id={props.report.clone()} {render} />
        <FullLink route={Route::Goal { report: props.report.to_string(), goal: props.goal.to_string() }} />
    </> }
}

#[component]
pub fn EmbedChart(props: &EmbedProps) -> Html {
    let chart = props.chart.clone();
    let render = Callback::from(
        move |r: Rc<Report>| html! { <ChartView report={r} chart={chart.clone()} /> },
    );
    html! { <>
        <WithReport id={props.report.clone()} {render} />
        <FullLink route={Route::Chart { report: props.report.to_string(), chart: props.chart.to_string() }} />
    </> }
}
