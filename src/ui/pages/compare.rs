//! Comparisons: `/jamfor`, `/jamfor/mal`, `/jamfor/ekonomi`. Computed from
//! whatever reports there are: the goal matrix from the catalogue (the
//! reader chooses boards and years), the finance comparison from the two
//! editions it compares. The reader's choice lives in the address.

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::use_navigator;

use crate::model::catalogue::{catalogue, Catalogue, CatalogueReport};
use crate::model::compare::{
    annual_entries, board_changes, boards_with_editions, choose, joined_series, matrix_columns,
    matrix_options, matrix_rows, restated_years, shared_tables, unmatched_rows, Choice,
};
use crate::model::format::{self, Lang};
use crate::model::{AnnualAnalysis, Manifest, ManifestEntry, Report, Table};
use crate::ui::chart::Chart;
use crate::ui::components::{source, status_badge, Link, LoadErrorView};
use crate::ui::i18n::{self, page_title};
use crate::ui::state::{self, Load, Store};
use crate::ui::terms::{Place, Terms};
use crate::ui::{use_all_reports_when, use_ctx, use_title, Ctx, Route};

// Query keys of the comparisons' choices (`route::query_keys`).
use crate::ui::route::{BOARDS as BOARD, FROM, TO, YEARS as YEAR};

fn edition_name(e: &ManifestEntry) -> String {
    format!("{} {}", e.board.short, e.year)
}

fn annual_name(a: &AnnualAnalysis) -> String {
    format!("{} {}", a.board.short, a.year)
}

/// What a comparison page shows when no board has two annual analyses: the
/// loading line while the list arrives, else a plain sentence naming what is there.
fn nothing_to_compare(ctx: &Ctx, annuals: &[&ManifestEntry]) -> Html {
    let t = ctx.t();
    if !ctx.store.settled_for(&ctx.route, &ctx.query) {
        return html! { <p class="loading" role="status">{ t.loading }</p> };
    }
    let have: Vec<String> = annuals.iter().map(|e| edition_name(e)).collect();
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

/// The matrix's catalogue: the one the build wrote, or else (a development
/// server) one made from the reports that have loaded.
fn matrix_catalogue(store: &Store) -> Option<Result<Rc<Catalogue>, Html>> {
    if let Some(c) = &store.catalogue {
        return Some(Ok(c.0.clone()));
    }
    match &store.manifest {
        Some(Load::Ready(m)) => {
            let (entries, reports): (Vec<ManifestEntry>, Vec<Rc<Report>>) = m
                .reports
                .iter()
                .filter_map(|e| match store.report(&e.id) {
                    Some(Load::Ready(r)) => Some((e.clone(), r.clone())),
                    _ => None,
                })
                .unzip();
            Some(Ok(Rc::new(catalogue(&entries, &reports))))
        }
        Some(Load::Failed(e)) => Some(Err(html! { <LoadErrorView error={e.clone()} level={1} /> })),
        _ => None,
    }
}

#[component]
pub fn CompareGoals() -> Html {
    let ctx = use_ctx();
    // The matrix comes from the catalogue, or else from every report.
    use_all_reports_when(ctx.as_ref().is_some_and(|c| !c.store.built()));
    let lang = ctx.as_ref().map(|c| c.lang).unwrap_or_default();
    let t = i18n::t(lang);
    use_title(page_title(&[t.compare_goals_heading], lang));
    let Some(ctx) = ctx else { return html! {} };
    let c = match matrix_catalogue(&ctx.store) {
        Some(Ok(c)) => c,
        Some(Err(error)) => return error,
        None => {
            return html! { <><h1>{ t.compare_goals_heading }</h1><p class="loading" role="status">{ t.loading }</p></> }
        }
    };
    let (boards, years) = matrix_choice(&ctx.query);
    let columns = matrix_columns(&c, &boards, &years);
    let changes = board_changes(&c);
    let settled = ctx.store.settled_for(&ctx.route, &ctx.query);
    let (all_boards, all_years) = matrix_options(&c);
    html! {
        <>
            <h1>{ t.compare_goals_heading }</h1>
            <p>{ t.compare_goals_intro }</p>
            <MatrixChoice boards={all_boards} years={all_years} chosen_boards={boards.clone()} chosen_years={years.clone()} />
            if settled {
                <p class="matrix-shown" role="status">{ shown_sentence(&columns, boards.is_empty() && years.is_empty(), lang) }</p>
            }
            if !columns.is_empty() {
                { matrix_table(&c, &columns, lang) }
            }
            if changes.is_empty() && settled {
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
        </>
    }
}

/// Which annual analyses the matrix shows, as a sentence.
fn shown_sentence(columns: &[&CatalogueReport], defaults: bool, lang: Lang) -> String {
    let t = i18n::t(lang);
    if columns.is_empty() {
        t.matrix_nothing.to_string()
    } else if defaults {
        t.matrix_latest.to_string()
    } else {
        let names: Vec<String> = columns
            .iter()
            .map(|r| format!("{} {}", r.board.short, r.year))
            .collect();
        format!("{}: {}.", t.matrix_chosen, names.join(", "))
    }
}

/// Council goals as rows, the chosen annual analyses as columns.
fn matrix_table(c: &Catalogue, columns: &[&CatalogueReport], lang: Lang) -> Html {
    let t = i18n::t(lang);
    html! {
        <div class="table-wrap" tabindex="0" role="region" aria-label={t.compare_goals_heading}>
            <table class="matrix">
                <caption>{ t.compare_goals_heading }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ t.council_goal }</th>
                        { for columns.iter().map(|r| html! { <th scope="col">{ format!("{} {}", r.board.short, r.year) }</th> }) }
                    </tr>
                </thead>
                <tbody>
                    { for matrix_rows(columns).into_iter().map(|id| {
                        let (title, title_en) = c.goals.get(&id).map_or((id.clone(), String::new()), |g| (g.title.clone(), g.title_en.clone()));
                        html! {
                            <tr>
                                <th scope="row">
                                    <span lang="sv"><Terms text={title} slot={goal_slot(&id)} /></span>
                                    if lang == Lang::En && !title_en.is_empty() { <span class="gloss">{ format!(" ({title_en})") }</span> }
                                </th>
                                { for columns.iter().map(|r| match r.goals.iter().find(|(g, _)| g == &id) {
                                    Some((_, status)) => html! {
                                        <td><Link to={Route::Goal { report: r.id.clone(), goal: id.clone() }}>{ status_badge(*status, lang) }</Link></td>
                                    },
                                    None => html! { <td class="na">{ t.not_assessed }</td> },
                                }) }
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct MatrixChoiceProps {
    /// Every board with an annual analysis: (short name, name).
    boards: Vec<(String, String)>,
    /// Every year with an annual analysis, newest first.
    years: Vec<u16>,
    chosen_boards: Vec<String>,
    chosen_years: Vec<u16>,
}

/// The query after the reader ticks or unticks `value` under `key`.
fn toggled(query: &[(String, String)], key: &str, value: &str) -> Vec<(String, String)> {
    // A year as the reader may have typed it ("02024") is the same year.
    let same = |k: &str, v: &str| {
        k == key && (v == value || (key == YEAR && v.parse::<u16>().ok() == value.parse().ok()))
    };
    let had = query.iter().any(|(k, v)| same(k, v));
    let mut q: Vec<(String, String)> = query.iter().filter(|(k, v)| !same(k, v)).cloned().collect();
    if !had {
        q.push((key.to_string(), value.to_string()));
    }
    q
}

/// The query without the matrix's choice: each board's latest edition.
fn reset(query: &[(String, String)]) -> Vec<(String, String)> {
    query
        .iter()
        .filter(|(k, _)| k != BOARD && k != YEAR)
        .cloned()
        .collect()
}

/// One checkbox of the choice: its query value, its label, whether ticked.
struct Check {
    value: String,
    label: Html,
    checked: bool,
}

/// Boards and years to show, as checkboxes kept in the address (a shared
/// link keeps them); none ticked is each board's latest edition.
#[component]
fn MatrixChoice(props: &MatrixChoiceProps) -> Html {
    let navigator = use_navigator();
    let Some(ctx) = use_ctx() else {
        return html! {};
    };
    let t = ctx.t();
    let go = |query: Vec<(String, String)>| {
        let (navigator, route) = (navigator.clone(), ctx.route.clone());
        move || {
            if let Some(n) = &navigator {
                let _ = n.replace_with_query(&route, query.clone());
            }
        }
    };
    let boxes = |key: &'static str, items: Vec<Check>| {
        html! {
            { for items.into_iter().enumerate().map(|(i, c)| {
                // By position: a board's short name may not make a valid id.
                let id = format!("matrix-{key}-{i}");
                let on = go(toggled(&ctx.query, key, &c.value));
                html! {
                    <div class="check">
                        <input type="checkbox" id={id.clone()} checked={c.checked} onchange={Callback::from(move |_: Event| on())} />
                        <label for={id}>{ c.label }</label>
                    </div>
                }
            }) }
        }
    };
    let boards = props
        .boards
        .iter()
        .map(|(short, name)| Check {
            value: short.clone(),
            label: html! { <><span lang="sv">{ name }</span>{ format!(" ({short})") }</> },
            checked: props.chosen_boards.contains(short),
        })
        .collect();
    let years = props
        .years
        .iter()
        .map(|y| Check {
            value: y.to_string(),
            label: html! { { y } },
            checked: props.chosen_years.contains(y),
        })
        .collect();
    let chosen = !props.chosen_boards.is_empty() || !props.chosen_years.is_empty();
    let clear = go(reset(&ctx.query));
    // Always there, so pressing it keeps the focus where it was.
    let onclick = Callback::from(move |_: MouseEvent| {
        if chosen {
            clear();
        }
    });
    html! {
        <form class="filters matrix-choice needs-js" aria-label={t.matrix_choice_label}>
            <fieldset>
                <legend>{ t.matrix_boards }</legend>
                { boxes(BOARD, boards) }
            </fieldset>
            <fieldset>
                <legend>{ t.matrix_years }</legend>
                { boxes(YEAR, years) }
            </fieldset>
            <p><button type="button" data-key="matrix-reset" aria-disabled={(!chosen).to_string()} {onclick}>{ t.matrix_reset }</button></p>
        </form>
    }
}

fn goal_slot(id: &str) -> String {
    format!("goal:{id}")
}

fn pair_slot(table: &str) -> String {
    format!("pair:{table}")
}

/// Where the goal matrix marks terms: its goals' titles, in its order.
pub fn goal_places(store: &Store, query: &[(String, String)]) -> Vec<Place> {
    let Some(Ok(c)) = matrix_catalogue(store) else {
        return Vec::new();
    };
    let (boards, years) = matrix_choice(query);
    matrix_rows(&matrix_columns(&c, &boards, &years))
        .into_iter()
        .filter_map(|id| {
            let title = c.goals.get(&id)?.title.clone();
            Some(Place::shown(goal_slot(&id), title, Lang::Sv))
        })
        .collect()
}

/// Where the finance comparison marks terms: the titles of the tables both editions have.
pub fn finance_places(store: &Store, query: &[(String, String)]) -> Vec<Place> {
    let Some(Load::Ready(m)) = &store.manifest else {
        return Vec::new();
    };
    let Some([old, new]) = finance_editions(m, query) else {
        return Vec::new();
    };
    let (Some(Ok(old)), Some(Ok(new))) = (loaded(store, &old), loaded(store, &new)) else {
        return Vec::new();
    };
    let (Some(old), Some(new)) = (old.as_annual(), new.as_annual()) else {
        return Vec::new();
    };
    shared_tables(old, new)
        .into_iter()
        .map(|(_, nt)| Place::shown(pair_slot(&nt.id), &nt.title, Lang::Sv))
        .collect()
}

/// The boards and years the reader chose for the matrix.
fn matrix_choice(query: &[(String, String)]) -> (Vec<String>, Vec<u16>) {
    let all = |key: &'static str| query.iter().filter(move |(k, _)| k == key).map(|(_, v)| v);
    (
        all(BOARD).cloned().collect(),
        all(YEAR).filter_map(|y| y.parse().ok()).collect(),
    )
}

/// The two editions (ids) the finance comparison shows for `query`: the
/// chosen board's, or its defaults; none when no board has two.
pub fn finance_editions(m: &Manifest, query: &[(String, String)]) -> Option<[String; 2]> {
    let param = |key: &str| {
        query
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    let annuals = annual_entries(&m.reports);
    let boards = boards_with_editions(&annuals);
    let c = choose(&boards, param(BOARD), param(FROM), param(TO))?;
    Some([c.old.id.clone(), c.new.id.clone()])
}

#[component]
pub fn CompareFinance() -> Html {
    let ctx = use_ctx();
    let lang = ctx.as_ref().map(|c| c.lang).unwrap_or_default();
    let t = i18n::t(lang);
    use_title(page_title(&[t.compare_finance_heading], lang));
    let pair = ctx.as_ref().and_then(|c| match &c.store.manifest {
        Some(Load::Ready(m)) => finance_editions(m, &c.query),
        _ => None,
    });
    {
        // Only the two editions it compares.
        let ctx = ctx.clone();
        use_effect_with(pair.clone(), move |pair| {
            if let (Some(c), Some(pair)) = (ctx, pair) {
                for id in pair {
                    state::request_report(&c.store, id);
                }
            }
        });
    }
    let Some(ctx) = ctx else { return html! {} };
    let m = match &ctx.store.manifest {
        Some(Load::Ready(m)) => m.clone(),
        Some(Load::Failed(e)) => return html! { <LoadErrorView error={e.clone()} level={1} /> },
        _ => {
            return html! { <><h1>{ t.compare_finance_heading }</h1><p class="loading" role="status">{ t.loading }</p></> }
        }
    };
    let annuals = annual_entries(&m.reports);
    let boards = boards_with_editions(&annuals);
    let Some(choice) = choose(&boards, ctx.param(BOARD), ctx.param(FROM), ctx.param(TO)) else {
        return html! { <><h1>{ t.compare_finance_heading }</h1>{ nothing_to_compare(&ctx, &annuals) }</> };
    };
    let form = html! {
        <ChoiceForm boards={boards.iter().map(|b| BoardChoice::of(b)).collect::<Vec<_>>()}
            board={choice.new.board.short.clone()} from={choice.old.id.clone()} to={choice.new.id.clone()} />
    };
    let intro = format!(
        "{} {} → {}.",
        t.compare_finance_intro,
        edition_name(choice.old),
        edition_name(choice.new)
    );
    let body = match (
        loaded(&ctx.store, &choice.old.id),
        loaded(&ctx.store, &choice.new.id),
    ) {
        (Some(Ok(old)), Some(Ok(new))) => match (old.as_annual(), new.as_annual()) {
            (Some(old), Some(new)) => html! {
                <>
                    { series_sections(&choice, &[old, new], lang) }
                    { for shared_tables(old, new).into_iter().map(|(ot, nt)| pair_section(old, ot, new, nt, lang)) }
                </>
            },
            // The manifest said annual analysis; the file says otherwise.
            _ => html! {},
        },
        (Some(Err(e)), _) | (_, Some(Err(e))) => html! { <LoadErrorView error={e} level={2} /> },
        _ => html! { <p class="loading" role="status">{ t.loading }</p> },
    };
    html! {
        <>
            <h1>{ t.compare_finance_heading }</h1>
            { form }
            <p>{ intro }</p>
            <p class="over-the-years">
                // Every edition between the two, year by year (issue #33).
                <a href={over_the_years(&ctx, &choice)}>
                    { format!("{} ({} {}–{})", t.compare_over_years, choice.new.board.short, choice.old.year, choice.new.year) }
                </a>
            </p>
            { body }
        </>
    }
}

/// The board's page for the years from the older edition to the newer.
fn over_the_years(ctx: &Ctx, choice: &Choice<ManifestEntry>) -> String {
    let board = crate::model::history::board_key(&choice.new.board.short);
    let href = ctx.route_href(&Route::Board { board });
    let sep = if href.contains('?') { '&' } else { '?' };
    format!(
        "{href}{sep}fran={}&till={}",
        choice.old.year, choice.new.year
    )
}

/// A report that has loaded (or why not); `None` while it loads.
fn loaded(store: &Store, id: &str) -> Option<Result<Rc<Report>, state::LoadError>> {
    match store.report(id)? {
        Load::Ready(r) => Some(Ok(r.clone())),
        Load::Failed(e) => Some(Err(e.clone())),
        Load::Loading => None,
    }
}

/// The board's series joined across the two editions compared, one chart
/// each (each edition prints several years, so years one restates show).
fn series_sections(
    choice: &Choice<ManifestEntry>,
    editions: &[&AnnualAnalysis],
    lang: Lang,
) -> Html {
    let t = i18n::t(lang);
    let (first, last) = (choice.old, choice.new);
    html! {
        { for joined_series(editions).into_iter().map(|joined| {
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
                    { for joined.sources.into_iter().map(|(doc, at)| source(&doc, &at, lang)) }
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
                { format!("{} {}: ", t.rows_only_in, annual_name(a)) }
                <span lang="sv">{ rows.iter().map(|r| r.label.as_str()).collect::<Vec<_>>().join("; ") }</span>
            </p>
        })
    };
    html! {
        <section class="compare-pair">
            <h2 lang="sv"><Terms text={nt.title.clone()} slot={pair_slot(&nt.id)} /></h2>
            <div class="pair">
                <div>
                    <h3>{ annual_name(old) }</h3>
                    <Chart table={ot.clone()} report={old.id.clone()} doc={old.title.clone()} columns={2} />
                </div>
                <div>
                    <h3>{ annual_name(new) }</h3>
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
    fn of(editions: &[&ManifestEntry]) -> Self {
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
