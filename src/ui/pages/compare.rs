//! Comparisons: `/jamfor`, `/jamfor/mal`, `/jamfor/ekonomi`. Computed from
//! whatever reports are bundled: every board with two or more annual
//! analyses can be compared, and the reader's choice lives in the address.

use yew::prelude::*;
use yew_router::prelude::use_navigator;

use crate::model::compare::{
    boards_with_editions, choose, joined_series, restated_years, shared_tables, unmatched_rows,
    Choice,
};
use crate::model::derived::status_changes;
use crate::model::format::{self, Lang};
use crate::model::{AnnualAnalysis, Report, Table};
use crate::ui::chart::Chart;
use crate::ui::components::{Link, Source, StatusBadge};
use crate::ui::i18n::{self, page_title};
use crate::ui::{use_all_reports, use_ctx, use_title, Ctx, Route};

/// Query keys of the finance comparison's choice.
const BOARD: &str = "namnd";
const FROM: &str = "fran";
const TO: &str = "till";

fn annuals(reports: &[std::rc::Rc<Report>]) -> Vec<AnnualAnalysis> {
    reports
        .iter()
        .filter_map(|r| r.as_annual().cloned())
        .collect()
}

fn edition_name(a: &AnnualAnalysis) -> String {
    format!("{} {}", a.board.short, a.year)
}

/// What a comparison page shows when no board has two annual analyses: the
/// loading line while reports arrive, else a plain sentence naming what is there.
fn nothing_to_compare(ctx: &Ctx, reports: &[AnnualAnalysis]) -> Html {
    let t = ctx.t();
    if !ctx.store.settled_for(&ctx.route) {
        return html! { <p class="loading" role="status">{ t.loading }</p> };
    }
    let have: Vec<String> = reports.iter().map(edition_name).collect();
    let have = if have.is_empty() {
        t.no_annuals.to_string()
    } else {
        have.join(", ")
    };
    html! { <p class="nothing-to-compare">{ format!("{} {}: {have}.", t.compare_needs_two, t.bundled_now) }</p> }
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
    let mut goals: Vec<(String, String, String)> = Vec::new();
    for a in &reports {
        for (_, g) in a.goals() {
            if !goals.iter().any(|(id, _, _)| id == &g.id) {
                goals.push((g.id.clone(), g.title.clone(), g.title_en.clone()));
            }
        }
    }
    // What changed for each board between its two latest editions.
    let refs: Vec<&AnnualAnalysis> = reports.iter().collect();
    let changes: Vec<_> = boards_with_editions(&refs)
        .into_iter()
        .map(|b| {
            let (old, new) = (b[b.len() - 2], b[b.len() - 1]);
            (old.clone(), new.clone(), status_changes(old, new))
        })
        .collect();
    html! {
        <>
            <h1>{ t.compare_goals_heading }</h1>
            if changes.is_empty() && ctx.store.settled_for(&ctx.route) {
                <p class="nothing-to-compare">{ t.no_changes_yet }</p>
            }
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
                        { for goals.iter().map(|(id, title, title_en)| html! {
                            <tr>
                                <th scope="row">
                                    <span lang="sv">{ title }</span>
                                    if lang == Lang::En { <span class="gloss">{ format!(" ({title_en})") }</span> }
                                </th>
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
    let refs: Vec<&AnnualAnalysis> = reports.iter().collect();
    let boards = boards_with_editions(&refs);
    let Some(choice) = choose(&boards, ctx.param(BOARD), ctx.param(FROM), ctx.param(TO)) else {
        return html! { <><h1>{ t.compare_finance_heading }</h1>{ nothing_to_compare(&ctx, &reports) }</> };
    };
    let (old, new) = (choice.old, choice.new);
    html! {
        <>
            <h1>{ t.compare_finance_heading }</h1>
            <ChoiceForm boards={boards.iter().map(|b| BoardChoice::of(b)).collect::<Vec<_>>()}
                board={new.board.short.clone()} from={old.id.clone()} to={new.id.clone()} />
            <p>{ format!("{} {} → {}.", t.compare_finance_intro, edition_name(old), edition_name(new)) }</p>
            { series_sections(&choice, lang) }
            { for shared_tables(old, new).into_iter().map(|(ot, nt)| pair_section(old, ot, new, nt, lang)) }
        </>
    }
}

/// The board's series joined across all its editions, one chart each.
fn series_sections(choice: &Choice, lang: Lang) -> Html {
    let t = i18n::t(lang);
    let first = choice.editions[0];
    let last = choice.editions[choice.editions.len() - 1];
    html! {
        { for joined_series(&choice.editions).into_iter().map(|joined| {
            let table = joined.table;
            let restated = restated_years(&table)
                .into_iter()
                .map(|(y, v)| format!("{y} ({})", v.iter().map(|x| format::with_unit(*x, table.unit, lang)).collect::<Vec<_>>().join(" / ")))
                .collect::<Vec<_>>();
            html! {
                <section class="compare-series">
                    <h2>{ t.series_over_time }{ ": " }<span lang="sv">{ &table.title }</span></h2>
                    <Chart table={table.clone()} report="jamfor" doc={format!("{} / {}", first.title, last.title)} embeddable={false} />
                    if !restated.is_empty() {
                        <p class="restated">{ format!("{}: {}.", t.restated_years, restated.join("; ")) }</p>
                    }
                    { for joined.sources.into_iter().map(|(doc, source)| html! { <Source {doc} {source} /> }) }
                </section>
            }
        }) }
    }
}

/// Two editions' tables of one kind, side by side, with the rows only one has.
fn pair_section(
    old: &AnnualAnalysis,
    ot: &Table,
    new: &AnnualAnalysis,
    nt: &Table,
    lang: Lang,
) -> Html {
    let t = i18n::t(lang);
    let (only_old, only_new) = unmatched_rows(ot, nt);
    let only = |a: &AnnualAnalysis, rows: Vec<&crate::model::Row>| {
        (!rows.is_empty()).then(|| html! {
            <p class="only-in">
                { format!("{} {}: ", t.rows_only_in, edition_name(a)) }
                <span lang="sv">{ rows.iter().map(|r| r.label.as_str()).collect::<Vec<_>>().join("; ") }</span>
            </p>
        })
    };
    html! {
        <section class="compare-pair">
            <h2 lang="sv">{ &nt.title }</h2>
            <div class="pair">
                <div>
                    <h3>{ edition_name(old) }</h3>
                    <Chart table={ot.clone()} report={old.id.clone()} doc={old.title.clone()} columns={2} />
                </div>
                <div>
                    <h3>{ edition_name(new) }</h3>
                    <Chart table={nt.clone()} report={new.id.clone()} doc={new.title.clone()} columns={2} />
                </div>
            </div>
            { only(old, only_old) }
            { only(new, only_new) }
        </section>
    }
}

/// A board and its editions, as the choice offers them.
#[derive(Clone, Debug, PartialEq)]
struct BoardChoice {
    short: String,
    name: String,
    /// (report id, what the option says), oldest first.
    editions: Vec<(String, String)>,
}

impl BoardChoice {
    fn of(editions: &[&AnnualAnalysis]) -> Self {
        Self {
            short: editions[0].board.short.clone(),
            name: editions[0].board.name.clone(),
            editions: editions
                .iter()
                .map(|a| (a.id.clone(), format!("{} – {}", edition_name(a), a.title)))
                .collect(),
        }
    }
}

#[derive(Properties, PartialEq)]
struct ChoiceFormProps {
    /// Every board with two or more editions.
    boards: Vec<BoardChoice>,
    board: String,
    from: String,
    to: String,
}

/// The query after the reader picks `value` for `key`: a new board starts
/// from its defaults; picking the edition the other side shows swaps the two.
fn choice_query(
    key: &str,
    value: String,
    [board, from, to]: [String; 3],
) -> Vec<(&'static str, String)> {
    match key {
        BOARD => vec![(BOARD, value)],
        FROM => {
            let other = if value == to { from } else { to };
            vec![(BOARD, board), (FROM, value), (TO, other)]
        }
        _ => {
            let other = if value == from { to } else { from };
            vec![(BOARD, board), (FROM, other), (TO, value)]
        }
    }
}

/// The board and the two editions, kept in the address so a shared link keeps them.
#[component]
fn ChoiceForm(props: &ChoiceFormProps) -> Html {
    let navigator = use_navigator();
    let Some(ctx) = use_ctx() else {
        return html! {};
    };
    let t = ctx.t();
    let set = |key: &'static str| {
        let (navigator, route, query) = (navigator.clone(), ctx.route.clone(), ctx.query.clone());
        let current = [props.board.clone(), props.from.clone(), props.to.clone()];
        Callback::from(move |e: Event| {
            let value = crate::web::event_value(&e);
            let mut q: Vec<(String, String)> = query
                .iter()
                .filter(|(k, _)| ![BOARD, FROM, TO].contains(&k.as_str()))
                .cloned()
                .collect();
            q.extend(
                choice_query(key, value, current.clone())
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), v)),
            );
            if let Some(n) = &navigator {
                let _ = n.replace_with_query(&route, q);
            }
        })
    };
    let editions = props
        .boards
        .iter()
        .find(|b| b.short == props.board)
        .map(|b| b.editions.clone())
        .unwrap_or_default();
    let edition_select = |id: &'static str,
                          label: &'static str,
                          key: &'static str,
                          selected: &str| {
        html! {
            <div>
                <label for={id}>{ label }</label>
                <select id={id} onchange={set(key)}>
                    { for editions.iter().map(|(value, text)| html! {
                        <option value={value.clone()} selected={value == selected}>{ text }</option>
                    }) }
                </select>
            </div>
        }
    };
    html! {
        <form class="filters compare-choice needs-js" aria-label={t.compare_choice_label}>
            <div>
                <label for="compare-board">{ t.compare_board }</label>
                <select id="compare-board" onchange={set(BOARD)}>
                    { for props.boards.iter().map(|b| html! {
                        <option value={b.short.clone()} selected={b.short == props.board}>{ &b.name }</option>
                    }) }
                </select>
            </div>
            { edition_select("compare-from", t.compare_from, FROM, &props.from) }
            { edition_select("compare-to", t.compare_to, TO, &props.to) }
        </form>
    }
}
