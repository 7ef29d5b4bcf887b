//! Generated drafts (5-digit counts, long prose, rare characters, empty parts) exported as Word,
//! as a web page and as PDF read back to the same draft; so do the example and the 23 real
//! reports exported as PDF.

use super::support::*;
use nianbao_core::model::{Cell, Date, Entry, Report, Signoff, Subsection, Wanyuan};
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

/// A paragraph as `paragraph` for a PDF: without 𠀀 (U+20000), which no bundled font draws
/// (the PDF export stops before printing a character it cannot draw; the Word and web page
/// exports keep it as text); and without a heading's number inside ("2、", "三、", "（3）"): a
/// printed line may start with it, and a line that starts so begins a paragraph when read
/// back (a PDF has no other mark of a numbered paragraph printed flush).
fn printable(text: String) -> String {
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    let chars: Vec<char> = text.replace('𠀀', "𠮷").chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let after_numeral = i > 0 && numeral(chars[i - 1]);
        let before_numeral = chars.get(i + 1).is_some_and(|n| numeral(*n));
        match c {
            '、' if after_numeral => out.push('，'),
            '（' if before_numeral => out.push('《'),
            _ => out.push(c),
        }
    }
    out
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

/// A paragraph as printed prose is written: mostly hanzi, with counts (up to 5 digits), Latin
/// words, the marks of Chinese text and rare characters (〇, 龘, 𠮷 outside the BMP). The
/// random mix of `paragraph` has lines of Latin and marks that a justified line cannot stretch
/// (left short, they read as a paragraph's end).
fn prose_paragraph() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => "[\u{4e10}-\u{9fa5}]{1,12}",
        2 => (0u32..100_000, "[件条个项次]").prop_map(|(n, unit)| format!("{n}{unit}")),
        1 => "[a-zA-Z]{2,8}[\u{4e10}-\u{9fa5}]",
        2 => "[，。、；：“”（）《》%]",
        1 => "[〇龘𠮷]",
    ];
    (
        "[\u{4e10}-\u{4e50}]",
        proptest::collection::vec(piece, 2..60),
    )
        .prop_map(|(first, pieces)| printable(format!("{first}{}", pieces.concat())))
}

fn prose_paragraphs(min: usize, max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(prose_paragraph(), min..=max).prop_map(|p| p.join("\n"))
}

/// A generated draft closed by the agency's name over the date (落款), its title broken by
/// hand after the agency or at any character.
fn signed_report() -> impl Strategy<Value = Report> {
    let prose = (
        prose_paragraphs(1, 3),
        prose_paragraphs(0, 2),
        proptest::collection::vec(prose_paragraphs(0, 3), OVERVIEW_SUBHEADS.len()),
        prose_paragraphs(1, 3),
        proptest::collection::vec(
            prop_oneof![
                Just(String::new()),
                Just("无".to_string()),
                prose_paragraphs(1, 3)
            ],
            OTHER_ITEMS.len(),
        ),
    );
    (
        report(),
        prose,
        any::<bool>(),
        proptest::option::of(any::<prop::sample::Index>()),
    )
        .prop_map(|(mut r, prose, signed, at)| {
            let (preface, intro, parts, problems, items) = prose;
            r.preface = preface;
            r.overview.intro = intro;
            for (part, body) in r.overview.parts.iter_mut().zip(parts) {
                part.body = body;
            }
            r.problems = problems;
            for (item, text) in r.other_items.iter_mut().zip(items) {
                *item = text;
            }
            if signed {
                r.meta.signoff = Signoff::NameAndDate;
            }
            let title: Vec<char> = r.title().chars().collect();
            let cut = match at {
                Some(i) => 1 + i.index(title.len() - 1),
                None => r.meta.agency.chars().count(),
            };
            let (a, b) = title.split_at(cut);
            r.meta.title_lines = format!(
                "{}/{}",
                a.iter().collect::<String>(),
                b.iter().collect::<String>()
            );
            r
        })
}

#[test]
fn the_example_and_the_real_reports_read_back_from_pdf() {
    let mut all = vec![("example".to_string(), example())];
    all.extend(fixtures());
    assert_eq!(all.len(), 24);
    // The example closed by the agency's name over the date, its title broken by hand.
    let mut signed = example();
    signed.meta.signoff = Signoff::NameAndDate;
    signed.meta.date = Date::parse("2022-1-20");
    assert!(signed.meta.date.is_some());
    signed.meta.title_lines = format!("{}/{}年政府信息公开工作年度报告", signed.meta.agency, 2021);
    assert!(signed.meta.title_lines_for(&signed.title()).is_some());
    all.push(("example with 落款 and title lines".to_string(), signed));
    let failed = round_trip_failures(&all, Format::Pdf);
    assert!(failed.is_empty(), "{failed}");
}

proptest! {
    // PDF export takes ~30 ms a draft: fewer cases than for Word and HTML.
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn generated_drafts_read_back_from_pdf(report in signed_report()) {
        let diff = round_trip(&report, Format::Pdf);
        prop_assert!(diff.is_empty(), "{}", diff.join("\n"));
    }
}
