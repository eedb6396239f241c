//! Small shared components.

use std::rc::Rc;

use serde::Serialize;
use yew::prelude::*;

use super::terms::Terms;
use yew_router::prelude::{Link as RouterLink, Navigator, Routable};

use super::i18n::{self, source_line};
use super::state::{request_report, Load, LoadError};
use super::{use_ctx, Ctx, Route};
use crate::model::format::{self, Lang};
use crate::model::{Discrepancy, GoalStatus, Report, RowRole, SourceRef, Table};

#[derive(Clone, PartialEq, Serialize)]
pub struct LangQuery {
    pub lang: &'static str,
}

#[derive(Properties, PartialEq)]
pub struct LinkProps {
    pub to: Route,
    #[prop_or_default]
    pub classes: Classes,
    #[prop_or_default]
    pub children: Html,
}

/// A link inside the site that keeps the chosen language: below `/en/` the
/// router's base keeps it; elsewhere (an embed asked for with `?lang=en`)
/// the query does.
#[component]
pub fn Link(props: &LinkProps) -> Html {
    let ctx = use_ctx();
    // A page of another module's family: a plain link, which loads it
    // pre-rendered (its viewer starts only when its reader asks for it:
    // `assets/js/boot.js`); from an embed mounted into another site's page,
    // Insyn's own page in a new tab.
    if let Some(c) = ctx.as_ref().filter(|c| !c.pages.has(&props.to)) {
        let href = c.route_href(&props.to);
        let classes = props.classes.clone();
        return if crate::web::is_script_embed() {
            let href = format!("{}{href}", crate::web::base_href().trim_end_matches('/'));
            html! { <a {href} class={classes} target="_blank" rel="noopener">{ props.children.clone() }</a> }
        } else {
            html! { <a {href} class={classes}>{ props.children.clone() }</a> }
        };
    }
    let english_query = ctx.is_some_and(|c| c.lang == Lang::En && !c.prefixed);
    let query = english_query.then_some(LangQuery { lang: "en" });
    html! {
        <RouterLink<Route, LangQuery> to={props.to.clone()} {query} classes={props.classes.clone()}>
            { props.children.clone() }
        </RouterLink<Route, LangQuery>>
    }
}

/// The status of a goal: icon, text and colour (never colour alone). Plain
/// markup, not a component: a component type is code of its own that V8
/// compiles on its first use, on the main thread (issue #30), and this one
/// has no state.
pub fn status_badge(status: GoalStatus, lang: Lang) -> Html {
    let (class, icon) = status_look(status);
    html! {
        <span class={classes!("badge", class)}>
            <span class="badge-icon" aria-hidden="true">{ icon }</span>
            { i18n::goal_status(status, lang) }
        </span>
    }
}

#[derive(Properties, PartialEq)]
pub struct DisclosureProps {
    pub summary: AttrValue,
    /// Its content, built when the reader opens it.
    pub content: Callback<(), Html>,
    #[prop_or(AttrValue::Static("older"))]
    pub class: AttrValue,
    /// The `data-key` by which the viewer's takeover finds the same
    /// disclosure on the live page and opens it if the reader opened it on
    /// the pre-rendered one (`web::takeover`).
    #[prop_or_default]
    pub data_key: Option<AttrValue>,
}

/// A `<details>` whose content the live page builds only when the reader
/// opens it: the pre-rendered page has it all (it reads without
/// JavaScript, and search engines see it), while the viewer does not build
/// hundreds of lines of an archive that nobody has asked for.
#[component]
pub fn Disclosure(props: &DisclosureProps) -> Html {
    let open = use_state(|| false);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| open.set(crate::web::event_open(&e)))
    };
    let build = *open || !cfg!(target_arch = "wasm32");
    html! {
        <details class={props.class.clone()} data-key={props.data_key.clone()} {ontoggle}>
            <summary>{ props.summary.clone() }</summary>
            if build { { props.content.emit(()) } }
        </details>
    }
}

/// Links for long lists (an archive's hundreds of reports): a plain anchor
/// with its own click handler, where `Link` is a component that subscribes
/// to the router and the page's context (at 500 reports the start page
/// spent most of its boot on them). Same address and behaviour as `Link`;
/// where `Link` adds `?lang=en` (an English page without the `/en/`
/// prefix) or to another module's page it is `Link`.
pub fn list_link(ctx: &Ctx, nav: Option<&Navigator>, to: Route, label: Html) -> Html {
    let english_query = ctx.lang == Lang::En && !ctx.prefixed;
    if !ctx.pages.has(&to) && !crate::web::is_script_embed() {
        // Another family's page: the plain link `Link` makes of it, without
        // a component (a grid of years has hundreds).
        let href = ctx.route_href(&to);
        return html! { <a {href}>{ label }</a> };
    }
    let Some(nav) = nav.filter(|_| !english_query && ctx.pages.has(&to)) else {
        return html! { <Link {to}>{ label }</Link> };
    };
    let href = format!("{}{}", nav.basename().unwrap_or(""), to.to_path());
    let href = if href.is_empty() {
        "/".to_string()
    } else {
        href
    };
    let nav = nav.clone();
    let onclick = Callback::from(move |e: MouseEvent| {
        if e.meta_key() || e.ctrl_key() || e.shift_key() || e.alt_key() {
            return;
        }
        e.prevent_default();
        nav.push(&to);
    });
    html! { <a {href} {onclick}>{ label }</a> }
}

/// CSS class and icon of a status.
pub fn status_look(s: GoalStatus) -> (&'static str, &'static str) {
    match s {
        GoalStatus::Uppnatt => ("status-uppnatt", "✓"),
        GoalStatus::DelvisUppnatt => ("status-delvis", "◐"),
        GoalStatus::EjUppnatt => ("status-ej", "✕"),
    }
}

/// "Källa: Årsanalys 2025, avsnitt …" (plain markup, as [`status_badge`]).
pub fn source(doc: &str, source: &SourceRef, lang: Lang) -> Html {
    html! { <p class="source">{ source_line(doc, source, lang) }</p> }
}

#[derive(Properties, PartialEq)]
pub struct LoadErrorProps {
    pub error: LoadError,
    /// The level of its heading where it stands (1 when it is the page).
    pub level: u8,
}

/// A file that could not be used: names the file, the JSON path and the line.
#[component]
pub fn LoadErrorView(props: &LoadErrorProps) -> Html {
    let Some(ctx) = use_ctx() else {
        return html! {};
    };
    let t = ctx.t();
    let e = &props.error;
    html! {
        <div class="error" role="alert">
            <@{heading(props.level)}>{ t.load_failed }</@>
            <p>{ format!("{}: ", t.file_label) }<code>{ &e.file }</code></p>
            <ul>
                { for e.problems.iter().take(20).map(|d| html! {
                    <li>
                        if !d.path.is_empty() {
                            <code>{ &d.path }</code>
                            { match (d.line, d.column) {
                                (Some(l), Some(c)) => format!(" ({} {l}, {} {c})", t.line_label, t.column_label),
                                (Some(l), None) => format!(" ({} {l})", t.line_label),
                                _ => String::new(),
                            } }
                            { ": " }
                        }
                        { &d.message }
                    </li>
                }) }
            </ul>
            <p>{ t.load_failed_hint }</p>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct WithReportProps {
    pub id: AttrValue,
    /// Renders the loaded report.
    pub render: Callback<Rc<Report>, Html>,
}

/// Loads a report (if needed) and renders it, a loading state, or its error.
#[component]
pub fn WithReport(props: &WithReportProps) -> Html {
    let ctx = use_ctx();
    {
        let ctx = ctx.clone();
        let id = props.id.clone();
        let manifest_ready = ctx
            .as_ref()
            .map(|c| matches!(c.store.manifest, Some(Load::Ready(_))));
        use_effect_with((id, manifest_ready), move |(id, _)| {
            if let Some(c) = ctx {
                request_report(&c.store, id);
            }
        });
    }
    let Some(ctx) = ctx else { return html! {} };
    let t = ctx.t();
    match (&ctx.store.manifest, ctx.store.report(&props.id)) {
        (_, Some(Load::Ready(r))) => props.render.emit(r.clone()),
        (_, Some(Load::Failed(e))) => html! { <LoadErrorView error={e.clone()} level={1} /> },
        (Some(Load::Failed(e)), _) => html! { <LoadErrorView error={e.clone()} level={1} /> },
        (Some(Load::Ready(_)), None) if ctx.store.file_of(&props.id).is_none() => html! {
            <super::pages::not_found::NotFoundBody message={t.report_not_found} />
        },
        _ => html! { <p class="loading" role="status" aria-live="polite">{ t.loading_report }</p> },
    }
}

#[derive(Properties, PartialEq)]
pub struct TableViewProps {
    pub table: Table,
    pub doc: AttrValue,
    /// Whether glossary terms in the headers are marked (not in the copy for print).
    #[prop_or_default]
    pub terms: bool,
}

/// A finance table as a real table: caption, column and row headers, figures as printed.
#[component]
pub fn TableView(props: &TableViewProps) -> Html {
    let Some(ctx) = use_ctx() else {
        return html! {};
    };
    let lang = ctx.lang;
    let t = &props.table;
    let header = |text: &str, slot: String| {
        if props.terms {
            html! { <Terms text={AttrValue::from(text.to_string())} slot={slot} /> }
        } else {
            html! { { text.to_string() } }
        }
    };
    html! {
        <div class="table-wrap" tabindex="0" role="region" aria-label={t.title.clone()}>
            <table class="data">
                <caption>{ &t.title }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ ctx.t().row_label }</th>
                        { for t.columns.iter().map(|c| html! { <th scope="col" class="num">{ header(&c.label, format!("col:{}:{}", t.id, c.key)) }</th> }) }
                    </tr>
                </thead>
                <tbody>
                    { for t.rows.iter().map(|r| {
                        let unit = r.unit.unwrap_or(t.unit);
                        let class = match r.role { RowRole::Item => "", RowRole::Subtotal => "role-subtotal", RowRole::Total => "role-total" };
                        html! {
                            <tr class={class}>
                                <th scope="row">
                                    { header(&r.label, format!("row:{}:{}", t.id, r.key)) }
                                    { r.giver.as_ref().map(|g| html! { <span class="giver">{ format!(" ({g})") }</span> }).unwrap_or_default() }
                                </th>
                                { for r.values.iter().map(|v| match v {
                                    Some(v) => html! { <td class="num">{ format::with_unit(*v, unit, lang) }</td> },
                                    None => html! { <td class="num empty">{ "–" }<span class="visually-hidden">{ ctx.t().empty_cell }</span></td> },
                                }) }
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// Recorded source discrepancies: both figures, and where they stand
/// (plain markup, as [`status_badge`]).
pub fn discrepancies(items: &[&Discrepancy], lang: Lang) -> Html {
    let t = i18n::t(lang);
    if items.is_empty() {
        return html! {};
    }
    html! {
        <ul class="discrepancies">
            { for items.iter().map(|d| html! {
                <li>
                    <span class="flag" aria-hidden="true">{ "⚠" }</span>
                    { text(&d.description, lang) }
                    { " " }
                    <span class="figures">
                        { format!("{} {}, {} {}.", t.printed, format::with_unit(d.printed, d.unit, lang),
                            t.other_figures_give.to_lowercase(), format::with_unit(d.expected, d.unit, lang)) }
                    </span>
                </li>
            }) }
        </ul>
    }
}

/// The tag of a heading of `level` (1 to 6).
pub fn heading(level: u8) -> &'static str {
    ["h1", "h2", "h3", "h4", "h5", "h6"][usize::from(level.clamp(1, 6)) - 1]
}

/// Our own text in the chosen language.
pub fn text(t: &crate::model::Text, lang: Lang) -> String {
    match lang {
        Lang::Sv => t.sv.clone(),
        Lang::En => t.en.clone(),
    }
}

/// The title of a report for lists: board short form, title and year.
pub fn report_heading(r: &Report, lang: Lang) -> String {
    match r {
        Report::Annual(a) => format!("{} – {}", a.board.name, a.title),
        Report::Statement(s) => format!("{} – {}", s.board.short, text(&s.name, lang)),
    }
}

#[derive(Properties, PartialEq)]
pub struct EmbedButtonProps {
    /// The embed's path below `/inbaddning/`: `{report}` or `{report}/ekonomi/{table}`.
    pub path: AttrValue,
    /// The iframe's title: what it shows.
    pub title: AttrValue,
    /// Initial height reserved for the iframe, in pixels.
    #[prop_or(480)]
    pub height: u32,
}

/// The iframe code for an embed. `base` is the site's absolute base URL;
/// `lang` the embed's language (an English embed lives below `en/`).
pub fn iframe_code(base: &str, lang: Lang, path: &str, title: &str, height: u32) -> String {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('<', "&lt;")
    };
    format!(
        "<iframe src=\"{b}{l}inbaddning/{p}\" title=\"{t}\" width=\"100%\" height=\"{height}\" loading=\"lazy\" data-insyn-embed style=\"border:0;max-width:100%\"></iframe>\n<script type=\"module\" src=\"{b}embed.js\"></script>",
        b = esc(base),
        l = embed_prefix(lang),
        p = esc(path),
        t = esc(title),
    )
}

/// Where a language's embeds live below the base: `en/` for English.
fn embed_prefix(lang: Lang) -> String {
    match lang {
        Lang::Sv => String::new(),
        Lang::En => format!("{}/", super::EN_SEGMENT),
    }
}

/// The embed preview's sandbox: the embed page without its scripts (so
/// opening the dialog starts no viewer), its links opening as they would.
const PREVIEW_SANDBOX: &str = "allow-same-origin allow-popups allow-popups-to-escape-sandbox";

/// "Bädda in": a dialog with the iframe code, a copy button and a preview.
/// The dialog is in the page from the start (closed), so the pre-rendered
/// page opens it without the viewer (issue #30): the boot script answers
/// the button (`data-opens`) and the copy (`data-copies`), and puts the
/// site's own address into the code, which the build cannot know (a copy
/// of the site may be served from anywhere); the live page does the same.
/// Its close button is the platform's (`<form method="dialog">`). The
/// preview is the embed itself, the pre-rendered view the iframe will
/// show, made and loaded when the dialog opens (`data-src` until then) and
/// shown without its scripts (`sandbox`), so opening costs the page no
/// viewer. A dialog open when the viewer takes over stays open
/// (`web::takeover`).
#[component]
pub fn EmbedButton(props: &EmbedButtonProps) -> Html {
    let open = use_state(|| false);
    let copied = use_state(|| false);
    let id = format!("embed-{}", props.path.replace('/', "-"));
    {
        let id = id.clone();
        use_effect_with(*open, move |open| {
            if *open {
                crate::web::show_dialog(&id);
            }
        });
    }
    let Some(ctx) = use_ctx() else {
        return html! {};
    };
    // One's own report has no embed page: the build did not write it.
    if super::state::is_own(&props.path) {
        return html! {};
    }
    let t = ctx.t();
    let code = iframe_code(
        &crate::web::base_href(),
        ctx.lang,
        &props.path,
        &props.title,
        props.height,
    );
    let preview = ctx.lang_file_href(&format!("inbaddning/{}", props.path));
    let on_open = {
        let (open, copied) = (open.clone(), copied.clone());
        Callback::from(move |_| {
            copied.set(false);
            open.set(true);
        })
    };
    let on_dialog_close = {
        let open = open.clone();
        Callback::from(move |_: Event| open.set(false))
    };
    let code_id = format!("{id}-code");
    // "Copied" is said once the browser has copied, not when asked.
    let on_copy = {
        let copied = copied.clone();
        let (code, code_id) = (code.clone(), code_id.clone());
        Callback::from(move |_| {
            let copied = copied.clone();
            crate::web::copy_to_clipboard(&code, &code_id, move |ok| copied.set(ok));
        })
    };
    html! {
        <>
            <button type="button" class="embed-button needs-js" data-key={id.clone()} data-opens={id.clone()} onclick={on_open} aria-haspopup="dialog">{ t.embed }</button>
            <dialog id={id.clone()} class="embed-dialog" aria-labelledby={format!("{id}-h")} onclose={on_dialog_close} data-pagefind-ignore="all">
                <h2 id={format!("{id}-h")}>{ t.embed_heading }</h2>
                <label for={code_id.clone()}>{ t.embed_code_label }</label>
                <textarea id={code_id.clone()} readonly=true rows="5" value={code} />
                <form method="dialog" class="dialog-actions">
                    <button type="button" data-key={format!("{id}-copy")} data-copies={code_id} data-copied={t.copied} onclick={on_copy}>{ t.copy_code }</button>
                    <button data-key={format!("{id}-close")}>{ t.close }</button>
                </form>
                <p role="status" class="copied">{ if *copied { t.copied } else { "" } }</p>
                <h3>{ t.preview }</h3>
                // A closed dialog holds no iframe (each is a document of its
                // own, made as the page is), only what the boot script makes
                // one from when it opens.
                if *open {
                    <iframe class="embed-preview" src={preview} title={props.title.clone()} height={props.height.to_string()} sandbox={PREVIEW_SANDBOX} />
                } else {
                    <div class="embed-preview" data-src={preview} data-title={props.title.clone()} data-height={props.height.to_string()} data-sandbox={PREVIEW_SANDBOX}></div>
                }
            </dialog>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_iframe_code_of_an_english_page_embeds_the_english_view() {
        let sv = iframe_code(
            "https://x.se/insyn/",
            Lang::Sv,
            "r/ekonomi/t",
            "A \"b\"",
            400,
        );
        assert!(sv.starts_with(
            "<iframe src=\"https://x.se/insyn/inbaddning/r/ekonomi/t\" title=\"A &quot;b&quot;\""
        ));
        let en = iframe_code("https://x.se/insyn/", Lang::En, "r", "A", 400);
        assert!(en.starts_with("<iframe src=\"https://x.se/insyn/en/inbaddning/r\""));
        assert!(
            en.ends_with("<script type=\"module\" src=\"https://x.se/insyn/embed.js\"></script>")
        );
    }
}
