//! "Öppna egen rapport": a local report file, validated by the same code as
//! the bundled ones and shown like them; or a document's text, which the
//! importer (its own module, issue #31) makes a draft report of, opened the
//! same way, with the points an editor must review beside their source
//! lines and the draft to download. Nothing leaves the browser.

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::use_navigator;

use crate::import::ReviewPoint;
use crate::model::format::Lang;
use crate::model::migrate::Note;
use crate::model::{Diagnostic, DiagnosticKind};
use crate::ui::components::{LangQuery, Link, LoadErrorView};
use crate::ui::state::{close_local, open_local, LoadError};
use crate::ui::{use_ctx, Route};
use crate::web;

/// A draft made from a document's text: its file name, JSON text, and each
/// review point with the source line it names.
#[derive(PartialEq)]
struct Draft {
    name: String,
    json: String,
    review: Vec<(ReviewPoint, Option<String>)>,
}

/// Whether a file is a document's text rather than a report file: a `.txt`,
/// or a file of no `.json` name that is no JSON object.
fn is_text(name: &str, text: &str) -> bool {
    let name = name.to_lowercase();
    name.ends_with(".txt") || (!name.ends_with(".json") && !text.trim_start().starts_with('{'))
}

/// The draft of a document's text, opened as the reader's own report.
async fn import(
    store: &crate::ui::state::StoreHandle,
    name: &str,
    text: &str,
) -> Result<Draft, LoadError> {
    let fail = |message: String| LoadError {
        file: name.to_string(),
        problems: vec![Diagnostic::without_position(
            name,
            DiagnosticKind::Structure,
            "$",
            message,
        )],
    };
    let imported = web::import_text(name, text).await.map_err(fail)?;
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let draft_name = format!("{stem}.json");
    open_local(store, &draft_name, &imported.report).await?;
    let lines: Vec<&str> = text.lines().collect();
    let review = imported
        .review
        .into_iter()
        .map(|p| {
            let line = (p.line as usize).checked_sub(1).and_then(|i| lines.get(i));
            let line = line.map(|l| l.trim().to_string()).filter(|l| !l.is_empty());
            (p, line)
        })
        .collect();
    Ok(Draft {
        name: draft_name,
        json: imported.report,
        review,
    })
}

/// What a migration filled in: the version the file was written for, and
/// each value with its place.
type Migration = Rc<(u64, Vec<Note>)>;

/// What the page shows of the file a reader chose: its problems, the draft
/// of a document's text, or what was filled in to read an older file.
#[derive(Clone)]
struct Shown {
    error: UseStateHandle<Option<LoadError>>,
    draft: UseStateHandle<Option<Rc<Draft>>>,
    migrated: UseStateHandle<Option<Migration>>,
}

/// Opens a chosen file: a document's text becomes a draft that stays on
/// this page with its review points (the draft's pages are a link away); a
/// report file opens as the reader's own, whose id is returned for its
/// page, unless it was written for an older version: then what was filled
/// in stays on this page, the report a link away; what fails is shown.
async fn open_chosen(
    store: &crate::ui::state::StoreHandle,
    shown: &Shown,
    name: &str,
    text: Result<String, String>,
) -> Option<String> {
    if let Some(text) = text.as_ref().ok().filter(|t| is_text(name, t)) {
        match import(store, name, text).await {
            Ok(d) => {
                shown.error.set(None);
                shown.draft.set(Some(Rc::new(d)));
            }
            Err(e) => {
                shown.draft.set(None);
                shown.error.set(Some(e));
            }
        }
        return None;
    }
    shown.draft.set(None);
    shown.migrated.set(None);
    let result = match text {
        Ok(text) => open_local(store, name, &text).await,
        Err(message) => Err(LoadError {
            file: name.to_string(),
            problems: vec![Diagnostic::without_position(
                name,
                DiagnosticKind::Syntax,
                "$",
                message,
            )],
        }),
    };
    match result {
        Ok(o) if !o.notes.is_empty() => {
            shown.error.set(None);
            shown.migrated.set(Some(Rc::new((o.from, o.notes))));
            None
        }
        Ok(o) => {
            shown.error.set(None);
            Some(o.id)
        }
        Err(e) => {
            shown.error.set(Some(e));
            None
        }
    }
}

#[component]
pub fn OpenOwn() -> Html {
    let ctx = use_ctx();
    let error = use_state(|| None::<LoadError>);
    let draft = use_state(|| None::<Rc<Draft>>);
    let migrated = use_state(|| None::<Migration>);
    let navigator = use_navigator();
    let Some(ctx) = ctx else { return html! {} };
    let t = ctx.t();
    let handle = {
        let store = ctx.store.clone();
        let shown = Shown {
            error: error.clone(),
            draft: draft.clone(),
            migrated: migrated.clone(),
        };
        let english_query = ctx.lang == Lang::En && !ctx.prefixed;
        Callback::from(move |e: Event| {
            e.prevent_default();
            let (store, shown) = (store.clone(), shown.clone());
            let navigator = navigator.clone();
            yew::platform::spawn_local(async move {
                let Some((name, text)) = web::event_file_text(e).await else {
                    return;
                };
                let opened = open_chosen(&store, &shown, &name, text).await;
                if let (Some(id), Some(n)) = (opened, navigator) {
                    let route = Route::Report { report: id };
                    if english_query {
                        let _ = n.push_with_query(&route, LangQuery { lang: "en" });
                    } else {
                        n.push(&route);
                    }
                }
            });
        })
    };
    let on_drop = {
        let handle = handle.clone();
        Callback::from(move |e: DragEvent| handle.emit(Event::from(e)))
    };
    let on_dragover = Callback::from(|e: DragEvent| e.prevent_default());
    let on_close = {
        let store = ctx.store.clone();
        Callback::from(move |_| close_local(&store))
    };
    html! {
        <section class="open-own needs-js" aria-labelledby="open-own-h">
            <h2 id="open-own-h">{ t.open_own }</h2>
            <p>{ t.open_own_intro }</p>
            <div class="dropzone" ondragover={on_dragover} ondrop={on_drop}>
                <label for="own-file">{ t.choose_file }</label>
                <input id="own-file" type="file" accept=".json,application/json,.txt,text/plain" onchange={handle} />
                <p>{ t.or_drop }</p>
            </div>
            <p>{ t.open_own_text }</p>
            if let Some(e) = &*error {
                <p>{ t.invalid_file }</p>
                <LoadErrorView error={e.clone()} level={3} />
            }
            if let Some(d) = &*draft {
                <DraftView draft={d.clone()} />
            }
            if let Some(m) = &*migrated {
                <MigratedView migration={m.clone()} />
            }
            if let Some(id) = &ctx.store.local {
                <p class="own-open">
                    { t.own_open }{ " " }
                    <Link to={Route::Report { report: id.clone() }}>{ id.clone() }</Link>{ " " }
                    <button type="button" class="embed-button" data-key="own-close" onclick={on_close}>{ t.close_own }</button>
                </p>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct MigratedProps {
    migration: Migration,
}

/// What was filled in to read a file written for an older version.
#[component]
fn MigratedView(props: &MigratedProps) -> Html {
    let Some(ctx) = use_ctx() else {
        return html! {};
    };
    let t = crate::ui::i18n::migration(ctx.lang);
    let (from, notes) = &*props.migration;
    html! {
        <section class="migrated" aria-labelledby="migrated-h">
            <h3 id="migrated-h">{ format!("{} {from}", t.migrated_heading) }</h3>
            <p>{ t.migrated_intro }</p>
            <ol class="review-points">
                { for notes.iter().map(|n| html! {
                    <li><code>{ &n.path }</code>{ ": " }<span lang="sv">{ &n.message }</span></li>
                }) }
            </ol>
        </section>
    }
}

#[derive(Properties)]
struct DraftProps {
    draft: Rc<Draft>,
}

impl PartialEq for DraftProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.draft, &other.draft)
    }
}

/// The draft's review points beside their source lines, and its file.
#[component]
fn DraftView(props: &DraftProps) -> Html {
    let Some(ctx) = use_ctx() else {
        return html! {};
    };
    let t = ctx.t();
    let d = &props.draft;
    let download = {
        let d = d.clone();
        Callback::from(move |_| web::download(&d.name, "application/json", &d.json))
    };
    let place = |p: &ReviewPoint| match (p.line, p.page) {
        (0, _) => t.review_document.to_string(),
        (l, Some(page)) => format!("{} {l} ({} {page})", t.review_line, t.review_page),
        (l, None) => format!("{} {l}", t.review_line),
    };
    html! {
        <section class="draft" aria-labelledby="draft-h">
            <h3 id="draft-h">{ format!("{}: {}", t.draft_heading, d.name) }</h3>
            <p>
                if let Some(id) = &ctx.store.local {
                    <Link to={Route::Report { report: id.clone() }}>{ t.show_draft }</Link>{ " · " }
                }
                <button type="button" data-key="draft-download" onclick={download}>{ t.download_draft }</button>
            </p>
            <h4>{ format!("{} ({})", t.review_heading, d.review.len()) }</h4>
            if d.review.is_empty() {
                <p>{ t.review_none }</p>
            } else {
                <ol class="review-points">
                    { for d.review.iter().map(|(p, line)| html! {
                        <li>
                            <span class="review-where">{ place(p) }</span>{ ": " }
                            <span lang="sv">{ &p.message }</span>
                            if let Some(line) = line {
                                <br /><q class="review-line" lang="sv">{ line }</q>
                            }
                        </li>
                    }) }
                </ol>
            }
        </section>
    }
}
