//! Glossary terms marked where a citizen meets them: the first occurrence
//! of each term on a page becomes a control that shows its definition on
//! demand (live), or a link to the term on the glossary page (pre-rendered,
//! and so without JavaScript).
//!
//! The text is cut into segments by `model::glossary::find` and rendered as
//! text nodes and controls: never as HTML.

use std::collections::HashMap;
use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::{use_navigator, Routable};

use super::components::text;
use super::state::{Load, Store};
use super::{use_ctx, Route};
use crate::model::format::Lang;
use crate::model::glossary::{find, segments, Segment, Term};
use crate::model::Table;

/// Which place of the page marks each term: the first, in the page's
/// order, whose text has it. Computed from the data for the whole page
/// (see `pages::Page`), so the pre-rendered and the live page agree
/// whatever order their components render in.
#[derive(Clone, Default, PartialEq)]
pub struct Claims(Rc<HashMap<String, String>>);

impl Claims {
    /// The claims of a page: `places` are its (slot, text) in reading order.
    pub fn of(places: &[(String, String)], terms: &[Term]) -> Self {
        let refs: Vec<&Term> = terms.iter().collect();
        let mut m = HashMap::new();
        for (slot, text) in places {
            for s in find(text, &refs) {
                m.entry(refs[s.term].id.clone())
                    .or_insert_with(|| slot.clone());
            }
        }
        Self(Rc::new(m))
    }

    /// Whether the text in `slot` marks the term `id`.
    fn claim(&self, id: &str, slot: &str) -> bool {
        self.0.get(id).is_some_and(|s| s == slot)
    }

    /// Whether the text in `slot` marks any term.
    fn marks(&self, slot: &str) -> bool {
        self.0.values().any(|s| s == slot)
    }
}

/// The places of a page where terms are marked, in reading order, each
/// with the slot name its component uses: the report's summary and goal
/// areas; a goal's title and area; each table's title (on its own page),
/// description, chart title, column and row headers.
pub fn places(route: &Route, store: &Store, lang: Lang) -> Vec<(String, String)> {
    let Some(report) = route.report_id().and_then(|id| match store.report(id) {
        Some(Load::Ready(r)) => Some(r.clone()),
        _ => None,
    }) else {
        return Vec::new();
    };
    let Some(a) = report.as_annual() else {
        // A statement's page: its summary.
        return match (route, report.as_statement()) {
            (Route::Report { .. }, Some(s)) => vec![("summary".into(), text(&s.summary, lang))],
            _ => Vec::new(),
        };
    };
    let mut out = Vec::new();
    let table_places = |t: &Table, standalone: bool, out: &mut Vec<(String, String)>| {
        if standalone {
            out.push((format!("title:{}", t.id), t.title.clone()));
        }
        out.push((format!("description:{}", t.id), text(&t.description, lang)));
        out.push((format!("caption:{}", t.id), t.title.clone()));
        for c in &t.columns {
            out.push((format!("col:{}:{}", t.id, c.key), c.label.clone()));
        }
        for r in &t.rows {
            out.push((format!("row:{}:{}", t.id, r.key), r.label.clone()));
        }
    };
    match route {
        Route::Report { .. } => {
            out.push(("summary".into(), text(&a.summary, lang)));
            for area in &a.goal_areas {
                out.push((format!("area:{}", area.id), area.title.clone()));
            }
        }
        Route::Goal { goal, .. } => {
            if let Some((area, g)) = a.goal(goal) {
                out.push(("title".into(), g.title.clone()));
                out.push(("area".into(), area.title.clone()));
            }
        }
        Route::Finance { .. } => {
            for t in &a.tables {
                table_places(t, false, &mut out);
            }
        }
        Route::Chart { chart, .. } => {
            if let Some(t) = a.table(chart) {
                table_places(t, true, &mut out);
            }
        }
        _ => {}
    }
    out
}

#[derive(Properties, PartialEq)]
pub struct TermsProps {
    pub text: AttrValue,
    /// A name for this place of the page, unique on the page (e.g.
    /// `caption:{table id}`): the term stays with the place that marked it.
    pub slot: AttrValue,
}

/// A text with the page's first occurrence of each glossary term marked.
#[component]
pub fn Terms(props: &TermsProps) -> Html {
    let ctx = use_ctx();
    let claims = use_context::<Claims>();
    let live = use_state(|| false);
    {
        // Effects run only in the browser: the pre-rendered page keeps links.
        let live = live.clone();
        use_effect_with((), move |_| live.set(true));
    }
    let (Some(ctx), Some(claims)) = (ctx, claims) else {
        return html! { { props.text.clone() } };
    };
    if ctx.route.is_embed() || !claims.marks(&props.slot) {
        // An embed lives in another site's page: it links no glossary page.
        return html! { { props.text.clone() } };
    }
    let terms = ctx.store.terms_for(ctx.route.report_id());
    let refs: Vec<&Term> = terms.iter().collect();
    let spans: Vec<_> = find(&props.text, &refs)
        .into_iter()
        .filter(|s| claims.claim(&refs[s.term].id, &props.slot))
        .collect();
    if spans.is_empty() {
        return html! { { props.text.clone() } };
    }
    html! {
        <>
            { for segments(&props.text, &spans).into_iter().map(|seg| match seg {
                Segment::Text(t) => html! { { t.to_string() } },
                Segment::Term { text, term } => html! {
                    <TermControl term={Rc::new(terms[term].clone())} text={AttrValue::from(text.to_string())} live={*live} />
                },
            }) }
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct TermControlProps {
    pub term: Rc<Term>,
    /// The words as they stand in the text.
    pub text: AttrValue,
    /// Whether the viewer runs (a button), or the page is pre-rendered (a link).
    pub live: bool,
}

/// One marked term: a button that shows the definition below the line it
/// stands in (so it never covers the text), or a link to the glossary page.
#[component]
pub fn TermControl(props: &TermControlProps) -> Html {
    let open = use_state(|| false);
    let ctx = use_ctx();
    let lang = ctx.as_ref().map(|c| c.lang).unwrap_or_default();
    let t = super::i18n::t(lang);
    let href = glossary_href(
        use_navigator().and_then(|n| n.basename().map(str::to_string)),
        &props.term.id,
        lang,
    );
    if !props.live {
        return html! {
            <a class="term term-link" href={href}>{ props.text.clone() }</a>
        };
    }
    let button_id = format!("term-{}", props.term.id);
    let def_id = format!("def-{}", props.term.id);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let onkeydown = {
        let open = open.clone();
        let button_id = button_id.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && *open {
                e.prevent_default();
                e.stop_propagation();
                open.set(false);
                crate::web::focus_by_id(&button_id);
            }
        })
    };
    let term = &props.term;
    let name = match lang {
        Lang::Sv => term.term.clone(),
        Lang::En => format!("{} ({})", term.term, term.term_en),
    };
    html! {
        <span class="term" {onkeydown}>
            <button type="button" class="term-button" id={button_id}
                aria-expanded={if *open { "true" } else { "false" }} aria-controls={def_id.clone()}
                onclick={toggle}>
                { props.text.clone() }
            </button>
            <span id={def_id} class="term-def" aria-live="polite">
                if *open {
                    <span class="term-def-body">
                        <strong lang="sv">{ name }</strong>{ ": " }{ text(&term.definition, lang) }{ " " }
                        <a href={href}>{ t.glossary_more }</a>
                    </span>
                }
            </span>
        </span>
    }
}

/// The address of a term on the glossary page, below the site's base.
pub fn glossary_href(base: Option<String>, id: &str, lang: Lang) -> String {
    let base = base.unwrap_or_default();
    let query = if lang == Lang::En { "?lang=en" } else { "" };
    let path = super::Route::Glossary.to_path();
    format!("{}{path}{query}#{id}", base.trim_end_matches('/'))
}
