//! A warning a person has marked "已核实", as stored in the draft (see `check::acknowledge`).

use serde::{Deserialize, Serialize};

/// One acknowledged warning, as stored in the draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acknowledgement {
    /// The rule id, "TXT-APPS".
    pub rule: String,
    /// Where, as the `place` of `check --json`.
    pub place: String,
    /// The numbers of the message in order, "95,97": a change of any lapses it.
    pub numbers: String,
    /// Why the person holds it right, e.g. "另有2件为上年度结转".
    pub reason: String,
}
