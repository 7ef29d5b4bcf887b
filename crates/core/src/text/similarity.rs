//! How much of one text is found again in another, by character pairs, with numbers masked.

use std::collections::HashMap;

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

fn bigrams(chars: &[char]) -> HashMap<(char, char), usize> {
    let mut m = HashMap::new();
    for w in chars.windows(2) {
        *m.entry((w[0], w[1])).or_insert(0) += 1;
    }
    m
}

/// The share of `text`'s character bigrams that also occur in `earlier`. Bigrams rather than
/// whole sentences, so that a copied paragraph with a few words changed still counts as copied.
pub fn overlap(text: &str, earlier: &str) -> Overlap {
    let mine = bigrams(&wording(text));
    let theirs = bigrams(&wording(earlier));
    let total = mine.values().sum();
    let matched = mine
        .iter()
        .map(|(b, n)| (*n).min(theirs.get(b).copied().unwrap_or(0)))
        .sum();
    Overlap { matched, total }
}
