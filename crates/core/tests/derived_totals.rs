//! T3-ROW, T3-SUM and T4-SUM hold by construction: totals are derived from the entered cells,
//! never stored, so no draft can hold a total that disagrees with its parts — even one written
//! by hand with a "total" row in it.

use crate::support::*;
use nianbao_core::model::{Entry, Report};
use nianbao_core::store::draft;
use nianbao_core::template::{T3_ENTERED_COLS, T3_ROWS, T3Col, T3Row, T4Col, T4Group};
use proptest::prelude::*;
use std::path::Path;

fn report_from(t3: &[u32], t4: &[u32]) -> Report {
    let mut r = Report::new("测试机关", 2024);
    let mut it = t3.iter();
    for row in T3Row::ALL {
        for col in T3Col::ENTERED {
            if let Some(v) = it.next() {
                r.table3.set(row, col, Entry::Value(*v));
            }
        }
    }
    for (i, v) in t4.iter().enumerate() {
        r.table4.set(group(i / 4), t4col(i % 4), Entry::Value(*v));
    }
    r
}

proptest! {
    #[test]
    fn totals_always_add_up(
        t3 in prop::collection::vec(0u32..10_000, T3_ROWS * T3_ENTERED_COLS),
        t4 in prop::collection::vec(0u32..1_000, 12),
    ) {
        // Round-trip through the file first: what is on disk is what gets summed.
        let written = report_from(&t3, &t4);
        let r = draft::from_ron(&draft::to_ron(&written), Path::new("p.ron"))
            .map_err(|e| TestCaseError::fail(e.to_string()))?
            .report;
        prop_assert_eq!(&r, &written);
        let t = &r.table3;
        // T3-ROW: for each of the 25 rows, 总计 = the six applicant columns.
        for row in T3Row::ALL {
            let sum: u64 = T3Col::ENTERED.iter().map(|c| t.cell(row, *c).value).sum();
            prop_assert_eq!(t.cell(row, T3Col::TOTAL).value, sum);
        }
        // T3-SUM: for each of the 7 columns, （七）总计 = the 21 outcome rows.
        for col in T3Col::ALL {
            let sum: u64 = T3Row::ALL[T3Row::FIRST_OUTCOME.index()..T3Row::TOTAL.index()]
                .iter()
                .map(|row| t.cell(*row, col).value)
                .sum();
            prop_assert_eq!(t.cell(T3Row::TOTAL, col).value, sum);
            prop_assert!(t.cell(T3Row::TOTAL, col).complete);
        }
        // T4-SUM: 总计 = 维持 + 纠正 + 其他 + 尚未审结 in each group.
        for g in T4Group::ALL {
            let sum: u64 = T4Col::ENTERED.iter().map(|c| r.table4.cell(g, *c).value).sum();
            prop_assert_eq!(r.table4.cell(g, T4Col::Total).value, sum);
        }
        // The total row is never stored, whatever was "entered" for it.
        prop_assert!(!draft::to_ron(&r).contains("\"total\""));
    }
}

#[test]
fn a_hand_written_total_row_is_ignored() {
    let text = r#"(format_version: 1, table3: {"open": (1, 2, 0, 0, 0, 0), "total": (99, 99, 99, 99, 99, 99)})"#;
    let r = draft::from_ron(text, Path::new("t.ron"))
        .expect("loads")
        .report;
    assert_eq!(r.table3.cell(T3Row::TOTAL, col(0)).value, 1);
    assert_eq!(r.table3.cell(T3Row::TOTAL, T3Col::TOTAL).value, 3);
}
