//! Numbers stated in prose: every "<number> 件/条/份/宗" with the clause it stands in, the rest of
//! the clause after it, and a percentage stated right after it ("共收到申请 11 件，占 37%";
//! "（占37%）"; "占比9.1%"). Numbers are read in half- and full-width digits and in Chinese
//! numerals ("收到申请十二件", "两件", "一百零五件"). The checks match them to table cells.

use super::phrases::{AGAINST_LAST_YEAR, COUNT_UNITS, FALL, LEVEL, RISE};

/// A number stated in prose: "共收到申请 11 件，占 37%".
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// The clause before the number, up to the previous clause break.
    pub context: String,
    pub count: u64,
    /// The number as written: "12", "１２" or "十二".
    pub written: String,
    /// The unit: 件, 条, 份 or 宗.
    pub unit: char,
    /// The rest of the clause after the unit ("共收到12件信息依申请公开" → "信息依申请公开"): where
    /// some reports name what they count.
    pub after: String,
    /// Where the number starts, in characters from the start of the text.
    pub at: usize,
    /// Where the context starts (the clause as written), in characters.
    pub from: usize,
    /// A percentage stated right after the count, as written (value and decimals).
    pub percent: Option<(f64, usize)>,
}

const CLAUSE_BREAKS: &str = "，。；：！？,;!?\n";

/// The value of a half- or full-width decimal digit.
fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// The value of a Chinese numeral digit: 〇/零 … 九, 两.
fn chinese_digit(c: char) -> Option<u64> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// The value of a Chinese numeral unit: 十, 百, 千, 万.
fn chinese_unit(c: char) -> Option<u64> {
    match c {
        '十' => Some(10),
        '百' => Some(100),
        '千' => Some(1_000),
        '万' => Some(10_000),
        _ => None,
    }
}

pub(crate) fn is_chinese_numeral(c: char) -> bool {
    chinese_digit(c).is_some() || chinese_unit(c).is_some()
}

/// The value of a run of Chinese numerals ("十二", "二十", "一百零五", "两千三百"); `None` for
/// what is no number ("万", "十十").
pub(crate) fn chinese_value(run: &[char]) -> Option<u64> {
    let (mut total, mut section, mut digit) = (0u64, 0u64, None::<u64>);
    for &c in run {
        if let Some(d) = chinese_digit(c) {
            if digit.is_some_and(|p| p != 0) {
                return None; // "十二三": a range, not one number
            }
            digit = Some(d);
        } else if let Some(u) = chinese_unit(c) {
            if u == 10_000 {
                section += digit.take().unwrap_or(0);
                if section == 0 {
                    return None;
                }
                total = total.checked_add(section.checked_mul(u)?)?;
                section = 0;
            } else {
                // "十二" starts with a bare 十.
                let d = digit
                    .take()
                    .unwrap_or(if section == 0 && u == 10 { 1 } else { 0 });
                if d == 0 {
                    return None;
                }
                section += d * u;
            }
        }
    }
    Some(total + section + digit.unwrap_or(0))
}

/// Characters before a Chinese numeral that make it no count: an ordinal ("第一件"), "每一件",
/// and words that merely contain 一 ("统一", "逐一", "唯一", "同一", "单一").
const NOT_BEFORE_CHINESE: &str = "第每统逐唯同单万";

/// The number starting at `i`, if any: its value and where it ends. Arabic digits, or Chinese
/// numerals followed by a count unit.
fn number_at(chars: &[char], i: usize) -> Option<(u64, usize)> {
    if digit_value(chars[i]).is_some() {
        let mut n: u64 = 0;
        let mut j = i;
        while let Some(d) = chars.get(j).and_then(|c| digit_value(*c)) {
            n = n.saturating_mul(10).saturating_add(u64::from(d));
            j += 1;
        }
        return Some((n, j));
    }
    if !is_chinese_numeral(chars[i])
        || (i > 0
            && (is_chinese_numeral(chars[i - 1]) || NOT_BEFORE_CHINESE.contains(chars[i - 1])))
    {
        return None;
    }
    let end = i + chars[i..]
        .iter()
        .take_while(|c| is_chinese_numeral(**c))
        .count();
    // Only directly before a unit: "一是", "十四五" and "一万余人" are no counts.
    if !chars.get(end).is_some_and(|c| COUNT_UNITS.contains(c)) {
        return None;
    }
    // "一件件", "一条条": a manner of speaking.
    if chars.get(end + 1) == chars.get(end) {
        return None;
    }
    chinese_value(&chars[i..end]).map(|n| (n, end))
}

/// Finds every "<number> 件/条/份/宗" in the text with the clause it stands in.
pub fn claims(text: &str) -> Vec<Claim> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut previous_end = 0;
    // Where the clause around position i starts, kept as the scan moves forward (one pass over
    // the text however many numbers it holds).
    let mut clause_start = 0;
    while i < chars.len() {
        let Some((n, end)) = number_at(&chars, i) else {
            if CLAUSE_BREAKS.contains(chars[i]) {
                clause_start = i + 1;
            }
            i += 1;
            continue;
        };
        let start = i;
        i = end;
        let mut j = i;
        while chars.get(j).is_some_and(|c| c.is_whitespace()) {
            if CLAUSE_BREAKS.contains(chars[j]) {
                clause_start = j + 1;
            }
            j += 1;
        }
        let Some(unit) = chars.get(j).copied().filter(|c| COUNT_UNITS.contains(c)) else {
            continue;
        };
        // A decimal ("1.5件") or a part of a longer number is no count.
        if start > 0 && (chars[start - 1] == '.' || chars[start - 1] == '．') {
            continue;
        }
        // A clause may state several counts ("自然人申请10件、商业企业申请1件"): each count's
        // context starts after the previous one.
        let from = clause_start.max(previous_end);
        let context: String = chars[from..start].iter().collect();
        let leading = context.chars().take_while(|c| c.is_whitespace()).count();
        let after: String = chars[j + 1..]
            .iter()
            .take_while(|c| !CLAUSE_BREAKS.contains(**c))
            .take(24)
            .collect();
        out.push(Claim {
            context: context.trim().to_string(),
            count: n,
            written: chars[start..end].iter().collect(),
            unit,
            after,
            at: start,
            from: from + leading,
            percent: percent_after(&chars[j + 1..]),
        });
        i = j + 1;
        previous_end = i;
    }
    out
}

/// A change against last year stated in prose: "较上年增加12件", "同比下降14.5%", "与上年持平".
#[derive(Debug, Clone, PartialEq)]
pub struct Growth {
    /// Where the comparing words start, in characters from the start of the text.
    pub at: usize,
    /// Where the number starts, if one is stated (so that it is not read again as a count).
    pub number_at: Option<usize>,
    pub change: Change,
    /// As written: "较上年增加12件".
    pub written: String,
}

/// What a [`Growth`] says.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Change {
    /// Up (positive) or down (negative) by a count.
    By(i64),
    /// Up or down by a percentage, with the decimals written.
    Percent(f64, usize),
    /// "持平".
    Level,
}

/// Finds every change against last year: a comparing word ([`AGAINST_LAST_YEAR`]), a verb of
/// rise or fall, and a count or a percentage; or "持平".
pub fn growths(text: &str) -> Vec<Growth> {
    let chars: Vec<char> = text.chars().collect();
    let starts_with = |at: usize, word: &str| {
        let mut from = chars.get(at..).unwrap_or_default().iter();
        word.chars().all(|w| from.next() == Some(&w))
    };
    let firsts: Vec<char> = AGAINST_LAST_YEAR
        .iter()
        .filter_map(|w| w.chars().next())
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        // Most characters start no comparing word: one look in a few characters rules them out.
        if !firsts.contains(&chars[i]) {
            i += 1;
            continue;
        }
        let Some(base) = AGAINST_LAST_YEAR.iter().find(|w| starts_with(i, w)) else {
            i += 1;
            continue;
        };
        let at = i;
        let mut j = i + base.chars().count();
        let basically = usize::from(starts_with(j, "基本")) * 2;
        if starts_with(j + basically, LEVEL) {
            let end = j + basically + LEVEL.chars().count();
            out.push(Growth {
                at,
                number_at: None,
                change: Change::Level,
                written: chars[at..end].iter().collect(),
            });
            i = end;
            continue;
        }
        let verb = |j: usize| {
            RISE.iter()
                .map(|v| (v, 1i64))
                .chain(FALL.iter().map(|v| (v, -1i64)))
                .find(|(v, _)| starts_with(j, v))
        };
        let Some((v, sign)) = verb(j) else {
            i = j;
            continue;
        };
        j += v.chars().count();
        while chars.get(j).is_some_and(|c| "了约近 ".contains(*c)) {
            j += 1;
        }
        let Some((n, mut end)) = chars.get(j).and_then(|_| number_at(&chars, j)) else {
            i = j;
            continue;
        };
        let number_start = j;
        // A percentage: "14.5%".
        let mut decimals = None;
        if chars.get(end).is_some_and(|c| ".．".contains(*c)) {
            let frac = chars[end + 1..]
                .iter()
                .take_while(|c| digit_value(**c).is_some())
                .count();
            decimals = Some((end + 1, frac));
            end += 1 + frac;
        }
        let change = match chars.get(end) {
            Some('%' | '％') => {
                let number: String = chars[number_start..end]
                    .iter()
                    .map(|c| digit_value(*c).map_or('.', |d| char::from(b'0' + d as u8)))
                    .collect();
                let Ok(v) = number.parse::<f64>() else {
                    i = end;
                    continue;
                };
                Change::Percent(v * sign as f64, decimals.map_or(0, |(_, d)| d))
            }
            Some(c) if COUNT_UNITS.contains(c) && decimals.is_none() => {
                Change::By(i64::try_from(n).unwrap_or(i64::MAX) * sign)
            }
            _ => {
                i = end;
                continue;
            }
        };
        out.push(Growth {
            at,
            number_at: Some(number_start),
            change,
            written: chars[at..=end].iter().collect(),
        });
        i = end + 1;
    }
    out
}

/// An amount of money stated in prose: "行政事业性收费0.5万元", "收费5000元".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amount {
    /// The clause before the number, up to the previous clause break.
    pub context: String,
    /// The amount in 分 (0.01 元), exact: 0.00005 万元 is half a 元, not 0.
    pub fen: u128,
    /// The number and unit as written: "0.5万元".
    pub written: String,
    /// Where the context starts, in characters from the start of the text; the number and
    /// unit follow it.
    pub from: usize,
}

/// Finds every "<number> 元/万元/亿元" in the text with the clause it stands in.
pub fn amounts(text: &str) -> Vec<Amount> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut clause_start = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if digit_value(c).is_none()
            || (i > 0 && (digit_value(chars[i - 1]).is_some() || ".．".contains(chars[i - 1])))
        {
            if CLAUSE_BREAKS.contains(c) {
                clause_start = i + 1;
            }
            i += 1;
            continue;
        }
        let start = i;
        let mut whole: u128 = 0;
        let mut fraction = String::new();
        while let Some(d) = chars.get(i).and_then(|c| digit_value(*c)) {
            whole = whole.saturating_mul(10).saturating_add(u128::from(d));
            i += 1;
        }
        if chars.get(i).is_some_and(|c| ".．".contains(*c))
            && chars.get(i + 1).and_then(|c| digit_value(*c)).is_some()
        {
            i += 1;
            while let Some(d) = chars.get(i).and_then(|c| digit_value(*c)) {
                fraction.push(char::from_digit(d, 10).unwrap_or('0'));
                i += 1;
            }
        }
        let mut j = i;
        while chars.get(j).is_some_and(|c| *c == ' ') {
            j += 1;
        }
        let fen_per_unit: u128 = match (chars.get(j), chars.get(j + 1)) {
            (Some('元'), _) => 100,
            (Some('万'), Some('元')) => 1_000_000,
            (Some('亿'), Some('元')) => 10_000_000_000,
            _ => continue,
        };
        let end = if fen_per_unit == 100 { j + 1 } else { j + 2 };
        // whole·unit + 0.fraction·unit, exact while the fraction has no more places than the
        // unit has 分 (4 for 万元 to the 元, 6 to the 分); finer fractions are truncated.
        let places = fraction.len().min(12) as u32;
        let frac_value: u128 = fraction[..places as usize].parse().unwrap_or(0);
        let fen = whole.saturating_mul(fen_per_unit)
            + frac_value.saturating_mul(fen_per_unit) / 10u128.pow(places);
        let clause: String = chars[clause_start..start].iter().collect();
        let leading = clause.chars().take_while(|c| c.is_whitespace()).count();
        out.push(Amount {
            context: clause.trim().to_string(),
            fen,
            written: chars[start..end].iter().collect(),
            from: clause_start + leading,
        });
        i = end;
    }
    out
}

/// Reads "，占 37%", "、占37%", "（占37%）" or "，占比9.1%" right after a count.
fn percent_after(rest: &[char]) -> Option<(f64, usize)> {
    let s: String = rest.iter().take(20).collect();
    let s = s.trim_start_matches(['，', ',', '、', ' ', '（', '(']);
    let s = s.strip_prefix('占')?;
    let s = s.trim_start_matches(['比', ' ', '为']);
    let num: String = s
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let after = s[num.len()..].trim_start();
    if num.is_empty() || !(after.starts_with('%') || after.starts_with('％')) {
        return None;
    }
    let decimals = num.split_once('.').map_or(0, |(_, d)| d.len());
    num.parse().ok().map(|v| (v, decimals))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_find_counts_and_percentages() {
        let c = claims(
            "共收到政府信息依申请公开 11 件，未发生超时答复现象。“予以公开”的 4 件，占 37%；部分公开1件，占比9.1%。",
        );
        assert_eq!(c.len(), 3);
        assert_eq!(c[0].count, 11);
        assert_eq!(c[0].context, "共收到政府信息依申请公开");
        assert_eq!(c[1].percent, Some((37.0, 0)));
        assert_eq!(c[2].percent, Some((9.1, 1)));
        // Other units are found too; whether they concern a table is the reader's business.
        let info = claims("发布信息 759 条");
        assert_eq!((info[0].count, info[0].unit), (759, '条'));
        assert!(claims("共1.5件").is_empty());
        let after = claims("本街道共收到12件信息依申请公开，其中10件已经完成答复");
        assert_eq!(after[0].after, "信息依申请公开");
        assert_eq!(claims("予以公开4件（占36.4%）")[0].percent, Some((36.4, 1)));
        assert_eq!(claims("予以公开4件、占36.4%")[0].percent, Some((36.4, 1)));
        assert_eq!(claims("１２件")[0].count, 12);
        assert_eq!(claims("收到政府信息公开申请3宗")[0].unit, '宗');
        let several = claims("自然人申请10件、商业企业申请1件");
        assert_eq!(several[1].context, "、商业企业申请");
    }

    #[test]
    fn changes_against_last_year_are_read() {
        let g = growths(
            "共收到申请95件，较上年增加12件，同比增长14.5%；办结数量比上年度减少了3件，与上年持平。较上年有所增加。",
        );
        let changes: Vec<Change> = g.iter().map(|g| g.change).collect();
        assert_eq!(
            changes,
            [
                Change::By(12),
                Change::Percent(14.5, 1),
                Change::By(-3),
                Change::Level
            ]
        );
        assert_eq!(g[0].written, "较上年增加12件");
        assert_eq!(g[2].written, "比上年度减少了3件");
        assert_eq!(g[0].number_at, Some(14));
        assert_eq!(growths("同比下降两件")[0].change, Change::By(-2));
    }

    #[test]
    fn amounts_are_read_exactly() {
        let a =
            amounts("全年行政事业性收费0.5万元，信息处理费120元；合计1.2345万元，另有3亿元。共2件");
        let fen: Vec<u128> = a.iter().map(|a| a.fen).collect();
        assert_eq!(fen, [500_000, 12_000, 1_234_500, 30_000_000_000]);
        assert_eq!(a[0].context, "全年行政事业性收费");
        assert_eq!(a[0].written, "0.5万元");
        assert_eq!(a[1].context, "信息处理费");
        assert!(amounts("2021年，共759条").is_empty());
    }

    #[test]
    fn chinese_numerals_are_counts_before_a_unit() {
        let read = |t: &str| claims(t).iter().map(|c| c.count).collect::<Vec<_>>();
        assert_eq!(read("共收到申请十二件"), [12]);
        assert_eq!(read("申请两件，部分公开一件"), [2, 1]);
        assert_eq!(
            read("收到二十件、一百零五件、两千三百件、一万零二十件"),
            [20, 105, 2300, 10020]
        );
        assert_eq!(read("一是……二是……十四五规划"), Vec::<u64>::new());
        assert_eq!(
            read("第一件、每一件、统一件数、一件件落实、一万余件"),
            Vec::<u64>::new()
        );
        assert_eq!(read("十二三件"), Vec::<u64>::new());
        let c = &claims("收到申请十二件，占37%")[0];
        assert_eq!(
            (c.written.as_str(), c.context.as_str()),
            ("十二", "收到申请")
        );
        assert_eq!(c.percent, Some((37.0, 0)));
    }
}
