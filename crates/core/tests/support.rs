//! What the core's tests share: the example report, findings by rule, cells by position.
#![allow(dead_code)] // each test module uses its own part of this

use nianbao_core::check::{Finding, Rule};
use nianbao_core::model::Report;
use nianbao_core::template::{T3Col, T3Row, T4Col, T4Group};
use std::path::{Path, PathBuf};

/// The repository's top folder (the app's package), where `examples/` is.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The example draft: the published 金乡县人民政府办公室 2021 report.
pub fn example_path() -> PathBuf {
    repo_root().join("examples/jinxiang-2021.ron")
}

pub fn example() -> Report {
    nianbao_core::example::report().expect("the example draft loads")
}

/// The findings of one rule.
pub fn with_rule(f: &[Finding], rule: Rule) -> Vec<&Finding> {
    f.iter().filter(|x| x.rule == rule).collect()
}

/// The one finding of a rule; fails when there is none or more than one.
pub fn only(f: &[Finding], rule: Rule) -> &Finding {
    let hits = with_rule(f, rule);
    assert_eq!(hits.len(), 1, "expected exactly one {rule}: {f:#?}");
    hits[0]
}

/// Table 三's row at a printed position (0 = 一、本年新收).
pub fn row(index: usize) -> T3Row {
    T3Row::ALL[index]
}

/// Table 三's column at a printed position (0 = 自然人, 6 = 总计).
pub fn col(index: usize) -> T3Col {
    T3Col::ALL[index]
}

/// Table 四's group at a printed position (0 = 行政复议).
pub fn group(index: usize) -> T4Group {
    T4Group::ALL[index]
}

/// Table 四's column at a printed position (0 = 结果维持, 4 = 总计).
pub fn t4col(index: usize) -> T4Col {
    T4Col::ALL[index]
}
