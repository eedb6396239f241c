//! Work the live page does in tasks of its own (issue #16): while the
//! pre-rendered page is in view the viewer builds its own page in a detached
//! element, and a page of many goal areas or charts built in one task froze
//! a phone for longer than 50 ms. Each part deferred here is rendered in a
//! later task, and the takeover waits until none is pending
//! ([`pending`], read by `Root`). Natively (pre-rendering, SSR tests)
//! everything renders at once, so the pre-rendered page is whole.
//!
//! A part is pending from the moment it is scheduled until its component
//! has *rendered* it and run its effects, not merely until its value was
//! set: Yew's scheduler renders in slices of about 16 ms and yields between
//! them (`setTimeout`), so on a slow CPU a value set in one task may be
//! rendered several tasks later, and its children (a chart's table view)
//! register their own parts later still. Counting only until the value was
//! set let the takeover swap in a page whose charts were not drawn yet, and
//! a table view the reader had opened was lost (issue #30, at a 6× slower
//! CPU). A component's effect runs after its children's, so when it drops
//! the part every part below it is counted.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

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

/// Runs `f` in a later task of its own, for work nothing waits for (once
/// the page is live); a value the page shows is set by
/// [`Deferred::set_later`].
pub fn run(f: impl FnOnce() + 'static) {
    yew::platform::spawn_local(async move {
        web::next_task().await;
        f();
    });
}

/// One part the takeover waits for: counted while it lives.
struct Part;

impl Part {
    fn new() -> Self {
        PENDING.with(|p| p.set(p.get() + 1));
        Part
    }
}

impl Drop for Part {
    fn drop(&mut self) {
        PENDING.with(|p| p.set(p.get().saturating_sub(1)));
    }
}

/// A component's value that is set in a later task ([`Deferred::set_later`]).
pub struct Deferred<T> {
    /// The value, with the number of the setting it came from (0: its first).
    state: UseStateHandle<(u64, T)>,
    held: Rc<RefCell<Held>>,
}

/// The number of the last setting, and the parts of the settings not
/// rendered yet, by number: a part is released once a render shows its
/// setting or a later one (a value set over before it was rendered releases
/// its part too).
#[derive(Default)]
struct Held {
    last: u64,
    parts: Vec<(u64, Part)>,
}

impl<T> std::ops::Deref for Deferred<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.state.1
    }
}

impl<T: 'static> Deferred<T> {
    /// Sets the value to what `make` returns, in a later task of its own;
    /// the page is pending until the component has rendered it.
    pub fn set_later(&self, make: impl FnOnce() -> T + 'static) {
        let part = Part::new();
        let (state, held) = (self.state.clone(), self.held.clone());
        yew::platform::spawn_local(async move {
            web::next_task().await;
            let value = make();
            let n = {
                let mut held = held.borrow_mut();
                held.last += 1;
                let n = held.last;
                held.parts.push((n, part));
                n
            };
            state.set((n, value));
        });
    }
}

/// A value the component sets in later tasks: pending parts are dropped by
/// an effect once the component has rendered their value (after its
/// children have rendered and run their own effects).
#[hook]
pub fn use_deferred<T: 'static>(init: impl FnOnce() -> T) -> Deferred<T> {
    let state = use_state(|| (0, init()));
    let held = use_mut_ref(Held::default);
    {
        // After every render, with the setting it rendered (a handle reads
        // the value of the render it was made in).
        let (held, shown) = (held.clone(), state.0);
        use_effect(move || held.borrow_mut().parts.retain(|(n, _)| *n > shown));
    }
    Deferred { state, held }
}

impl<T> Clone for Deferred<T> {
    fn clone(&self) -> Self {
        Deferred {
            state: self.state.clone(),
            held: self.held.clone(),
        }
    }
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
    let shown = use_deferred(web::is_live);
    {
        let shown = shown.clone();
        use_effect_with((), move |_| {
            if !*shown {
                shown.set_later(|| true);
            }
        });
    }
    if *shown {
        html! { <>{ props.children.clone() }</> }
    } else {
        html! {}
    }
}

#[derive(Properties, PartialEq)]
pub struct KeptProps {
    /// The id of the element `children` render, on the pre-rendered page
    /// as on the live one.
    pub id: AttrValue,
    pub children: Html,
}

/// `children`, or while the viewer takes over a pre-rendered page whose
/// element `id` is far from the view, a copy of that element (made by the
/// DOM, `web::far_prerendered_copy`) until the reader nears it, focuses in
/// it or presses one of its buttons: then `children` take its place, with
/// what the reader did there (`web::restore_within`). A page of charts
/// then builds, at the takeover, the charts in view and not the others
/// (issue #30). Natively and once live, `children` at once.
#[component]
pub fn Kept(props: &KeptProps) -> Html {
    let copy = use_memo(props.id.clone(), |id| web::far_prerendered_copy(id));
    let woken = use_state(|| false);
    let pressed = use_mut_ref(|| None::<web::Key>);
    let carried = use_mut_ref(|| None::<web::Within>);
    let read = use_mut_ref(|| false);
    {
        let (woken, pressed) = (woken.clone(), pressed.clone());
        use_effect_with((copy.clone(), *woken), move |(copy, was_woken)| {
            // Until the twin has taken the copy's place: a press made after
            // the copy woke, before then, is made on the twin too.
            let watch = (**copy).as_ref().filter(|_| !was_woken).and_then(|node| {
                web::when_near(node, move |key| {
                    if key.is_some() {
                        *pressed.borrow_mut() = key;
                    }
                    woken.set(true);
                })
            });
            // Watching stops with the guard.
            move || {
                let _stop = watch;
            }
        });
    }
    {
        // Once the live twin has rendered in the copy's place, its own
        // deferred parts too (a chart's table view and buttons): its
        // children's effects have run before this one, so they are pending.
        // Not once the section is gone (another year chosen: the same id
        // is then another report's section).
        let (id, carried) = (props.id.clone(), carried.clone());
        use_effect_with(*woken, move |_| {
            let mounted = Rc::new(Cell::new(true));
            if let Some(state) = carried.borrow_mut().take() {
                web::size_twin(&state, &id);
                let mounted = mounted.clone();
                yew::platform::spawn_local(async move {
                    while pending() > 0 {
                        web::next_task().await;
                    }
                    if mounted.get() {
                        web::restore_within(state, &id);
                    }
                });
            }
            move || mounted.set(false)
        });
    }
    match (&*copy, *woken) {
        (Some(node), false) => Html::VRef(node.clone()),
        // The live twin replaces the copy whole, in one render (no chart
        // shown half-built while the reader scrolls to it); what the reader
        // did in the copy is read just before (a table view opened by a tap
        // that woke it).
        (Some(node), true) => {
            if !std::mem::replace(&mut *read.borrow_mut(), true) {
                let key = pressed.borrow_mut().take();
                *carried.borrow_mut() = Some(web::state_within(node, key));
            }
            html! {
            <ContextProvider<Whole> context={Whole}>{ props.children.clone() }</ContextProvider<Whole>>
            }
        }
        (None, _) => props.children.clone(),
    }
}

/// Given by [`Kept`] to the live twin of a copy: its parts render at once,
/// not in later tasks (`use_whole`).
#[derive(Clone, PartialEq)]
pub struct Whole;

/// Whether the component renders in the live twin of a kept copy.
#[hook]
pub fn use_whole() -> bool {
    use_context::<Whole>().is_some()
}
