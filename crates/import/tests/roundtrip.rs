//! Generated drafts (5-digit counts, long prose, rare characters, empty parts) exported as Word
//! and as a web page read back to the same draft.

use super::support::*;
use nianbao_core::model::{Cell, Date, Entry, Report, Subsection, Wanyuan};
use nianbao_core::template::{OTHER_ITEMS, OVERVIEW_SUBHEADS};
use nianbao_print::Format;
use proptest::prelude::*;

/// A paragraph: starts with a Chinese character that is no numeral (so it is never a heading),
/// then Chinese, Latin, digits, punctuation, characters outside the BMP and HTML's specials.
fn paragraph() -> impl Strategy<Value = String> {
    "[\u{4e10}-\u{4e50}][\u{4e00}-\u{9fa5}a-zA-Z0-9，。、；：“”（）《》%〇龘𠀀𠮷<>&\"'-]{4,300}"
}

fn paragraphs(min: usize, max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(paragraph(), min..=max).prop_map(|p| p.join("\n"))
}

fn count() -> impl Strategy<Value = Entry<u32>> {
    prop_oneof![
        8 => (0u32..100_000).prop_map(Entry::Value),
        1 => Just(Entry::Blank),
    ]
}

fn report() -> impl Strategy<Value = Report> {
    let meta = (
        "[\u{4e10}-\u{9fa5}]{2,24}",
        2000u16..=2100,
        proptest::option::of((2000u16..=2100, 1u8..=12, 1u8..=28)),
    );
    let prose = (
        paragraphs(1, 3),
        paragraphs(0, 2),
        proptest::collection::vec(
            (
                prop_oneof![Just(String::new()), "[\u{4e10}-\u{9fa5}]{2,12}"],
                paragraphs(0, 3),
            ),
            OVERVIEW_SUBHEADS.len(),
        ),
        paragraphs(1, 3),
        proptest::collection::vec(
            prop_oneof![
                Just(String::new()),
                Just("无".to_string()),
                paragraphs(1, 3)
            ],
            OTHER_ITEMS.len(),
        ),
    );
    let cells = (
        proptest::collection::vec(count(), entered_cells().len()),
        0u64..100_000_000,
    );
    (meta, prose, cells).prop_map(|((agency, year, date), prose, (counts, fee))| {
        let mut r = Report::new(&agency, year);
        r.meta.date = date.and_then(|(y, m, d)| Date::parse(&format!("{y}-{m}-{d}")));
        let (preface, intro, parts, problems, items) = prose;
        r.preface = preface;
        r.overview.intro = intro;
        r.overview.parts = parts
            .into_iter()
            .map(|(title, body)| Subsection { title, body })
            .collect();
        r.problems = problems;
        for (slot, text) in r.other_items.iter_mut().zip(items) {
            *slot = text;
        }
        for (cell, entry) in entered_cells().into_iter().zip(counts) {
            match (cell, entry) {
                (Cell::T2Fee, _) => {
                    r.table2.fee = Entry::Value(Wanyuan {
                        ten_thousandths: fee,
                    })
                }
                (cell, Entry::Value(v)) => r.set_cell(cell, &v.to_string()),
                _ => {}
            }
        }
        r
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn generated_drafts_read_back_the_same(report in report()) {
        for (name, format) in [("g.docx", Format::Docx), ("g.html", Format::Html)] {
            let got = import(name, &exported(&report, format));
            let diff = differences(&report, &got.report);
            prop_assert!(diff.is_empty(), "{name}: {}", diff.join("\n"));
            prop_assert!(got.unplaced.is_empty(), "{name}: {:?}", got.unplaced);
            let totals: Vec<_> = got.findings.iter().filter(|f| f.rule.is_audit()).collect();
            prop_assert!(totals.is_empty(), "{name}: {totals:?}");
        }
    }
}
