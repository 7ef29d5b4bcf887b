//! Everything in the core that touches the file system: draft files, atomic writes and the
//! user's data folder (autosave, recovery, recent drafts, the window's place and zoom). The rest of the core is pure.

pub mod atomic;
pub mod draft;
pub mod prefs;
pub mod userdata;
