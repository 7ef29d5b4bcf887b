//! One cell's value: blank, a number, or text kept as typed; amounts in 万元; derived totals.

use std::fmt;

/// One cell as the person left it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Entry<T> {
    /// Not filled yet. Printed tables never show this: the checks flag it first.
    #[default]
    Blank,
    Value(T),
    /// Text that is not a valid value, kept exactly as typed.
    Invalid(String),
}

impl<T: Copy> Entry<T> {
    pub fn value(&self) -> Option<T> {
        match self {
            Entry::Value(v) => Some(*v),
            _ => None,
        }
    }
}

impl<T> Entry<T> {
    pub fn is_blank(&self) -> bool {
        matches!(self, Entry::Blank)
    }
}

/// A count cell: a non-negative whole number.
pub type Count = Entry<u32>;

/// An amount in 万元, exact to 4 decimal places (that is, to one 元).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct Wanyuan {
    /// The amount in units of 0.0001 万元 (= 1 元).
    pub ten_thousandths: u64,
}

impl Wanyuan {
    pub const ZERO: Wanyuan = Wanyuan { ten_thousandths: 0 };

    pub fn from_yuan(yuan: u64) -> Self {
        Wanyuan {
            ten_thousandths: yuan,
        }
    }

    pub fn whole(&self) -> u64 {
        self.ten_thousandths / 10_000
    }
}

impl fmt::Display for Wanyuan {
    /// Shortest exact form: "0", "12", "0.5", "1.2345".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let whole = self.ten_thousandths / 10_000;
        let frac = self.ten_thousandths % 10_000;
        if frac == 0 {
            write!(f, "{whole}")
        } else {
            let digits = format!("{frac:04}");
            write!(f, "{whole}.{}", digits.trim_end_matches('0'))
        }
    }
}

/// A derived sum: the total of the filled parts, and whether every part was filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Total {
    pub value: u64,
    /// False when some part is blank or invalid: the total is then only a partial sum.
    pub complete: bool,
}

impl Total {
    pub fn of<'a>(parts: impl IntoIterator<Item = &'a Count>) -> Total {
        parts.into_iter().fold(
            Total {
                value: 0,
                complete: true,
            },
            |acc, e| match e {
                Entry::Value(v) => Total {
                    value: acc.value + u64::from(*v),
                    ..acc
                },
                _ => Total {
                    complete: false,
                    ..acc
                },
            },
        )
    }

    /// The sum of two totals, complete when both are.
    pub fn plus(self, other: Total) -> Total {
        Total {
            value: self.value + other.value,
            complete: self.complete && other.complete,
        }
    }
}
