//! A new draft from last year's: carry-over of every column, what is left blank, the link to
//! last year's file, the cross-year checks on the pair, and `nianbao new` as a user runs it.

use crate::support::*;
use nianbao_core::check::{self, Rule};
use nianbao_core::model::LastYearLink;
use nianbao_core::model::{Cell, Entry, Place, Prose, Report, Wanyuan};
use nianbao_core::template::{T2Cell, T3Col, T3Row, T4Col, T4Group};
use nianbao_core::yearly;
use std::path::Path;

#[test]
fn every_column_of_the_carry_over_comes_from_last_years_row_four() {
    let mut last = example();
    for col in T3Col::ENTERED {
        last.table3.set(
            T3Row::CARRIED_OUT,
            col,
            Entry::Value(col.index() as u32 * 3 + 1),
        );
    }
    let new = yearly::new_from_last(&last, None);
    for col in T3Col::ENTERED {
        assert_eq!(
            new.table3.get(T3Row::CARRIED_IN, col),
            &Entry::Value(col.index() as u32 * 3 + 1),
            "column {col:?}"
        );
    }
    // Everything else of this year is new: blank.
    for row in T3Row::entered().filter(|r| *r != T3Row::CARRIED_IN) {
        for col in T3Col::ENTERED {
            assert!(new.table3.get(row, col).is_blank(), "{row:?} {col:?}");
        }
    }
    for cell in T2Cell::ALL {
        assert!(new.table2.get(cell).is_blank(), "{cell:?}");
    }
    assert!(new.table2.fee.is_blank());
    for g in T4Group::ALL {
        for c in T4Col::ENTERED {
            assert!(new.table4.get(g, c).is_blank());
        }
    }
}

#[test]
fn invalid_or_blank_carry_over_is_not_invented() {
    let mut last = example();
    last.table3
        .set(T3Row::CARRIED_OUT, col(0), Entry::Invalid("两件".into()));
    last.table3.set(T3Row::CARRIED_OUT, col(1), Entry::Blank);
    let new = yearly::new_from_last(&last, None);
    assert!(new.table3.get(T3Row::CARRIED_IN, col(0)).is_blank());
    assert!(new.table3.get(T3Row::CARRIED_IN, col(1)).is_blank());
    assert_eq!(new.table3.get(T3Row::CARRIED_IN, col(2)), &Entry::Value(0));
}

#[test]
fn the_example_makes_a_2022_draft() {
    let last = example();
    let new = yearly::new_from_last(&last, Some(&example_path()));
    assert_eq!(new.meta.year, Entry::Value(2022));
    assert_eq!(new.meta.agency, last.meta.agency);
    assert_eq!(new.meta.portal_url, last.meta.portal_url);
    assert_eq!(new.meta.date, None);
    // 上年结转 = the example's 结转, column by column.
    for col in T3Col::ENTERED {
        assert_eq!(
            new.table3.get(T3Row::CARRIED_IN, col),
            last.table3.get(T3Row::CARRIED_OUT, col)
        );
    }
    // The office's own preface survives with the new year.
    assert!(
        new.preface.contains("自2022年1月1日起至2022年12月31日止"),
        "{}",
        new.preface
    );
    assert!(!new.preface.contains("2021年"), "{}", new.preface);
    assert!(new.preface.contains("济宁市金乡县人民政府办公室按照"));
    // Prose carried over, and known to be last year's.
    assert_eq!(new.overview, last.overview);
    assert_eq!(new.problems, last.problems);
    let inherited = check::inherited_fields(&new, &last);
    assert!(inherited.contains(&Prose::OverviewPart(1)));
    assert!(inherited.contains(&Prose::Problems));
    // "无" items carry no prose to rewrite.
    assert!(!inherited.contains(&Prose::OtherItem(4)));
    let link = new.last_year.as_ref().unwrap().stored();
    assert!(Path::new(&link).is_absolute(), "{link}");
    assert!(link.ends_with("jinxiang-2021.ron"));
}

#[test]
fn editing_a_field_makes_it_this_years() {
    let last = example();
    let mut new = yearly::new_from_last(&last, None);
    let before = check::inherited_fields(&new, &last).len();
    new.overview.parts[1]
        .body
        .push_str("本年度新增了网上申请渠道。");
    let after = check::inherited_fields(&new, &last);
    assert_eq!(after.len(), before - 1);
    assert!(!after.contains(&Prose::OverviewPart(1)));
    // White space alone is not an edit.
    new.problems = format!("  {}\n", last.problems);
    assert!(check::inherited_fields(&new, &last).contains(&Prose::Problems));
}

#[test]
fn a_generated_preface_is_generated_again() {
    let mut last = Report::new("某县人民政府办公室", 2023);
    last.meta.phone = "0000-1".into();
    last.preface = last.default_preface();
    let new = yearly::new_from_last(&last, None);
    assert_eq!(new.meta.year, Entry::Value(2024));
    assert_eq!(new.preface, new.default_preface());
}

/// Fills this year's tables of a draft made from `last` so that every rule holds.
fn filled_consistently(last: &Report) -> Report {
    let mut now = yearly::new_from_last(last, None);
    now.fill_blanks_with_zero();
    // 2 new applications from 自然人, both 予以公开.
    now.table3.set(T3Row::NEW, col(0), Entry::Value(2));
    now.table3.set(T3Row::OPEN, col(0), Entry::Value(2));
    // 8 in force last year, 2 made, 1 repealed: 9.
    now.table2.set(T2Cell::NormativeMade, Entry::Value(2));
    now.table2.set(T2Cell::NormativeRepealed, Entry::Value(1));
    now.table2.set(T2Cell::NormativeValid, Entry::Value(9));
    now.table2.fee = Entry::Value(Wanyuan::ZERO);
    now
}

#[test]
fn x_carry_and_x_valid_are_quiet_on_a_consistent_pair() {
    let last = example();
    let now = filled_consistently(&last);
    let f = check::check(&now, Some(&last));
    assert!(with_rule(&f, Rule::XCarry).is_empty(), "{f:#?}");
    assert!(with_rule(&f, Rule::XValid).is_empty(), "{f:#?}");
    assert!(with_rule(&f, Rule::XYear).is_empty(), "{f:#?}");
    assert!(with_rule(&f, Rule::T3Bal).is_empty(), "{f:#?}");
}

#[test]
fn x_carry_and_x_valid_fire_on_a_mismatched_pair() {
    let last = example();
    let mut now = filled_consistently(&last);
    // One application "carried in" that last year did not carry out, balanced this year.
    now.table3.set(T3Row::CARRIED_IN, col(2), Entry::Value(1));
    now.table3.set(T3Row::OPEN, col(2), Entry::Value(1));
    now.table2.set(T2Cell::NormativeValid, Entry::Value(8));
    let f = check::check(&now, Some(&last));
    let carry = with_rule(&f, Rule::XCarry);
    assert_eq!(carry.len(), 1, "{f:#?}");
    assert_eq!(
        carry[0].place,
        Place::Cell(Cell::T3(T3Row::CARRIED_IN, col(2)))
    );
    let valid = with_rule(&f, Rule::XValid);
    assert_eq!(valid.len(), 1, "{f:#?}");
    assert!(valid[0].message.contains("应为 9"), "{}", valid[0].message);
    assert!(with_rule(&f, Rule::T3Bal).is_empty(), "{f:#?}");
}

#[test]
fn the_last_year_link_is_relative_beside_and_absolute_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let last = dir.path().join("2021.ron");
    let draft = dir.path().join("2022.ron");
    let link = LastYearLink::beside(&last, &draft);
    assert_eq!(link.stored(), "2021.ron");
    let other = tempfile::tempdir().unwrap();
    let elsewhere = other.path().join("2022.ron");
    let far = LastYearLink::beside(&last, &elsewhere);
    assert!(Path::new(&far.stored()).is_absolute());
    assert_eq!(far.resolve(Some(&elsewhere)), last);
    // Saving elsewhere ("另存为") keeps the link pointing at the same file.
    let copy = other.path().join("copy.ron");
    assert_eq!(link.rebased(Some(&draft), &copy).resolve(Some(&copy)), last);
}
