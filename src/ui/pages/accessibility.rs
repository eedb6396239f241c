//! `/tillganglighet`: the accessibility statement.

use yew::prelude::*;

use crate::ui::i18n::{a11y, page_title};
use crate::ui::{use_ctx, use_title};

#[component]
pub fn Statement() -> Html {
    let lang = use_ctx().map(|c| c.lang).unwrap_or_default();
    let s = a11y(lang);
    use_title(page_title(&[s.heading], lang));
    html! {
        <article class="a11y-statement">
            <h1>{ s.heading }</h1>
            <p class="lead">{ s.intro }</p>
            <h2>{ s.status_heading }</h2>
            <p>{ s.status }</p>
            <h2>{ s.gaps_heading }</h2>
            <ul>{ for s.gaps.iter().map(|g| html! { <li>{ *g }</li> }) }</ul>
            <h2>{ s.report_heading }</h2>
            <p>{ s.report }</p>
            <h2>{ s.enforcement_heading }</h2>
            <p>{ s.enforcement }</p>
            <h2>{ s.tested_heading }</h2>
            <p>{ s.tested }</p>
            <p class="source">{ s.updated }</p>
        </article>
    }
}
