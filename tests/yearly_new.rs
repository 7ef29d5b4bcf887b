//! A new draft from last year's: carry-over of every column, what is left blank, the link to
//! last year's file, the cross-year checks on the pair, and `nianbao new` as a user runs it.

use nianbao::draft;
use nianbao::model::{Entry, Report, Wanyuan};
use nianbao::rules::{self, Finding, Place};
use nianbao::template::{T2Cell, T3_ENTERED_COLS, T3_ROW_DEFS, t3row};
use nianbao::yearly;
use std::path::{Path, PathBuf};
use std::process::Command;

fn example_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/jinxiang-2021.ron")
}

fn example() -> Report {
    draft::load(&example_path()).unwrap().report
}

fn with_rule<'a>(f: &'a [Finding], rule: &str) -> Vec<&'a Finding> {
    f.iter().filter(|x| x.rule == rule).collect()
}

#[test]
fn every_column_of_the_carry_over_comes_from_last_years_row_four() {
    let mut last = example();
    for col in 0..T3_ENTERED_COLS {
        last.table3
            .set(t3row::CARRIED_OUT, col, Entry::Value(col as u32 * 3 + 1));
    }
    let new = yearly::new_from_last(&last, None);
    for col in 0..T3_ENTERED_COLS {
        assert_eq!(
            new.table3.get(t3row::CARRIED_IN, col),
            &Entry::Value(col as u32 * 3 + 1),
            "column {col}"
        );
    }
    // Everything else of this year is new: blank.
    for (row, def) in T3_ROW_DEFS.iter().enumerate() {
        if row == t3row::CARRIED_IN || !def.entered {
            continue;
        }
        for col in 0..T3_ENTERED_COLS {
            assert!(new.table3.get(row, col).is_blank(), "{} {col}", def.key);
        }
    }
    for cell in T2Cell::ALL {
        assert!(new.table2.get(cell).is_blank(), "{cell:?}");
    }
    assert!(new.table2.fee.is_blank());
    for g in 0..3 {
        for c in 0..4 {
            assert!(new.table4.get(g, c).is_blank());
        }
    }
}

#[test]
fn invalid_or_blank_carry_over_is_not_invented() {
    let mut last = example();
    last.table3
        .set(t3row::CARRIED_OUT, 0, Entry::Invalid("两件".into()));
    last.table3.set(t3row::CARRIED_OUT, 1, Entry::Blank);
    let new = yearly::new_from_last(&last, None);
    assert!(new.table3.get(t3row::CARRIED_IN, 0).is_blank());
    assert!(new.table3.get(t3row::CARRIED_IN, 1).is_blank());
    assert_eq!(new.table3.get(t3row::CARRIED_IN, 2), &Entry::Value(0));
}

#[test]
fn the_example_makes_a_2022_draft() {
    let last = example();
    let new = yearly::new_from_last(&last, Some(&example_path()));
    assert_eq!(new.meta.year, 2022);
    assert_eq!(new.meta.agency, last.meta.agency);
    assert_eq!(new.meta.portal_url, last.meta.portal_url);
    assert_eq!(new.meta.date, None);
    // 上年结转 = the example's 结转, column by column.
    for col in 0..T3_ENTERED_COLS {
        assert_eq!(
            new.table3.get(t3row::CARRIED_IN, col),
            last.table3.get(t3row::CARRIED_OUT, col)
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
    let inherited = yearly::inherited_fields(&new, &last);
    assert!(inherited.contains(&Place::OverviewPart { index: 1 }));
    assert!(inherited.contains(&Place::Section {
        section: nianbao::template::SectionKey::Problems
    }));
    // "无" items carry no prose to rewrite.
    assert!(!inherited.contains(&Place::OtherItem { index: 4 }));
    let link = new.last_year_draft.as_deref().unwrap();
    assert!(Path::new(link).is_absolute(), "{link}");
    assert!(link.ends_with("jinxiang-2021.ron"));
}

#[test]
fn editing_a_field_makes_it_this_years() {
    let last = example();
    let mut new = yearly::new_from_last(&last, None);
    let before = yearly::inherited_fields(&new, &last).len();
    new.overview.parts[1]
        .body
        .push_str("本年度新增了网上申请渠道。");
    let after = yearly::inherited_fields(&new, &last);
    assert_eq!(after.len(), before - 1);
    assert!(!after.contains(&Place::OverviewPart { index: 1 }));
    // White space alone is not an edit.
    new.problems = format!("  {}\n", last.problems);
    assert!(
        yearly::inherited_fields(&new, &last).contains(&Place::Section {
            section: nianbao::template::SectionKey::Problems
        })
    );
}

#[test]
fn a_generated_preface_is_generated_again() {
    let mut last = Report::new("某县人民政府办公室", 2023);
    last.meta.phone = "0000-1".into();
    last.preface = last.default_preface();
    let new = yearly::new_from_last(&last, None);
    assert_eq!(new.meta.year, 2024);
    assert_eq!(new.preface, new.default_preface());
}

/// Fills this year's tables of a draft made from `last` so that every rule holds.
fn filled_consistently(last: &Report) -> Report {
    let mut now = yearly::new_from_last(last, None);
    now.fill_blanks_with_zero();
    // 2 new applications from 自然人, both 予以公开.
    now.table3.set(t3row::NEW, 0, Entry::Value(2));
    now.table3.set(t3row::OPEN, 0, Entry::Value(2));
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
    let f = rules::check(&now, Some(&last));
    assert!(with_rule(&f, "X-CARRY").is_empty(), "{f:#?}");
    assert!(with_rule(&f, "X-VALID").is_empty(), "{f:#?}");
    assert!(with_rule(&f, "X-YEAR").is_empty(), "{f:#?}");
    assert!(with_rule(&f, "T3-BAL").is_empty(), "{f:#?}");
}

#[test]
fn x_carry_and_x_valid_fire_on_a_mismatched_pair() {
    let last = example();
    let mut now = filled_consistently(&last);
    // One application "carried in" that last year did not carry out, balanced this year.
    now.table3.set(t3row::CARRIED_IN, 2, Entry::Value(1));
    now.table3.set(t3row::OPEN, 2, Entry::Value(1));
    now.table2.set(T2Cell::NormativeValid, Entry::Value(8));
    let f = rules::check(&now, Some(&last));
    let carry = with_rule(&f, "X-CARRY");
    assert_eq!(carry.len(), 1, "{f:#?}");
    assert_eq!(
        carry[0].place,
        Place::Table3 {
            row: t3row::CARRIED_IN,
            col: 2
        }
    );
    let valid = with_rule(&f, "X-VALID");
    assert_eq!(valid.len(), 1, "{f:#?}");
    assert!(valid[0].message.contains("应为 9"), "{}", valid[0].message);
    assert!(with_rule(&f, "T3-BAL").is_empty(), "{f:#?}");
}

#[test]
fn the_last_year_link_is_relative_beside_and_absolute_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let last = dir.path().join("2021.ron");
    let mut r = Report::default();
    yearly::link_last_year(&mut r, &last, &dir.path().join("2022.ron"));
    assert_eq!(r.last_year_draft.as_deref(), Some("2021.ron"));
    let other = tempfile::tempdir().unwrap();
    yearly::link_last_year(&mut r, &last, &other.path().join("2022.ron"));
    let link = r.last_year_draft.clone().unwrap();
    assert!(Path::new(&link).is_absolute());
    assert_eq!(
        nianbao::cli::resolve_beside(&other.path().join("2022.ron"), &link),
        last
    );
    // Saving elsewhere ("另存为") keeps the link pointing at the same file.
    yearly::link_last_year(&mut r, &last, &dir.path().join("2022.ron"));
    yearly::rebase_last_year(
        &mut r,
        Some(&dir.path().join("2022.ron")),
        &other.path().join("copy.ron"),
    );
    assert_eq!(
        nianbao::cli::resolve_beside(
            &other.path().join("copy.ron"),
            r.last_year_draft.as_deref().unwrap()
        ),
        last
    );
}

fn run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn nianbao_new_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let last = dir.path().join("jinxiang-2021.ron");
    std::fs::copy(example_path(), &last).unwrap();
    let new = dir.path().join("jinxiang-2022.ron");
    let (l, n) = (last.to_str().unwrap(), new.to_str().unwrap());

    let o = run(&["new", "--from", l, "-o", n]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(out.contains("2022 年度"), "{out}");
    assert!(out.contains("沿用了上年"), "{out}");
    let made = draft::load(&new).unwrap().report;
    assert_eq!(made.meta.year, 2022);
    assert_eq!(made.last_year_draft.as_deref(), Some("jinxiang-2021.ron"));

    // The draft remembers last year's file: check runs the cross-year rules by itself.
    let o = run(&["check", n]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("作跨年核对"), "{out}");
    assert!(out.contains("X-COPY"), "{out}");
    assert!(out.contains("与上年对比"), "{out}");

    // No silent overwrite.
    let o = run(&["new", "--from", l, "-o", n]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("已存在"));
    let o = run(&["new", "--from", l, "-o", n, "--force"]);
    assert_eq!(o.status.code(), Some(0));
    // Never over last year's own file, not even with --force.
    let o = run(&["new", "--from", l, "-o", l, "--force"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(draft::load(&last).unwrap().report.meta.year, 2021);

    let o = run(&["new", "-o", n]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--from"));
    let o = run(&[
        "new",
        "--from",
        "/no/such.ron",
        "-o",
        dir.path().join("x.ron").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("文件不存在"));
}
