//! Real published reports (cities, counties, departments, 街道 and 乡镇, 2022–2025) entered as
//! drafts under `fixtures/reports/`, each with the page it comes from in its header. Most pages
//! give section 一 and only part of the tables: what they give is entered, nothing is made up.
//! For each report: the findings of the rules that read prose and tables (the known defects,
//! nothing else), and how many numbers of the prose were checked and how many listed as not
//! checked.
//!
//! TXT-LINT is left out here: the stored page copies have their punctuation normalised to
//! half-width, so it would measure the copy, not the report.

use nianbao_core::check::{self, NumberStatus, Rule};
use nianbao_core::model::{Place, Prose, Report};
use nianbao_core::store::draft;
use std::path::Path;

const RULES: [Rule; 5] = [
    Rule::TxtApps,
    Rule::TxtLit,
    Rule::TxtPub,
    Rule::Rules0,
    Rule::Unit,
];

fn load(name: &str) -> Report {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/reports")
        .join(format!("{name}.ron"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
    match draft::from_ron(&text, &path) {
        Ok(loaded) => loaded.report,
        Err(e) => panic!("{name}: {e}"),
    }
}

/// (fixture, expected findings as "RULE-ID", numbers checked, numbers not checked).
const EXPECTED: &[(&str, &[&str], usize, usize)] = &[
    ("beidu-2023", &[], 0, 0),
    ("changchun-veterans-2023", &["TXT-APPS"], 1, 0),
    ("changhe-2023", &[], 0, 5),
    ("daxing-town-2025", &[], 0, 1),
    ("dizhang-2023", &[], 0, 0),
    ("donghu-2023", &[], 0, 5),
    ("fugu-2022", &[], 0, 2),
    ("guangyuan-stats-2024", &[], 0, 1),
    ("guanzhou-2023", &[], 0, 0),
    ("hejiang-2022", &[], 0, 4),
    ("houqiao-2023", &[], 0, 1),
    ("lianxi-2024", &[], 0, 7),
    ("lingyuan-town-2025", &[], 0, 1),
    ("longgang-dept-2024", &[], 0, 0),
    ("longyou-2022", &[], 0, 2),
    ("ouhai-audit-2024", &[], 0, 2),
    ("pinghu-dept-2024", &[], 0, 3),
    ("qiaokou-stats-2024", &[], 0, 3),
    ("shanghai-2022", &[], 0, 4),
    ("tongzi-2022", &[], 0, 3),
    ("xjnlk-town-2023", &["RULES-0"], 0, 0),
    ("xuwang-town-2025", &[], 0, 0),
    ("zhongjiang-2022", &[], 0, 3),
];

#[test]
fn real_reports_give_exactly_their_known_defects() {
    let mut all_checked = 0;
    let mut all_unchecked = 0;
    let mut failures = Vec::new();
    for (name, rules, checked, unchecked) in EXPECTED {
        let r = load(name);
        let found: Vec<String> = check::check(&r, None)
            .into_iter()
            .filter(|f| RULES.contains(&f.rule))
            .map(|f| format!("{}: {}", f.rule, f.message))
            .collect();
        let ids: Vec<&str> = found
            .iter()
            .map(|f| f.split(':').next().unwrap_or(""))
            .collect();
        let audit = check::prose_numbers(&r, None);
        let not: Vec<String> = audit
            .unchecked()
            .map(|n| format!("{}（{}）", n.text, n.status.reason()))
            .collect();
        if ids != *rules || audit.checked() != *checked || not.len() != *unchecked {
            failures.push(format!(
                "{name}: findings {found:#?}; checked {}; not checked {not:#?}",
                audit.checked()
            ));
        }
        all_checked += audit.checked();
        all_unchecked += not.len();
        assert!(
            audit
                .numbers
                .iter()
                .all(|n| n.status != NumberStatus::Disagrees
                    || found.iter().any(|f| f.contains(&n.text)))
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    // Every fixture is in the list.
    let files =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reports"))
            .map(|d| d.count())
            .unwrap_or(0);
    assert_eq!(files, EXPECTED.len());
    println!("real reports: {all_checked} numbers checked, {all_unchecked} not checked");
}

/// The phrasings of the fixtures, written with the example's figures: all read, all checked,
/// no warning; with one figure off, exactly that one warns and names the rows it means.
#[test]
fn real_phrasings_are_read_as_the_rows_they_mean() {
    use nianbao_core::template::{T3Col, T3Row};
    let mut r = crate::support::example();
    let v = |row| r.table3.cell(row, T3Col::TOTAL).value;
    let (new, open, partial, out) = (
        v(T3Row::NEW),
        v(T3Row::OPEN),
        v(T3Row::PARTIAL),
        v(T3Row::CARRIED_OUT),
    );
    let natural = r.table3.cell(T3Row::NEW, T3Col::NATURAL).value;
    let text = format!(
        "2022年,新受理政府信息公开申请{new}件,办结{new}件,上年转结政府信息公开申请0件,转下一年办理{out}件。其中自然人申请{natural}件、法人或其他组织申请{}件。本街道共收到{new}件信息依申请公开,予以公开或部分公开{}件。",
        new - natural,
        open + partial
    );
    r.overview.parts[1].body = text.clone();
    let txt = |r: &Report| {
        check::check(r, None)
            .into_iter()
            .filter(|f| f.rule == Rule::TxtApps)
            .collect::<Vec<_>>()
    };
    assert!(txt(&r).is_empty(), "{:#?}", txt(&r));
    let audit = check::prose_numbers(&r, None);
    let here: Vec<_> = audit
        .numbers
        .iter()
        .filter(|n| n.place == Place::Prose(Prose::OverviewPart(1)))
        .collect();
    assert_eq!(here.len(), 8, "{here:#?}");
    assert!(
        here.iter().all(|n| n.status == NumberStatus::Agrees),
        "{here:#?}"
    );
    r.overview.parts[1].body = text.replace(&format!("转下一年办理{out}件"), "转下一年办理7件");
    let w = txt(&r);
    assert_eq!(w.len(), 1, "{w:#?}");
    assert!(w[0].message.contains("第四项"), "{}", w[0].message);
}
