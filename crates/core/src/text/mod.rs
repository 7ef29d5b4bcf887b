//! Reading and measuring prose: numbers stated in it, how much of it repeats another text,
//! percentages.

pub mod claims;
pub mod percent;
pub mod phrases;
pub mod similarity;

/// Whether a text says nothing of substance: empty, or just "无" (punctuation and white space
/// aside).
pub fn is_nothing(text: &str) -> bool {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !"。.，,".contains(*c))
        .collect();
    t.is_empty() || t == crate::template::NOTHING
}
