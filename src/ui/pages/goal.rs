//! Goal page `/{report-id}/mal/{goal-id}`.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::derived::{items_linking_goal, same_goal_elsewhere};
use crate::model::format;
use crate::model::Report;
use crate::ui::components::{text, EmbedButton, Link, Source, StatusBadge, WithReport};
use crate::ui::i18n::{self, page_title};
use crate::ui::pages::not_found::NotFoundBody;
use crate::ui::pages::report::expect_annual;
use crate::ui::terms::Terms;
use crate::ui::{use_all_reports, use_ctx, use_title, Route};

#[derive(Properties, PartialEq)]
pub struct GoalPageProps {
    pub report: AttrValue,
    pub goal: AttrValue,
}

#[component]
pub fn GoalPage(props: &GoalPageProps) -> Html {
    let goal = props.goal.clone();
    let render =
        Callback::from(move |r: Rc<Report>| html! { <GoalView report={r} goal={goal.clone()} /> });
    html! { <WithReport id={props.report.clone()} {render} /> }
}

#[derive(Properties, PartialEq)]
pub struct GoalViewProps {
    pub report: Rc<Report>,
    pub goal: AttrValue,
}

#[component]
pub fn GoalView(props: &GoalViewProps) -> Html {
    let ctx = use_ctx();
    // The other reports are needed for "the same goal elsewhere".
    use_all_reports();
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
    let loaded: Vec<Report> = ctx.store.loaded().iter().map(|r| (**r).clone()).collect();
    let elsewhere = same_goal_elsewhere(&loaded, &a.id, &g.id);
    let linked = items_linking_goal(&loaded, &a.id, &g.id);
    html! {
        <article class="goal">
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
                <StatusBadge status={g.assessment.status} />
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
            if !g.key_figures.is_empty() {
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
            <Source doc={a.title.clone()} source={g.source.clone()} />
            if !ctx.route.is_embed() {
                <EmbedButton path={format!("{}/mal/{}", a.id, g.id)} title={format!("{} {}: {}", a.board.short, a.year, g.title)} height={900}>
                    <p lang="sv"><strong>{ &g.title }</strong></p>
                    <StatusBadge status={g.assessment.status} />
                    <p>{ text(&g.follow_up, lang) }</p>
                </EmbedButton>
            }
            <section>
                <h2>{ t.other_edition }</h2>
                if elsewhere.is_empty() {
                    <p>{ t.no_other }</p>
                } else {
                    <ul class="elsewhere">
                        { for elsewhere.iter().map(|(o, og)| html! {
                            <li>
                                <Link to={Route::Goal { report: o.id.clone(), goal: og.id.clone() }}>{ format!("{} {}", o.board.short, o.year) }</Link>
                                { ": " }<StatusBadge status={og.assessment.status} />
                                if o.board.short == a.board.short && og.assessment.status != g.assessment.status {
                                    <span class="change">{ format!(" → {} {}: {}", a.board.short, a.year, i18n::goal_status(g.assessment.status, lang)) }</span>
                                }
                            </li>
                        }) }
                    </ul>
                }
            </section>
            if !linked.is_empty() {
                <section>
                    <h2>{ t.linked_items }</h2>
                    <ul>
                        { for linked.iter().map(|(s, i)| html! {
                            <li><Link to={Route::Report { report: s.id.clone() }}>{ text(&s.name, lang) }</Link>{ format!(": {}", format::number(i.responses.len() as f64, 0, lang)) }{ format!(" {}", t.measures.to_lowercase()) }</li>
                        }) }
                    </ul>
                </section>
            }
        </article>
    }
}
