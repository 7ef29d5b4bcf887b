//! TXT-LINT: what reviewers mark in the wording: half-width punctuation in Chinese sentences,
//! doubled characters ("性性"), brackets of both widths, numbering that skips, repeats, is
//! written wrongly or takes the level of the report's own headings, and section 一 longer than
//! the cap the person set.

use super::{Findings, Rule, Span};
use crate::model::{Place, Prose, Report};
use crate::template::SectionKey;
use crate::text::claims::{chinese_value, is_chinese_numeral};

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
                half.push((*c, *full, i));
            }
        }
        if let Some((h, full, at)) = half.first() {
            f.warn_at(
                Rule::TxtLint,
                place,
                Span::of(*at, 1),
                format!(
                    "中文句子中有 {} 处半角标点（如“{h}”），应使用全角标点（如“{full}”）。",
                    half.len()
                ),
            );
        }
        // Doubled characters.
        let doubled: Vec<(usize, String)> = chars
            .windows(2)
            .enumerate()
            .filter(|(_, w)| w[0] == w[1] && DOUBLED_SUSPECTS.contains(w[0]))
            .map(|(i, w)| (i, w.iter().collect()))
            .collect();
        if let Some((at, first)) = doubled.first() {
            f.warn_at(
                Rule::TxtLint,
                place,
                Span::of(*at, 2),
                format!(
                    "有 {} 处字词或标点重复（如“{first}”），请检查是否多打了字。",
                    doubled.len()
                ),
            );
        }
        // Brackets of both widths.
        let has = |c: char| chars.contains(&c);
        if (has('(') || has(')')) && (has('（') || has('）')) {
            let at = chars
                .iter()
                .position(|c| *c == '(' || *c == ')')
                .unwrap_or(0);
            f.warn_at(
                Rule::TxtLint,
                place,
                Span::of(at, 1),
                "括号全角“（）”与半角“()”混用，请统一使用全角括号。".into(),
            );
        }
    }
    for field in Prose::all() {
        check_numbering(field, r.prose(field), f);
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

/// The levels of headings in the body of a report (GB/T 9704 §7.3.3): "一、", "（一）", "1.",
/// "（1）".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    One,
    Two,
    Three,
    Four,
}

/// A number at the start of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Marker {
    level: Level,
    n: u64,
    /// As written, with its punctuation: "（二）", "1、".
    written: String,
    /// How it should be written, when it is not: "1.".
    should_be: Option<String>,
}

/// The number a paragraph starts with, if any.
fn marker(line: &str) -> Option<Marker> {
    let chars: Vec<char> = line
        .trim_start_matches(|c: char| c.is_whitespace())
        .chars()
        .collect();
    let run = |from: usize, f: fn(char) -> bool| {
        chars[from.min(chars.len())..]
            .iter()
            .take_while(|c| f(**c))
            .count()
    };
    let value = |from: usize, len: usize| -> Option<(u64, bool)> {
        let s = &chars[from..from + len];
        if s.iter().all(char::is_ascii_digit) {
            s.iter()
                .collect::<String>()
                .parse()
                .ok()
                .map(|n| (n, false))
        } else {
            chinese_value(s).map(|n| (n, true))
        }
    };
    let is_number = |c: char| c.is_ascii_digit() || is_chinese_numeral(c);
    let first = *chars.first()?;
    if first == '（' || first == '(' {
        let len = run(1, is_number);
        let close = *chars.get(1 + len)?;
        if len == 0 || len > 3 || !(close == '）' || close == ')') {
            return None;
        }
        let (n, chinese) = value(1, len)?;
        let inner: String = chars[1..1 + len].iter().collect();
        let level = if chinese { Level::Two } else { Level::Four };
        let mut written: String = chars[..2 + len].iter().collect();
        let after = chars.get(2 + len).copied();
        let trailing = after.is_some_and(|c| "、.．，,".contains(c));
        if trailing {
            written.extend(after);
        }
        let half = first == '(' || close == ')';
        return Some(Marker {
            level,
            n,
            written,
            should_be: (half || trailing).then(|| format!("（{inner}）")),
        });
    }
    let len = run(0, is_number);
    if len == 0 || len > 3 {
        return None;
    }
    let (n, chinese) = value(0, len)?;
    let inner: String = chars[..len].iter().collect();
    let mark = *chars.get(len)?;
    // "2.5万元" is no number of a heading.
    let decimal = chars.get(len + 1).is_some_and(char::is_ascii_digit);
    let (level, right) = match (chinese, mark) {
        (true, '、') => (Level::One, true),
        (true, '.' | '．') => (Level::One, false),
        (false, '.' | '．') if !decimal => (Level::Three, mark == '.'),
        (false, '、') => (Level::Three, false),
        _ => return None,
    };
    Some(Marker {
        level,
        n,
        written: format!("{inner}{mark}"),
        should_be: (!right).then(|| match level {
            Level::One => format!("{inner}、"),
            _ => format!("{inner}."),
        }),
    })
}

/// The first level a field's own paragraphs may use: under "一、总体情况" the next is "（一）";
/// under a sub-head "（一）……" it is "1.".
fn first_free_level(field: Prose) -> Option<Level> {
    match field {
        Prose::Preface => None,
        Prose::OverviewIntro | Prose::Problems => Some(Level::Two),
        Prose::OverviewPart(_) | Prose::OtherItem(_) => Some(Level::Three),
    }
}

/// Enumerations inside sentences: "一是……二是……三是……", each starting a clause: the number,
/// the words and where they stand.
fn inline_enumeration(text: &str) -> Vec<(u64, String, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts_clause = i == 0 || "。；，：！？\n　 ".contains(chars[i - 1]);
        let len = chars[i..]
            .iter()
            .take_while(|c| is_chinese_numeral(**c))
            .count();
        if starts_clause
            && len > 0
            && len <= 3
            && chars.get(i + len) == Some(&'是')
            && let Some(n) = chinese_value(&chars[i..i + len])
        {
            out.push((n, chars[i..=i + len].iter().collect(), i));
        }
        i += len.max(1);
    }
    out
}

/// Numbering that skips or repeats ("（二）" then "（四）"), is written wrongly ("1、", "（一）、"),
/// or takes the level of the report's own headings: one warning per field, with the first few.
fn check_numbering(field: Prose, text: &str, f: &mut Findings) {
    // What is wrong, and where (the marker, in characters).
    let mut problems: Vec<(String, Span)> = Vec::new();
    let mut last: [Option<(u64, String)>; 4] = Default::default();
    let mut clash = None;
    let mut line_start = 0;
    for line in text.split('\n') {
        let at = line_start + line.chars().take_while(|c| c.is_whitespace()).count();
        line_start += line.chars().count() + 1;
        let Some(m) = marker(line) else { continue };
        let span = Span::of(at, m.written.chars().count());
        let level = m.level as usize;
        // A new list may start again at 1.
        if let Some((n, written)) = &last[level]
            && m.n != n + 1
            && m.n != 1
        {
            problems.push((format!("“{written}”之后是“{}”", m.written), span));
        }
        last[level] = Some((m.n, m.written.clone()));
        for deeper in &mut last[level + 1..] {
            *deeper = None;
        }
        if let Some(right) = &m.should_be {
            problems.push((format!("“{}”应写作“{right}”", m.written), span));
        }
        if first_free_level(field).is_some_and(|free| m.level < free) && clash.is_none() {
            clash = Some((m.written.clone(), span));
        }
    }
    let mut previous: Option<(u64, String)> = None;
    for (n, written, at) in inline_enumeration(text) {
        let span = Span::of(at, written.chars().count());
        match &previous {
            Some((p, before)) if n != p + 1 && n != 1 => {
                problems.push((format!("“{before}”之后是“{written}”"), span));
            }
            None if n != 1 => problems.push((format!("“{written}”前面没有“一是”"), span)),
            _ => {}
        }
        previous = Some((n, written));
    }
    let place = Place::Prose(field);
    if let Some((written, span)) = clash {
        let free = match first_free_level(field) {
            Some(Level::Two) => "“（一）”“1.”",
            _ => "“1.”“（1）”",
        };
        f.warn_at(
            Rule::TxtLint,
            place,
            span,
            format!("段落以“{written}”开头，与报告本身的标题同级，读者会误以为是新的标题；这里的层次请用{free}。"),
        );
    }
    if let Some((first, span)) = problems.first() {
        let more = if problems.len() > 1 {
            format!("等 {} 处", problems.len())
        } else {
            String::new()
        };
        f.warn_at(
            Rule::TxtLint,
            place,
            *span,
            format!(
                "序号有误：{first}{more}。请检查编号是否连续、写法是否规范（一、（一）1.（1））。"
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_read_with_their_level() {
        let m = |s: &str| marker(s).map(|m| (m.level, m.n, m.should_be));
        assert_eq!(m("一、总体情况"), Some((Level::One, 1, None)));
        assert_eq!(m("（十二）其他"), Some((Level::Two, 12, None)));
        assert_eq!(m("3.加强培训"), Some((Level::Three, 3, None)));
        assert_eq!(m("（2）规范答复"), Some((Level::Four, 2, None)));
        assert_eq!(m("1、加强培训"), Some((Level::Three, 1, Some("1.".into()))));
        assert_eq!(
            m("（一）、主动公开"),
            Some((Level::Two, 1, Some("（一）".into())))
        );
        assert_eq!(m("(3)规范"), Some((Level::Four, 3, Some("（3）".into()))));
        assert_eq!(m("二.依申请"), Some((Level::One, 2, Some("二、".into()))));
        assert_eq!(m("2.5万元用于"), None);
        assert_eq!(m("2021年，"), None);
        assert_eq!(m("一是加强"), None);
    }

    #[test]
    fn inline_enumerations_are_found() {
        let found: Vec<u64> =
            inline_enumeration("一是加强领导；二是完善制度，三是强化培训。统一是关键")
                .into_iter()
                .map(|(n, _, _)| n)
                .collect();
        assert_eq!(found, [1, 2, 3]);
    }
}
