//! PROSE, SEC5, TXT-APPS, TXT-LIT and TXT-PUB: the text of sections 一 and 五, and the numbers
//! it states against the tables.
//!
//! Every number of section 一 that stands next to a table keyword is read: it either agrees
//! with the table, disagrees (a warning), or is listed as not checked ([`ProseNumber`]) because
//! its cells are not filled yet or the wording names no cell. The words the reader knows are in
//! `text::phrases`.

use super::{Findings, Rule, Span};
use crate::model::{Place, Prose, Report, Total};
use crate::template::{FEE_HEADER, FEE_LABEL, T4_LITIGATION, T4_REVIEW};
use crate::template::{
    SectionKey, T2Cell, T3_LEGAL_PERSONS_HEADER, T3Col, T3Group, T3Row, T3RowKind, T4Col, T4Group,
};
use crate::text::claims::{Amount, Change, Claim, Growth, amounts, claims, growths};
use crate::text::is_nothing;
use crate::text::phrases::{self as ph, any};
use serde::Serialize;

pub(super) fn check_overview(r: &Report, f: &mut Findings) {
    let all_empty = r.overview.intro.trim().is_empty()
        && r.overview.parts.iter().all(|p| p.body.trim().is_empty());
    if all_empty {
        f.error(
            Rule::Prose,
            Place::Section(SectionKey::Overview),
            "总体情况尚未填写。".into(),
        );
        return;
    }
    for (i, part) in r.overview.parts.iter().enumerate() {
        if is_nothing(&part.body) {
            f.warn(
                Rule::Prose,
                Place::Prose(Prose::OverviewPart(i)),
                format!("“{}”没有内容。格式要求总体情况涵盖这一方面。", part.title),
            );
        }
    }
}

pub(super) fn check_problems(r: &Report, f: &mut Findings) {
    if is_nothing(&r.problems) {
        f.error(
            Rule::Sec5,
            Place::Section(SectionKey::Problems),
            "存在的主要问题及改进情况不能为空或只写“无”，请如实写明存在的问题和改进措施。".into(),
        );
    }
}

/// One way of reading a claim: a table figure it may state, and which rows that is.
struct Alt {
    /// "本年新收（第一项）".
    label: String,
    total: Total,
}

/// What a clause of prose is talking about, and the table's figures for it.
struct Reading {
    /// TXT-LIT for review and litigation, TXT-PUB for table 二, TXT-APPS for applications.
    rule: Rule,
    /// "收到申请".
    what: String,
    /// The figures the claim may equal (the spec accepts two readings of "收到"): it agrees
    /// when it equals one that is complete, and disagrees only when all are complete.
    alts: Vec<Alt>,
    /// Whether it is an outcome, whose percentage is a share of the （七）总计.
    is_outcome: bool,
    /// The wording may mean either alternative ("发布规范性文件N件": made, or published?): a
    /// mismatch asks which is meant.
    ask_which: bool,
}

/// What became of a number of the prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NumberStatus {
    /// Checked: it agrees with the table.
    Agrees,
    /// Checked: it disagrees (a finding says how).
    Disagrees,
    /// Not checked: the cells it concerns are not all filled.
    CellsBlank,
    /// Not checked: it stands next to a table keyword, but the wording names no cell.
    NoCell,
    /// Not checked: a change against last year, and last year's report is not linked.
    NoLastYear,
}

impl NumberStatus {
    /// Whether the number was compared with the table.
    pub fn checked(self) -> bool {
        matches!(self, NumberStatus::Agrees | NumberStatus::Disagrees)
    }

    /// Why it was not checked, for the list the clerk checks by eye.
    pub fn reason(self) -> &'static str {
        match self {
            NumberStatus::Agrees => "与表格一致",
            NumberStatus::Disagrees => "与表格不一致",
            NumberStatus::CellsBlank => "相关表格单元格未填全",
            NumberStatus::NoCell => "未能对应到表格中的具体单元格",
            NumberStatus::NoLastYear => "与上年比较，需在基本信息中关联上年报告才能核对",
        }
    }
}

/// A number in the prose of section 一 that concerns a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProseNumber {
    pub place: Place,
    /// The clause as written up to the number and unit: "共收到政府信息公开申请21件".
    pub text: String,
    /// The number stated; for an amount of money, in 元.
    pub count: u64,
    /// Where the words stand in the text.
    pub span: Span,
    pub status: NumberStatus,
}

/// Every number of section 一 that concerns a table, and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ProseAudit {
    pub numbers: Vec<ProseNumber>,
}

impl ProseAudit {
    /// How many were compared with the tables.
    pub fn checked(&self) -> usize {
        self.numbers.iter().filter(|n| n.status.checked()).count()
    }

    /// The numbers not compared, for the clerk to check by eye.
    pub fn unchecked(&self) -> impl Iterator<Item = &ProseNumber> {
        self.numbers.iter().filter(|n| !n.status.checked())
    }

    /// "正文中 12 处数字已与表格核对，2 处未能核对".
    pub fn summary(&self) -> String {
        format!(
            "正文中 {} 处数字已与表格核对，{} 处未能核对",
            self.checked(),
            self.unchecked().count()
        )
    }
}

fn alt(label: impl Into<String>, total: Total) -> Alt {
    Alt {
        label: label.into(),
        total,
    }
}

fn reading(rule: Rule, what: impl Into<String>, alts: Vec<Alt>, is_outcome: bool) -> Reading {
    Reading {
        rule,
        what: what.into(),
        alts,
        is_outcome,
        ask_which: false,
    }
}

/// The kinds of documents of table 二 and their three cells (made, repealed, valid).
fn document_kinds() -> [(&'static str, [T2Cell; 3]); 2] {
    [
        (
            T2Cell::RulesMade.labels().0,
            [T2Cell::RulesMade, T2Cell::RulesRepealed, T2Cell::RulesValid],
        ),
        (
            ph::NORMATIVE_SHORT,
            [
                T2Cell::NormativeMade,
                T2Cell::NormativeRepealed,
                T2Cell::NormativeValid,
            ],
        ),
    ]
}

/// Whether a clause concerns a table at all: a number next to none of these words (信息 759
/// 条, 信件 163 件) is not the tables' business.
fn about_tables(c: &str) -> bool {
    if any(c, ph::NOT_APPLICATIONS) && !any(c, ph::APPLICATION_WORDS) {
        return false;
    }
    any(c, ph::APPLICATION_WORDS)
        || c.contains("结转")
        || any(c, ph::CARRIED_IN)
        || any(c, ph::CARRIED_OUT)
        || any(c, ph::HANDLED)
        || c.contains(T4_REVIEW)
        || c.contains(T4_LITIGATION)
        || c.contains("复议")
        || c.contains("诉讼")
        || document_kinds().iter().any(|(k, _)| c.contains(k))
        || [T2Cell::Licensing, T2Cell::Penalty, T2Cell::Coercion]
            .iter()
            .any(|d| c.contains(d.labels().0))
        || [T3Row::OPEN, T3Row::PARTIAL]
            .iter()
            .any(|r| c.contains(r.short()))
        || T3Group::ALL.iter().any(|g| c.contains(g.def().name))
}

/// Reads a clause. `None`: not about the tables; `Some(None)`: about them, but naming no cell;
/// `Some(Some(reading))`: the cells it states. `kind` is the kind of document named earlier in
/// the sentence ("制定发布规范性文件4件，清理废止文件0件").
fn read_clause(r: &Report, c: &str, kind: Option<usize>) -> Option<Option<Reading>> {
    // "针对规范性文件……发布解读信息14条": interpretations, not documents.
    let kind = kind.filter(|_| !any(c, ph::NOT_DOCUMENTS));
    if !about_tables(c) && kind.is_none() {
        return None;
    }
    let t2 = &r.table2;
    let t3 = &r.table3;
    let t4 = &r.table4;
    let all = T3Col::TOTAL;
    // Review and litigation first, so that they are not read as applications; the two kinds
    // of litigation before 复议, which their names contain.
    for group in [T4Group::LitigationDirect, T4Group::LitigationAfterReview] {
        if c.contains(group.label()) {
            let total = t4.cell(group, T4Col::Total);
            return Some(Some(reading(
                Rule::TxtLit,
                group.label(),
                vec![alt(format!("表四“{}”总计", group.label()), total)],
                false,
            )));
        }
    }
    let review = t4.cell(T4Group::Review, T4Col::Total);
    let litigation = t4.litigation_total();
    match (c.contains("复议"), c.contains("诉讼")) {
        (true, false) => {
            return Some(Some(reading(
                Rule::TxtLit,
                T4_REVIEW,
                vec![alt(format!("表四{T4_REVIEW}总计"), review)],
                false,
            )));
        }
        (false, true) => {
            return Some(Some(reading(
                Rule::TxtLit,
                T4_LITIGATION,
                vec![alt(format!("表四{T4_LITIGATION}两类合计"), litigation)],
                false,
            )));
        }
        (true, true) => {
            return Some(Some(reading(
                Rule::TxtLit,
                format!("{T4_REVIEW}和{T4_LITIGATION}"),
                vec![alt(
                    format!("表四{T4_REVIEW}与{T4_LITIGATION}之和"),
                    review.plus(litigation),
                )],
                false,
            )));
        }
        (false, false) => {}
    }

    // Table 二: documents made, repealed, in force; decisions.
    let named_kind = document_kinds()
        .iter()
        .position(|(k, _)| c.contains(k))
        .or(kind);
    if let Some(k) = named_kind.filter(|_| !any(c, ph::NOT_DOCUMENTS)) {
        let (name, [made, repealed, valid]) = document_kinds()[k];
        let (label, _) = made.labels();
        let cell = |c: T2Cell| Total::of([t2.get(c)]);
        let col = |c: T2Cell| format!("表二“{label}”{}", c.labels().1);
        let pick = if any(c, ph::VALID) {
            Some((valid, false))
        } else if any(c, ph::REPEALED) {
            Some((repealed, false))
        } else if any(c, ph::MADE) {
            Some((made, false))
        } else if any(c, ph::MADE_OR_PUBLISHED) {
            Some((made, true))
        } else {
            None
        };
        // A kind carried over from earlier in the sentence needs its own verb ("（含新制定5件，
        // 修改4件，废止4件）": 修改 is no cell of the table).
        if named_kind != document_kinds().iter().position(|(k, _)| c.contains(k)) && pick.is_none()
        {
            return None;
        }
        return Some(pick.map(|(cell_key, ask)| {
            let mut alts = vec![alt(col(cell_key), cell(cell_key))];
            if ask {
                alts.push(alt(col(valid), cell(valid)));
            }
            Reading {
                rule: Rule::TxtPub,
                what: name.to_string(),
                alts,
                is_outcome: false,
                ask_which: ask,
            }
        }));
    }
    for d in [T2Cell::Licensing, T2Cell::Penalty, T2Cell::Coercion] {
        let (label, header) = d.labels();
        if c.contains(label) {
            return Some(c.contains(ph::DECISION).then(|| {
                reading(
                    Rule::TxtPub,
                    format!("{label}决定"),
                    vec![alt(
                        format!("表二“{label}”{header}"),
                        Total::of([t2.get(d)]),
                    )],
                    false,
                )
            }));
        }
    }

    // Outcomes: "予以公开或部分公开N件" is the sum of the two rows.
    let (open, partial) = (T3Row::OPEN.short(), T3Row::PARTIAL.short());
    if c.contains(open) && c.contains(partial) && any(c, ph::COMBINED) {
        return Some(Some(reading(
            Rule::TxtApps,
            format!("“{open}”与“{partial}”之和"),
            vec![alt(
                format!("表三（一）{open}加（二）{partial}"),
                t3.cell(T3Row::OPEN, all).plus(t3.cell(T3Row::PARTIAL, all)),
            )],
            true,
        )));
    }
    // The most specific labels first. "3.其他" is too common a word to name its row; it is
    // read through its group.
    for row in T3Row::ALL {
        let name = row.short();
        if row.def().kind == T3RowKind::Item && name.chars().count() > 2 && c.contains(name) {
            return Some(Some(reading(
                Rule::TxtApps,
                format!("“{name}”"),
                vec![alt(format!("表三“{name}”"), t3.cell(row, all))],
                true,
            )));
        }
    }
    for group in T3Group::ALL {
        let name = group.def().name;
        if c.contains(name) {
            return Some(Some(reading(
                Rule::TxtApps,
                format!("“{name}”"),
                vec![alt(
                    format!("表三{}各项合计", group.def().label),
                    t3.group_total(group, all),
                )],
                true,
            )));
        }
    }
    for row in [T3Row::OPEN, T3Row::PARTIAL] {
        let name = row.short();
        if c.contains(name) {
            return Some(Some(reading(
                Rule::TxtApps,
                format!("“{name}”"),
                vec![alt(format!("表三“{name}”"), t3.cell(row, all))],
                true,
            )));
        }
    }
    for (phrases, row, item) in [
        (ph::CARRIED_IN, T3Row::CARRIED_IN, "第二项"),
        (ph::CARRIED_OUT, T3Row::CARRIED_OUT, "第四项"),
    ] {
        if any(c, phrases) {
            let name = row.short();
            return Some(Some(reading(
                Rule::TxtApps,
                name,
                vec![alt(format!("表三{item}“{name}”"), t3.cell(row, all))],
                false,
            )));
        }
    }
    if c.contains("结转") {
        // Neither "上年" nor "下年": which way is not said.
        return Some(None);
    }
    if any(c, ph::HANDLED) {
        return Some(Some(reading(
            Rule::TxtApps,
            "办结",
            vec![alt(
                format!("表三{}", T3Row::TOTAL.def().label),
                t3.outcome_total(all),
            )],
            false,
        )));
    }
    if any(c, ph::APPLICATION_WORDS) || any(c, ph::RECEIVE_VERBS) {
        let received = |col: T3Col| {
            let new = t3.cell(T3Row::NEW, col);
            let with_carried = new.plus(t3.cell(T3Row::CARRIED_IN, col));
            (new, with_carried)
        };
        let two = |what: String, (new, with_carried): (Total, Total)| {
            Some(Some(reading(
                Rule::TxtApps,
                what.clone(),
                vec![
                    alt(format!("{what}（表三第一项本年新收）"), new),
                    alt(
                        format!("{what}（表三第一项加第二项上年结转）"),
                        with_carried,
                    ),
                ],
                false,
            )))
        };
        // An applicant type named: that column. "其他" is too common a word to name its
        // column; "法人或其他组织" is the five organisation columns together.
        if c.contains(T3_LEGAL_PERSONS_HEADER) {
            let orgs = T3Col::ENTERED
                .into_iter()
                .filter(|col| *col != T3Col::NATURAL)
                .map(received)
                .fold((Total::of([]), Total::of([])), |(a, b), (x, y)| {
                    (a.plus(x), b.plus(y))
                });
            return two(format!("{T3_LEGAL_PERSONS_HEADER}申请"), orgs);
        }
        for col in T3Col::ENTERED {
            let label = col.label();
            if label.chars().count() > 2 && c.contains(label) {
                return two(format!("{label}申请"), received(col));
            }
        }
        if any(c, ph::RECEIVE_VERBS) {
            return two("收到申请".to_string(), received(all));
        }
    }
    Some(None)
}

/// For every position of a text, the kind of document (index into `document_kinds`) named
/// last in its sentence before that position (a sentence ends at 。；or a line break). One pass
/// over the text, so a section with thousands of numbers is read in linear time.
fn kinds_before(chars: &[char]) -> Vec<Option<usize>> {
    let kinds: Vec<Vec<char>> = document_kinds()
        .iter()
        .map(|(k, _)| k.chars().collect())
        .collect();
    let mut out = Vec::with_capacity(chars.len() + 1);
    let mut current = None;
    out.push(current);
    for (i, c) in chars.iter().enumerate() {
        if "。；;\n".contains(*c) {
            current = None;
        }
        for (kind, k) in kinds.iter().enumerate() {
            if i + 1 >= k.len() && chars[i + 1 - k.len()..=i] == k[..] {
                current = Some(kind);
            }
        }
        out.push(current);
    }
    out
}

/// "表格中收到申请为 95 件（表三第一项本年新收）" or, when the readings differ, each once.
fn table_says(reading: &Reading) -> String {
    let first = &reading.alts[0];
    if reading
        .alts
        .iter()
        .all(|a| a.total.value == first.total.value)
    {
        return format!(
            "表格中{}为 {} 件（{}）",
            reading.what,
            first.total.value,
            first
                .label
                .trim_start_matches(reading.what.as_str())
                .trim_matches(['（', '）'])
        );
    }
    let each: Vec<String> = reading
        .alts
        .iter()
        .map(|a| format!("{}为 {} 件", a.label, a.total.value))
        .collect();
    format!("表格中{}", each.join("，"))
}

/// A number of the prose that was read as table figures: where it stands and the clause that
/// named them, so that a change against last year stated after it can be read the same way.
struct Base {
    at: usize,
    clause: String,
    kind: Option<usize>,
    /// Which of the reading's alternatives it agreed with (the first when none).
    alt: usize,
}

/// Reads every number of section 一 that concerns a table; pushes a finding for each that
/// disagrees and returns what became of each. Changes against last year ("较上年增加12件")
/// are checked against `last` when it is given.
fn audit(r: &Report, last: Option<&Report>, mut f: Option<&mut Findings>) -> ProseAudit {
    let handled = r.table3.outcome_total(T3Col::TOTAL);
    let mut out = ProseAudit::default();
    let fields = std::iter::once(Prose::OverviewIntro)
        .chain((0..r.overview.parts.len()).map(Prose::OverviewPart));
    for field in fields {
        let text = r.prose(field);
        let place = Place::Prose(field);
        let chars: Vec<char> = text.chars().collect();
        let kinds = kinds_before(&chars);
        let changes = growths(text);
        let mut bases: Vec<Base> = Vec::new();
        for claim in claims(text) {
            // The number of a change against last year is not a figure of this year's tables.
            if changes.iter().any(|g| g.number_at == Some(claim.at)) {
                continue;
            }
            let kind = kinds.get(claim.at).copied().flatten();
            let mut clause = claim.context.clone();
            let mut read = read_clause(r, &clause, kind);
            if matches!(read, Some(None) | None) && !about_tables(&claim.context) {
                // What is counted is named after the number: "其中10件已经完成答复",
                // "共收到12件信息依申请公开", "另有2件结转下年度".
                clause = format!("{}{}", claim.context, claim.after);
                read = read_clause(r, &clause, kind);
            }
            let Some(read) = read else { continue };
            let status = match &read {
                None => NumberStatus::NoCell,
                Some(reading) => {
                    let alt = reading
                        .alts
                        .iter()
                        .position(|a| a.total.complete && a.total.value == claim.count)
                        .unwrap_or(0);
                    bases.push(Base {
                        at: claim.at,
                        clause,
                        kind,
                        alt,
                    });
                    judge(reading, &claim, place, handled, f.as_deref_mut())
                }
            };
            out.numbers.push(ProseNumber {
                place,
                text: format!("{}{}{}", claim.context, claim.written, claim.unit),
                count: claim.count,
                span: claim_span(&claim),
                status,
            });
        }
        for g in &changes {
            let Some(status) = judge_growth(r, last, &chars, &bases, g, place, f.as_deref_mut())
            else {
                continue;
            };
            out.numbers.push(ProseNumber {
                place,
                text: g.written.clone(),
                span: Span::of(g.at, g.written.chars().count()),
                count: match g.change {
                    Change::By(n) => n.unsigned_abs(),
                    Change::Percent(p, _) => p.abs().round() as u64,
                    Change::Level => 0,
                },
                status,
            });
        }
        for amount in amounts(text) {
            if let Some(status) = judge_fee(r, &amount, place, f.as_deref_mut()) {
                out.numbers.push(ProseNumber {
                    place,
                    text: format!("{}{}", amount.context, amount.written),
                    count: u64::try_from(amount.fen / 100).unwrap_or(u64::MAX),
                    span: amount_span(&amount),
                    status,
                });
            }
        }
        if let Some(f) = f.as_deref_mut() {
            check_denials_of_litigation(r, text, place, f);
            check_all_settled(r, text, place, f);
        }
    }
    out
}

/// A change against last year ("较上年增加12件", "同比增长14.5%", "与上年持平") against this
/// year's and last year's tables. What changed is the figure stated last before it in the
/// sentence, or, when none, what the sentence names before it ("申请数量较上年增加12件").
fn judge_growth(
    r: &Report,
    last: Option<&Report>,
    chars: &[char],
    bases: &[Base],
    g: &Growth,
    place: Place,
    f: Option<&mut Findings>,
) -> Option<NumberStatus> {
    let sentence_start = chars[..g.at]
        .iter()
        .rposition(|c| "。；;！？\n".contains(*c))
        .map_or(0, |p| p + 1);
    let (clause, kind, alt) = match bases
        .iter()
        .rev()
        .find(|b| b.at >= sentence_start && b.at < g.at)
    {
        Some(b) => (b.clause.clone(), b.kind, b.alt),
        None => (chars[sentence_start..g.at].iter().collect(), None, 0),
    };
    // Not about the tables at all ("网站访问量同比增长20%"): not listed.
    let now = read_clause(r, &clause, kind)?;
    let Some(now) = now else {
        return Some(NumberStatus::NoCell);
    };
    let Some(last) = last else {
        return Some(NumberStatus::NoLastYear);
    };
    let Some(Some(before)) = read_clause(last, &clause, kind) else {
        return Some(NumberStatus::NoCell);
    };
    let (Some(a), Some(b)) = (now.alts.get(alt), before.alts.get(alt)) else {
        return Some(NumberStatus::NoCell);
    };
    if !(a.total.complete && b.total.complete) {
        return Some(NumberStatus::CellsBlank);
    }
    let (this, then) = (a.total.value, b.total.value);
    let diff = i128::from(this) - i128::from(then);
    let agrees = match g.change {
        Change::By(n) => diff == i128::from(n),
        Change::Level => diff == 0,
        Change::Percent(p, decimals) => {
            then > 0 && {
                let exact = diff as f64 * 100.0 / then as f64;
                (p - exact).abs() <= 10f64.powi(-(decimals as i32)) / 2.0 + 1e-9
            }
        }
    };
    if let (false, Some(f)) = (agrees, f) {
        let change = match diff.cmp(&0) {
            std::cmp::Ordering::Greater => format!("增加 {diff} 件"),
            std::cmp::Ordering::Less => format!("减少 {} 件", -diff),
            std::cmp::Ordering::Equal => "持平".to_string(),
        };
        let share = match (g.change, then) {
            (Change::Percent(..), 0) => "；上年为 0，无法计算增减比例".to_string(),
            (Change::Percent(_, d), _) => {
                format!("，变化 {:.*}%", d, diff as f64 * 100.0 / then as f64)
            }
            _ => String::new(),
        };
        f.warn_at(
            now.rule,
            place,
            Span::of(g.at, g.written.chars().count()),
            format!(
                "正文“{}”与上年报告不一致：{}本年为 {this} 件，上年为 {then} 件，{change}{share}。",
                g.written,
                a.label.trim_start_matches(now.what.as_str()),
            ),
        );
    }
    Some(if agrees {
        NumberStatus::Agrees
    } else {
        NumberStatus::Disagrees
    })
}

/// Compares one claim with its reading; warns (when findings are collected) on a mismatch.
fn judge(
    reading: &Reading,
    claim: &Claim,
    place: Place,
    handled: Total,
    f: Option<&mut Findings>,
) -> NumberStatus {
    let agrees = reading
        .alts
        .iter()
        .any(|a| a.total.complete && a.total.value == claim.count);
    let decided = agrees || reading.alts.iter().all(|a| a.total.complete);
    if !decided {
        return NumberStatus::CellsBlank;
    }
    let Some(f) = f else {
        return if agrees {
            NumberStatus::Agrees
        } else {
            NumberStatus::Disagrees
        };
    };
    let written = format!("{}{}{}", claim.context, claim.written, claim.unit);
    let span = claim_span(claim);
    if !agrees {
        let message = if reading.ask_which {
            format!(
                "正文“{written}”，而{}。正文说的是本机关本年制发的件数，还是发布、转载的件数？请核实并写清楚所指。",
                reading
                    .alts
                    .iter()
                    .map(|a| format!("{}为 {} 件", a.label, a.total.value))
                    .collect::<Vec<_>>()
                    .join("、")
            )
        } else {
            format!("正文“{written}”与表格不一致：{}。", table_says(reading))
        };
        f.warn_at(reading.rule, place, span, message);
    }
    if let (Some((stated, decimals)), true) = (claim.percent, reading.is_outcome)
        && handled.complete
        && handled.value > 0
    {
        let exact = claim.count as f64 * 100.0 / handled.value as f64;
        let unit = 10f64.powi(-(decimals as i32));
        if (stated - exact).abs() > unit / 2.0 + 1e-9 {
            f.warn_at(
                Rule::TxtApps,
                place,
                span,
                format!(
                    "{}{} 件占办理总数 {} 件的 {:.*}%，正文写的是 {}%。",
                    reading.what, claim.count, handled.value, decimals, exact, stated
                ),
            );
        }
    }
    if agrees {
        NumberStatus::Agrees
    } else {
        NumberStatus::Disagrees
    }
}

/// The words of a claim: its clause up to the unit.
fn claim_span(claim: &Claim) -> Span {
    Span {
        start: claim.from,
        end: claim.at + claim.written.chars().count() + 1,
    }
}

/// The words of an amount: its clause up to the unit.
fn amount_span(amount: &Amount) -> Span {
    Span::of(
        amount.from,
        amount.context.chars().count() + amount.written.chars().count(),
    )
}

/// An amount of 行政事业性收费 stated in prose against table 二's amount; `None` when the clause
/// is not about that fee (信息处理费 belongs to section 六 and no table).
fn judge_fee(
    r: &Report,
    amount: &Amount,
    place: Place,
    f: Option<&mut Findings>,
) -> Option<NumberStatus> {
    let c = &amount.context;
    if !(c.contains(FEE_LABEL) || c.contains("收费")) || c.contains("处理费") {
        return None;
    }
    let Some(table) = r.table2.fee.value() else {
        return Some(NumberStatus::CellsBlank);
    };
    let table_fen = u128::from(table.ten_thousandths) * 100;
    if table_fen == amount.fen {
        return Some(NumberStatus::Agrees);
    }
    if let Some(f) = f {
        f.warn_at(
            Rule::TxtPub,
            place,
            amount_span(amount),
            format!(
                "正文“{}{}”与表格不一致：表二“{FEE_LABEL}”{FEE_HEADER}为 {table}。",
                amount.context, amount.written
            ),
        );
    }
    Some(NumberStatus::Disagrees)
}

pub(super) fn check_against_tables(r: &Report, last: Option<&Report>, f: &mut Findings) {
    audit(r, last, Some(f));
}

/// Every number of section 一 that concerns a table: checked against it, or listed as not
/// checked with the reason, so that the clerk can check those by eye.
pub fn prose_numbers(r: &Report, last: Option<&Report>) -> ProseAudit {
    audit(r, last, None)
}

/// The sentences of a text (ended by 。；or a line break) with where each starts, in
/// characters.
fn sentences(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    text.split(['。', '；', '\n']).map(move |s| {
        let start = at;
        at += s.chars().count() + 1;
        (start, s)
    })
}

/// "均已办结" or "全部按期办结" while applications are carried into next year.
fn check_all_settled(r: &Report, text: &str, place: Place, f: &mut Findings) {
    let out = r.table3.cell(T3Row::CARRIED_OUT, T3Col::TOTAL);
    if !out.complete || out.value == 0 {
        return;
    }
    for (at, sentence) in sentences(text) {
        if let Some(said) = ph::ALL_SETTLED.iter().find(|p| sentence.contains(**p)) {
            let start = at + sentence[..sentence.find(said).unwrap_or(0)].chars().count();
            f.warn_at(
                Rule::TxtApps,
                place,
                Span::of(start, said.chars().count()),
                format!(
                    "正文说“{said}”，但表三第四项“{}”为 {} 件。",
                    T3Row::CARRIED_OUT.short(),
                    out.value
                ),
            );
        }
    }
}

/// "未发生……行政复议和诉讼" while table 四 has cases.
fn check_denials_of_litigation(r: &Report, text: &str, place: Place, f: &mut Findings) {
    for (at, sentence) in sentences(text) {
        if !any(sentence, ph::DENIALS) {
            continue;
        }
        let span = Span::of(at, sentence.chars().count());
        let review = r.table4.cell(T4Group::Review, T4Col::Total);
        let lit = r.table4.litigation_total();
        if sentence.contains("复议") && review.complete && review.value > 0 {
            f.warn_at(
                Rule::TxtLit,
                place,
                span,
                format!(
                    "正文说未发生{T4_REVIEW}，但表四{T4_REVIEW}总计为 {} 件。",
                    review.value
                ),
            );
        }
        if sentence.contains("诉讼") && lit.complete && lit.value > 0 {
            f.warn_at(
                Rule::TxtLit,
                place,
                span,
                format!(
                    "正文说未发生{T4_LITIGATION}，但表四{T4_LITIGATION}合计为 {} 件。",
                    lit.value
                ),
            );
        }
    }
}

/// Whether tables 三 and 四 are entirely 0: every entered cell filled with 0. Before export
/// the interface asks once whether that is true.
pub fn all_zero(r: &Report) -> bool {
    let t3 = r
        .table3
        .entered_rows()
        .all(|(_, cells)| cells.iter().all(|c| c.value() == Some(0)));
    let t4 = T4Group::ALL.iter().all(|g| {
        T4Col::ENTERED
            .iter()
            .all(|c| r.table4.get(*g, *c).value() == Some(0))
    });
    t3 && t4
}

/// The question the interface asks before exporting an all-zero report.
pub const ALL_ZERO_QUESTION: &str = "本年度确实未收到政府信息公开申请、未发生行政复议和诉讼？";
