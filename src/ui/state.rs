//! App-wide state: the manifest and the reports, each loading, loaded or failed.
//! One reducer at the root; components read it through a context.

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::prelude::*;

use crate::model::{parse_manifest, parse_report, Diagnostic, DiagnosticKind, Manifest, Report};
use crate::web;

/// Why a file could not be used, ready to show: the file and each problem.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadError {
    pub file: String,
    pub problems: Vec<Diagnostic>,
}

impl LoadError {
    fn fetch(file: &str, e: web::FetchError) -> Self {
        Self {
            file: file.into(),
            problems: vec![Diagnostic {
                file: file.into(),
                kind: DiagnosticKind::Reference,
                path: "$".into(),
                line: None,
                column: None,
                message: e.to_string(),
            }],
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Load<T> {
    Loading,
    Ready(T),
    Failed(LoadError),
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Store {
    pub manifest: Option<Load<Rc<Manifest>>>,
    pub reports: BTreeMap<String, Load<Rc<Report>>>,
}

impl Store {
    /// A store with everything already loaded (for rendering natively and tests).
    pub fn ready(manifest: Manifest, reports: Vec<Report>) -> Self {
        Self {
            manifest: Some(Load::Ready(Rc::new(manifest))),
            reports: reports
                .into_iter()
                .map(|r| (r.id().to_string(), Load::Ready(Rc::new(r))))
                .collect(),
        }
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

    /// The manifest's file name for a report id.
    pub fn file_of(&self, id: &str) -> Option<String> {
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
    ReportLoading(String),
    Report(String, Result<Rc<Report>, LoadError>),
}

impl Reducible for Store {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::ManifestLoading => s.manifest = Some(Load::Loading),
            Action::Manifest(Ok(m)) => s.manifest = Some(Load::Ready(m)),
            Action::Manifest(Err(e)) => s.manifest = Some(Load::Failed(e)),
            Action::ReportLoading(id) => {
                s.reports.insert(id, Load::Loading);
            }
            Action::Report(id, Ok(r)) => {
                s.reports.insert(id, Load::Ready(r));
            }
            Action::Report(id, Err(e)) => {
                s.reports.insert(id, Load::Failed(e));
            }
        }
        Rc::new(s)
    }
}

pub type StoreHandle = UseReducerHandle<Store>;

pub const MANIFEST_FILE: &str = "reports/index.json";

/// Starts loading the manifest.
pub fn load_manifest(store: StoreHandle) {
    store.dispatch(Action::ManifestLoading);
    yew::platform::spawn_local(async move {
        let result = match web::fetch_text(MANIFEST_FILE).await {
            Ok(src) => parse_manifest(MANIFEST_FILE, &src).map_err(|problems| LoadError {
                file: MANIFEST_FILE.into(),
                problems,
            }),
            Err(e) => Err(LoadError::fetch(MANIFEST_FILE, e)),
        };
        store.dispatch(Action::Manifest(result.map(Rc::new)));
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
    store.dispatch(Action::ReportLoading(id.clone()));
    let store = store.clone();
    yew::platform::spawn_local(async move {
        let path = format!("reports/{file}");
        let result = match web::fetch_text(&path).await {
            Ok(src) => parse_report(&path, &src).map_err(|problems| LoadError {
                file: path.clone(),
                problems,
            }),
            Err(e) => Err(LoadError::fetch(&path, e)),
        };
        let result = result.and_then(|r| {
            if r.id() == id {
                Ok(r)
            } else {
                Err(LoadError {
                    file: path.clone(),
                    problems: vec![Diagnostic {
                        file: path.clone(),
                        kind: DiagnosticKind::Reference,
                        path: "$.id".into(),
                        line: None,
                        column: None,
                        message: format!(
                            "Filen har id {:?}, men manifestet väntar sig {id:?}",
                            r.id()
                        ),
                    }],
                })
            }
        });
        store.dispatch(Action::Report(id, result.map(Rc::new)));
    });
}
