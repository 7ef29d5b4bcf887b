//! The import crate's one test binary.

mod support;

mod audit;
mod docx;
mod hostile;
mod html;
mod placer;
mod roundtrip;
