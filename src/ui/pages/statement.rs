//! A statement (yttrande): items → measures or positions, decision timeline.

use yew::prelude::*;

use crate::model::format;
use crate::model::{AnswersKind, ItemKind};
use crate::ui::components::{source, text, Link};
use crate::ui::i18n::{self, page_title};
use crate::ui::pages::report::ReportProps;
use crate::ui::terms::Terms;
use crate::ui::{use_ctx, use_title, Route};

#[component]
pub fn StatementView(props: &ReportProps) -> Html {
    let ctx = use_ctx();
    let lang = ctx.as_ref().map(|c| c.lang).unwrap_or_default();
    let s = props.report.as_statement();
    use_title(page_title(
        &[&s.map(|s| text(&s.name, lang)).unwrap_or_default()],
        lang,
    ));
    let (Some(ctx), Some(s)) = (ctx, s) else {
        return html! {};
    };
    let t = ctx.t();
    let answers = match s.answers.kind {
        AnswersKind::AuditReview => t.answers_audit,
        AnswersKind::Consultation => t.answers_consultation,
    };
    let mut timeline: Vec<_> = s.dates.iter().chain(&s.decision_plan).collect();
    timeline.sort_by(|a, b| a.date.cmp(&b.date));
    let (body, meta) = ctx.indexed(format!("{} {}", s.board.short, s.year));
    html! {
        <article class="statement" data-pagefind-body={body} data-pagefind-meta={meta}>
            <h1>{ text(&s.name, lang) }</h1>
            <p class="meta">{ format!("{} · {} · {}: ", s.board.name, answers, s.answers.from) }<span lang="sv">{ &s.answers.title }</span></p>
            <p class="lead"><Terms text={text(&s.summary, lang)} slot="summary" /></p>
            <p class="report-links"><Link to={Route::Board { board: crate::model::history::board_key(&s.board.short) }}>{ t.board_link }</Link></p>
            if !s.diary_numbers.is_empty() {
                <p>{ format!("{}: {}", t.diary_numbers, s.diary_numbers.join(", ")) }</p>
            }
            <section>
                <h2>{ t.decision_proposal }</h2>
                <blockquote lang="sv">{ &s.decision_proposal }</blockquote>
            </section>
            { for s.items.iter().map(|item| {
                let kind = match item.kind { ItemKind::Recommendation => t.recommendation, ItemKind::Question => t.question };
                let responses = match item.kind { ItemKind::Recommendation => t.measures, ItemKind::Question => t.positions };
                html! {
                    <section class="statement-item" id={item.id.clone()}>
                        <h2>{ format!("{kind} {}", item.id.trim_start_matches(|c: char| c.is_alphabetic())) }</h2>
                        <blockquote lang="sv">{ &item.text }</blockquote>
                        <h3>{ responses }</h3>
                        <ul class="responses">
                            { for item.responses.iter().map(|r| html! {
                                <li>
                                    <span class="chip">{ i18n::response_status(r.status, lang) }</span>{ " " }
                                    { text(&r.summary, lang) }
                                    <span class="phrase">{ format!(" {}: ", t.as_printed) }<q lang="sv">{ &r.phrase }</q></span>
                                </li>
                            }) }
                        </ul>
                        if !item.related_goals.is_empty() {
                            <p>{ format!("{}: ", t.related_goals) }
                                { for item.related_goals.iter().map(|l| html! {
                                    <><Link to={Route::Goal { report: l.report.clone(), goal: l.goal.clone() }}>{ format!("{} ({})", l.goal, l.report) }</Link>{ " " }</>
                                }) }
                            </p>
                        }
                        { source(&s.title, &item.source, lang) }
                    </section>
                }
            }) }
            if !timeline.is_empty() {
                <section>
                    <h2>{ t.timeline }</h2>
                    <ol class="timeline">
                        { for timeline.iter().map(|e| html! {
                            <li><time datetime={e.date.clone()}>{ format::date(&e.date, lang) }</time>{ format!(": {}", text(&e.label, lang)) }</li>
                        }) }
                    </ol>
                </section>
            }
        </article>
    }
}
