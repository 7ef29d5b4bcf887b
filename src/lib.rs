//! nianbao (年报): write, check and print the yearly 政府信息公开工作年度报告 in the national
//! format of 国办公开办函〔2021〕30号.
//!
//! This crate is the app: the command line and the desktop window, thin shells over the report
//! core (`nianbao-core`: template, model, checks, drafts) and the printed report
//! (`nianbao-print`: compose, layout, PDF).

pub mod cli;
#[cfg(feature = "gui")]
pub mod gui;
