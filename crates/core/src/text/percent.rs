//! Percentages held exactly: shares of a total rounded half-up in integer arithmetic.

use std::fmt;

/// The most decimals a percentage may have: more would suggest a precision counts lack.
pub const MAX_DECIMALS: u8 = 3;

/// A percentage rounded to a fixed number of decimals, held exactly as an integer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Percent {
    /// The percentage times 10^decimals, e.g. 364 for 36.4% with one decimal.
    pub scaled: u64,
    /// Decimals shown.
    pub decimals: u8,
}

impl fmt::Display for Percent {
    /// "36.4" (no % sign), always with exactly `decimals` decimals.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.decimals == 0 {
            return write!(f, "{}", self.scaled);
        }
        let unit = 10u64.pow(u32::from(self.decimals));
        write!(
            f,
            "{}.{:0width$}",
            self.scaled / unit,
            self.scaled % unit,
            width = usize::from(self.decimals)
        )
    }
}

/// `count` as a share of `total` in percent, rounded half-up to `decimals` (capped at
/// [`MAX_DECIMALS`]); `None` when `total` is 0. Integer arithmetic only: the exact share is the
/// fraction count·100·10^d / total, and the remainder decides the rounding without any float.
pub fn percent(count: u64, total: u64, decimals: u8) -> Option<Percent> {
    if total == 0 {
        return None;
    }
    let decimals = decimals.min(MAX_DECIMALS);
    let scale = 100u128 * 10u128.pow(u32::from(decimals));
    let numerator = u128::from(count) * scale;
    let total = u128::from(total);
    let (q, r) = (numerator / total, numerator % total);
    // Half-up: the remainder is at least half of the divisor.
    let scaled = if 2 * r >= total { q + 1 } else { q };
    Some(Percent {
        scaled: u64::try_from(scaled).unwrap_or(u64::MAX),
        decimals,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_round_half_up_exactly() {
        let p = |c, t, d| percent(c, t, d).map(|p| p.to_string());
        assert_eq!(p(4, 11, 1).as_deref(), Some("36.4"));
        assert_eq!(p(4, 11, 0).as_deref(), Some("36"));
        assert_eq!(p(1, 8, 0).as_deref(), Some("13")); // 12.5 → 13
        assert_eq!(p(1, 8, 1).as_deref(), Some("12.5"));
        assert_eq!(p(1, 16, 1).as_deref(), Some("6.3")); // 6.25 → 6.3
        assert_eq!(p(1, 3, 2).as_deref(), Some("33.33"));
        assert_eq!(p(2, 3, 1).as_deref(), Some("66.7"));
        assert_eq!(p(0, 3, 1).as_deref(), Some("0.0"));
        assert_eq!(p(5, 5, 1).as_deref(), Some("100.0"));
        assert_eq!(p(1, 0, 1), None);
    }
}
