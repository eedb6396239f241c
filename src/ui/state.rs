//! App-wide state: the manifest and the reports, each loading, loaded or failed.
//! One reducer at the root; components read it through a context.

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::prelude::*;

use crate::model::catalogue::{self, Catalogue, GoalHistory, PageReport};
use crate::model::format::Lang;
use crate::model::glossary::{Glossary, Term};
use crate::model::history::{self, BoardHistory};
use crate::model::report::{AnnualAnalysis, Statement};
use crate::model::validate::FileKind;
use crate::model::{Diagnostic, DiagnosticKind, Manifest, Report};
use crate::web;

/// Why a file could not be used, ready to show: the file and each problem.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadError {
    pub file: String,
    pub problems: Vec<Diagnostic>,
}

impl LoadError {
    /// A file that could not be fetched: nothing in it is to blame.
    pub fn fetch(file: &str, e: web::FetchError) -> Self {
        Self {
            file: file.into(),
            problems: vec![Diagnostic::without_position(
                file,
                DiagnosticKind::Reference,
                "",
                e.to_string(),
            )],
        }
    }
}

#[derive(Clone, Debug)]
pub enum Load<T> {
    Loading,
    Ready(T),
    Failed(LoadError),
}

/// Two loads of a file are equal when they are the same load, not when
/// every figure matches: a loaded file never changes, and comparing them
/// deeply (the store is compared whenever it changes; at 500 reports the
/// catalogue alone holds thousands of strings) cost time and, in every
/// module, the comparison code of every model type (issue #16).
impl<T> PartialEq for Load<Rc<T>> {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Load::Loading, Load::Loading) => true,
            (Load::Ready(a), Load::Ready(b)) => Rc::ptr_eq(a, b),
            (Load::Failed(a), Load::Failed(b)) => a == b,
            _ => false,
        }
    }
}

/// A loaded file held outside a `Load` (the store's catalogue, a report in
/// a component's properties): equal when it is the same load, as `Load` is.
/// Reads as the file (`Deref`); given to properties as an `Rc`.
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> yew::html::IntoPropValue<Shared<T>> for Rc<T> {
    fn into_prop_value(self) -> Shared<T> {
        Shared(self)
    }
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Store {
    pub manifest: Option<Load<Rc<Manifest>>>,
    /// What lists show of every report (written by the build), once loaded;
    /// never on a page without one (Trunk's development server): then the
    /// manifest alone, and lists wait for the reports.
    pub catalogue: Option<Shared<Catalogue>>,
    /// The catalogue's file (below `reports/`) where the build wrote one,
    /// loaded or not. Empty on the pages of one report (`names_no_catalogue`).
    pub catalogue_file: Option<String>,
    /// The report the build made this page for (`<meta name="insyn-report">`):
    /// its page loads it at once and the catalogue only when the reader goes
    /// elsewhere (in the module of a report's own page, never: `Pages`).
    pub page_report: Option<PageReport>,
    pub reports: BTreeMap<String, Load<Rc<Report>>>,
    /// Goals' files (`reports/goals/{id}.json`), by goal id.
    pub goals: BTreeMap<String, Load<Rc<GoalHistory>>>,
    /// Boards' files (`reports/boards/{key}.json`), by board key.
    pub boards: BTreeMap<String, Load<Rc<BoardHistory>>>,
    /// The id of a report the user opened from a file (not published).
    pub local: Option<String>,
    /// The glossary: the words the pages explain in the page's language
    /// (`glossary-terms-{sv,en}.json`), or on the glossary page the whole
    /// of it (`glossary.json`).
    pub glossary: Option<Load<Rc<Glossary>>>,
    /// The language `glossary` holds the terms of; `None` when it is the
    /// whole of it, with each term's sources and pages (the glossary page's
    /// file).
    pub glossary_lang: Option<Lang>,
}

impl Store {
    /// What the page says of the files the build wrote for it.
    pub fn in_browser() -> Self {
        Self {
            catalogue_file: web::catalogue_name(),
            page_report: web::meta_content("insyn-report").and_then(|m| PageReport::from_meta(&m)),
            ..Self::default()
        }
    }

    /// Whether the build wrote a catalogue and goals' files for this page
    /// (then lists read them, not every report).
    pub fn built(&self) -> bool {
        self.catalogue.is_some() || self.catalogue_file.is_some()
    }

    /// Whether the build wrote this page naming no catalogue (a page of
    /// one report: `Family::of_one_report`): a page that needs a list loads
    /// anew, where the build named one.
    pub fn names_no_catalogue(&self) -> bool {
        self.catalogue_file.as_deref() == Some("")
    }

    /// The page's own report, if its id is `id`.
    fn page_report_of(&self, id: &str) -> Option<&PageReport> {
        self.page_report.as_ref().filter(|p| p.id == id)
    }

    /// The page's own report when `route` shows it.
    pub fn page_report_at(&self, route: &super::Route) -> Option<&PageReport> {
        self.page_report_of(route.report_id()?)
    }

    /// Whether the page at `route` needs the catalogue (or the manifest)
    /// and it has not been asked for: every page but one of the report the
    /// build made it for.
    pub fn needs_manifest(&self, route: &super::Route) -> bool {
        self.manifest.is_none()
            && self.page_report_at(route).is_none()
            && !self.reads_own_file(route)
    }

    /// Whether the page at `route` reads one file the build wrote for it
    /// and no list of reports: a board's page its board's file, a council
    /// goal's page the goal's file (issue #33: at most one file of its own).
    fn reads_own_file(&self, route: &super::Route) -> bool {
        self.built()
            && matches!(
                route,
                super::Route::Board { .. } | super::Route::CouncilGoal { .. }
            )
    }

    /// A store with everything already loaded (for rendering natively and
    /// tests), the catalogue and goals' files made as the build makes them.
    pub fn ready(manifest: Manifest, reports: Vec<Report>) -> Self {
        let catalogue = catalogue::catalogue(&manifest.reports, &reports);
        Self {
            manifest: Some(Load::Ready(Rc::new(manifest))),
            catalogue: Some(Shared(Rc::new(catalogue))),
            goals: catalogue::goal_histories(&reports)
                .into_iter()
                .map(|(id, h)| (id, Load::Ready(Rc::new(h))))
                .collect(),
            boards: history::board_histories(&reports)
                .into_iter()
                .map(|(id, h)| (id, Load::Ready(Rc::new(h))))
                .collect(),
            reports: reports
                .into_iter()
                .map(|r| (r.id().to_string(), Load::Ready(Rc::new(r))))
                .collect(),
            catalogue_file: None,
            page_report: None,
            local: None,
            glossary: None,
            glossary_lang: None,
        }
    }

    pub fn goal(&self, id: &str) -> Option<&Load<Rc<GoalHistory>>> {
        self.goals.get(id)
    }

    pub fn board(&self, key: &str) -> Option<&Load<Rc<BoardHistory>>> {
        self.boards.get(key)
    }

    /// The same store with the glossary loaded.
    pub fn with_glossary(mut self, glossary: Glossary) -> Self {
        self.glossary = Some(Load::Ready(Rc::new(glossary)));
        self.glossary_lang = None;
        self
    }

    /// Whether a page in `lang` (the glossary page when `full`) needs the
    /// glossary loaded: not yet loaded, or not the whole of it, or not in
    /// its language.
    pub fn needs_glossary(&self, full: bool, lang: Lang) -> bool {
        match &self.glossary {
            None => true,
            Some(Load::Ready(_)) => self.glossary_lang.is_some_and(|l| full || l != lang),
            _ => false,
        }
    }

    /// The terms to mark on the pages of report `report` (or on a page of no
    /// report): the glossary's own terms, and the report's board's abbreviations.
    pub fn terms_for(&self, report: Option<&str>) -> Vec<Term> {
        let Some(Load::Ready(g)) = &self.glossary else {
            return Vec::new();
        };
        let r = report.and_then(|id| match self.reports.get(id) {
            Some(Load::Ready(r)) => Some(r.clone()),
            _ => None,
        });
        let board = r.as_ref().map(|r| r.board().short.clone());
        let mut out: Vec<Term> = g
            .terms
            .iter()
            .filter(|t| t.board.is_none() || t.board == board)
            .cloned()
            .collect();
        if let Some(r) = r {
            for t in crate::model::glossary::declared(&r) {
                if !out.iter().any(|o| o.id == t.id) {
                    out.push(t.clone());
                }
            }
        }
        out
    }

    pub fn report(&self, id: &str) -> Option<&Load<Rc<Report>>> {
        self.reports.get(id)
    }

    /// Every report that has loaded, in manifest order.
    pub fn loaded(&self) -> Vec<Rc<Report>> {
        let order: Vec<String> = match &self.manifest {
            Some(Load::Ready(m)) => m.reports.iter().map(|e| e.id.clone()).collect(),
            _ => self.reports.keys().cloned().collect(),
        };
        order
            .iter()
            .filter_map(|id| match self.reports.get(id) {
                Some(Load::Ready(r)) => Some(r.clone()),
                _ => None,
            })
            .collect()
    }

    /// Whether everything the page at `route` (with `query`) shows has
    /// arrived (or failed): until then the page keeps its pre-rendered HTML
    /// in view.
    pub fn settled_for(&self, route: &super::Route, query: &[(String, String)]) -> bool {
        if self.reports.values().any(|l| matches!(l, Load::Loading))
            || self.goals.values().any(|l| matches!(l, Load::Loading))
            || self.boards.values().any(|l| matches!(l, Load::Loading))
            || matches!(self.glossary, Some(Load::Loading))
        {
            return false;
        }
        if self.reads_own_file(route) {
            return match route {
                super::Route::Board { board } => self.boards.contains_key(board),
                super::Route::CouncilGoal { goal } => self.goals.contains_key(goal),
                _ => true,
            };
        }
        if let super::Route::Goal { goal, .. } | super::Route::EmbedGoal { goal, .. } = route {
            // Its file holds the goal in the other reports.
            if self.built() && !self.goals.contains_key(goal) {
                return false;
            }
        }
        if let Some(p) = self.page_report_at(route) {
            // Arrived or failed (nothing is loading any more).
            return self.reports.contains_key(&p.id);
        }
        let manifest = match &self.manifest {
            None | Some(Load::Loading) => return false,
            Some(Load::Failed(_)) => return true,
            Some(Load::Ready(m)) => m,
        };
        if let Some(id) = route.report_id() {
            if !manifest.reports.iter().any(|e| e.id == id) {
                // Not found (or the user's own report): nothing to wait for.
                return true;
            }
            match self.reports.get(id) {
                None | Some(Load::Loading) => return false,
                // The page shows the error and asks for nothing more.
                Some(Load::Failed(_)) => return true,
                Some(Load::Ready(_)) => {}
            }
        }
        if *route == super::Route::CompareFinance {
            // The two editions it compares, whatever else the archive holds.
            let pair = super::pages::compare::finance_editions(manifest, query);
            return pair.into_iter().flatten().all(|id| {
                matches!(
                    self.reports.get(&id),
                    Some(Load::Ready(_) | Load::Failed(_))
                )
            });
        }
        let all = !self.built() && route.lists_every_report();
        !all || manifest
            .reports
            .iter()
            .all(|e| self.reports.contains_key(&e.id))
    }

    /// The fingerprint the build recorded for a report's file.
    pub fn digest_of(&self, id: &str) -> Option<String> {
        if let Some(p) = self.page_report_of(id) {
            return p.digest.clone();
        }
        let c = self.catalogue.as_ref()?;
        c.reports.iter().find(|r| r.id == id)?.digest.clone()
    }

    /// The file to read for a report id, below `reports/`: the page's own
    /// (on a report's own page, its page file, `catalogue::published_file`
    /// gives the report's), else the manifest's.
    pub fn file_of(&self, id: &str) -> Option<String> {
        if let Some(p) = self.page_report_of(id) {
            return Some(p.file.clone());
        }
        match &self.manifest {
            Some(Load::Ready(m)) => m
                .reports
                .iter()
                .find(|e| e.id == id)
                .map(|e| e.file.clone()),
            _ => None,
        }
    }
}

pub enum Action {
    ManifestLoading,
    Manifest(Result<Rc<Manifest>, LoadError>),
    Catalogue(Result<Rc<Catalogue>, LoadError>),
    GoalLoading(String),
    Goal(String, Result<Rc<GoalHistory>, LoadError>),
    BoardLoading(String),
    Board(String, Result<Rc<BoardHistory>, LoadError>),
    ReportLoading(String),
    LocalOpened(Rc<Report>),
    LocalClosed,
    Report(String, Result<Rc<Report>, LoadError>),
    GlossaryLoading,
    /// The glossary, and whether it is the whole of it, else the language
    /// of its terms.
    Glossary(Result<Rc<Glossary>, LoadError>, bool, Lang),
}

impl Reducible for Store {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::ManifestLoading => s.manifest = Some(Load::Loading),
            Action::Manifest(Ok(m)) => s.manifest = Some(Load::Ready(m)),
            Action::Manifest(Err(e)) | Action::Catalogue(Err(e)) => {
                s.manifest = Some(Load::Failed(e))
            }
            Action::Catalogue(Ok(c)) => {
                s.manifest = Some(Load::Ready(Rc::new(c.manifest())));
                s.catalogue = Some(Shared(c));
            }
            Action::GoalLoading(id) => {
                s.goals.insert(id, Load::Loading);
            }
            Action::Goal(id, result) => {
                s.goals
                    .insert(id, result.map_or_else(Load::Failed, Load::Ready));
            }
            Action::BoardLoading(key) => {
                s.boards.insert(key, Load::Loading);
            }
            Action::Board(key, result) => {
                s.boards
                    .insert(key, result.map_or_else(Load::Failed, Load::Ready));
            }
            Action::ReportLoading(id) => {
                s.reports.insert(id, Load::Loading);
            }
            Action::LocalOpened(r) => {
                if let Some(old) = s.local.take() {
                    s.reports.remove(&old);
                }
                s.local = Some(r.id().to_string());
                s.reports.insert(r.id().to_string(), Load::Ready(r));
            }
            Action::LocalClosed => {
                if let Some(old) = s.local.take() {
                    s.reports.remove(&old);
                }
            }
            Action::Report(id, Ok(r)) => {
                s.reports.insert(id, Load::Ready(r));
            }
            Action::Report(id, Err(e)) => {
                s.reports.insert(id, Load::Failed(e));
            }
            Action::GlossaryLoading => s.glossary = Some(Load::Loading),
            Action::Glossary(Ok(g), full, lang) => {
                s.glossary = Some(Load::Ready(g));
                s.glossary_lang = (!full).then_some(lang);
            }
            Action::Glossary(Err(e), ..) => s.glossary = Some(Load::Failed(e)),
        }
        Rc::new(s)
    }
}

pub type StoreHandle = UseReducerHandle<Store>;

pub const MANIFEST_FILE: &str = "reports/index.json";

pub const GLOSSARY_FILE: &str = "glossary.json";

/// What the pages in `lang` need of the glossary
/// (`model::glossary::for_marking` and `in_language`), written by the
/// build; without a build (`cargo xtask dev`) the pages read
/// `GLOSSARY_FILE` instead.
pub fn terms_file(lang: Lang) -> String {
    format!("glossary-terms-{}.json", lang.code())
}

/// The file of the list of reports `load_manifest` reads: the catalogue
/// the page names, or without one the manifest.
pub fn list_file(store: &Store) -> String {
    match &store.catalogue_file {
        Some(name) => format!("reports/{name}"),
        None => MANIFEST_FILE.into(),
    }
}

/// The first file `fetch_report` reads of a report the page names as
/// `file`: the page's own file, or the report's.
pub fn report_path(file: &str) -> String {
    format!("reports/{file}")
}

/// Read by the boot script too (`assets/js/boot.js`), which starts the
/// viewer at once on the page that shows it.
const LOCAL_NAME_KEY: &str = "insyn-egen-rapport-namn";
const LOCAL_TEXT_KEY: &str = "insyn-egen-rapport";
/// Prefix of an opened file's id, so it never shadows a published report.
pub const LOCAL_PREFIX: &str = "egen-";

/// Whether the report (or a path below it) is one's own, opened: the build
/// wrote no page, file or embed for it.
pub fn is_own(id_or_path: &str) -> bool {
    id_or_path.starts_with(LOCAL_PREFIX)
}

/// A reader's own report, opened.
pub struct Opened {
    /// Its id in the store (`egen-{id}`).
    pub id: String,
    /// The schema version it was written for, when it was migrated.
    pub from: u64,
    /// What the migration filled in.
    pub notes: Vec<crate::model::migrate::Note>,
}

/// Validates a report file the user opened, with the same code as the bundled
/// ones, migrating it first if it was written for an older schema version.
/// A valid file gets the id `egen-{id}` and is kept in session storage.
pub async fn open_local(store: &StoreHandle, name: &str, text: &str) -> Result<Opened, LoadError> {
    let own = read_own(name, text).await;
    problems(name, own.problems)?;
    let text = own.text.as_deref().unwrap_or(text);
    let id = keep_local(store, name, text)?;
    web::session_set(LOCAL_NAME_KEY, name);
    web::session_set(LOCAL_TEXT_KEY, text);
    Ok(Opened {
        id,
        from: own.from,
        notes: own.notes,
    })
}

/// A reader's own file as the validator reads it: in this module if it has
/// the validator (and the migration), else by the validator module.
async fn read_own(file: &str, src: &str) -> crate::model::migrate::OwnFile {
    use crate::model::migrate::OwnFile;
    if let Some(read) = OWN_IN_PROCESS.with(std::cell::Cell::get) {
        return read(file, src);
    }
    if let Some(checker) = IN_PROCESS.with(std::cell::Cell::get) {
        return OwnFile {
            problems: checker(FileKind::Report, file, src),
            ..OwnFile::default()
        };
    }
    web::read_own(file, src)
        .await
        .unwrap_or_else(|message| OwnFile {
            problems: vec![Diagnostic::without_position(
                file,
                DiagnosticKind::Reference,
                "",
                message,
            )],
            ..OwnFile::default()
        })
}

/// The opened file, decoded, in the store under its `egen-` id.
fn keep_local(store: &StoreHandle, name: &str, text: &str) -> Result<String, LoadError> {
    let mut report = decode_report(name, text)?;
    let id = format!("{LOCAL_PREFIX}{}", report.id());
    match &mut report {
        Report::Annual(a) => a.id = id.clone(),
        Report::Statement(s) => s.id = id.clone(),
    }
    store.dispatch(Action::LocalOpened(Rc::new(report)));
    Ok(id)
}

/// Reopens the file kept in session storage (after a reload of the tab, or
/// on another page): validated when it was opened.
pub fn restore_local(store: &StoreHandle) {
    if let (Some(name), Some(text)) = (
        web::session_get(LOCAL_NAME_KEY),
        web::session_get(LOCAL_TEXT_KEY),
    ) {
        let _ = keep_local(store, &name, &text);
    }
}

/// Closes the opened file and forgets it.
pub fn close_local(store: &StoreHandle) {
    web::session_remove(LOCAL_NAME_KEY);
    web::session_remove(LOCAL_TEXT_KEY);
    store.dispatch(Action::LocalClosed);
}

/// Starts loading the catalogue the build named in
/// `<meta name="insyn-catalogue">`, or else the manifest.
pub fn load_manifest(store: StoreHandle) {
    store.dispatch(Action::ManifestLoading);
    if store.catalogue_file.is_some() {
        yew::platform::spawn_local(async move {
            let file = list_file(&store);
            let result = fetch_built(FileKind::Catalogue, &file).await;
            store.dispatch(Action::Catalogue(result));
        });
        return;
    }
    yew::platform::spawn_local(async move {
        // Without a catalogue (the development server, a script embed) the
        // manifest is validated here: no build checked it for this page.
        let result = match web::fetch_text(MANIFEST_FILE).await {
            Ok(src) => checked(FileKind::Manifest, MANIFEST_FILE, &src).await,
            Err(e) => Err(LoadError::fetch(MANIFEST_FILE, e)),
        };
        store.dispatch(Action::Manifest(result.map(Rc::new)));
    });
}

/// Fetches and decodes a file the build wrote.
async fn fetch_built<T: serde::de::DeserializeOwned>(
    kind: FileKind,
    file: &str,
) -> Result<Rc<T>, LoadError> {
    let src = web::fetch_text(file)
        .await
        .map_err(|e| LoadError::fetch(file, e))?;
    built(kind, file, &src).await.map(Rc::new)
}

/// A file no build checked for this page, validated and then decoded.
async fn checked<T: serde::de::DeserializeOwned>(
    kind: FileKind,
    file: &str,
    src: &str,
) -> Result<T, LoadError> {
    load(kind, file, src, false, decode).await
}

/// A file the build wrote, decoded without the validator. A module that
/// has the validator in it (the development build, which may have no
/// catalogue and a glossary being edited) validates it first.
async fn built<T: serde::de::DeserializeOwned>(
    kind: FileKind,
    file: &str,
    src: &str,
) -> Result<T, LoadError> {
    let in_process = IN_PROCESS.with(std::cell::Cell::get).is_some();
    load(kind, file, src, !in_process, decode).await
}

/// A file decoded by `decode`: as it is when it is what the build checked
/// (`as_built`), validated first when it is not. When a file the build
/// checked does not decode, the validator says where and why.
async fn load<T>(
    kind: FileKind,
    file: &str,
    src: &str,
    as_built: bool,
    decode: fn(&str, &str) -> Result<T, LoadError>,
) -> Result<T, LoadError> {
    if !as_built {
        problems(file, check(kind, file, src).await)?;
    }
    match decode(file, src) {
        Err(e) if as_built => {
            problems(file, check(kind, file, src).await)?;
            Err(e)
        }
        decoded => decoded,
    }
}

/// The problems the validator found in `file`, as an error (none: `Ok`).
fn problems(file: &str, problems: Vec<Diagnostic>) -> Result<(), LoadError> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(LoadError {
            file: file.into(),
            problems,
        })
    }
}

/// A file decoded into `T`, with no checks beyond its types.
fn decode<T: serde::de::DeserializeOwned>(file: &str, src: &str) -> Result<T, LoadError> {
    web::parse_json(src)
        .and_then(|v| web::decode(&v))
        .map_err(|message| decode_error(file, message))
}

fn decode_error(file: &str, message: String) -> LoadError {
    LoadError {
        file: file.into(),
        problems: vec![Diagnostic::without_position(
            file,
            DiagnosticKind::Structure,
            "$",
            message,
        )],
    }
}

/// A report file decoded as its `kind` says (the validator's types, none
/// of its checks).
fn decode_report(file: &str, src: &str) -> Result<Report, LoadError> {
    #[derive(serde::Deserialize)]
    struct Kind {
        kind: String,
    }
    let err = |m| decode_error(file, m);
    let v = web::parse_json(src).map_err(err)?;
    let kind: Kind = web::decode(&v).map_err(err)?;
    if kind.kind == "statement" {
        web::decode::<Statement>(&v).map(Report::Statement)
    } else {
        web::decode::<AnnualAnalysis>(&v).map(Report::Annual)
    }
    .map_err(err)
}

/// A report's file, by its name below `reports/` and the fingerprint the
/// build recorded; returns the path it was read from. A page file
/// (`catalogue::report_page`) is read only as the build wrote it: one
/// changed since, missing or not decoding is not a report to check, so the
/// report's published file is read instead, and validated.
async fn fetch_report(file: &str, digest: Option<&str>) -> (String, Result<Report, LoadError>) {
    let published = catalogue::published_file(file);
    let (file, digest) = if published == file {
        (file, digest)
    } else {
        let path = report_path(file);
        let page = match web::fetch_text(&path).await {
            Ok(src) if as_built(digest, &src) => decode_report(&path, &src).ok(),
            _ => None,
        };
        if let Some(report) = page {
            return (path, Ok(report));
        }
        (published, None)
    };
    let path = report_path(file);
    let result = match web::fetch_text(&path).await {
        Ok(src) => report_file(&path, &src, digest).await,
        Err(e) => Err(LoadError::fetch(&path, e)),
    };
    (path, result)
}

/// Whether `src` is the file the build fingerprinted as `digest`.
fn as_built(digest: Option<&str>, src: &str) -> bool {
    digest.is_some_and(|d| d == catalogue::digest(src.as_bytes()))
}

/// A report file: decoded as it is when it is the file the build checked
/// (its `digest`), validated first when it is not.
async fn report_file(path: &str, src: &str, digest: Option<&str>) -> Result<Report, LoadError> {
    load(
        FileKind::Report,
        path,
        src,
        as_built(digest, src),
        decode_report,
    )
    .await
}

thread_local! {
    static IN_PROCESS: std::cell::Cell<Option<Checker>> = const { std::cell::Cell::new(None) };
    static OWN_IN_PROCESS: std::cell::Cell<Option<OwnReader>> = const { std::cell::Cell::new(None) };
}

/// The reading of a reader's own file, when it is in this module.
pub type OwnReader = fn(&str, &str) -> crate::model::migrate::OwnFile;

/// Makes this module read a reader's own files itself, older versions
/// migrated (the development build with every page).
pub fn read_own_in_process(reader: OwnReader) {
    OWN_IN_PROCESS.with(|c| c.set(Some(reader)));
}

/// The validator, when it is in this module: every problem of a file.
pub type Checker = fn(FileKind, &str, &str) -> Vec<Diagnostic>;

/// Makes this module validate files itself (the development build with every
/// page, and the browser tests), not with the `insyn-check` module.
pub fn check_in_process(checker: Checker) {
    IN_PROCESS.with(|c| c.set(Some(checker)));
}

/// Every problem of a file: by the validator in this module if it has one,
/// else by the validator module, loaded the first time it is needed.
async fn check(kind: FileKind, file: &str, src: &str) -> Vec<Diagnostic> {
    if let Some(checker) = IN_PROCESS.with(std::cell::Cell::get) {
        return checker(kind, file, src);
    }
    web::check_file(kind.name(), file, src)
        .await
        .unwrap_or_else(|message| {
            vec![Diagnostic::without_position(
                file,
                DiagnosticKind::Reference,
                "",
                message,
            )]
        })
}

/// Starts loading a goal's file (its status in every report), unless no build
/// wrote the page (then the goal page reads the loaded reports).
pub fn request_goal(store: &StoreHandle, id: &str) {
    if store.goals.contains_key(id) || !store.built() {
        return;
    }
    let id = id.to_string();
    store.dispatch(Action::GoalLoading(id.clone()));
    let store = store.clone();
    yew::platform::spawn_local(async move {
        let result = fetch_built(FileKind::Goal, &catalogue::goal_file(&id)).await;
        store.dispatch(Action::Goal(id, result));
    });
}

/// Starts loading a board's file (its reports over the years), unless no build
/// wrote the page (then the board's page reads the loaded reports).
pub fn request_board(store: &StoreHandle, key: &str) {
    if store.boards.contains_key(key) || !store.built() {
        return;
    }
    let key = key.to_string();
    store.dispatch(Action::BoardLoading(key.clone()));
    let store = store.clone();
    yew::platform::spawn_local(async move {
        let result = fetch_built(FileKind::Board, &history::board_file(&key)).await;
        store.dispatch(Action::Board(key, result));
    });
}

/// Starts loading the glossary: the whole of it for the glossary page
/// (`full`), else what the pages need to mark terms. A glossary that
/// cannot be used leaves the pages without marked terms (and the glossary
/// page says so).
pub fn load_glossary(store: StoreHandle, full: bool, lang: Lang) {
    store.dispatch(Action::GlossaryLoading);
    yew::platform::spawn_local(async move {
        let file = terms_file(lang);
        let terms = match full {
            true => None,
            false => match web::fetch_text(&file).await {
                Ok(src) => built::<Glossary>(FileKind::Glossary, &file, &src)
                    .await
                    .ok(),
                Err(_) => None,
            },
        };
        // Without a build there is only the glossary itself (a development
        // server may answer the missing file with its index page).
        let whole = full || terms.is_none();
        let result = match terms {
            Some(g) => Ok(g),
            None => match web::fetch_text(GLOSSARY_FILE).await {
                Ok(src) => built(FileKind::Glossary, GLOSSARY_FILE, &src).await,
                Err(e) => Err(LoadError::fetch(GLOSSARY_FILE, e)),
            },
        };
        // Reading the file and marking the page's terms are two tasks.
        web::next_task().await;
        // The whole glossary (also without a build) serves every language.
        store.dispatch(Action::Glossary(result.map(Rc::new), whole, lang));
    });
}

/// Starts loading a report listed in the manifest, unless it is loading or loaded.
pub fn request_report(store: &StoreHandle, id: &str) {
    if store.reports.contains_key(id) {
        return;
    }
    let Some(file) = store.file_of(id) else {
        return;
    };
    let id = id.to_string();
    let digest = store.digest_of(&id);
    store.dispatch(Action::ReportLoading(id.clone()));
    let store = store.clone();
    yew::platform::spawn_local(async move {
        let (path, result) = fetch_report(&file, digest.as_deref()).await;
        // Reading the file and drawing the page are two tasks, not one long one.
        web::next_task().await;
        let result = result.and_then(|r| {
            if r.id() == id {
                Ok(r)
            } else {
                Err(LoadError {
                    file: path.clone(),
                    problems: vec![Diagnostic::without_position(
                        &path,
                        DiagnosticKind::Reference,
                        "$.id",
                        format!(
                            "Filen har id {:?}, men manifestet väntar sig {id:?}",
                            r.id()
                        ),
                    )],
                })
            }
        });
        store.dispatch(Action::Report(id, result.map(Rc::new)));
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_manifest;
    use crate::ui::route::recognize;

    #[cfg(not(target_arch = "wasm32"))]
    fn flagged(_: FileKind, file: &str, _: &str) -> Vec<Diagnostic> {
        vec![Diagnostic {
            file: file.into(),
            kind: DiagnosticKind::Value,
            path: "$".into(),
            line: None,
            column: None,
            message: "validated".into(),
        }]
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[tokio::test(flavor = "current_thread")]
    async fn a_report_file_as_the_build_checked_it_is_decoded_and_any_other_validated() {
        let file = "reports/asn-2024.json";
        let src = include_str!("../../assets/reports/asn-2024.json");
        let digest = catalogue::digest(src.as_bytes());
        // A validator that finds a problem in every file it is given.
        check_in_process(flagged);
        let r = report_file(file, src, Some(&digest))
            .await
            .expect("not validated");
        assert_eq!(r.id(), "asn-2024");
        let changed = src.replacen("Arbetsmarknads", "Arbetsmarknad", 1);
        for (text, digest) in [(changed.as_str(), Some(digest.as_str())), (src, None)] {
            let e = report_file(file, text, digest).await.unwrap_err();
            assert_eq!(
                e.problems[0].message, "validated",
                "a changed file, or no digest"
            );
        }
        // With the validator itself: the JSON path of what is wrong.
        check_in_process(crate::model::validate::check);
        let broken = src.replacen("\"year\"", "\"yeer\"", 1);
        let e = report_file(file, &broken, Some(&digest)).await.unwrap_err();
        assert!(e.problems.iter().any(|p| p.path.starts_with("$.")), "{e:?}");
        // A statement decodes as one.
        let st = include_str!("../../assets/reports/asn-omradeslyft.json");
        let d = catalogue::digest(st.as_bytes());
        assert!(report_file(file, st, Some(&d))
            .await
            .unwrap()
            .as_statement()
            .is_some());
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[tokio::test(flavor = "current_thread")]
    async fn a_page_file_not_as_built_gives_way_to_the_published_file() {
        // Natively nothing can be fetched: the page file is not read as
        // built, so the report's own file is read, and its error named.
        let (path, result) = fetch_report("page/asn-2024.json", Some("00")).await;
        assert_eq!(path, "reports/asn-2024.json");
        assert_eq!(result.unwrap_err().file, "reports/asn-2024.json");
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[tokio::test(flavor = "current_thread")]
    async fn a_built_file_that_does_not_decode_gets_the_validators_path() {
        check_in_process(crate::model::validate::check);
        let e = built::<Catalogue>(
            FileKind::Catalogue,
            "reports/catalogue-1.json",
            "{\"schema_version\": 1, \"reports\": 3}",
        )
        .await
        .unwrap_err();
        assert_eq!(e.problems[0].path, "$.reports", "{e:?}");
    }

    fn with_manifest() -> Store {
        let m = parse_manifest(
            "index.json",
            include_str!("../../assets/reports/index.json"),
        )
        .expect("bundled manifest");
        Store {
            manifest: Some(Load::Ready(Rc::new(m))),
            ..Store::default()
        }
    }

    fn failed() -> LoadError {
        LoadError {
            file: "reports/x.json".into(),
            problems: vec![],
        }
    }

    #[test]
    fn a_store_is_the_same_while_it_holds_the_same_loads_and_changes_with_any_new_one() {
        let a = with_manifest();
        assert!(a == a.clone(), "the same loads");
        let reloaded = Store {
            manifest: match &a.manifest {
                Some(Load::Ready(m)) => Some(Load::Ready(Rc::new((**m).clone()))),
                _ => unreachable!(),
            },
            ..a.clone()
        };
        assert!(
            a != reloaded,
            "a file loaded again is a new load, its page renders anew"
        );
        let mut other = a.clone();
        other.local = Some("egen".into());
        assert!(a != other);
        let failed_twice = |e| Store {
            manifest: Some(Load::Failed(e)),
            ..Store::default()
        };
        assert!(
            failed_twice(failed()) == failed_twice(failed()),
            "failures by what they say"
        );
    }

    #[test]
    fn a_page_takes_over_only_when_what_it_shows_has_arrived_or_failed() {
        let r = recognize("/asn-2025");
        assert!(!Store::default().settled_for(&r, &[]), "no manifest yet");
        let mut s = with_manifest();
        assert!(!s.settled_for(&r, &[]), "report not requested yet");
        s.reports.insert("asn-2025".into(), Load::Loading);
        assert!(!s.settled_for(&r, &[]), "report loading");
        s.reports.insert("asn-2025".into(), Load::Failed(failed()));
        assert!(s.settled_for(&r, &[]), "a failure shows at once");
        // Pages that need no report, and ids the manifest does not list.
        let fresh = with_manifest();
        for path in [
            "/tillganglighet",
            "/jamfor",
            "/oppna",
            "/finns-inte",
            "/finns-inte/mal/x",
        ] {
            assert!(fresh.settled_for(&recognize(path), &[]), "{path}");
        }
        let broken = Store {
            manifest: Some(Load::Failed(failed())),
            ..Store::default()
        };
        assert!(
            broken.settled_for(&recognize("/asn-2025"), &[]),
            "a broken manifest shows at once"
        );
    }

    #[test]
    fn pages_with_figures_from_every_report_wait_for_all_of_them() {
        let mut s = with_manifest();
        let ids: Vec<String> = match &s.manifest {
            Some(Load::Ready(m)) => m.reports.iter().map(|e| e.id.clone()).collect(),
            _ => unreachable!(),
        };
        for path in ["/", "/jamfor/mal", "/jamfor/ekonomi"] {
            assert!(!s.settled_for(&recognize(path), &[]), "{path}");
        }
        // A goal page waits for its own report, then for the others.
        let goal = recognize("/asn-2025/mal/hallbar-elforsorjning");
        assert!(!s.settled_for(&goal, &[]));
        s.reports.insert(
            "asn-2025".into(),
            Load::Ready(Rc::new(
                crate::model::parse_report(
                    "asn-2025.json",
                    include_str!("../../assets/reports/asn-2025.json"),
                )
                .expect("bundled report"),
            )),
        );
        assert!(
            !s.settled_for(&goal, &[]),
            "the other reports are still missing"
        );
        assert_eq!(ids[0], "asn-2025");
        let (last, middle) = ids[1..].split_last().expect("several reports");
        for id in middle {
            s.reports.insert(id.clone(), Load::Failed(failed()));
        }
        assert!(
            !s.settled_for(&recognize("/"), &[]),
            "one report still missing"
        );
        assert!(!s.settled_for(&goal, &[]), "one report still missing");
        s.reports.insert(last.clone(), Load::Failed(failed()));
        for path in ["/", "/jamfor/mal", "/asn-2025/mal/hallbar-elforsorjning"] {
            assert!(s.settled_for(&recognize(path), &[]), "{path}");
        }
    }

    #[test]
    fn with_a_catalogue_a_page_waits_only_for_the_files_it_shows() {
        let m = parse_manifest(
            "index.json",
            include_str!("../../assets/reports/index.json"),
        )
        .expect("bundled manifest");
        let asn = crate::model::parse_report(
            "asn-2025.json",
            include_str!("../../assets/reports/asn-2025.json"),
        )
        .expect("bundled report");
        let full = Store::ready(m, vec![asn.clone()]);
        let mut s = Store {
            manifest: full.manifest.clone(),
            catalogue: full.catalogue.clone(),
            ..Store::default()
        };
        assert!(
            s.settled_for(&recognize("/"), &[]),
            "the start page: the catalogue alone"
        );
        let goal = recognize("/asn-2025/mal/hallbar-elforsorjning");
        s.reports
            .insert("asn-2025".into(), Load::Ready(Rc::new(asn)));
        assert!(!s.settled_for(&goal, &[]), "the goal's file is missing");
        s.goals
            .insert("hallbar-elforsorjning".into(), Load::Loading);
        assert!(!s.settled_for(&goal, &[]), "the goal's file is loading");
        s.goals
            .insert("hallbar-elforsorjning".into(), Load::Failed(failed()));
        assert!(s.settled_for(&goal, &[]), "no other report is waited for");
        assert!(
            s.settled_for(&recognize("/jamfor/mal"), &[]),
            "the goal matrix: the catalogue alone"
        );
        // The finance comparison: the two editions it compares, no other.
        let finance = recognize("/jamfor/ekonomi");
        assert!(!s.settled_for(&finance, &[]), "asn-2024 not loaded");
        s.reports.insert("asn-2024".into(), Load::Loading);
        assert!(!s.settled_for(&finance, &[]), "asn-2024 loading");
        s.reports.insert("asn-2024".into(), Load::Failed(failed()));
        assert!(
            s.settled_for(&finance, &[]),
            "both editions there (one failed)"
        );
        let other = [("namnd".to_string(), "FSN".to_string())];
        assert!(
            s.settled_for(&finance, &other),
            "a board without two editions: the defaults"
        );
    }

    #[test]
    fn a_page_of_one_report_waits_for_it_alone_and_not_for_the_catalogue() {
        let asn = crate::model::parse_report(
            "asn-2025.json",
            include_str!("../../assets/reports/asn-2025.json"),
        )
        .expect("bundled report");
        let mut s = Store {
            catalogue_file: Some("catalogue-1.json".into()),
            page_report: PageReport::from_meta("asn-2025 00ff asn-2025.json"),
            ..Store::default()
        };
        let (report, goal) = (
            recognize("/asn-2025"),
            recognize("/asn-2025/mal/hallbar-elforsorjning"),
        );
        assert!(!s.needs_manifest(&report) && !s.needs_manifest(&goal));
        for elsewhere in ["/", "/asn-2024", "/asn-2024/mal/x", "/jamfor/mal"] {
            assert!(s.needs_manifest(&recognize(elsewhere)), "{elsewhere}");
        }
        assert_eq!(s.file_of("asn-2025").as_deref(), Some("asn-2025.json"));
        assert_eq!(s.digest_of("asn-2025").as_deref(), Some("00ff"));
        assert_eq!(s.file_of("asn-2024"), None, "the catalogue says");
        assert!(!s.settled_for(&report, &[]), "not requested yet");
        s.reports.insert("asn-2025".into(), Load::Loading);
        assert!(!s.settled_for(&report, &[]), "loading");
        s.reports
            .insert("asn-2025".into(), Load::Ready(Rc::new(asn)));
        assert!(s.settled_for(&report, &[]), "no manifest needed");
        assert!(!s.settled_for(&goal, &[]), "the goal's file is missing");
        s.goals
            .insert("hallbar-elforsorjning".into(), Load::Failed(failed()));
        assert!(s.settled_for(&goal, &[]));
        assert!(
            !s.settled_for(&recognize("/asn-2024"), &[]),
            "another report's page waits for the catalogue"
        );
    }

    /// The finance comparison waits for the two editions the address
    /// chooses, not the board's latest two.
    #[test]
    fn the_finance_comparison_waits_for_the_editions_the_address_chooses() {
        let mut s = with_manifest();
        if let Some(Load::Ready(m)) = &mut s.manifest {
            // A third edition of the board that has two (in this test only).
            let m = Rc::make_mut(m);
            let mut older = m.reports[1].clone();
            older.id = "old-edition".into();
            older.year -= 1;
            m.reports.push(older);
        }
        let finance = recognize("/jamfor/ekonomi");
        let [_, second, ..] = &(match &s.manifest {
            Some(Load::Ready(m)) => m.reports.clone(),
            _ => unreachable!(),
        })[..] else {
            unreachable!()
        };
        let query = |from: &str, to: &str| {
            vec![
                ("namnd".to_string(), second.board.short.clone()),
                ("fran".to_string(), from.to_string()),
                ("till".to_string(), to.to_string()),
            ]
        };
        let chosen = query("old-edition", &second.id);
        s.reports.insert(second.id.clone(), Load::Failed(failed()));
        assert!(
            !s.settled_for(&finance, &chosen),
            "the older edition is missing"
        );
        s.reports
            .insert("old-edition".into(), Load::Failed(failed()));
        assert!(s.settled_for(&finance, &chosen));
        let mut latest = s.clone();
        latest.reports.remove("old-edition");
        assert!(
            !latest.settled_for(&finance, &[]),
            "by default the latest two, and the latest is not there"
        );
    }
}
