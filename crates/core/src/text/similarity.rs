//! How much of one text is found again in another, by character pairs, with numbers masked.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A multiplicative hasher for character pairs: the pairs are short keys of our own making, so
/// SipHash's protection buys nothing and costs most of the comparison's time.
#[derive(Default)]
struct PairHasher(u64);

impl Hasher for PairHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type Pairs = HashMap<(char, char), usize, BuildHasherDefault<PairHasher>>;

/// The character pairs of a text's wording, counted: computed once, compared with many.
#[derive(Debug, Clone, Default)]
pub struct Profile {
    pairs: Pairs,
    total: usize,
}

impl Profile {
    /// The profile of a text's wording (see [`wording`]).
    pub fn of(text: &str) -> Profile {
        Profile::of_wording(&wording(text))
    }

    pub fn of_wording(chars: &[char]) -> Profile {
        let mut pairs = Pairs::default();
        for w in chars.windows(2) {
            *pairs.entry((w[0], w[1])).or_insert(0) += 1;
        }
        Profile {
            total: chars.len().saturating_sub(1),
            pairs,
        }
    }

    /// How much of this text is found again in the other.
    pub fn overlap(&self, earlier: &Profile) -> Overlap {
        let matched = self
            .pairs
            .iter()
            .map(|(b, n)| (*n).min(earlier.pairs.get(b).copied().unwrap_or(0)))
            .sum();
        Overlap {
            matched,
            total: self.total,
        }
    }
}

/// The text without its data sentences: a sentence that states a count ("申请21件", "占37%")
/// says this year's figures, and the same sentence with new figures is not copied text.
pub fn without_data_sentences(text: &str) -> String {
    let mut out = String::new();
    let mut sentence = String::new();
    let flush = |sentence: &mut String, out: &mut String| {
        if !is_data_sentence(sentence) {
            out.push_str(sentence);
        }
        sentence.clear();
    };
    for c in text.chars() {
        sentence.push(c);
        if "。；！？\n".contains(c) {
            flush(&mut sentence, &mut out);
        }
    }
    flush(&mut sentence, &mut out);
    out
}

/// Whether a sentence states a count or a share, in digits or Chinese numerals ("申请两件").
fn is_data_sentence(s: &str) -> bool {
    if !super::claims::claims(s).is_empty() {
        return true;
    }
    let mut after_digit = false;
    for c in s.chars() {
        let digit = c.is_ascii_digit() || ('０'..='９').contains(&c);
        if after_digit && !digit && "件条份%％".contains(c) {
            return true;
        }
        if !(c.is_whitespace() || c == '.') {
            after_digit = digit;
        }
    }
    false
}

/// How much of a text is found again in another: matched character pairs out of all pairs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Overlap {
    /// Character bigrams of the text also present in the other (counted with multiplicity).
    pub matched: usize,
    /// Character bigrams of the text.
    pub total: usize,
}

impl Overlap {
    /// The share in whole percent, rounded down so that 79.9% does not print as 80%.
    pub fn percent(&self) -> usize {
        (self.matched * 100).checked_div(self.total).unwrap_or(0)
    }
}

/// The characters that carry the wording: white space and punctuation go, and every digit reads
/// as 0, so that changing the year and the numbers does not make a copied text new.
pub fn wording(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .map(|c| {
            if c.is_ascii_digit() || ('０'..='９').contains(&c) {
                '0'
            } else {
                c
            }
        })
        .collect()
}

/// The share of `text`'s character bigrams that also occur in `earlier`. Bigrams rather than
/// whole sentences, so that a copied paragraph with a few words changed still counts as copied.
pub fn overlap(text: &str, earlier: &str) -> Overlap {
    Profile::of(text).overlap(&Profile::of(earlier))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_sentences_are_set_aside() {
        let a = "本年度共新收政府信息公开申请11件，其中自然人申请10件。我们加强了培训。";
        assert_eq!(without_data_sentences(a), "我们加强了培训。");
        assert_eq!(without_data_sentences("占比36.4%。其余照旧"), "其余照旧");
        assert_eq!(
            without_data_sentences("收到申请两件。我们加强了培训。"),
            "我们加强了培训。"
        );
        assert_eq!(overlap("我们加强了培训", "我们加强了培训").percent(), 100);
    }
}
