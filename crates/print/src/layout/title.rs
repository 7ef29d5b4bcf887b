//! The title's lines: GB/T 9704 §7.3.1 asks that a title wrapped over several lines keep the
//! sense of its words (回行时词意完整) and that the lines form a 梯形 or 菱形. The title is
//! "<agency><year>年政府信息公开工作年度报告": it may break after an administrative or organ word
//! of the agency (省, 自治州, 县, 人民政府, 办公室, 局, 委员会…), after the year, and between the
//! words of the fixed suffix, never inside a word or a place name.

use super::text::{self, LineRange, Unit};
use nianbao_core::template::TITLE_SUFFIX;

/// Organ and administrative words of two or more characters; a line may break after them.
const ORGAN_WORDS: [&str; 22] = [
    "特别行政区",
    "人民代表大会",
    "常务委员会",
    "人民政府",
    "管理委员会",
    "街道办事处",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "办公室",
    "办公厅",
    "委员会",
    "管委会",
    "办事处",
    "开发区",
    "新区",
    "街道",
    "中心",
    "集团",
    "公司",
    "社区",
];
/// Administrative and organ words of one character.
const ORGAN_CHARS: &str = "省市州盟县区旗乡镇局厅委院署部处所站";
/// Characters that, following one of [`ORGAN_CHARS`], make a word with it (市场, 区域, 县级,
/// 部门, 处理…) or with a second organ character (州市, 乡镇): no break between them.
const WORD_CONTINUES: &str = "场政容民级委直属辖域划村街门理有员托校长府";

/// Most lines and candidate breaks [`shaped_lines`] searches.
const MAX_LINES: usize = 6;
const MAX_BREAKS: usize = 30;

/// Character indices of the title where a new line may start.
pub fn allowed_breaks(title: &str) -> Vec<usize> {
    let chars: Vec<char> = title.chars().collect();
    let n = chars.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        // Longest organ word starting here.
        let word = ORGAN_WORDS
            .iter()
            .map(|w| w.chars().collect::<Vec<char>>())
            .filter(|w| chars[i..].starts_with(w))
            .map(|w| w.len())
            .max();
        if let Some(len) = word {
            out.push(i + len);
            i += len;
            continue;
        }
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let prev = i.checked_sub(1).map(|p| chars[p]);
        // 县市场监督管理局 breaks after 县, 苏州市 not after 州.
        let market = chars[i + 1..].starts_with(&['市', '场']);
        if ORGAN_CHARS.contains(c)
            && next.is_some_and(|d| {
                !WORD_CONTINUES.contains(d) && (!ORGAN_CHARS.contains(d) || market)
            })
            && !(c == '市' && prev.is_some_and(|p| "城都".contains(p)))
        {
            out.push(i + 1);
        }
        // After a year (2025年).
        if c == '年' && i >= 4 && chars[i - 4..i].iter().all(|d| d.is_ascii_digit()) {
            out.push(i + 1);
        }
        i += 1;
    }
    // Between the words of the fixed suffix: 政府信息公开 / 工作 / 年度报告.
    if title.ends_with(TITLE_SUFFIX) {
        let start = n - TITLE_SUFFIX.chars().count();
        out.push(start);
        out.push(start + "政府信息公开".chars().count());
        out.push(start + "政府信息公开工作".chars().count());
    }
    out.retain(|&b| b > 0 && b < n);
    out.sort_unstable();
    out.dedup();
    out
}

/// The title broken only at `breaks` (unit indices) into the fewest lines that fit `width`,
/// as even as possible and shaped as a 梯形 or 菱形 (never a middle line shorter than both its
/// neighbours). `None` when no such breaking fits.
pub fn shaped_lines(units: &[Unit], width: f32, breaks: &[usize]) -> Option<Vec<LineRange>> {
    let len = units.len();
    let breaks: Vec<usize> = breaks
        .iter()
        .copied()
        .filter(|&b| b > 0 && b < len && units[b].break_before)
        .collect();
    let whole = LineRange { start: 0, end: len };
    let total = text::natural_width(units, whole);
    if total <= width + 0.01 {
        return Some(vec![whole]);
    }
    let em = units.iter().map(|u| u.width).fold(1.0f32, f32::max);
    let fewest = (total / width).ceil().max(2.0) as usize;
    // The search tries every choice of breaks: bounded, a title longer than this (no real
    // one is) is left to the even breaking of `text::balance_lines`.
    if fewest + 2 > MAX_LINES || breaks.len() > MAX_BREAKS {
        return None;
    }
    for lines in fewest..fewest + 3 {
        let mut best: Option<(f32, Vec<usize>)> = None;
        let mut chosen = Vec::new();
        search(
            units,
            width,
            &breaks,
            0,
            lines - 1,
            &mut chosen,
            &mut |cuts| {
                let ranges = ranges_of(cuts, len);
                let widths: Vec<f32> = ranges
                    .iter()
                    .map(|r| text::natural_width(units, *r))
                    .collect();
                let mean = widths.iter().sum::<f32>() / widths.len() as f32;
                let mut cost: f32 = widths.iter().map(|w| ((w - mean) / em).powi(2)).sum();
                // An hourglass is neither 梯形 nor 菱形.
                for w in widths.windows(3) {
                    if w[1] + 0.01 < w[0] && w[1] + 0.01 < w[2] {
                        cost += 100.0;
                    }
                }
                if best.as_ref().is_none_or(|(c, _)| cost < *c) {
                    best = Some((cost, cuts.to_vec()));
                }
            },
        );
        if let Some((_, cuts)) = best {
            return Some(ranges_of(&cuts, len));
        }
    }
    None
}

/// The title broken at exactly `cuts` (unit indices), when every line fits `width`.
pub fn chosen_lines(units: &[Unit], width: f32, cuts: &[usize]) -> Option<Vec<LineRange>> {
    let mut cuts: Vec<usize> = cuts
        .iter()
        .copied()
        .filter(|&c| c > 0 && c < units.len())
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    let ranges = ranges_of(&cuts, units.len());
    ranges
        .iter()
        .all(|r| text::natural_width(units, *r) <= width + 0.01)
        .then_some(ranges)
}

fn ranges_of(cuts: &[usize], len: usize) -> Vec<LineRange> {
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for &c in cuts.iter().chain(std::iter::once(&len)) {
        out.push(LineRange { start, end: c });
        start = c;
    }
    out
}

/// Calls `found` with every choice of `left` more cuts from `breaks` after `from` such that
/// every line fits `width`.
fn search(
    units: &[Unit],
    width: f32,
    breaks: &[usize],
    from: usize,
    left: usize,
    chosen: &mut Vec<usize>,
    found: &mut dyn FnMut(&[usize]),
) {
    if left == 0 {
        let last = LineRange {
            start: from,
            end: units.len(),
        };
        if text::natural_width(units, last) <= width + 0.01 {
            found(chosen);
        }
        return;
    }
    for &b in breaks.iter().filter(|&&b| b > from) {
        if text::natural_width(
            units,
            LineRange {
                start: from,
                end: b,
            },
        ) > width + 0.01
        {
            break;
        }
        chosen.push(b);
        search(units, width, breaks, b, left - 1, chosen, found);
        chosen.pop();
    }
}
