//! Components, pages, routing.
