//! nianbao (年报): write, check and print the yearly 政府信息公开工作年度报告 in the national
//! format of 国办公开办函〔2021〕30号.
//!
//! The domain — template, report model, checks, drafts — lives here and knows nothing of the GUI.

pub mod cli;
pub mod draft;
pub mod fonts;
#[cfg(feature = "gui")]
pub mod gui;
pub mod layout;
pub mod model;
pub mod paste;
pub mod pdf;
pub mod recovery;
pub mod rules;
pub mod sentences;
pub mod template;
pub mod yearly;
