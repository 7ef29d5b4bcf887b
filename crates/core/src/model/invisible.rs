//! Invisible characters: Unicode's default-ignorable code points (zero-width space U+200B, the
//! byte-order mark U+FEFF, word joiner U+2060, variation selectors such as U+FE0F, direction
//! marks). Text pasted from web pages and WeChat carries them; they print as nothing, so layout
//! skips them, the checks point them out, and the form can remove them in one go.

use super::{MetaField, Place, Prose, Report};

/// Whether `ch` is a Unicode default-ignorable code point (DerivedCoreProperties.txt,
/// Default_Ignorable_Code_Point): drawn as nothing when a font has no glyph for it.
pub fn is_default_ignorable(ch: char) -> bool {
    matches!(ch as u32,
        0x00AD | 0x034F | 0x061C | 0x115F..=0x1160 | 0x17B4..=0x17B5 | 0x180B..=0x180F
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
        | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFF8 | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A
        | 0xE0000..=0xE0FFF)
}

/// The text without its invisible characters.
pub fn strip_invisible(text: &str) -> String {
    text.chars().filter(|c| !is_default_ignorable(*c)).collect()
}

/// How an invisible character is named to the user: its code and, for the common ones, what it
/// is.
pub fn describe_invisible(ch: char) -> String {
    let what = match ch {
        '\u{200B}' => "零宽空格",
        '\u{200C}' | '\u{200D}' => "零宽连接符",
        '\u{FEFF}' => "字节顺序标记（BOM）",
        '\u{2060}' => "零宽不换行符",
        '\u{FE00}'..='\u{FE0F}' => "变体选择符",
        '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {
            "文字方向控制符"
        }
        '\u{00AD}' => "软连字符",
        _ => "不可见字符",
    };
    format!("{what}（U+{:04X}）", ch as u32)
}

impl Report {
    /// Every place with invisible characters, with the characters found there (each once, in
    /// order of appearance).
    pub fn invisible_chars(&self) -> Vec<(Place, Vec<char>)> {
        let mut out = Vec::new();
        let mut look = |place: Place, text: &str| {
            let mut found: Vec<char> = Vec::new();
            for ch in text.chars().filter(|c| is_default_ignorable(*c)) {
                if !found.contains(&ch) {
                    found.push(ch);
                }
            }
            if !found.is_empty() {
                out.push((place, found));
            }
        };
        for field in MetaField::ALL {
            look(Place::Meta(field), &self.meta_text(field));
        }
        for (i, part) in self.overview.parts.iter().enumerate() {
            look(Place::OverviewTitle(i), &part.title);
        }
        for field in Prose::all() {
            look(Place::Prose(field), self.prose(field));
        }
        out
    }

    /// Removes every invisible character from the report's text (the form's one-click removal);
    /// returns how many were removed.
    pub fn strip_invisible(&mut self) -> usize {
        let mut removed = 0;
        let mut strip = |s: &mut String| {
            let before = s.chars().count();
            *s = strip_invisible(s);
            removed += before - s.chars().count();
        };
        let m = &mut self.meta;
        for s in [
            &mut m.agency,
            &mut m.portal_name,
            &mut m.portal_url,
            &mut m.column_name,
            &mut m.address,
            &mut m.phone,
        ] {
            strip(s);
        }
        for part in &mut self.overview.parts {
            strip(&mut part.title);
        }
        for field in Prose::all() {
            if let Some(s) = self.prose_mut(field) {
                strip(s);
            }
        }
        removed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_are_found_and_removed() {
        let mut r = Report::new("某\u{200B}局", 2024);
        r.problems = "一是\u{FEFF}……\u{2060}二是👍\u{FE0F}".into();
        let found = r.invisible_chars();
        // The default preface repeats the agency name.
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(found[0].0, Place::Meta(MetaField::Agency));
        assert_eq!(r.strip_invisible(), 5);
        assert_eq!(r.meta.agency, "某局");
        assert_eq!(r.problems, "一是……二是👍");
        assert!(r.invisible_chars().is_empty());
        assert!(describe_invisible('\u{200B}').contains("零宽空格"));
        assert!(!is_default_ignorable('中') && !is_default_ignorable(' '));
    }
}
