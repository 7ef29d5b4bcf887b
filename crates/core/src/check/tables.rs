//! NONBLANK, INT, UNIT, RULES-0 and T3-BAL: the cells of the three tables.

use super::{Findings, Rule};
use crate::model::{
    AgencyLevel, Cell, Count, Entry, InputError, Place, Report, parse_count, parse_wanyuan,
};
use crate::template::{SectionKey, T2Cell, T3Col, T3Row, T4Col, T4Group};

fn invalid_message(text: &str, err: &InputError) -> String {
    format!("“{}”不是有效的数字：{}。", text.trim(), err)
}

/// Up to this many blank cells in a table are reported one by one; beyond it, one finding
/// points at the first (a table being filled in would otherwise drown every other finding).
const BLANKS_LISTED: usize = 10;

/// Reports the blank and invalid cells of one table. `name` is "表三"; `whole` is where a
/// finding about the whole table goes.
fn check_cells<'a>(
    cells: impl Iterator<Item = (Cell, &'a Count)>,
    name: &str,
    whole: SectionKey,
    f: &mut Findings,
) {
    let cells: Vec<(Cell, &Count)> = cells.collect();
    let blanks: Vec<Cell> = cells
        .iter()
        .filter(|(_, c)| c.is_blank())
        .map(|(p, _)| *p)
        .collect();
    if blanks.len() == cells.len() {
        f.error(
            Rule::NonBlank,
            Place::Section(whole),
            format!("{name}尚未填写。没有的请填0（可用“空格全部填0”）。"),
        );
        return;
    }
    if blanks.len() > BLANKS_LISTED {
        f.error(
            Rule::NonBlank,
            Place::Cell(blanks[0]),
            format!(
                "{name}还有 {} 个格子未填，这是第一个。没有的请填0，不要留空或填“/”“-”（可用“空格全部填0”）。",
                blanks.len()
            ),
        );
    }
    for (cell, entry) in cells {
        match entry {
            Entry::Value(_) => {}
            Entry::Blank if blanks.len() <= BLANKS_LISTED => f.error(
                Rule::NonBlank,
                Place::Cell(cell),
                "单元格为空。没有的请填0，不要留空或填“/”“-”。".into(),
            ),
            Entry::Blank => {}
            Entry::Invalid(text) => {
                let err = parse_count(text).err().unwrap_or(InputError::NotANumber);
                f.error(Rule::Int, Place::Cell(cell), invalid_message(text, &err));
            }
        }
    }
}

pub(super) fn check(r: &Report, f: &mut Findings) {
    // Table 二: nine counts and the fee.
    let t2 = &r.table2;
    let counts = T2Cell::ALL.map(|cell| (Cell::T2(cell), t2.get(cell)));
    if t2.fee.is_blank() && counts.iter().all(|(_, c)| c.is_blank()) {
        f.error(
            Rule::NonBlank,
            Place::Section(SectionKey::Proactive),
            "表二尚未填写。没有的请填0（可用“空格全部填0”）。".into(),
        );
    } else {
        check_cells(counts.into_iter(), "表二", SectionKey::Proactive, f);
        let fee = Place::Cell(Cell::T2Fee);
        match &t2.fee {
            Entry::Value(v) if v.whole() >= fee_ceiling(r) => f.warn(
                Rule::Unit,
                fee,
                format!(
                    "收费金额 {v} 万元（即 {}）{}异常偏大。单位是万元，请确认没有把“元”当作“万元”填写。",
                    yi_yuan(v.ten_thousandths),
                    level_phrase(r)
                ),
            ),
            Entry::Value(_) => {}
            Entry::Blank => f.error(
                Rule::NonBlank,
                fee,
                "收费金额为空。没有收费的请填0。".into(),
            ),
            Entry::Invalid(text) => {
                let err = parse_wanyuan(text).err().unwrap_or(InputError::NotANumber);
                let rule = if err == InputError::WrongUnit {
                    Rule::Unit
                } else {
                    Rule::Int
                };
                f.error(rule, fee, invalid_message(text, &err));
            }
        }
    }
    check_rules(r, f);

    // Table 三.
    let t3 = &r.table3;
    let t3_cells = t3.entered_rows().flat_map(|(row, cells)| {
        T3Col::ENTERED
            .into_iter()
            .zip(cells)
            .map(move |(col, cell)| (Cell::T3(row, col), cell))
    });
    check_cells(t3_cells, "表三", SectionKey::Applications, f);
    // The 总计 column is the sum of the six, so it balances exactly when they all do;
    // checking the six alone names the column that is off.
    for col in T3Col::ENTERED {
        let (left, right) = t3.balance(col);
        if left.complete && right.complete && left.value != right.value {
            f.error(
                Rule::T3Bal,
                Place::Table3Column(col),
                balance_message(r, col),
            );
        }
    }

    // Table 四.
    let t4 = &r.table4;
    let t4_cells = T4Group::ALL.into_iter().flat_map(|group| {
        T4Col::ENTERED
            .into_iter()
            .map(move |col| (Cell::T4(group, col), t4.get(group, col)))
    });
    check_cells(t4_cells, "表四", SectionKey::Review, f);
}

/// "「自然人」列不平衡：一、本年新收政府信息公开申请数量 10 + … = 10，而（七）总计 9 + … = 9；…多 1".
fn balance_message(r: &Report, col: T3Col) -> String {
    let t = &r.table3;
    let v = |row| t.cell(row, col).value;
    let (left, right) = t.balance(col);
    let diff = left.value.abs_diff(right.value);
    let (more, less) = if left.value > right.value {
        ("第一项加第二项", "第三项（七）总计加第四项")
    } else {
        ("第三项（七）总计加第四项", "第一项加第二项")
    };
    let label = |row: T3Row| row.def().label;
    format!(
        "「{}」列不平衡：{} {} + {} {} = {}，而{} {} + {} {} = {}；{}比{}多 {}。请检查这一列的办理结果各项。",
        col.label(),
        label(T3Row::NEW),
        v(T3Row::NEW),
        label(T3Row::CARRIED_IN),
        v(T3Row::CARRIED_IN),
        left.value,
        label(T3Row::TOTAL),
        t.outcome_total(col).value,
        label(T3Row::CARRIED_OUT),
        v(T3Row::CARRIED_OUT),
        right.value,
        more,
        less,
        diff
    )
}

/// Above this many 万元 the fee is questioned: by the agency's level, or a county's when the
/// level is not known.
fn fee_ceiling(r: &Report) -> u64 {
    r.meta
        .level()
        .unwrap_or(AgencyLevel::County)
        .fee_ceiling_wanyuan()
}

/// "对设区的市、自治州人民政府而言" when the level is known.
fn level_phrase(r: &Report) -> String {
    r.meta
        .level()
        .map(|l| format!("，对{}而言", l.label()))
        .unwrap_or_default()
}

/// An amount in 元 as 亿元, to two decimals, marked "约" when rounded: "9.6 亿元".
fn yi_yuan(yuan: u64) -> String {
    const YI: u128 = 100_000_000;
    let cents = u128::from(yuan) * 100;
    let rounded = (cents + YI / 2) / YI;
    let exact = cents % YI == 0;
    let (whole, frac) = (rounded / 100, rounded % 100);
    let number = if frac == 0 {
        format!("{whole}")
    } else if frac % 10 == 0 {
        format!("{whole}.{}", frac / 10)
    } else {
        format!("{whole}.{frac:02}")
    };
    if exact {
        format!("{number} 亿元")
    } else {
        format!("约 {number} 亿元")
    }
}

/// RULES-0: 规章 only where the agency can make them. With the level unknown, only the made
/// count is questioned; with a level that cannot make 规章, all three cells.
fn check_rules(r: &Report, f: &mut Findings) {
    let level = r.meta.level();
    if level.is_some_and(AgencyLevel::makes_rules) {
        return;
    }
    let cells: &[T2Cell] = if level.is_some() {
        &[T2Cell::RulesMade, T2Cell::RulesRepealed, T2Cell::RulesValid]
    } else {
        &[T2Cell::RulesMade]
    };
    let who = level.map_or_else(
        || "县级人民政府和政府部门".to_string(),
        |l| format!("{}（按基本信息中的机关层级）", l.label()),
    );
    for cell in cells {
        if let Some(n) = r.table2.get(*cell).value().filter(|n| *n > 0) {
            let (row, col) = cell.labels();
            f.warn(
                Rule::Rules0,
                Place::Cell(Cell::T2(*cell)),
                format!(
                    "{row}{col}填了 {n}。只有省级和设区的市、自治州人民政府有权制定规章，{who}此项应为0；如填的是本机关执行的上级规章，请改为0。"
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn amounts_in_yi_yuan_are_exact() {
        assert_eq!(super::yi_yuan(960_000_000), "9.6 亿元");
        assert_eq!(super::yi_yuan(100_000_000), "1 亿元");
        assert_eq!(super::yi_yuan(1_234_567_890), "约 12.35 亿元");
        assert_eq!(super::yi_yuan(105_000_000), "1.05 亿元");
    }
}
