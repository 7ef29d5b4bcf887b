//! Reading what a person types: counts, 万元 amounts, the year and the date. Full-width digits
//! and the usual separators are accepted; anything else is an [`InputError`] with a Chinese
//! message, and the text is kept as typed by the caller.

use super::{Count, Date, Entry, Wanyuan};
use std::fmt;

/// Why typed text is not a valid cell value. `Display` gives the Chinese message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    Negative,
    NotWhole,
    TooManyDecimals,
    NotANumber,
    TooLarge,
    /// "元" was written where the unit is 万元.
    WrongUnit,
    /// A 年度 that is not a four-digit year in [`YEARS`].
    NotAYear,
    /// A date that is not a real day.
    NotADate,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            InputError::Negative => "不能填负数，请填写0或正整数",
            InputError::NotWhole => "件数只能是整数，不能有小数",
            InputError::TooManyDecimals => "金额以万元为单位，最多保留4位小数",
            InputError::NotANumber => "请填写阿拉伯数字，没有的填0",
            InputError::TooLarge => "数字过大，请核实",
            InputError::WrongUnit => "金额单位是万元，请换算成万元后只填数字",
            InputError::NotAYear => "请填写四位年份，例如 2024",
            InputError::NotADate => "日期请写成 2025-01-20 或 2025年1月20日，并且是实际存在的日期",
        })
    }
}

/// Full-width digits, the ideographic space and the full-width point become ASCII; surrounding
/// white space goes.
pub fn normalize_number_text(text: &str) -> String {
    text.trim()
        .chars()
        .filter_map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            '．' | '。' => Some('.'),
            '－' => Some('-'),
            '，' | ',' => None,
            '\u{3000}' => None,
            c => Some(c),
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// Reads a count cell as typed: "12", "１２", " 3 ", "" (blank). Anything else is an error.
pub fn parse_count(text: &str) -> Result<Option<u32>, InputError> {
    let s = normalize_number_text(text);
    if s.is_empty() {
        return Ok(None);
    }
    if s.starts_with('-') && s.len() > 1 {
        return Err(InputError::Negative);
    }
    if s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse::<u32>().map(Some).map_err(|_| InputError::TooLarge);
    }
    if s.contains('.') && s.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return Err(InputError::NotWhole);
    }
    Err(InputError::NotANumber)
}

/// Turns typed text into a count entry, keeping invalid text.
pub fn count_from_text(text: &str) -> Count {
    match parse_count(text) {
        Ok(None) => Entry::Blank,
        Ok(Some(n)) => Entry::Value(n),
        Err(_) => Entry::Invalid(text.to_string()),
    }
}

/// Reads an amount in 万元 as typed: "0", "1.5", "０．２５". Blank gives `None`.
pub fn parse_wanyuan(text: &str) -> Result<Option<Wanyuan>, InputError> {
    let s = normalize_number_text(text);
    if s.is_empty() {
        return Ok(None);
    }
    let s = s.strip_suffix("万元").unwrap_or(&s).trim();
    if s.ends_with('元') {
        return Err(InputError::WrongUnit);
    }
    if s.starts_with('-') && s.len() > 1 {
        return Err(InputError::Negative);
    }
    let (whole, frac) = match s.split_once('.') {
        Some((w, f)) => (w, f),
        None => (s, ""),
    };
    let digits_only = |p: &str| p.chars().all(|c| c.is_ascii_digit());
    if (whole.is_empty() && frac.is_empty()) || !digits_only(whole) || !digits_only(frac) {
        return Err(InputError::NotANumber);
    }
    let frac = frac.trim_end_matches('0');
    if frac.len() > 4 {
        return Err(InputError::TooManyDecimals);
    }
    let whole: u64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| InputError::TooLarge)?
    };
    let frac_units: u64 = format!("{frac:0<4}").parse().unwrap_or(0);
    whole
        .checked_mul(10_000)
        .and_then(|w| w.checked_add(frac_units))
        .map(|ten_thousandths| Some(Wanyuan { ten_thousandths }))
        .ok_or(InputError::TooLarge)
}

/// Turns typed text into a fee entry, keeping invalid text.
pub fn wanyuan_from_text(text: &str) -> Entry<Wanyuan> {
    match parse_wanyuan(text) {
        Ok(None) => Entry::Blank,
        Ok(Some(v)) => Entry::Value(v),
        Err(_) => Entry::Invalid(text.to_string()),
    }
}

/// The years a report may be for.
pub const YEARS: std::ops::RangeInclusive<u16> = 2000..=2100;

/// Reads a 年度 as typed: "2023", "２０２３", "2023年". `None` unless it is a year in [`YEARS`].
pub fn parse_year(text: &str) -> Option<u16> {
    let s = normalize_number_text(text);
    let s = s.strip_suffix('年').unwrap_or(&s);
    s.parse::<u16>().ok().filter(|y| YEARS.contains(y))
}

/// Turns typed text into a 年度 entry: blank (or 0, which older drafts wrote for "not set"), a
/// year in [`YEARS`], or the text kept as typed for the checks to report at the 年度 field.
pub fn year_from_text(text: &str) -> Entry<u16> {
    let s = normalize_number_text(text);
    if s.is_empty() || s == "0" {
        return Entry::Blank;
    }
    match parse_year(text) {
        Some(y) => Entry::Value(y),
        None => Entry::Invalid(text.to_string()),
    }
}

/// Days in a month of the Gregorian calendar.
fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// Reads a date as typed: "2022-01-20", "2022/1/20", "2022.1.20", "2022年1月20日", with
    /// full-width digits too. `None` for anything that is not a real day of a year in [`YEARS`]
    /// (2022-02-31 is refused, not turned into 3 March).
    pub fn parse(text: &str) -> Option<Date> {
        let s = normalize_number_text(text);
        let parts: Vec<&str> = s
            .split(['-', '/', '.', '年', '月', '日'])
            .filter(|p| !p.is_empty())
            .collect();
        let [y, m, d] = parts.as_slice() else {
            return None;
        };
        let (year, month, day): (u16, u8, u8) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
        let valid = YEARS.contains(&year) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }
}
