//! The example report: the published 金乡县人民政府办公室 2021 report as a draft
//! (`examples/jinxiang-2021.ron`), built into the program so that it is one click away however
//! the program was installed, and the one fixture the tests and benchmarks start from.

use crate::model::Report;
use crate::store::draft::{self, DraftError};
use std::path::Path;

/// The draft text.
pub const TEXT: &str = include_str!("../../../examples/jinxiang-2021.ron");

/// The file name it is known by.
pub const FILE_NAME: &str = "jinxiang-2021.ron";

/// The example report.
pub fn report() -> Result<Report, DraftError> {
    draft::from_ron(TEXT, Path::new(FILE_NAME)).map(|l| l.report)
}
