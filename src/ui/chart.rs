//! The chart component: plotters' SVG (the one raw-HTML insertion in the
//! viewer), an overlay of focusable marks with a roving tabindex, a tooltip
//! shared by hover, tap and keyboard, a table toggle and downloads.

use std::rc::Rc;

use yew::prelude::*;

use super::components::{text, Disclosure, EmbedButton, TableView};
use super::i18n::source_line;
use super::later;
use super::terms::Terms;
use super::use_ctx;
use crate::charts::{self, svg};
use crate::model::export::table_csv;
use crate::model::format::Lang;
use crate::model::Table;
use crate::web;

#[derive(Properties, PartialEq)]
pub struct ChartProps {
    pub table: Table,
    /// Report id, for file names and element ids.
    pub report: AttrValue,
    /// The source document's title, for the tooltip's source.
    pub doc: AttrValue,
    /// How many charts share the row on a wide screen (side-by-side comparisons).
    #[prop_or(1)]
    pub columns: u8,
    /// Whether the chart has its own embed route (a report's table).
    #[prop_or(true)]
    pub embeddable: bool,
    /// Where the build wrote the files of a chart that is not a report's
    /// table, in the page's language, below the base and without their
    /// extension: a board's or a council goal's chart at every year
    /// (`history::chart_files`). A report's table's are known by its
    /// report and its id.
    #[prop_or_default]
    pub files: Option<AttrValue>,
}

/// The width pages are pre-rendered at: a phone's (a 440 px screen's
/// column), as a page that no reader asks more of stays pre-rendered
/// (issue #30): a phone shows its charts about as drawn, not at half size
/// with text of 7 px, and a wider screen at most a third larger
/// (`.chart-canvas.drawn-narrow`, style.css) until the viewer, when asked
/// for, draws them at its width.
pub const PRERENDERED_WIDTH: f64 = 400.0;

/// Width of the chart for a viewport width: the content column, at most 720.
pub fn chart_width(viewport: Option<f64>) -> f64 {
    viewport
        .map(|w| (w - 40.0).clamp(260.0, 720.0))
        .unwrap_or(PRERENDERED_WIDTH)
}

/// The chart's width for a viewport width, sharing the row with
/// `columns - 1` others on a wide screen.
fn per_column(columns: u8, w: Option<f64>) -> f64 {
    let full = chart_width(w);
    if full >= 600.0 {
        (full / f64::from(columns.max(1))).max(260.0)
    } else {
        full
    }
}

/// The chart's layout and drawing at the reader's width, redrawn when the
/// width changes. Natively (pre-rendering, tests) the chart is drawn at
/// once. In the browser each chart is laid out (and drawn, unless the
/// pre-rendered drawing is kept) in a task of its own after the page has
/// rendered: a page of ten charts is then many short tasks, not one long
/// one.
#[hook]
fn use_drawing(table: Table, lang: Lang, columns: u8, name_id: String) -> Option<Rc<Drawn>> {
    // The drawing the pre-rendered page shows (at the width pages are
    // pre-rendered at), kept instead of drawn again while the viewer takes
    // over (issue #30): the live page draws at the reader's width once it
    // is live.
    let kept = use_memo(name_id, |id| web::prerendered_chart_svg(id));
    let width = use_state(|| match *kept {
        Some(_) => per_column(columns, None),
        None => per_column(columns, web::viewport_width()),
    });
    {
        let width = width.clone();
        let kept = kept.is_some();
        use_effect_with((), move |_| {
            let fit = width.clone();
            let guard = web::on_resize(move |w| width.set(per_column(columns, Some(w))));
            if kept {
                // Once live, drawn at the reader's width, in a task of its own.
                web::when_live(move || {
                    later::run(move || fit.set(per_column(columns, web::viewport_width())))
                });
            }
            move || drop(guard)
        });
    }
    let key = (table, lang, *width as i64);
    // Drawn at once natively, and in the live twin of a kept copy (which
    // replaces the copy whole, `later::Kept`).
    let whole = later::use_whole();
    let drawn = later::use_deferred(|| {
        (!cfg!(target_arch = "wasm32") || whole).then(|| Rc::new(Drawn::of(&key)))
    });
    {
        let drawn = drawn.clone();
        // A chart drawn at once has its drawing for its first key.
        let drawn_at_once = use_mut_ref(|| whole);
        use_effect_with(key, move |k| {
            if std::mem::take(&mut *drawn_at_once.borrow_mut()) {
                return;
            }
            if cfg!(target_arch = "wasm32") {
                let k = k.clone();
                let keep = (*kept)
                    .clone()
                    .filter(|_| drawn.is_none() && k.2 == per_column(columns, None) as i64);
                drawn.set_later(move || {
                    Some(Rc::new(match keep {
                        Some(svg) => Drawn::keeping(&k, svg),
                        None => Drawn::of(&k),
                    }))
                });
            }
        });
    }
    (*drawn).clone()
}

/// Whether the build wrote the chart's files (CSV, SVG, PNG) and its page
/// links to them: a published report's table (not one's own, `egen-…`), or
/// a chart whose files are named (`ChartProps::files`), and not inside
/// another site's page (a script embed, where the site's own addresses do
/// not lead to them).
fn files_written(props: &ChartProps) -> bool {
    let written =
        props.files.is_some() || (props.embeddable && !super::state::is_own(&props.report));
    written && !web::is_script_embed()
}

/// A chart's files (`files_written`): each one's address, extension and
/// type. A report's table's CSV is the same in both languages (its words
/// are the report's); the drawings, and a chart over the years (whose
/// words are ours), are in the page's language.
fn chart_files(ctx: &super::Ctx, props: &ChartProps) -> [(String, &'static str, &'static str); 3] {
    let (stem, csv) = match &props.files {
        Some(stem) => (stem.to_string(), ctx.lang_file_href(&format!("{stem}.csv"))),
        None => {
            let stem = format!("{}/ekonomi/{}", props.report, props.table.id);
            let csv = ctx.file_href(&format!("{stem}.csv"));
            (stem, csv)
        }
    };
    [
        (csv, "csv", "text/csv"),
        (
            ctx.lang_file_href(&format!("{stem}.svg")),
            "svg",
            "image/svg+xml",
        ),
        (
            ctx.lang_file_href(&format!("{stem}.png")),
            "png",
            "image/png",
        ),
    ]
}

#[component]
pub fn Chart(props: &ChartProps) -> Html {
    let ctx = use_ctx();
    let lang = ctx.as_ref().map(|c| c.lang).unwrap_or_default();
    let id_base = format!("{}-{}", props.report, props.table.id);
    let name_id = format!("{id_base}-name");
    let drawn = use_drawing(props.table.clone(), lang, props.columns, name_id.clone());
    let caption = format!("caption:{}", props.table.id);
    let files = files_written(props);
    let Some(ctx) = ctx else { return html! {} };
    let Some(drawn) = drawn else {
        // For the moment before the chart's own task has run.
        return html! {
            <figure class="chart" aria-busy="true">
                <figcaption><span class="chart-name" lang="sv"><Terms text={props.table.title.clone()} slot={caption.clone()} /></span></figcaption>
            </figure>
        };
    };
    let chart = &drawn.chart;
    let t = ctx.t();
    let summary_id = format!("{id_base}-summary");
    let source = source_line(&props.doc, &props.table.source, lang);
    html! {
        <figure class="chart" aria-labelledby={name_id.clone()} aria-describedby={summary_id.clone()}>
            <figcaption>
                <span class="chart-name" id={name_id.clone()} lang="sv"><Terms text={props.table.title.clone()} slot={caption} /></span>
                <span class="chart-summary" id={summary_id}>{ &chart.summary }</span>
                if !chart.legend.is_empty() {
                    <ul class="legend">
                        { for chart.legend.iter().map(|(tone, label)| html! {
                            <li><span class={classes!("swatch", swatch_class(*tone))} aria-hidden="true"></span><span lang="sv">{ label }</span></li>
                        }) }
                    </ul>
                }
            </figcaption>
            <ChartMarks drawn={drawn.clone()} id_base={id_base.clone()} title={props.table.title.clone()} source={source} />
            // The table view, the files and the embed code work without
            // the viewer (issue #30); the downloads of a chart whose files the build
            // did not write (`files_written`) need it.
            <ChartActions drawn={drawn.clone()} id_base={id_base.clone()} table={props.table.clone()} doc={props.doc.clone()}
                report={props.report.clone()} {files} embeddable={props.embeddable} />
            if files {
                // Files written by the build: they work without JavaScript.
                <p class="chart-files">
                    { format!("{}: ", t.files_label) }
                    { for chart_files(&ctx, props).into_iter().enumerate().map(|(i, (href, ext, mime))| html! {
                        <>
                            if i > 0 { { " · " } }
                            <a {href} download={format!("{id_base}.{ext}")} type={mime}>
                                { ext.to_uppercase() }<span class="visually-hidden">{ format!(" – {}", props.table.title) }</span>
                            </a>
                        </>
                    }) }
                </p>
            }
            <p class="visually-hidden">{ text(&props.table.description, lang) }</p>
            // On paper the chart comes with its table.
            <div class="print-only"><TableView table={props.table.clone()} doc={props.doc.clone()} /></div>
        </figure>
    }
}

#[derive(Properties, PartialEq)]
struct ChartMarksProps {
    drawn: Rc<Drawn>,
    id_base: AttrValue,
    title: AttrValue,
    /// The table's source, as the value panel names it.
    source: AttrValue,
}

/// The drawing with its layer of focusable marks (a roving tabindex: arrow
/// keys, Home and End move, Escape leaves) and the value panel that hover,
/// tap and keyboard share.
#[component]
fn ChartMarks(props: &ChartMarksProps) -> Html {
    let lang = use_ctx().map(|c| c.lang).unwrap_or_default();
    let t = super::i18n::t(lang);
    let active = use_state(|| None::<usize>);
    let keyboard = use_mut_ref(|| false);
    {
        let keyboard = keyboard.clone();
        let id_base = props.id_base.clone();
        use_effect_with(*active, move |a| {
            if let (Some(i), true) = (a, *keyboard.borrow()) {
                web::focus_by_id(&format!("{id_base}-m{i}"));
            }
        });
    }
    let chart = &props.drawn.chart;
    let n = chart.marks.len();
    let onkeydown = arrow_keys(active.clone(), keyboard.clone(), n);
    let onpointerleave = {
        let active = active.clone();
        let keyboard = keyboard.clone();
        Callback::from(move |_| {
            if !*keyboard.borrow() {
                active.set(None);
            }
        })
    };
    let tooltip = match active.and_then(|i| chart.marks.get(i)) {
        Some(m) => format!("{}. {}", m.describe(lang), props.source),
        None => t.tooltip_hint.to_string(),
    };
    let view_box = format!("0 0 {} {}", chart.width.ceil(), chart.height.ceil());
    let id_base = &props.id_base;
    html! {
        <>
            <div class={classes!("chart-canvas", (chart.width == PRERENDERED_WIDTH).then_some("drawn-narrow"))}>
                    { props.drawn.drawing() }
                    <svg class="hit-layer" viewBox={view_box} role="group"
                        aria-label={format!("{}: {n} {}. {}", props.title, t.bars, t.chart_keys_hint)}
                        {onkeydown} onpointerleave={onpointerleave}>
                        { for chart.marks.iter().enumerate().map(|(i, m)| {
                            let focusable = active.unwrap_or(0) == i;
                            let on_enter = {
                                let active = active.clone();
                                let keyboard = keyboard.clone();
                                Callback::from(move |_: PointerEvent| { *keyboard.borrow_mut() = false; active.set(Some(i)); })
                            };
                            let on_focus = {
                                let active = active.clone();
                                Callback::from(move |_: FocusEvent| { if *active != Some(i) { active.set(Some(i)); } })
                            };
                            html! {
                                <rect id={format!("{id_base}-m{i}")}
                                    class={classes!("mark", (*active == Some(i)).then_some("active"))}
                                    x={format!("{:.1}", m.x - 2.0)} y={format!("{:.1}", m.y - 5.0)}
                                    width={format!("{:.1}", m.w.max(20.0) + 4.0)} height={format!("{:.1}", m.h + 10.0)}
                                    tabindex={if focusable { "0" } else { "-1" }}
                                    role="img" aria-label={m.describe(lang)}
                                    onpointerenter={on_enter.clone()} onpointerdown={on_enter} onfocus={on_focus} />
                            }
                        }) }
                    </svg>
                </div>
            <p class="tooltip" role="status" aria-live="polite">{ tooltip }</p>
        </>
    }
}

/// The marks' keys: arrows move to the next or previous of `n` marks,
/// Home and End to the first and last, Escape leaves the value panel.
fn arrow_keys(
    active: UseStateHandle<Option<usize>>,
    keyboard: Rc<std::cell::RefCell<bool>>,
    n: usize,
) -> Callback<KeyboardEvent> {
    Callback::from(move |e: KeyboardEvent| {
        let held = e.alt_key() || e.ctrl_key() || e.meta_key();
        let Some(next) = mark_step(&e.key(), held, active.unwrap_or(0), n) else {
            return;
        };
        e.prevent_default();
        *keyboard.borrow_mut() = true;
        active.set(next);
    })
}

/// Where a key moves among `n` marks from mark `cur`: the next or previous,
/// the first or last, or (`Some(None)`, Escape) off every mark. `None` for a
/// key that is not the marks': with Alt, Ctrl or Meta `held` a key is the
/// browser's or the screen reader's (Alt+left is "back"). The boot script
/// answers the same keys before the viewer is live (`assets/js/boot.js`).
fn mark_step(key: &str, held: bool, cur: usize, n: usize) -> Option<Option<usize>> {
    if held {
        return None;
    }
    Some(match key {
        "ArrowRight" | "ArrowDown" => Some((cur + 1).min(n.saturating_sub(1))),
        "ArrowLeft" | "ArrowUp" => Some(cur.saturating_sub(1)),
        "Home" => Some(0),
        "End" => Some(n.saturating_sub(1)),
        "Escape" => None,
        _ => return None,
    })
}

#[derive(Properties, PartialEq)]
struct ChartActionsProps {
    drawn: Rc<Drawn>,
    id_base: AttrValue,
    table: Table,
    doc: AttrValue,
    report: AttrValue,
    /// Whether the chart's files are written (`files_written`): else the
    /// viewer makes the downloads.
    files: bool,
    embeddable: bool,
}

/// The chart's row of actions: its table view (a `<details>`, which works
/// from the pre-rendered page's HTML before the viewer is live; the live
/// page builds its table when opened), the embed code, and for a chart whose files
/// the build did not write (`files_written`) the downloads, made by the viewer;
/// a chart whose files the build wrote links to them instead (`.chart-files`).
#[component]
fn ChartActions(props: &ChartActionsProps) -> Html {
    let Some(ctx) = use_ctx() else {
        return html! {};
    };
    let t = ctx.t();
    let id_base = &props.id_base;
    let table_view = {
        let table = props.table.clone();
        let doc = props.doc.clone();
        Callback::from(
            move |()| html! { <TableView table={table.clone()} doc={doc.clone()} terms={true} /> },
        )
    };
    let csv = {
        let table = props.table.clone();
        let name = format!("{id_base}.csv");
        Callback::from(move |_| web::download(&name, "text/csv;charset=utf-8", &table_csv(&table)))
    };
    let svg_download = {
        let drawn = props.drawn.clone();
        let name = format!("{id_base}.svg");
        Callback::from(move |_| web::download(&name, "image/svg+xml", drawn.markup().as_str()))
    };
    let chart = &props.drawn.chart;
    html! {
        <div class="chart-actions">
            <Disclosure class="chart-table" summary={t.show_table} content={table_view} data_key={format!("{id_base}-table")} />
            if props.embeddable && !ctx.route.is_embed() {
                <EmbedButton path={format!("{}/ekonomi/{}", props.report, props.table.id)} title={props.table.title.clone()}
                    height={(chart.height as u32).saturating_add(260)} />
            }
            if !props.files {
                <button type="button" class="needs-js" data-key={format!("{id_base}-csv")} onclick={csv}>{ t.download_csv }</button>
                <button type="button" class="needs-js" data-key={format!("{id_base}-svg")} onclick={svg_download}>{ t.download_svg }</button>
            }
        </div>
    }
}

/// A chart's layout and its SVG drawing.
struct Drawn {
    chart: charts::Chart,
    drawing: Drawing,
}

/// The drawing: plotters' markup, or a copy of the pre-rendered page's own
/// drawing node (kept while the viewer takes over, issue #30: no markup is
/// read back or parsed again).
enum Drawing {
    Markup(Rc<String>),
    Kept(web_sys::Node),
}

/// A drawing is itself: each is made once and shared (`Rc`), so the
/// components showing it compare it by address.
impl PartialEq for Drawn {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Drawn {
    fn of((table, lang, width): &(Table, Lang, i64)) -> Self {
        let chart = charts::build(table, *lang, *width as f64);
        let drawing = Drawing::Markup(Rc::new(svg::render(&chart)));
        Self { chart, drawing }
    }

    /// The layout, with the drawing the pre-rendered page made of it at
    /// the same width (the same code drew it when the site was built).
    fn keeping((table, lang, width): &(Table, Lang, i64), node: web_sys::Node) -> Self {
        let chart = charts::build(table, *lang, *width as f64);
        Self {
            chart,
            drawing: Drawing::Kept(node),
        }
    }

    /// The drawing as the page shows it.
    fn drawing(&self) -> Html {
        match &self.drawing {
            Drawing::Markup(svg) => raw_svg(svg),
            Drawing::Kept(node) => Html::VRef(node.clone()),
        }
    }

    /// The drawing's markup (drawn now for a kept drawing: for a download,
    /// which few readers ask for).
    fn markup(&self) -> Rc<String> {
        match &self.drawing {
            Drawing::Markup(svg) => svg.clone(),
            Drawing::Kept(_) => Rc::new(svg::render(&self.chart)),
        }
    }
}

/// The one place that inserts raw markup: plotters' SVG, which escapes the
/// text it writes. Hidden from assistive technology; the words are elsewhere.
fn raw_svg(svg: &str) -> Html {
    html! { <div class="chart-svg" aria-hidden="true">{ Html::from_html_unchecked(AttrValue::from(svg.to_string())) }</div> }
}

#[derive(Properties, PartialEq)]
pub struct StatusChartProps {
    pub counts: crate::model::derived::StatusCounts,
}

/// The report's goal statuses as one stacked bar, with the sentence it shows.
#[component]
pub fn StatusChart(props: &StatusChartProps) -> Html {
    let lang = use_ctx().map(|c| c.lang).unwrap_or_default();
    let svg = use_memo(props.counts, |c| svg::status_svg(c, lang));
    let sentence = super::i18n::status_sentence(&props.counts, lang);
    html! {
        <figure class="status-chart">
            { raw_svg(&svg) }
            <figcaption class="status-sentence">{ sentence }</figcaption>
        </figure>
    }
}

fn swatch_class(t: charts::Tone) -> &'static str {
    match t {
        charts::Tone::Series(0) | charts::Tone::Positive => "swatch-0",
        charts::Tone::Series(1) => "swatch-1",
        charts::Tone::Negative => "swatch-neg",
        _ => "swatch-2",
    }
}

#[cfg(test)]
mod tests {
    use super::mark_step;

    #[test]
    fn the_marks_keys_move_among_them_and_leave_modified_keys_to_the_browser() {
        assert_eq!(mark_step("ArrowRight", false, 0, 3), Some(Some(1)));
        assert_eq!(
            mark_step("ArrowDown", false, 2, 3),
            Some(Some(2)),
            "stays on the last"
        );
        assert_eq!(
            mark_step("ArrowLeft", false, 0, 3),
            Some(Some(0)),
            "stays on the first"
        );
        assert_eq!(mark_step("End", false, 0, 3), Some(Some(2)));
        assert_eq!(mark_step("Home", false, 2, 3), Some(Some(0)));
        assert_eq!(mark_step("Escape", false, 1, 3), Some(None));
        assert_eq!(mark_step("a", false, 1, 3), None);
        // Alt+left is the browser's "back"; Ctrl+Home the page's top.
        assert_eq!(mark_step("ArrowLeft", true, 1, 3), None);
        assert_eq!(mark_step("Home", true, 1, 3), None);
    }
}
