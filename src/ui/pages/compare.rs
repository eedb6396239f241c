//! Comparisons: `/jamfor`, `/jamfor/mal`, `/jamfor/ekonomi`.

use yew::prelude::*;

use crate::model::derived::{series_across_editions, status_changes};
use crate::model::{AnnualAnalysis, Report};
use crate::ui::chart::Chart;
use crate::ui::components::{Link, Source, StatusBadge};
use crate::ui::i18n::{self, page_title};
use crate::ui::{use_all_reports, use_ctx, use_title, Route};

fn annuals(reports: &[std::rc::Rc<Report>]) -> Vec<AnnualAnalysis> {
    reports
        .iter()
        .filter_map(|r| r.as_annual().cloned())
        .collect()
}

#[component]
pub fn CompareIndex() -> Html {
    let lang = use_ctx().map(|c| c.lang).unwrap_or_default();
    let t = i18n::t(lang);
    use_title(page_title(&[t.compare_heading], lang));
    html! {
        <>
            <h1>{ t.compare_heading }</h1>
            <ul>
                <li><Link to={Route::CompareGoals}>{ t.compare_goals_heading }</Link></li>
                <li><Link to={Route::CompareFinance}>{ t.compare_finance_heading }</Link></li>
            </ul>
        </>
    }
}

#[component]
pub fn CompareGoals() -> Html {
    use_all_reports();
    let ctx = use_ctx();
    let lang = ctx.as_ref().map(|c| c.lang).unwrap_or_default();
    let t = i18n::t(lang);
    use_title(page_title(&[t.compare_goals_heading], lang));
    let Some(ctx) = ctx else { return html! {} };
    let reports = annuals(&ctx.store.loaded());
    // Rows: council goals in first-seen order.
    let mut goals: Vec<(String, String)> = Vec::new();
    for a in &reports {
        for (_, g) in a.goals() {
            if !goals.iter().any(|(id, _)| id == &g.id) {
                goals.push((g.id.clone(), g.title.clone()));
            }
        }
    }
    // What changed for a board between its two latest editions.
    let mut changes = Vec::new();
    for new in &reports {
        if let Some(old) = reports
            .iter()
            .filter(|o| o.board.short == new.board.short && o.year < new.year)
            .max_by_key(|o| o.year)
        {
            changes.push((old.clone(), new.clone(), status_changes(old, new)));
        }
    }
    html! {
        <>
            <h1>{ t.compare_goals_heading }</h1>
            { for changes.iter().map(|(old, new, list)| html! {
                <section class="changes">
                    <h2>{ format!("{}: {} {} → {}", t.changed_heading, new.board.short, old.year, new.year) }</h2>
                    <ul>
                        { for list.iter().map(|c| html! {
                            <li class={if c.improved() { "up" } else { "down" }}>
                                <span aria-hidden="true" class="arrow">{ if c.improved() { "▲ " } else { "▼ " } }</span>
                                <Link to={Route::Goal { report: new.id.clone(), goal: c.goal.clone() }}><span lang="sv">{ &c.title }</span></Link>
                                { format!(": {} {} → {} {} ({})",
                                    i18n::goal_status(c.before, lang), old.year,
                                    i18n::goal_status(c.after, lang), new.year,
                                    if c.improved() { t.improved } else { t.worsened }) }
                            </li>
                        }) }
                    </ul>
                </section>
            }) }
            <p>{ t.compare_goals_intro }</p>
            <div class="table-wrap" tabindex="0" role="region" aria-label={t.compare_goals_heading}>
                <table class="matrix">
                    <caption>{ t.compare_goals_heading }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ t.council_goal }</th>
                            { for reports.iter().map(|a| html! { <th scope="col">{ format!("{} {}", a.board.short, a.year) }</th> }) }
                        </tr>
                    </thead>
                    <tbody>
                        { for goals.iter().map(|(id, title)| html! {
                            <tr>
                                <th scope="row" lang="sv">{ title }</th>
                                { for reports.iter().map(|a| match a.goal(id) {
                                    Some((_, g)) => html! {
                                        <td><Link to={Route::Goal { report: a.id.clone(), goal: id.clone() }}><StatusBadge status={g.assessment.status} /></Link></td>
                                    },
                                    None => html! { <td class="na">{ t.not_assessed }</td> },
                                }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </>
    }
}

#[component]
pub fn CompareFinance() -> Html {
    use_all_reports();
    let ctx = use_ctx();
    let lang = ctx.as_ref().map(|c| c.lang).unwrap_or_default();
    let t = i18n::t(lang);
    use_title(page_title(&[t.compare_finance_heading], lang));
    let Some(ctx) = ctx else { return html! {} };
    let reports = annuals(&ctx.store.loaded());
    let (Some(new), Some(old)) = (
        reports.iter().find(|a| a.id == "asn-2025"),
        reports.iter().find(|a| a.id == "asn-2024"),
    ) else {
        return html! { <><h1>{ t.compare_finance_heading }</h1><p class="loading" role="status">{ t.loading }</p></> };
    };
    let series: Vec<_> = ["unika-hushall", "genomsnitt-per-manad"]
        .iter()
        .filter_map(|row| series_across_editions(&[old, new], "hushall-ekonomiskt-bistand", row))
        .collect();
    html! {
        <>
            <h1>{ t.compare_finance_heading }</h1>
            <p>{ t.compare_finance_intro }</p>
            { for series.iter().map(|table| html! {
                <section class="compare-series">
                    <h2>{ t.households_over_time }{ ": " }<span lang="sv">{ &table.title }</span></h2>
                    <Chart table={table.clone()} report="jamfor" doc={format!("{} / {}", old.title, new.title)} embeddable={false} />
                    <Source doc={new.title.clone()} source={table.source.clone()} />
                </section>
            }) }
            { for new.tables.iter().filter_map(|nt| old.table(&nt.id).map(|ot| (nt, ot))).map(|(nt, ot)| html! {
                <section class="compare-pair">
                    <h2 lang="sv">{ &nt.title }</h2>
                    <div class="pair">
                        <div>
                            <h3>{ format!("{} {}", old.board.short, old.year) }</h3>
                            <Chart table={ot.clone()} report={old.id.clone()} doc={old.title.clone()} columns={2} />
                        </div>
                        <div>
                            <h3>{ format!("{} {}", new.board.short, new.year) }</h3>
                            <Chart table={nt.clone()} report={new.id.clone()} doc={new.title.clone()} columns={2} />
                        </div>
                    </div>
                </section>
            }) }
        </>
    }
}
