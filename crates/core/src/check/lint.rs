//! TXT-LINT: what reviewers mark in the wording: half-width punctuation in Chinese sentences,
//! doubled characters ("性性"), brackets of both widths, and section 一 longer than the cap
//! the person set.

use super::{Findings, Rule};
use crate::model::{Place, Prose, Report};
use crate::template::SectionKey;

/// Characters whose doubling is almost always a slip of the keyboard.
const DOUBLED_SUSPECTS: &str = "的了和与及在对将为是并把被于已其该性，。；、：";

/// Half-width marks and the full-width ones Chinese text uses instead.
const HALF_WIDTH: [(char, char); 5] = [
    (',', '，'),
    (':', '：'),
    (';', '；'),
    ('(', '（'),
    (')', '）'),
];

fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3000}'..='\u{303F}').contains(&c)
}

/// The number of characters of section 一 (opening and five sub-heads, white space aside):
/// what some cities cap at 1000 字.
pub fn overview_chars(r: &Report) -> usize {
    std::iter::once(r.overview.intro.as_str())
        .chain(r.overview.parts.iter().map(|p| p.body.as_str()))
        .flat_map(str::chars)
        .filter(|c| !c.is_whitespace())
        .count()
}

pub(super) fn check(r: &Report, f: &mut Findings) {
    for field in Prose::all() {
        let text = r.prose(field);
        let chars: Vec<char> = text.chars().collect();
        let place = Place::Prose(field);
        // Half-width punctuation between Chinese characters.
        let mut half = Vec::new();
        for (i, c) in chars.iter().enumerate() {
            let Some((_, full)) = HALF_WIDTH.iter().find(|(h, _)| h == c) else {
                continue;
            };
            let prev = chars[..i].iter().rev().find(|c| !c.is_whitespace());
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            let chinese = match c {
                '(' => next.is_some_and(|c| is_cjk(*c)),
                ')' => prev.is_some_and(|c| is_cjk(*c)),
                _ => prev.is_some_and(|c| is_cjk(*c)) && next.is_some_and(|c| is_cjk(*c)),
            };
            if chinese {
                half.push((*c, *full));
            }
        }
        if let Some((h, full)) = half.first() {
            f.warn(
                Rule::TxtLint,
                place,
                format!(
                    "中文句子中有 {} 处半角标点（如“{h}”），应使用全角标点（如“{full}”）。",
                    half.len()
                ),
            );
        }
        // Doubled characters.
        let doubled: Vec<String> = chars
            .windows(2)
            .filter(|w| w[0] == w[1] && DOUBLED_SUSPECTS.contains(w[0]))
            .map(|w| w.iter().collect())
            .collect();
        if let Some(first) = doubled.first() {
            f.warn(
                Rule::TxtLint,
                place,
                format!(
                    "有 {} 处字词或标点重复（如“{first}”），请检查是否多打了字。",
                    doubled.len()
                ),
            );
        }
        // Brackets of both widths.
        let has = |c: char| chars.contains(&c);
        if (has('(') || has(')')) && (has('（') || has('）')) {
            f.warn(
                Rule::TxtLint,
                place,
                "括号全角“（）”与半角“()”混用，请统一使用全角括号。".into(),
            );
        }
    }
    if let Some(cap) = r.meta.overview_limit.filter(|c| *c > 0) {
        let n = overview_chars(r);
        if n > cap as usize {
            f.warn(
                Rule::TxtLint,
                Place::Section(SectionKey::Overview),
                format!("总体情况共 {n} 字，超过设定的 {cap} 字上限。"),
            );
        }
    }
}
