//! Insyn: a client-side viewer of Malmö stad's board reports.
//!
//! - [`model`]: report types, validation, derived figures (pure).
//! - [`charts`]: chart geometry and SVG drawing with plotters (pure).
//! - [`ui`]: yew components, pages and routing.
//! - [`web`]: the only module that calls browser APIs.

pub mod charts;
pub mod import;
pub mod model;
pub mod ui;
pub mod web;
