//! Chart geometry and drawing (pure).
