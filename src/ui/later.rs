//! Work the live page does in tasks of its own (issue #16): while the
//! pre-rendered page is in view the viewer builds its own page in a detached
//! element, and a page of many goal areas or charts built in one task froze
//! a phone for longer than 50 ms. Each part deferred here is rendered in a
//! later task, and the takeover waits until none is pending
//! ([`pending`], read by `Root`). Natively (pre-rendering, SSR tests)
//! everything renders at once, so the pre-rendered page is whole.

use std::cell::Cell;

use yew::prelude::*;

use crate::web;

thread_local! {
    /// Deferred parts scheduled but not rendered yet.
    static PENDING: Cell<usize> = const { Cell::new(0) };
}

/// How many deferred parts the page still waits for.
pub fn pending() -> usize {
    PENDING.with(Cell::get)
}

/// Runs `f` in a later task of its own, counted as pending until it has run.
pub fn run(f: impl FnOnce() + 'static) {
    PENDING.with(|p| p.set(p.get() + 1));
    yew::platform::spawn_local(async move {
        web::next_task().await;
        f();
        PENDING.with(|p| p.set(p.get() - 1));
    });
}

#[derive(Properties, PartialEq)]
pub struct LaterProps {
    pub children: Html,
}

/// Its children, rendered in a later task while the viewer is not live yet
/// (at once natively, and once live, when a page is built on a reader's
/// click and should show whole).
#[component]
pub fn Later(props: &LaterProps) -> Html {
    // Natively `is_live` is true: the pre-rendered page is whole.
    let shown = use_state(web::is_live);
    {
        let shown = shown.clone();
        use_effect_with((), move |_| {
            if !*shown {
                run(move || shown.set(true));
            }
        });
    }
    if *shown {
        html! { <>{ props.children.clone() }</> }
    } else {
        html! {}
    }
}
