//! The import crate's one test binary.

mod support;

mod docx;
mod hostile;
mod html;
mod placer;
mod roundtrip;
