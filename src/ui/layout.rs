//! The site's frame: skip link, header with navigation and language switch, footer.

use yew::prelude::*;
use yew_router::Routable;

use super::components::Link;
use super::{other_lang_href, use_ctx, Route};
use crate::model::format::Lang;

#[derive(Properties, PartialEq)]
pub struct LayoutProps {
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn Layout(props: &LayoutProps) -> Html {
    let Some(ctx) = use_ctx() else {
        return html! {};
    };
    let t = ctx.t();
    // The same page in the other language: a page of its own, so the
    // switch works without JavaScript too.
    let other = other_lang_href(&ctx.base, ctx.lang, &ctx.route.to_path());
    let other_lang = match ctx.lang {
        Lang::Sv => "en",
        Lang::En => "sv",
    };
    html! {
        <>
            <a class="skip-link" href="#main">{ t.skip_to_content }</a>
            <header class="site-header">
                <div class="brand">
                    <Link to={Route::Home} classes="site-name">{ t.site_name }</Link>
                    <span class="tagline">{ t.tagline }</span>
                </div>
                <nav aria-label={t.nav_label}>
                    <ul>
                        <li><Link to={Route::Home}>{ t.nav_reports }</Link></li>
                        <li><Link to={Route::CompareGoals}>{ t.nav_compare_goals }</Link></li>
                        <li><Link to={Route::CompareFinance}>{ t.nav_compare_finance }</Link></li>
                        <li lang={other_lang}>
                            <a href={other} hreflang={other_lang} class="lang-switch">{ t.switch_language }</a>
                        </li>
                    </ul>
                </nav>
            </header>
            <main id="main" tabindex="-1">
                if ctx.route.report_id().is_some_and(|id| ctx.store.local.as_deref() == Some(id)) {
                    <p class="not-published" role="note"><strong>{ t.not_published }</strong></p>
                }
                { props.children.clone() }
            </main>
            <footer class="site-footer">
                <p>{ t.footer_note }</p>
                <p><Link to={Route::Glossary}>{ t.glossary_title }</Link></p>
                <p><Link to={Route::Accessibility}>{ t.accessibility_statement }</Link></p>
            </footer>
        </>
    }
}

/// The frame of an embedded view: no header or footer.
#[component]
pub fn EmbedLayout(props: &LayoutProps) -> Html {
    html! { <main id="main" class="embed">{ props.children.clone() }</main> }
}
