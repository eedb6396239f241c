//! Finances `/{report-id}/ekonomi` and one table `/{report-id}/ekonomi/{chart-id}`.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::{Report, Table};
use crate::ui::chart::Chart;
use crate::ui::components::{discrepancies, heading, source, text, Link, WithReport};
use crate::ui::i18n::{self, page_title};
use crate::ui::later::{Kept, Later};
use crate::ui::pages::not_found::NotFoundBody;
use crate::ui::pages::report::{expect_annual, source_notes};
use crate::ui::state::Shared;
use crate::ui::terms::Terms;
use crate::ui::{use_ctx, use_title, Route};

#[derive(Properties, PartialEq)]
pub struct FinancePageProps {
    pub report: AttrValue,
}

#[component]
pub fn FinancePage(props: &FinancePageProps) -> Html {
    let render = Callback::from(|r: Rc<Report>| html! { <FinanceView report={r} /> });
    html! { <WithReport id={props.report.clone()} {render} /> }
}

#[derive(Properties, PartialEq)]
pub struct FinanceViewProps {
    pub report: Shared<Report>,
}

#[component]
fn FinanceView(props: &FinanceViewProps) -> Html {
    let ctx = use_ctx();
    let lang = ctx.as_ref().map(|c| c.lang).unwrap_or_default();
    let t = crate::ui::i18n::t(lang);
    let short = props
        .report
        .as_annual()
        .map(|a| format!("{} {}", a.board.short, a.year))
        .unwrap_or_default();
    use_title(page_title(&[t.finances, &short], lang));
    let a = match expect_annual(&props.report, lang) {
        Ok(a) => a,
        Err(h) => return h,
    };
    let (body, meta) = match &ctx {
        Some(c) => c.indexed(format!("{} – {}", a.board.name, a.title)),
        None => (None, AttrValue::default()),
    };
    html! {
        <article class="finance" data-pagefind-body={body} data-pagefind-meta={meta}>
            <p class="breadcrumb"><Link to={Route::Report { report: a.id.clone() }}>{ format!("{} – {}", a.board.name, a.title) }</Link></p>
            <h1>{ format!("{} – {} {}", t.finances, a.board.short, a.year) }</h1>
            if a.tables.is_empty() {
                <p>{ t.no_tables }</p>
            } else {
                <p>{ format!("{} ({}).", t.finances_intro, a.units().into_iter().map(|u| i18n::unit_name(u, lang)).collect::<Vec<_>>().join("; ")) }</p>
            }
            // Each section (and the notes) in a task of its own while the
            // viewer takes over: the first section's code (a chart, its
            // table, `Kept`) and the page's compiled 232 functions in one
            // (issue #30).
            { for a.tables.iter().map(|table| html! {
                <Later><TableSection report={props.report.clone()} table={table.clone()} standalone={false} /></Later>
            }) }
            <Later>{ source_notes(a, lang) }</Later>
        </article>
    }
}

#[derive(Properties, PartialEq)]
pub struct TableSectionProps {
    pub report: Shared<Report>,
    pub table: Table,
    pub standalone: bool,
}

/// One table with its description, source and discrepancies.
#[component]
pub fn TableSection(props: &TableSectionProps) -> Html {
    let Some(ctx) = use_ctx() else {
        return html! {};
    };
    let Some(a) = props.report.as_annual() else {
        return html! {};
    };
    let lang = ctx.lang;
    let table = &props.table;
    let noted = a.discrepancies_for(&table.id);
    let level = if props.standalone { 1 } else { 2 };
    let title = if props.standalone {
        html! { <h1 lang="sv"><Terms text={table.title.clone()} slot={format!("title:{}", table.id)} /></h1> }
    } else {
        html! {
            <h2>
                <Link to={Route::Chart { report: a.id.clone(), chart: table.id.clone() }}>
                    <span lang="sv">{ &table.title }</span>
                </Link>
            </h2>
        }
    };
    html! {
        // A copy stands for this report's table in this language only: with
        // another (the reader moves to another year), another `Kept`.
        <Kept key={format!("{}/{}/{}", a.id, lang.code(), table.id)} id={table.id.clone()}>
        <section class="chart-section" id={table.id.clone()}>
            { title }
            <p><Terms text={text(&table.description, lang)} slot={format!("description:{}", table.id)} /></p>
            <Chart table={table.clone()} report={a.id.clone()} doc={a.title.clone()} />
            { source(&a.title, &table.source, lang) }
            if !noted.is_empty() {
                <div class="table-discrepancies">
                    <@{heading(level + 1)}>{ ctx.t().discrepancies }</@>
                    { discrepancies(&noted, lang) }
                </div>
            }
        </section>
        </Kept>
    }
}

#[derive(Properties, PartialEq)]
pub struct ChartPageProps {
    pub report: AttrValue,
    pub chart: AttrValue,
}

#[component]
pub fn ChartPage(props: &ChartPageProps) -> Html {
    let chart = props.chart.clone();
    let render = Callback::from(
        move |r: Rc<Report>| html! { <ChartView report={r} chart={chart.clone()} /> },
    );
    html! { <WithReport id={props.report.clone()} {render} /> }
}

#[derive(Properties, PartialEq)]
pub struct ChartViewProps {
    pub report: Shared<Report>,
    pub chart: AttrValue,
}

#[component]
pub fn ChartView(props: &ChartViewProps) -> Html {
    let ctx = use_ctx();
    let lang = ctx.as_ref().map(|c| c.lang).unwrap_or_default();
    let table = props
        .report
        .as_annual()
        .and_then(|a| a.table(&props.chart))
        .cloned();
    let short = props
        .report
        .as_annual()
        .map(|a| format!("{} {}", a.board.short, a.year))
        .unwrap_or_default();
    use_title(page_title(
        &[
            &table.as_ref().map(|t| t.title.clone()).unwrap_or_default(),
            &short,
        ],
        lang,
    ));
    let t = crate::ui::i18n::t(lang);
    let a = match expect_annual(&props.report, lang) {
        Ok(a) => a,
        Err(h) => return h,
    };
    let Some(table) = table else {
        return html! { <NotFoundBody message={t.chart_not_found} /> };
    };
    html! {
        <article class="finance">
            <p class="breadcrumb">
                <Link to={Route::Report { report: a.id.clone() }}>{ format!("{} – {}", a.board.name, a.title) }</Link>
                { " › " }
                <Link to={Route::Finance { report: a.id.clone() }}>{ t.finances }</Link>
            </p>
            <TableSection report={props.report.clone()} {table} standalone={true} />
        </article>
    }
}
