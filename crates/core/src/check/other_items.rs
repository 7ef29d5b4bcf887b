//! SEC6 and FEE-6: the items of section 六, and the plain statement on 信息处理费.

use super::{Findings, Rule};
use crate::model::{Place, Prose, Report};
use crate::template::{FEE_LABEL, FEE_UNIT, OTHER_ITEM_FEE, OTHER_ITEMS, T3Col, T3Row};
use crate::text::is_nothing;

pub(super) fn check(r: &Report, f: &mut Findings) {
    for (i, (def, text)) in OTHER_ITEMS.iter().zip(&r.other_items).enumerate() {
        let place = Place::Prose(Prose::OtherItem(i));
        if text.trim().is_empty() {
            let advice = if def.may_be_none {
                "没有需要报告的内容时请填“无”。"
            } else {
                "请填写。"
            };
            f.warn(Rule::Sec6, place, format!("此项为空，{advice}"));
        } else if !def.may_be_none && i != OTHER_ITEM_FEE && is_nothing(text) {
            f.warn(
                Rule::Sec6,
                place,
                "此项不宜只写“无”，请说明具体情况。".into(),
            );
        }
    }

    // 六（一） must state plainly whether 信息处理费 was charged.
    let fee_text = r.prose(Prose::OtherItem(OTHER_ITEM_FEE));
    let place = Place::Prose(Prose::OtherItem(OTHER_ITEM_FEE));
    let unpaid: u64 = T3Col::ENTERED
        .iter()
        .filter_map(|c| r.table3.get(T3Row::FEE_UNPAID, *c).value())
        .map(u64::from)
        .sum();
    let says_fee = fee_text.contains('费');
    if unpaid > 0 && (is_nothing(fee_text) || !says_fee) {
        f.warn(
            Rule::Fee6,
            place,
            format!(
                "表三（六）2“{}”共 {unpaid} 件，说明本年发出过信息处理费收费通知，此处应写明收费通知件数和金额，不能写“无”。",
                T3Row::FEE_UNPAID.short()
            ),
        );
    } else if !fee_text.trim().is_empty() && is_nothing(fee_text) {
        let fee = r.table2.fee.value().filter(|v| v.ten_thousandths > 0);
        let extra = fee
            .map(|v| format!("表二{FEE_LABEL}为 {v} {FEE_UNIT}，"))
            .unwrap_or_default();
        f.warn(
            Rule::Fee6,
            place,
            format!("{extra}此项只写“无”不够明确，请写明本年度是否收取信息处理费（未收取的写明“未收取任何费用”）。"),
        );
    } else if !fee_text.trim().is_empty() && !says_fee {
        f.warn(
            Rule::Fee6,
            place,
            "此项没有提到信息处理费，请明确写明本年度信息处理费的收取情况。".into(),
        );
    }
}
