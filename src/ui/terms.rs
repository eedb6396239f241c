//! Glossary terms marked where a citizen meets them: the first occurrence
//! of each term on a page becomes a button that shows its definition in a
//! popover, on the pre-rendered page (without JavaScript) as on the live one.
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
use crate::model::glossary::{segments, Matcher, Segment, Span, Term};
use crate::model::Table;

/// A place of a page where terms are marked: the slot name its component
/// uses, its text, the language the text is in (a title printed in Swedish
/// stays Swedish on an English page), and whether it is shown only when
/// the reader asks for it (a chart's table, collapsed until opened).
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    pub slot: String,
    pub text: String,
    pub lang: Lang,
    pub on_demand: bool,
}

impl Place {
    /// A place shown with the page.
    pub fn shown(slot: impl Into<String>, text: impl Into<String>, lang: Lang) -> Self {
        Self {
            slot: slot.into(),
            text: text.into(),
            lang,
            on_demand: false,
        }
    }

    /// A place shown only when the reader opens it.
    pub fn on_demand(slot: impl Into<String>, text: impl Into<String>, lang: Lang) -> Self {
        Self {
            on_demand: true,
            ..Self::shown(slot, text, lang)
        }
    }
}

/// The terms a place marks: its text, and the spans of it that are terms.
#[derive(Debug, PartialEq)]
struct Marks {
    text: String,
    spans: Vec<(usize, usize, Rc<Term>)>,
}

/// Which place of the page marks each term, and where in its text: the
/// first place, in the page's order, whose text has the term, a place
/// shown with the page before any shown only on demand (a term in a
/// collapsed table's headers is marked there only if nothing the reader
/// sees has it). Computed from the data for the whole page (see
/// `pages::Page`), so the pre-rendered and the live page agree whatever
/// order their components render in.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Claims(Rc<HashMap<String, Marks>>);

impl Claims {
    /// The claims of a page: `places` are its places in reading order.
    pub fn of(places: &[Place], terms: &[Term]) -> Self {
        let terms: Vec<Rc<Term>> = terms.iter().cloned().map(Rc::new).collect();
        let refs: Vec<&Term> = terms.iter().map(|t| &**t).collect();
        let mut claimed: HashMap<&str, &str> = HashMap::new();
        let mut m: HashMap<String, Marks> = HashMap::new();
        let shown = places.iter().filter(|p| !p.on_demand);
        let on_demand = places.iter().filter(|p| p.on_demand);
        // The forms prepared once per language, not once per place.
        let sv = Matcher::new(&refs, Lang::Sv);
        let en = Matcher::new(&refs, Lang::En);
        // A text met before claims nothing new: its terms are claimed (an
        // archive's start page has hundreds of lines and few distinct ones).
        let mut seen: std::collections::HashSet<(&str, bool)> = Default::default();
        for p in shown.chain(on_demand) {
            if !seen.insert((p.text.as_str(), p.lang == Lang::En)) {
                continue;
            }
            let matcher = if p.lang == Lang::En { &en } else { &sv };
            for s in matcher.find(&p.text) {
                let id = refs[s.term].id.as_str();
                if claimed.contains_key(id) {
                    continue;
                }
                claimed.insert(id, &p.slot);
                m.entry(p.slot.clone())
                    .or_insert_with(|| Marks {
                        text: p.text.clone(),
                        spans: Vec::new(),
                    })
                    .spans
                    .push((s.start, s.end, terms[s.term].clone()));
            }
        }
        Self(Rc::new(m))
    }

    /// The slot that marks the term `id`, if any does.
    pub fn slot_of(&self, id: &str) -> Option<&str> {
        self.0.iter().find_map(|(slot, m)| {
            m.spans
                .iter()
                .any(|s| s.2.id == id)
                .then_some(slot.as_str())
        })
    }

    /// The words `slot` marks, in order, each with its term's id.
    pub fn marked(&self, slot: &str) -> Vec<(&str, &str)> {
        self.0.get(slot).map_or_else(Vec::new, |m| {
            m.spans
                .iter()
                .map(|(s, e, t)| (&m.text[*s..*e], t.id.as_str()))
                .collect()
        })
    }

    /// Whether `slot` marks a term in `text` (a place that marks none can
    /// be plain text rather than a `Terms` component).
    pub fn marks_in(&self, slot: &str, text: &str) -> bool {
        self.marks(slot, text).is_some()
    }

    /// The marks of `slot`, if its text is `text`.
    fn marks(&self, slot: &str, text: &str) -> Option<&Marks> {
        self.0.get(slot).filter(|m| m.text == text)
    }
}

/// The places of a page of one report where terms are marked, in reading
/// order: the report's summary and goal areas; a goal's title and area; each
/// table's title (on its own page), description and chart title, and its
/// column and row headers (shown when the reader opens the table). None for
/// another page (the start page's and the comparisons' come from their own
/// pages: `pages::Pages::places`).
pub fn report_places(route: &Route, store: &Store, lang: Lang) -> Vec<Place> {
    let Some(report) = route.report_id().and_then(|id| match store.report(id) {
        Some(Load::Ready(r)) => Some(r.clone()),
        _ => None,
    }) else {
        return Vec::new();
    };
    let sv = Lang::Sv;
    let Some(a) = report.as_annual() else {
        // A statement's page: its summary.
        return match (route, report.as_statement()) {
            (Route::Report { .. }, Some(s)) => {
                vec![Place::shown("summary", text(&s.summary, lang), lang)]
            }
            _ => Vec::new(),
        };
    };
    let mut out = Vec::new();
    let table_places = |t: &Table, standalone: bool, out: &mut Vec<Place>| {
        if standalone {
            out.push(Place::shown(format!("title:{}", t.id), &t.title, sv));
        }
        out.push(Place::shown(
            format!("description:{}", t.id),
            text(&t.description, lang),
            lang,
        ));
        out.push(Place::shown(format!("caption:{}", t.id), &t.title, sv));
        // The chart shows; its table is collapsed until the reader opens it.
        for c in &t.columns {
            let slot = format!("col:{}:{}", t.id, c.key);
            out.push(Place::on_demand(slot, &c.label, sv));
        }
        for r in &t.rows {
            let slot = format!("row:{}:{}", t.id, r.key);
            out.push(Place::on_demand(slot, &r.label, sv));
        }
    };
    match route {
        Route::Report { .. } => {
            out.push(Place::shown("summary", text(&a.summary, lang), lang));
            for area in &a.goal_areas {
                out.push(Place::shown(format!("area:{}", area.id), &area.title, sv));
            }
        }
        Route::Goal { goal, .. } => {
            if let Some((area, g)) = a.goal(goal) {
                out.push(Place::shown("title", &g.title, sv));
                out.push(Place::shown("area", &area.title, sv));
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
    let plain = html! { { props.text.clone() } };
    let (Some(ctx), Some(claims)) = (ctx, claims) else {
        return plain;
    };
    // An embed lives in another site's page: it links no glossary page.
    let marks = (!ctx.route.is_embed())
        .then(|| claims.marks(&props.slot, &props.text))
        .flatten();
    let Some(marks) = marks else {
        return plain;
    };
    let spans: Vec<Span> = marks
        .spans
        .iter()
        .enumerate()
        .map(|(term, &(start, end, _))| Span { start, end, term })
        .collect();
    html! {
        <>
            { for segments(&props.text, &spans).into_iter().map(|seg| match seg {
                Segment::Text(t) => html! { { t.to_string() } },
                Segment::Term { text, term } => html! {
                    <TermControl term={marks.spans[term].2.clone()} text={AttrValue::from(text.to_string())} />
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
}

/// One marked term: a button that shows its definition in a popover (the
/// platform's `popover`, so it answers from the pre-rendered page's HTML,
/// before the viewer and without JavaScript; Escape, a tap elsewhere or a
/// second tap closes it), with a link to the term on the glossary page.
/// The pre-rendered and the live page render the same: nothing to redraw.
#[component]
pub fn TermControl(props: &TermControlProps) -> Html {
    let ctx = use_ctx();
    let lang = ctx.as_ref().map(|c| c.lang).unwrap_or_default();
    let t = super::i18n::t(lang);
    let href = glossary_href(
        use_navigator().and_then(|n| n.basename().map(str::to_string)),
        &props.term.id,
        lang,
    );
    let button_id = format!("term-{}", props.term.id);
    let def_id = format!("def-{}", props.term.id);
    let term = &props.term;
    // The term is Swedish; on an English page its English name follows.
    let name = match lang {
        Lang::Sv => html! { <strong>{ term.term.clone() }</strong> },
        Lang::En => html! {
            <strong><span lang="sv">{ term.term.clone() }</span>{ format!(" ({})", term.term_en) }</strong>
        },
    };
    html! {
        <span class="term">
            <button type="button" class="term-button" id={button_id} popovertarget={def_id.clone()}>
                { props.text.clone() }
            </button>
            // Not indexed: the search finds a definition on the glossary
            // page, not on every page that marks the term.
            // In the page's language, also where the word stands in a
            // Swedish name on an English page.
            <span id={def_id} class="term-def" popover="auto" lang={lang.code()} data-pagefind-ignore="all">
                { name }{ ": " }{ text(&term.definition, lang) }{ " " }
                <a href={href}>{ t.glossary_more }</a>
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Text;

    fn term(id: &str, sv: &str, en: &str) -> Term {
        Term {
            id: id.into(),
            term: sv.into(),
            term_en: en.into(),
            forms: vec![sv.into()],
            forms_en: vec![en.into()],
            definition: Text {
                sv: "x".into(),
                en: "x".into(),
            },
            sources: vec![],
            board: None,
            pages: vec![],
            more_pages: 0,
        }
    }

    #[test]
    fn a_shown_place_claims_a_term_before_a_place_shown_on_demand() {
        let terms = [
            term("kb", "kommunbidrag", "municipal allocation"),
            term("ab", "AB", "AB"),
        ];
        let places = [
            Place::on_demand("row:a", "Kommunbidrag (AB)", Lang::Sv),
            Place::shown("description:a", "The municipal allocation", Lang::En),
            Place::on_demand("row:b", "AB igen", Lang::Sv),
        ];
        let c = Claims::of(&places, &terms);
        assert_eq!(c.slot_of("kb"), Some("description:a"));
        assert_eq!(
            c.marked("description:a"),
            vec![("municipal allocation", "kb")]
        );
        // Only hidden places have it: the first of them, in reading order.
        assert_eq!(c.slot_of("ab"), Some("row:a"));
        assert_eq!(c.marked("row:a"), vec![("AB", "ab")]);
        assert!(c.marked("row:b").is_empty());
    }

    #[test]
    fn each_place_is_searched_in_its_own_language() {
        let terms = [term("kb", "kommunbidrag", "municipal allocation")];
        // An English page: the summary in English, a title printed in Swedish.
        let places = [
            Place::shown("summary", "Kommunbidrag, in Swedish words", Lang::En),
            Place::shown("title", "Kommunbidrag per område", Lang::Sv),
        ];
        let c = Claims::of(&places, &terms);
        assert_eq!(c.slot_of("kb"), Some("title"));
        // A component whose text differs from its place's marks nothing.
        assert!(c.marks("title", "Något annat").is_none());
        assert!(c.marks("title", "Kommunbidrag per område").is_some());
    }
}
