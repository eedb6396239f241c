//! "Öppna egen rapport": a local report file, validated by the same code as
//! the bundled ones and shown like them. Nothing leaves the browser.

use yew::prelude::*;
use yew_router::prelude::use_navigator;

use crate::model::format::Lang;
use crate::model::{Diagnostic, DiagnosticKind};
use crate::ui::components::{LangQuery, Link, LoadErrorView};
use crate::ui::state::{close_local, open_local, LoadError};
use crate::ui::{use_ctx, Route};
use crate::web;

#[component]
pub fn OpenOwn() -> Html {
    let ctx = use_ctx();
    let error = use_state(|| None::<LoadError>);
    let navigator = use_navigator();
    let Some(ctx) = ctx else { return html! {} };
    let t = ctx.t();
    let handle = {
        let store = ctx.store.clone();
        let error = error.clone();
        let english_query = ctx.lang == Lang::En && !ctx.prefixed;
        Callback::from(move |e: Event| {
            e.prevent_default();
            let store = store.clone();
            let error = error.clone();
            let navigator = navigator.clone();
            yew::platform::spawn_local(async move {
                let Some((name, text)) = web::event_file_text(e).await else {
                    return;
                };
                let result = match text {
                    Ok(text) => open_local(&store, &name, &text).await,
                    Err(message) => Err(LoadError {
                        file: name.clone(),
                        problems: vec![Diagnostic::without_position(
                            &name,
                            DiagnosticKind::Syntax,
                            "$",
                            message,
                        )],
                    }),
                };
                match result {
                    Ok(id) => {
                        error.set(None);
                        if let Some(n) = navigator {
                            let route = Route::Report { report: id };
                            if english_query {
                                let _ = n.push_with_query(&route, LangQuery { lang: "en" });
                            } else {
                                n.push(&route);
                            }
                        }
                    }
                    Err(e) => error.set(Some(e)),
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
                <input id="own-file" type="file" accept=".json,application/json" onchange={handle} />
                <p>{ t.or_drop }</p>
            </div>
            if let Some(e) = &*error {
                <p>{ t.invalid_file }</p>
                <LoadErrorView error={e.clone()} level={3} />
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
