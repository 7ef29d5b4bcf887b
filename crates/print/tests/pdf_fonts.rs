//! The bundled fonts: every role served, per-character fallback, missing characters found.

use nianbao_core::model::{Place, Prose};
use nianbao_print::fonts::{FontSet, GlyphSource, Role};

fn bundled_set() -> FontSet {
    match FontSet::load(&crate::support::bundled().fonts) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    }
}

fn family(set: &FontSet, role: Role, ch: char) -> String {
    let g = set.glyph(role, ch).expect("a glyph");
    set.face(g.face).expect("a face").family.clone()
}

#[test]
fn each_role_has_its_bundled_face() {
    let set = bundled_set();
    assert_eq!(family(&set, Role::Body, '政'), "FandolFang R");
    assert!(family(&set, Role::Subheading, '政').starts_with("FandolKai"));
    assert!(family(&set, Role::Title, '政').contains("Noto Serif CJK SC"));
    assert!(family(&set, Role::Heading, '政').contains("Nianbao Sans SC"));
    assert!(family(&set, Role::PageNumber, '1').contains("Noto Serif CJK SC"));
    // Title in the Bold face, page numbers in the Regular one.
    let title = set.glyph(Role::Title, '政').unwrap().face;
    let number = set.glyph(Role::PageNumber, '政').unwrap().face;
    assert_ne!(title, number);
}

#[test]
fn rare_characters_fall_back_per_character() {
    let set = bundled_set();
    // 堃 and 喆 are past GB2312: FandolFang lacks them, Noto Serif has them.
    for ch in ['堃', '喆', '珺'] {
        let fam = family(&set, Role::Body, ch);
        assert!(fam.contains("Noto Serif CJK SC"), "{ch}: {fam}");
    }
    // Extension A (䶮 in a name, 㮾 in a place name) comes from the Noto subsets too.
    for ch in ['䶮', '㮾'] {
        let fam = family(&set, Role::Body, ch);
        assert!(fam.contains("Noto Serif CJK SC"), "{ch}: {fam}");
        assert!(family(&set, Role::Heading, ch).contains("Nianbao Sans SC"));
    }
    assert!(set.covers('堃'));
    // An Extension B character Noto SC does not draw.
    assert!(!set.covers('𪛖'));
    let missing = set.missing_chars([(Place::Prose(Prose::Preface), "甲𪛖乙𪛖")]);
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0].count, 2);
    assert!(missing[0].to_string().contains("U+2A6D6"), "{}", missing[0]);
}

#[test]
fn ascii_in_fangsong_and_kaiti_comes_from_the_times_metric_serif() {
    let set = bundled_set();
    for ch in ['0', '7', 'A', 'z', '%', '.', '/', '@', ':'] {
        assert_eq!(family(&set, Role::Body, ch), "Nianbao Serif", "{ch}");
        // Not FandolKai's Computer Modern in a 楷体 heading either.
        assert_eq!(family(&set, Role::Subheading, ch), "Nianbao Serif", "{ch}");
    }
    // Full-width marks and hanzi stay in the Chinese faces.
    for ch in ['，', '（', '“', '％', '政'] {
        assert_eq!(family(&set, Role::Body, ch), "FandolFang R", "{ch}");
    }
    // Headings in 黑体 keep the sans face's own digits.
    assert!(family(&set, Role::Heading, '1').contains("Nianbao Sans SC"));
    // Times metrics: digits are half an em, so a number takes the width it takes in
    // Times New Roman, and a line breaks the same with either font.
    let digit = set.glyph(Role::Body, '5').expect("a glyph");
    assert!((digit.advance - 0.5).abs() < 1e-6, "{}", digit.advance);
    let space = set.glyph(Role::Body, ' ').expect("a glyph");
    assert!((space.advance - 0.25).abs() < 1e-6, "{}", space.advance);
}

#[test]
fn characters_printed_in_another_face_are_listed_with_their_places() {
    let set = bundled_set();
    let preface = Place::Prose(Prose::Preface);
    let problems = Place::Prose(Prose::Problems);
    let texts = [
        (
            preface,
            Role::Body,
            "联系人：王彧、李堃、张昇、陈喆、赵珺、孙玥，地址：堌堆村。",
        ),
        (problems, Role::Body, "堌堆村2021年"),
        // The title's Noto Serif Bold has 堌: no fallback there.
        (preface, Role::Title, "某某县堌堆镇人民政府"),
    ];
    let found = set.fallback_chars(texts);
    let chars: String = found.iter().map(|f| f.ch).collect();
    assert_eq!(chars, "彧堃昇喆珺玥堌");
    let gu = found.iter().find(|f| f.ch == '堌').expect("堌");
    assert_eq!(gu.count, 2);
    assert_eq!(gu.places, vec![preface, problems]);
    assert_eq!(gu.role, Role::Body);
    assert!(gu.family.contains("Noto Serif CJK SC"), "{}", gu.family);
    let warnings = nianbao_print::fonts::fallback_warnings(&found);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let w = &warnings[0];
    for needle in [
        "仿宋",
        "FandolFang",
        "Noto Serif CJK SC",
        "“堌”（U+580C，2处",
        "彧",
        "玥",
    ] {
        assert!(w.contains(needle), "{needle} not in {w}");
    }
    assert!(
        w.contains(&preface.describe()) && w.contains(&problems.describe()),
        "{w}"
    );
    // Nothing to say about text every face of its role has.
    assert!(
        set.fallback_chars([(preface, Role::Body, "政府信息公开 2021")])
            .is_empty()
    );
}

#[test]
fn a_missing_font_folder_is_reported_in_chinese() {
    let mut options = crate::support::bundled().fonts;
    options.font_dir = Some("/nonexistent/fonts".into());
    let err = FontSet::load(&options).unwrap_err();
    assert!(err.to_string().contains("字体文件夹中缺少"), "{err}");
}

/// A preface with rare name and place characters (past GB2312, in Extension A) and numbers.
const RARE: &str = "联系人王彧、李堃、张昇、陈喆、赵珺、孙玥，地址堌堆村，龑䶮与㮾下村，电话0537—8723725，2021年共1234条。";

fn rare_report() -> nianbao_core::model::Report {
    let mut report = crate::support::example();
    report.preface = RARE.to_string();
    report
}

#[test]
fn rare_and_extension_a_characters_export_and_read_back_by_pdftotext() {
    let report = rare_report();
    let exported = match nianbao_print::export(
        &report,
        nianbao_print::Format::Pdf,
        &crate::support::bundled(),
    ) {
        Ok(e) => e,
        Err(e) => panic!("export stopped: {e}"),
    };
    // The warning names the characters that print in the 宋体-style face, and where.
    let warning = exported
        .summary
        .warnings
        .iter()
        .find(|w| w.contains("仿宋"))
        .unwrap_or_else(|| panic!("no fallback warning: {:?}", exported.summary.warnings));
    for ch in "彧堃昇喆珺玥堌䶮㮾".chars() {
        assert!(warning.contains(ch), "{ch} not in {warning}");
    }
    assert!(
        warning.contains(&Place::Prose(Prose::Preface).describe()),
        "{warning}"
    );

    let dir = tempfile::tempdir().unwrap();
    let path = crate::support::write_temp(&dir, "rare.pdf", &exported.bytes);
    let p = path.to_string_lossy();
    let text = crate::support::squeeze(&crate::support::run_tool("pdftotext", &[&p, "-"]));
    assert!(text.contains(RARE), "{RARE} not in the extracted text");
    let fonts = crate::support::run_tool("pdffonts", &[&p]);
    for name in [
        "+NianbaoSerif-Regular",
        "+FandolFang-Regular",
        "+NotoSerifCJKsc-Regular",
    ] {
        let row = fonts
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} not in\n{fonts}"));
        assert!(row.contains("yes yes yes"), "{row}");
    }
    assert!(fonts.contains("CID TrueType"), "{fonts}");
}

#[test]
fn digits_in_body_text_are_drawn_from_the_serif() {
    // Read from the laid-out pages, which the PDF writer only draws: no outside tool needed.
    let report = rare_report();
    let prepared = match nianbao_print::Prepared::new(&report, &crate::support::bundled().fonts) {
        Ok(p) => p,
        Err(e) => panic!("{e}"),
    };
    let doc = prepared.layout();
    let (mut body_digits, mut cell_digits) = (0, 0);
    for page in &doc.pages {
        for item in &page.items {
            let nianbao_print::layout::Item::Text(run) = item else {
                continue;
            };
            let family = &prepared.fonts.face(run.face).expect("a face").family;
            for g in &run.glyphs {
                // Nowhere a digit in Fandol's Computer Modern style.
                if g.ch.is_ascii_digit() {
                    assert!(!family.starts_with("Fandol"), "{} in {family}", g.ch);
                }
                match run.place {
                    Some(Place::Prose(Prose::Preface)) if g.ch.is_ascii_digit() => {
                        assert_eq!(family, "Nianbao Serif", "{}", g.ch);
                        body_digits += 1;
                    }
                    Some(Place::Prose(Prose::Preface)) if g.ch == '年' => {
                        assert_eq!(family, "FandolFang R");
                    }
                    // The tables' values.
                    Some(Place::Cell(_)) if g.ch.is_ascii_digit() => {
                        assert_eq!(family, "Nianbao Serif", "{}", g.ch);
                        cell_digits += 1;
                    }
                    _ => {}
                }
            }
        }
    }
    // 0537—8723725, 2021 and 1234.
    assert_eq!(body_digits, 19);
    assert!(cell_digits > 100, "{cell_digits} digits in table cells");
}
