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
    // Digits in a 楷体 heading come from the body face, not FandolKai's Computer Modern.
    assert_eq!(family(&set, Role::Subheading, '7'), "FandolFang R");
    assert!(set.covers('堃'));
    assert!(!set.covers('𪛖'));
    let missing = set.missing_chars([(Place::Prose(Prose::Preface), "甲𪛖乙𪛖")]);
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0].count, 2);
    assert!(missing[0].to_string().contains("U+2A6D6"), "{}", missing[0]);
}

#[test]
fn a_missing_font_folder_is_reported_in_chinese() {
    let mut options = crate::support::bundled().fonts;
    options.font_dir = Some("/nonexistent/fonts".into());
    let err = FontSet::load(&options).unwrap_err();
    assert!(err.to_string().contains("字体文件夹中缺少"), "{err}");
}
