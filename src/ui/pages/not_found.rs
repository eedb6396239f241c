use yew::prelude::*;

use crate::ui::components::Link;
use crate::ui::i18n::page_title;
use crate::ui::state::Load;
use crate::ui::{use_ctx, use_title, Route};

#[component]
pub fn NotFound() -> Html {
    let lang = use_ctx().map(|c| c.lang).unwrap_or_default();
    let t = crate::ui::i18n::t(lang);
    use_title(page_title(&[t.not_found_heading], lang));
    html! { <NotFoundBody message={t.not_found_text} /> }
}

#[derive(Properties, PartialEq)]
pub struct NotFoundBodyProps {
    pub message: AttrValue,
}

/// "Not found" with links to every report and the comparisons.
#[component]
pub fn NotFoundBody(props: &NotFoundBodyProps) -> Html {
    let ctx = use_ctx();
    {
        // A page of one report has not loaded the list of the others.
        let ctx = ctx.clone();
        use_effect_with((), move |_| {
            if let Some(c) = ctx.filter(|c| c.store.manifest.is_none()) {
                c.pages.load_list(c.store);
            }
        });
    }
    let Some(ctx) = ctx else {
        return html! {};
    };
    let t = ctx.t();
    let reports = match &ctx.store.manifest {
        Some(Load::Ready(m)) => m.reports.clone(),
        _ => Vec::new(),
    };
    html! {
        <section class="not-found">
            <h1>{ t.not_found_heading }</h1>
            <p>{ props.message.clone() }</p>
            <ul>
                <li><Link to={Route::Home}>{ t.nav_reports }</Link></li>
                { for reports.iter().map(|e| html! {
                    <li><Link to={Route::Report { report: e.id.clone() }}>{ format!("{} – {}", e.board.short, e.title) }</Link></li>
                }) }
                <li><Link to={Route::CompareGoals}>{ t.nav_compare_goals }</Link></li>
            </ul>
        </section>
    }
}
