//! A minimal Yew viewer: two routes, one JSON file fetched and decoded into
//! typed structs, one list rendered, one button. Everything Insyn does beyond
//! this is Insyn's own code.

use serde::Deserialize;
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Clone, PartialEq, Routable)]
enum Route {
    #[at("/")]
    Home,
    #[at("/:id")]
    Report { id: String },
}

#[derive(Clone, PartialEq, Deserialize)]
struct Report {
    title: String,
    goals: Vec<Goal>,
}

#[derive(Clone, PartialEq, Deserialize)]
struct Goal {
    id: String,
    title: String,
    status: Option<String>,
}

#[component]
fn ReportView(props: &ReportProps) -> Html {
    let report = use_state(|| None::<Result<Report, String>>);
    {
        let report = report.clone();
        use_effect_with(props.id.clone(), move |id| {
            let url = format!("/reports/{id}.json");
            wasm_bindgen_futures::spawn_local(async move {
                let r = match gloo_net::http::Request::get(&url).send().await {
                    Ok(resp) => match resp.text().await {
                        Ok(text) => serde_json::from_str::<Report>(&text).map_err(|e| e.to_string()),
                        Err(e) => Err(e.to_string()),
                    },
                    Err(e) => Err(e.to_string()),
                };
                report.set(Some(r));
            });
        });
    }
    let open = use_state(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    match &*report {
        None => html! { <p>{ "…" }</p> },
        Some(Err(e)) => html! { <p role="alert">{ e }</p> },
        Some(Ok(r)) => html! {
            <main>
                <h1>{ &r.title }</h1>
                <button onclick={toggle} aria-expanded={open.to_string()}>{ "Tabell" }</button>
                <ul>
                    { for r.goals.iter().map(|g| html! {
                        <li key={g.id.clone()}>{ &g.title }{ " " }{ g.status.clone().unwrap_or_default() }</li>
                    }) }
                </ul>
            </main>
        },
    }
}

#[derive(PartialEq, Properties)]
struct ReportProps {
    id: String,
}

#[component]
fn App() -> Html {
    html! {
        <BrowserRouter>
            <Switch<Route> render={|r: Route| match r {
                Route::Home => html! { <Link<Route> to={Route::Report { id: "asn-2025".into() }}>{ "ASN 2025" }</Link<Route>> },
                Route::Report { id } => html! { <ReportView {id} /> },
            }} />
        </BrowserRouter>
    }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
