//! The import crate's integration tests, in one binary (one link step), a module per reader.

mod pdf;
