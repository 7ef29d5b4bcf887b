//! The import crate's one test binary (one link step), a module per subject.

mod support;

mod audit;
mod docx;
mod hostile;
mod html;
mod pdf;
mod pdf_draft;
mod placer;
mod roundtrip;
