//! Fetching the site's files, reading JSON with the browser's parser, and
//! the modules loaded when needed: the validator (`check_file`), the
//! importer (`import_text`) and the full-text search (`search_pages`).

/// Why a file could not be fetched.
#[derive(Clone, Debug, PartialEq)]
pub enum FetchError {
    /// The server answered with an HTTP error status.
    Status(u16),
    /// No answer: offline, blocked, or not in a browser.
    Network(String),
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FetchError::Status(404) => write!(f, "filen finns inte (HTTP 404)"),
            FetchError::Status(s) => write!(f, "servern svarade med HTTP {s}"),
            FetchError::Network(e) => write!(f, "filen kunde inte hämtas: {e}"),
        }
    }
}

/// What the importer made of a document's text: the draft report's JSON
/// text and the points an editor must review.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub report: String,
    pub review: Vec<crate::import::ReviewPoint>,
}

/// The importer module's answer (`src/bin/insyn-import.rs`).
#[derive(serde::Deserialize)]
struct ImportAnswer {
    ok: bool,
    #[serde(default)]
    report: String,
    #[serde(default)]
    review: Vec<crate::import::ReviewPoint>,
    #[serde(default)]
    error: String,
}

impl Imported {
    /// The importer module's answer, as JSON text, read with the browser's
    /// parser (`parse_json`: the start module carries no JSON parser).
    pub fn from_json(json: &str) -> Result<Self, String> {
        let unexpected = |e: String| format!("Importeraren svarade oväntat: {e}");
        let a: ImportAnswer = decode(&parse_json(json).map_err(unexpected)?).map_err(unexpected)?;
        if a.ok {
            Ok(Self {
                report: a.report,
                review: a.review,
            })
        } else {
            Err(a.error)
        }
    }
}

/// Pages the full-text index found for a query: how many, and the first few.
#[derive(Clone, Debug, Default, PartialEq, serde::Deserialize)]
pub struct FoundPages {
    pub total: usize,
    pub pages: Vec<FoundPage>,
}

/// One page the full-text index found.
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
pub struct FoundPage {
    /// Its address, below the site's base.
    pub url: String,
    pub title: String,
    /// Board and report (the page's `data-pagefind-meta`).
    pub context: String,
    /// The words around the match, with `<mark>` around the matched ones
    /// (see `model::derived::excerpt_parts`).
    pub excerpt: String,
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use super::FetchError;
    use crate::web::navigation::{base_href, base_path, meta_content};
    use crate::web::CHECK_OVERRIDE;

    use wasm_bindgen::prelude::wasm_bindgen;
    use wasm_bindgen::JsCast;

    #[wasm_bindgen(module = "/assets/js/search.js")]
    extern "C" {
        #[wasm_bindgen(catch, js_name = fullTextSearch)]
        async fn full_text_search(
            base: &str,
            query: &str,
            limit: u32,
        ) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>;
    }

    #[wasm_bindgen(module = "/assets/js/check.js")]
    extern "C" {
        #[wasm_bindgen(catch, js_name = checkFile)]
        async fn check_file_js(
            base: &str,
            names: &str,
            kind: &str,
            file: &str,
            src: &str,
        ) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>;
        #[wasm_bindgen(catch, js_name = readOwn)]
        async fn read_own_js(
            base: &str,
            names: &str,
            file: &str,
            src: &str,
        ) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>;
        #[wasm_bindgen(catch, js_name = importText)]
        async fn import_text_js(
            base: &str,
            names: &str,
            file: &str,
            text: &str,
        ) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>;
    }

    /// The pages of the site whose text matches `query` (Pagefind's index,
    /// `assets/js/search.js`), at most `limit` of them.
    pub async fn search_pages(query: &str, limit: u32) -> Result<super::FoundPages, String> {
        let found = full_text_search(&base_path(), query, limit)
            .await
            .map_err(|e| format!("{e:?}"))?;
        serde_wasm_bindgen::from_value(found).map_err(|e| e.to_string())
    }

    /// A JSON text parsed by the browser.
    pub struct Json(wasm_bindgen::JsValue);

    /// Parses JSON with the browser's parser: the viewer carries no JSON
    /// parser of its own (the validator module does).
    pub fn parse_json(src: &str) -> Result<Json, String> {
        js_sys::JSON::parse(src)
            .map(Json)
            .map_err(|e| format!("{e:?}"))
    }

    /// Parsed JSON as `T`.
    pub fn decode<T: serde::de::DeserializeOwned>(v: &Json) -> Result<T, String> {
        serde_wasm_bindgen::from_value(v.0.clone()).map_err(|e| e.to_string())
    }

    /// Every problem of a file, by the validator module (`insyn-check`,
    /// `assets/js/check.js`), loaded the first time it is needed.
    pub async fn check_file(
        kind: &str,
        file: &str,
        src: &str,
    ) -> Result<Vec<crate::model::Diagnostic>, String> {
        let names = CHECK_OVERRIDE
            .with(|c| c.borrow().clone())
            .or_else(|| meta_content("insyn-check"))
            .ok_or("Filen kunde inte kontrolleras: sidan anger ingen validator (insyn-check)")?;
        let found = check_file_js(&base_href(), &names, kind, file, src)
            .await
            .map_err(|e| format!("Filen kunde inte kontrolleras: {e:?}"))?;
        serde_wasm_bindgen::from_value(found).map_err(|e| e.to_string())
    }

    /// A reader's own report file read by the validator module: its
    /// problems, or, if it was written for an older schema version, its
    /// migrated text and what was filled in.
    pub async fn read_own(file: &str, src: &str) -> Result<crate::model::migrate::OwnFile, String> {
        let names = CHECK_OVERRIDE
            .with(|c| c.borrow().clone())
            .or_else(|| meta_content("insyn-check"))
            .ok_or("Filen kunde inte kontrolleras: sidan anger ingen validator (insyn-check)")?;
        let found = read_own_js(&base_href(), &names, file, src)
            .await
            .map_err(|e| format!("Filen kunde inte kontrolleras: {e:?}"))?;
        serde_wasm_bindgen::from_value(found).map_err(|e| e.to_string())
    }

    /// The draft report of a document's text, by the importer module
    /// (`insyn-import`, `assets/js/check.js`), loaded the first time it is
    /// needed; `Err` with the importer's message when the text is no report
    /// of a known kind, or the module cannot be had.
    pub async fn import_text(file: &str, text: &str) -> Result<super::Imported, String> {
        let names = meta_content("insyn-import")
            .ok_or("Texten kunde inte importeras: sidan anger ingen importerare (insyn-import)")?;
        let found = import_text_js(&base_href(), &names, file, text)
            .await
            .map_err(|e| format!("Texten kunde inte importeras: {e:?}"))?;
        let json = found.as_string().unwrap_or_default();
        super::Imported::from_json(&json)
    }

    /// The answer to `relative` the boot script asked for with the module
    /// (`globalThis.insynReads`, from the page's `<meta name=insyn-reads>`,
    /// `assets/js/boot.js`), taken once: a second read of the file fetches
    /// it anew.
    fn fetched_ahead(relative: &str) -> Option<js_sys::Promise> {
        let reads = js_sys::Reflect::get(&js_sys::global(), &"insynReads".into()).ok()?;
        let reads = reads.dyn_into::<js_sys::Map>().ok()?;
        let key = wasm_bindgen::JsValue::from_str(relative);
        let answer = reads.get(&key).dyn_into::<js_sys::Promise>().ok()?;
        reads.delete(&key);
        Some(answer)
    }

    /// Fetches a text file relative to the site's base URL, or takes the
    /// answer the boot script asked for ahead (`fetched_ahead`).
    pub async fn fetch_text(relative: &str) -> Result<String, FetchError> {
        let resp = match fetched_ahead(relative) {
            Some(answer) => wasm_bindgen_futures::JsFuture::from(answer)
                .await
                .map(|r| gloo_net::http::Response::from(web_sys::Response::from(r)))
                .map_err(|e| match e.dyn_ref::<js_sys::Error>() {
                    Some(e) => FetchError::Network(e.to_string().into()),
                    None => FetchError::Network(format!("{e:?}")),
                }),
            None => gloo_net::http::Request::get(&format!("{}{}", base_href(), relative))
                .send()
                .await
                .map_err(|e| FetchError::Network(e.to_string())),
        }?;
        if !resp.ok() {
            return Err(FetchError::Status(resp.status()));
        }
        resp.text()
            .await
            .map_err(|e| FetchError::Network(e.to_string()))
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use super::FetchError;

    pub async fn fetch_text(_relative: &str) -> Result<String, FetchError> {
        Err(FetchError::Network("inte i en webbläsare".into()))
    }
    pub async fn search_pages(_query: &str, _limit: u32) -> Result<super::FoundPages, String> {
        Err("inte i en webbläsare".into())
    }

    /// Parsed JSON (natively: serde_json's value).
    pub struct Json(serde_json::Value);

    pub fn parse_json(src: &str) -> Result<Json, String> {
        serde_json::from_str(src)
            .map(Json)
            .map_err(|e| e.to_string())
    }

    pub fn decode<T: serde::de::DeserializeOwned>(v: &Json) -> Result<T, String> {
        T::deserialize(&v.0).map_err(|e| e.to_string())
    }

    /// Natively the validator is always in process (`state::check_in_process`).
    pub async fn check_file(
        _kind: &str,
        _file: &str,
        _src: &str,
    ) -> Result<Vec<crate::model::Diagnostic>, String> {
        Err("no validator module natively".into())
    }
    /// Natively the validator is always in process (`state::check_in_process`).
    pub async fn read_own(
        _file: &str,
        _src: &str,
    ) -> Result<crate::model::migrate::OwnFile, String> {
        Err("no validator module natively".into())
    }
    /// Natively the importer runs in process (the SSR tests).
    pub async fn import_text(file: &str, text: &str) -> Result<super::Imported, String> {
        let draft = crate::import::import(text, file).map_err(|e| e.to_string())?;
        Ok(super::Imported {
            report: draft.to_json(),
            review: draft.review,
        })
    }
}

pub use imp::*;
