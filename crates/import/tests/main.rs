//! The import crate's one test binary (one link step), a module per subject.

mod audit;
