//! Over the years (issue #33): a board's page (`/namnd/{board}`), every
//! year's analysis of the board with its goals' statuses and its result as
//! charts and grids, and a council goal's page (`/kf-mal/{goal}`), every
//! board's assessment of the goal year by year. Each reads one file the
//! build wrote for it (the board's, the goal's) and no list of reports;
//! without a build (the development server) they are made from every
//! report.

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::prelude::*;

use crate::model::catalogue::GoalHistory;
use crate::model::format::Lang;
use crate::model::history::{board_histories, board_key, BoardHistory, BoardYear, HistoryWords};
use crate::model::{Table, Text};
use crate::ui::chart::Chart;
use yew_router::prelude::{use_navigator, Navigator};
use yew_router::Routable;

use crate::ui::components::{list_link, status_badge, LoadErrorView};
use crate::ui::i18n::{self, page_title};
use crate::ui::state::{self, Load, Store};
use crate::ui::{use_all_reports_when, use_ctx, use_goal_elsewhere, use_title, Ctx, Route};

// Query keys of a board page's range of years.
use crate::ui::route::{FROM, TO};

/// The words of the computed tables, in `lang`.
fn words(lang: Lang) -> HistoryWords {
    let (sv, en) = (i18n::history(Lang::Sv), i18n::history(Lang::En));
    HistoryWords {
        statuses: crate::model::history::STATUSES.map(|s| i18n::goal_status(s, lang)),
        status_title: i18n::history(lang).board_status_title,
        status_description: Text {
            sv: sv.board_status_description.into(),
            en: en.board_status_description.into(),
        },
        status_source: i18n::history(lang).board_status_source,
        share_title: i18n::history(lang).goal_share_heading,
        share_column: i18n::history(lang).goal_share_column,
        share_description: Text {
            sv: sv.goal_share_description.into(),
            en: en.goal_share_description.into(),
        },
    }
}

/// The charts of a board's page or a council goal's at every year, whose
/// files (CSV, SVG, PNG) the build writes beside the page and the page
/// links to (`ChartProps::files`): each one's address below the base and
/// the language's folder, without extension, and its table in `lang`, from
/// every board's and goal's history (`board_histories`, `goal_histories`).
/// None for another page, or a board or goal no report names.
pub fn chart_files(
    route: &Route,
    boards: &BTreeMap<String, BoardHistory>,
    goals: &BTreeMap<String, GoalHistory>,
    lang: Lang,
) -> Vec<(String, Table)> {
    let tables = match route {
        Route::Board { board } => match boards.get(board) {
            Some(h) => {
                // Every year, in the order the page shows them (`shown`).
                let all: Vec<u16> = h.years.iter().map(|y| y.year).collect();
                let years = shown(h, &all);
                let status = h.status_table(&years, &words(lang));
                std::iter::once(status)
                    .chain(h.result_table(&years))
                    .collect()
            }
            None => Vec::new(),
        },
        Route::CouncilGoal { goal } => match goals.get(goal) {
            Some(h) => vec![h.share_table(&words(lang))],
            None => Vec::new(),
        },
        _ => Vec::new(),
    };
    tables
        .into_iter()
        .map(|t| (files_stem(route, &t), t))
        .collect()
}

/// A chart's files' address on `route`'s page, without extension
/// (`namnd/{board}/malstatus-over-tid`).
fn files_stem(route: &Route, table: &Table) -> String {
    format!("{}/{}", route.to_path().trim_matches('/'), table.id)
}

/// Loads the board's file (or, without a build, every report).
#[hook]
fn use_board_file(board: AttrValue) {
    let ctx = use_ctx();
    use_all_reports_when(ctx.as_ref().is_some_and(|c| !c.store.built()));
    let built = ctx.as_ref().map(|c| c.store.built());
    use_effect_with((board, built), move |(board, _)| {
        if let Some(c) = ctx.filter(|c| c.store.built()) {
            state::request_board(&c.store, board);
        }
    });
}

/// The board's file, or else one made from the reports that have loaded.
fn board_history(store: &Store, key: &str) -> Option<Result<Rc<BoardHistory>, Html>> {
    if store.built() {
        return match store.board(key)? {
            Load::Ready(h) => Some(Ok(h.clone())),
            Load::Failed(e) => Some(Err(html! { <LoadErrorView error={e.clone()} level={2} /> })),
            Load::Loading => None,
        };
    }
    let loaded = store.loaded();
    board_histories(loaded.iter().map(|r| &**r))
        .remove(key)
        .map(|h| Ok(Rc::new(h)))
}

/// A year of the query, if it is one.
fn year_of(query: &[(String, String)], key: &str) -> Option<u16> {
    query
        .iter()
        .find(|(k, _)| k == key)
        .and_then(|(_, v)| v.trim().parse().ok())
}

#[derive(Properties, PartialEq)]
pub struct BoardPageProps {
    pub board: AttrValue,
}

#[component]
pub fn BoardPage(props: &BoardPageProps) -> Html {
    use_board_file(props.board.clone());
    let nav = use_navigator();
    let ctx = use_ctx();
    let lang = ctx.as_ref().map(|c| c.lang).unwrap_or_default();
    let t = i18n::t(lang);
    let found = ctx
        .as_ref()
        .and_then(|c| board_history(&c.store, &props.board));
    let name = match &found {
        Some(Ok(h)) => format!("{} ({})", h.board.name, h.board.short),
        _ => i18n::history(lang).boards_heading.to_string(),
    };
    use_title(page_title(&[&name], lang));
    let Some(ctx) = ctx else { return html! {} };
    let h = match found {
        Some(Ok(h)) => h,
        Some(Err(error)) => {
            return html! { <><h1>{ i18n::history(lang).boards_heading }</h1>{ error }</> }
        }
        None if ctx.store.settled_for(&ctx.route, &ctx.query) => {
            return html! { <><h1>{ i18n::history(lang).boards_heading }</h1><p>{ i18n::history(lang).board_not_found }</p></> }
        }
        None => {
            return html! { <><h1>{ i18n::history(lang).boards_heading }</h1><p class="loading" role="status">{ t.loading }</p></> }
        }
    };
    let (from, to) = (year_of(&ctx.query, FROM), year_of(&ctx.query, TO));
    let years = h.years_in(from, to);
    // In the full-text index, named by the board and its years.
    let span = match (h.years.last(), h.years.first()) {
        (Some(a), Some(b)) => format!(" {}–{}", a.year, b.year),
        _ => String::new(),
    };
    let (body, meta) = ctx.indexed(format!("{}{span}: {}", h.board.short, h.board.name));
    // Every year shown: the charts are the ones the build wrote files of.
    let all = years.len() == h.years.len();
    html! {
        <article class="board-years" data-pagefind-body={body} data-pagefind-meta={meta}>
            <h1><span lang="sv">{ &h.board.name }</span>{ format!(" ({})", h.board.short) }</h1>
            <p>{ i18n::history(lang).board_intro }</p>
            if from.is_some() || to.is_some() {
                <p class="board-range" role="status">{ range_sentence(&years, lang) }</p>
            }
            <BoardGoals history={h.clone()} years={years.iter().map(|y| y.year).collect::<Vec<_>>()} {all} />
            <BoardResult history={h.clone()} years={years.iter().map(|y| y.year).collect::<Vec<_>>()} {all} />
            { board_reports(&ctx, nav.as_ref(), &h) }
        </article>
    }
}

fn range_sentence(years: &[&BoardYear], lang: Lang) -> String {
    let list: Vec<String> = years.iter().map(|y| y.year.to_string()).collect();
    if list.is_empty() {
        format!("{}: –", i18n::history(lang).board_range)
    } else {
        format!("{}: {}.", i18n::history(lang).board_range, list.join(", "))
    }
}

#[derive(Properties, PartialEq)]
struct BoardPartProps {
    history: Rc<BoardHistory>,
    /// The years shown (oldest first).
    years: Vec<u16>,
    /// Whether they are every year (`chart_files`).
    all: bool,
}

/// The files of a board part's chart, where the build wrote them.
fn part_files(ctx: &Ctx, props: &BoardPartProps, table: &Table) -> Option<AttrValue> {
    props.all.then(|| files_stem(&ctx.route, table).into())
}

fn shown<'a>(h: &'a BoardHistory, years: &[u16]) -> Vec<&'a BoardYear> {
    let mut out: Vec<&BoardYear> = h.years.iter().filter(|y| years.contains(&y.year)).collect();
    out.sort_by_key(|y| y.year);
    out
}

/// The goals' statuses year by year: a chart of the counts and the grid of
/// goals × years.
#[component]
fn BoardGoals(props: &BoardPartProps) -> Html {
    let nav = use_navigator();
    let Some(ctx) = use_ctx() else {
        return html! {};
    };
    let lang = ctx.lang;
    let h = &props.history;
    let years = shown(h, &props.years);
    let table = h.status_table(&years, &words(lang));
    let files = part_files(&ctx, props, &table);
    html! {
        <section>
            <h2>{ i18n::history(lang).board_status_heading }</h2>
            if !years.is_empty() {
                <Chart {table} report={format!("namnd-{}", h.key)} doc={h.board.name.clone()} embeddable={false} {files} />
                { status_grid(&ctx, nav.as_ref(), h, &years) }
            }
        </section>
    }
}

/// Goals as rows (in the newest analysis's order first), years as columns;
/// each cell the status as text and icon, linked to that year's goal page.
fn status_grid(ctx: &Ctx, nav: Option<&Navigator>, h: &BoardHistory, years: &[&BoardYear]) -> Html {
    let (lang, t) = (ctx.lang, ctx.t());
    let mut goals: Vec<&str> = Vec::new();
    for y in years.iter().rev() {
        for (g, _) in &y.goals {
            if !goals.contains(&g.as_str()) {
                goals.push(g);
            }
        }
    }
    html! {
        <div class="table-wrap" tabindex="0" role="region" aria-label={i18n::history(lang).board_grid_caption}>
            <table class="matrix history-grid">
                <caption>{ i18n::history(lang).board_grid_caption }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ t.council_goal }</th>
                        { for years.iter().map(|y| html! { <th scope="col">{ y.year }</th> }) }
                    </tr>
                </thead>
                <tbody>
                    { for goals.iter().map(|g| html! {
                        <tr>
                            <th scope="row">{ goal_name(ctx, nav, h.goals.get(*g).map(|x| (&x.title, &x.title_en)), g) }</th>
                            { for years.iter().map(|y| match y.status_of(g) {
                                Some(s) => {
                                    let to = Route::Goal { report: y.report.clone(), goal: g.to_string() };
                                    html! { <td>{ list_link(ctx, nav, to, status_badge(s, lang)) }</td> }
                                }
                                None => html! { <td class="na">{ t.not_assessed }</td> },
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// A goal's title as printed (Swedish), with its English one on an English
/// page, linked to the goal across the city.
fn goal_name(
    ctx: &Ctx,
    nav: Option<&Navigator>,
    titles: Option<(&String, &String)>,
    id: &str,
) -> Html {
    let (title, en) = titles.map_or((id.to_string(), String::new()), |(a, b)| {
        (a.clone(), b.clone())
    });
    let label = html! {
        <>
            <span lang="sv">{ title }</span>
            if ctx.lang == Lang::En && !en.is_empty() { <span class="gloss">{ format!(" ({en})") }</span> }
        </>
    };
    list_link(
        ctx,
        nav,
        Route::CouncilGoal {
            goal: id.to_string(),
        },
        label,
    )
}

/// The table holding the year's result, year by year.
#[component]
fn BoardResult(props: &BoardPartProps) -> Html {
    let Some(ctx) = use_ctx() else {
        return html! {};
    };
    let lang = ctx.lang;
    let h = &props.history;
    let years = shown(h, &props.years);
    let doc = years
        .iter()
        .rev()
        .find_map(|y| y.result.as_ref().map(|r| r.doc.clone()))
        .unwrap_or_default();
    html! {
        <section>
            <h2>{ i18n::history(lang).board_result_heading }</h2>
            { match h.result_table(&years) {
                Some(table) => html! {
                    <>
                        <p>{ i18n::history(lang).board_result_intro }</p>
                        <Chart files={part_files(&ctx, props, &table)} {table} report={format!("namnd-{}", h.key)} {doc} embeddable={false} />
                    </>
                },
                None => html! { <p>{ i18n::history(lang).board_no_result }</p> },
            } }
        </section>
    }
}

/// Links to each analysis and statement, newest first.
fn board_reports(ctx: &Ctx, nav: Option<&Navigator>, h: &BoardHistory) -> Html {
    let lang = ctx.lang;
    let link = |report: &String, label: String| {
        list_link(
            ctx,
            nav,
            Route::Report {
                report: report.clone(),
            },
            html! { { label } },
        )
    };
    html! {
        <section>
            <h2>{ i18n::history(lang).board_reports_heading }</h2>
            <ul class="report-list">
                { for h.years.iter().map(|y| html! {
                    <li>{ link(&y.report, format!("{} {}", y.title, y.year)) }</li>
                }) }
            </ul>
            if !h.statements.is_empty() {
                <h3>{ i18n::history(lang).board_statements_heading }</h3>
                <ul class="report-list">
                    { for h.statements.iter().map(|s| html! {
                        <li>{ link(&s.report, format!("{} ({})", crate::ui::components::text(&s.name, lang), s.year)) }</li>
                    }) }
                </ul>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct CouncilGoalProps {
    pub goal: AttrValue,
}

/// A council goal across the city: the share of boards that met it each
/// year, and the grid of boards × years.
#[component]
pub fn CouncilGoalPage(props: &CouncilGoalProps) -> Html {
    use_goal_elsewhere(props.goal.clone());
    let nav = use_navigator();
    let ctx = use_ctx();
    let lang = ctx.as_ref().map(|c| c.lang).unwrap_or_default();
    let t = i18n::t(lang);
    let history = ctx
        .as_ref()
        .and_then(|c| super::goal::goal_history(&c.store, &props.goal));
    let title = history
        .as_ref()
        .map_or(props.goal.to_string(), |h| match lang {
            Lang::Sv => h.title.clone(),
            Lang::En => h.title_en.clone(),
        });
    use_title(page_title(&[&title], lang));
    let Some(ctx) = ctx else { return html! {} };
    if let Some(Load::Failed(e)) = ctx.store.goal(&props.goal) {
        return html! { <><h1>{ t.council_goal }</h1><LoadErrorView error={e.clone()} level={2} /></> };
    }
    let Some(h) = history else {
        return if ctx.store.settled_for(&ctx.route, &ctx.query) {
            html! { <><h1>{ t.council_goal }</h1><p>{ t.goal_not_found }</p></> }
        } else {
            html! { <><h1>{ t.council_goal }</h1><p class="loading" role="status">{ t.loading }</p></> }
        };
    };
    let across = h.across();
    let span = match (across.years.first(), across.years.last()) {
        (Some(a), Some(b)) => format!(" {a}–{b}"),
        _ => String::new(),
    };
    let (body, meta) = ctx.indexed(format!("{}{span}", t.goal_across_link));
    let share = h.share_table(&words(lang));
    html! {
        <article class="goal-across" data-pagefind-body={body} data-pagefind-meta={meta}>
            <h1>
                <span lang="sv">{ &h.title }</span>
                if lang == Lang::En && !h.title_en.is_empty() { <span class="gloss">{ format!(" ({})", h.title_en) }</span> }
            </h1>
            <p>{ i18n::history(lang).goal_across_intro }</p>
            <section>
                <h2>{ i18n::history(lang).goal_share_heading }</h2>
                <Chart files={Some(AttrValue::from(files_stem(&ctx.route, &share)))} table={share} report={format!("kf-mal-{}", h.id)} doc={i18n::history(lang).board_status_source} embeddable={false} />
            </section>
            <section>
                <h2>{ i18n::history(lang).goal_grid_caption }</h2>
                { goal_grid(&ctx, nav.as_ref(), &h) }
            </section>
        </article>
    }
}

/// Boards as rows, years as columns; each cell the board's assessment that
/// year, linked to its goal page.
fn goal_grid(ctx: &Ctx, nav: Option<&Navigator>, h: &GoalHistory) -> Html {
    let (lang, t) = (ctx.lang, ctx.t());
    let across = h.across();
    html! {
        <div class="table-wrap" tabindex="0" role="region" aria-label={i18n::history(lang).goal_grid_caption}>
            <table class="matrix history-grid">
                <caption>{ i18n::history(lang).goal_grid_caption }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ i18n::history(lang).board_col }</th>
                        { for across.years.iter().map(|y| html! { <th scope="col">{ y }</th> }) }
                    </tr>
                </thead>
                <tbody>
                    { for across.boards.iter().map(|b| html! {
                        <tr>
                            <th scope="row">{ list_link(ctx, nav, Route::Board { board: board_key(b) }, html! { { *b } }) }</th>
                            { for across.years.iter().map(|y| match h.cell(b, *y) {
                                Some(c) => {
                                    let to = Route::Goal { report: c.report.clone(), goal: h.id.clone() };
                                    html! { <td>{ list_link(ctx, nav, to, status_badge(c.status, lang)) }</td> }
                                }
                                None => html! { <td class="na">{ t.not_assessed }</td> },
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}
