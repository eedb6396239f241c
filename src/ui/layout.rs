//! The site's frame: skip link, header with navigation and language switch, footer.

use yew::prelude::*;
use yew_router::prelude::Link as RouterLink;

use super::components::{LangQuery, Link};
use super::{use_ctx, Route};
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
    // Swedish is chosen explicitly (`?lang=sv`), so a remembered English
    // choice is replaced, not re-applied.
    let other = Some(LangQuery {
        lang: match ctx.lang {
            Lang::Sv => "en",
            Lang::En => "sv",
        },
    });
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
                        <li lang={other_lang} class="needs-js">
                            <RouterLink<Route, LangQuery> to={ctx.route.clone()} query={other} classes="lang-switch">
                                { t.switch_language }
                            </RouterLink<Route, LangQuery>>
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
