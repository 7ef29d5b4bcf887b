//! The core's integration tests, in one binary (one link step instead of seven).

mod support;

mod atomic_writes;
mod autosave_recovery;
mod derived_totals;
mod draft_files;
mod draft_hardening;
mod kill_save;
mod module_graph;
mod real_reports;
mod rules;
mod yearly_copy;
mod yearly_new;
mod yearly_sentences;
