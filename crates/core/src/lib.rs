//! The core of nianbao (年报): the national template of 国办公开办函〔2021〕30号, the report as a
//! person fills it in, the checks, generated text, year to year, and the draft files.
//!
//! It knows nothing of fonts, printing or the GUI, and only `store` touches the file system.
//! The modules depend on each other in one direction:
//! template → model → text → {check, sentences, yearly, store}; `tests/main.rs` checks it.

pub mod check;
pub mod example;
pub mod model;
pub mod sentences;
pub mod store;
pub mod template;
pub mod text;
pub mod yearly;
