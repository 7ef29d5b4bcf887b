//! Comparing printed text with the template's: what a producer may change without changing the
//! meaning (spaces, full- or half-width forms, the kind of quotes, "1." or "1、" or "1．") is
//! folded away before labels are compared.

use nianbao_core::template::CN_NUMERALS;

/// The text without any white space (spaces a PDF or a justified line put between characters,
/// the ideographic space, no-break spaces, line ends).
pub fn strip_ws(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !is_invisible(*c))
        .collect()
}

/// Characters that print as nothing: zero-width spaces and joiners, the BOM, soft hyphens.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'..='\u{200f}' | '\u{feff}' | '\u{00ad}' | '\u{2060}'
    )
}

/// The form labels are compared in: no white space, full-width ASCII forms as half-width, every
/// kind of quote dropped, the list marks "1、" and "1．" as "1.", colons at the end dropped.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev_digit = false;
    for c in strip_ws(text).chars() {
        let c = match c {
            '〔' | '【' => '[',
            '〕' | '】' => ']',
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            c => c,
        };
        let c = if prev_digit && c == '、' { '.' } else { c };
        prev_digit = c.is_ascii_digit();
        if matches!(
            c,
            '"' | '\'' | '“' | '”' | '‘' | '’' | '「' | '」' | '『' | '』'
        ) {
            continue;
        }
        out.push(c);
    }
    while out.ends_with([':', '：']) {
        out.pop();
    }
    out
}

/// How alike two labels are: the longest common subsequence of their folded characters over the
/// longer one's length (1.0 for equal labels, 0.0 for nothing in common).
pub fn likeness(a: &str, b: &str) -> f32 {
    let a: Vec<char> = fold(a).chars().collect();
    let b: Vec<char> = fold(b).chars().collect();
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    // Labels are short; a page of text is cut to keep this cheap on hostile input.
    if a.len() > 200 || b.len() > 200 {
        return 0.0;
    }
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for ca in &a {
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = if ca == cb {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()] as f32 / longest as f32
}

/// The index of a Chinese numeral "一" … "十" (0 for 一).
pub fn numeral_index(text: &str) -> Option<usize> {
    CN_NUMERALS.iter().position(|n| *n == text)
}

/// A leading "（三）" or "(三)": the numeral's index and the text after it.
pub fn paren_numbered(text: &str) -> Option<(usize, &str)> {
    let rest = text.strip_prefix('（').or_else(|| text.strip_prefix('('))?;
    let close = rest.find(['）', ')'])?;
    let index = numeral_index(rest[..close].trim())?;
    let after = &rest[close..];
    let after = after
        .strip_prefix('）')
        .or_else(|| after.strip_prefix(')'))
        .unwrap_or(after);
    Some((index, after.trim_start()))
}

/// A leading "三、" (or "三．", "三."): the numeral's index and the text after it.
pub fn numbered(text: &str) -> Option<(usize, &str)> {
    let mut chars = text.char_indices();
    let (_, first) = chars.next()?;
    let index = numeral_index(&first.to_string())?;
    let (at, mark) = chars.next()?;
    if !matches!(mark, '、' | '．' | '.' | '，') {
        return None;
    }
    Some((index, text[at + mark.len_utf8()..].trim_start()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_the_meaning() {
        assert_eq!(fold(" 1、属于 国家秘密 "), "1.属于国家秘密");
        assert_eq!(fold("1．属于国家秘密"), "1.属于国家秘密");
        assert_eq!(fold("3.危及“三安全一稳定”"), fold("3.危及\"三安全一稳定\""));
        assert_eq!(fold("（七）总计："), "(七)总计");
        assert!(likeness("行政规范性文件", "规范性文件") > 0.7);
        assert!(likeness("本年制发件数", "本年新制作数量") < 0.6);
        assert_eq!(paren_numbered("（二）依申请公开"), Some((1, "依申请公开")));
        assert_eq!(
            numbered("六、其他需要报告的事项"),
            Some((5, "其他需要报告的事项"))
        );
        assert_eq!(numbered("一是加强"), None);
    }
}
