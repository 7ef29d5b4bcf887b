//! The print crate's integration tests, in one binary: layout on a fixed-width test font, and the
//! example exported to PDF and read back by outside tools.

mod support;

mod docx_export;
mod fuzz_drafts;
mod html_export;
mod pdf_export;
mod pdf_fonts;
mod pdf_layout;
mod pdf_typeset;
mod preview;
mod xlsx_export;
