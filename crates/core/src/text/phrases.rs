//! The words real reports use for the figures of the tables: one table of matching phrases for
//! the claim reader (`check::prose`), the copy measure and the lint. Labels of rows and columns
//! are not repeated here: they come from `template.rs`; these are the other ways reports say
//! the same thing, collected from published reports (see `tests/fixtures/reports/`).

/// Units a count is stated in: "申请21件", "收到申请公开21条", "申请3份", and in Guangdong's
/// reports "收到政府信息公开申请3宗".
pub const COUNT_UNITS: &[char] = &['件', '条', '份', '宗'];

/// Applications carried over from last year (table 三 row 二), however a report words it.
pub const CARRIED_IN: &[&str] = &[
    "上年结转",
    "上年度结转",
    "上一年度结转",
    "结转上年度",
    "上年度转入",
    "上年转入",
    "上年转结",
    "上年度转结",
    "上年遗留",
];

/// Applications carried into next year (table 三 row 四).
pub const CARRIED_OUT: &[&str] = &[
    "结转下年度",
    "结转下一年",
    "结转至下年",
    "结转到下年",
    "结转至下一年",
    "结转到下一年",
    "转入下年度",
    "转入下一年",
    "顺延至下年",
    "顺延至下一年",
    "延至下年",
    "转下年度",
    "转下一年",
    "下年度继续办理",
];

/// Verbs of receiving applications: "共收到/新收/受理/接收/收办/承办……申请N件".
pub const RECEIVE_VERBS: &[&str] = &[
    "收到", "新收", "受理", "接收", "收办", "承办", "接到", "共收", "收悉",
];

/// Words that make a clause about applications.
pub const APPLICATION_WORDS: &[&str] = &["申请", "依申请公开"];

/// Things other than applications that reports count next to the same verbs ("办结留言230条",
/// "受理县长信箱有效信件163件"): a clause naming one of them and no 申请 is not about table 三.
pub const NOT_APPLICATIONS: &[&str] = &[
    "留言", "信件", "来信", "建议", "提案", "热线", "诉求", "工单", "咨询", "信箱", "投诉",
];

/// Handled applications (the （七）总计 row): "办结N件", "已办理完毕", "完成答复".
pub const HANDLED: &[&str] = &[
    "办结",
    "办理完毕",
    "完成答复",
    "答复完毕",
    "予以答复",
    "作出答复",
];

/// Claims that every application was settled: false while 结转下年度 > 0.
pub const ALL_SETTLED: &[&str] = &[
    "均已办结",
    "全部办结",
    "已全部办结",
    "均已按期办结",
    "全部按期办结",
    "均按期办结",
    "均已答复完毕",
    "全部答复完毕",
];

/// Denials of review and litigation: "未发生……行政复议".
pub const DENIALS: &[&str] = &["未发生", "没有发生", "未出现", "无因", "未产生", "没有因"];

/// Joining words that make "予以公开或部分公开N件" one sum of two rows.
pub const COMBINED: &[&str] = &["或", "和", "及", "与", "、", "以及"];

/// Verbs for table 二 (规章, 行政规范性文件): made this year.
pub const MADE: &[&str] = &["制发", "制定", "出台", "新制定", "新出台"];
/// Verbs that may mean made or merely published: a mismatch asks which is meant.
pub const MADE_OR_PUBLISHED: &[&str] = &["发布", "印发", "公开", "发文"];
/// Repealed this year.
pub const REPEALED: &[&str] = &["废止", "宣布失效", "清理废止"];
/// In force at the end of the year.
pub const VALID: &[&str] = &["现行有效"];
/// Things counted next to the documents of table 二 that are not documents ("针对规范性文件……
/// 发布解读信息14条"): a clause naming one of them is no count of table 二.
pub const NOT_DOCUMENTS: &[&str] = &["解读", "图解", "问答", "访谈"];
/// Shorter names of the two kinds of documents of table 二: "规范性文件" for
/// "行政规范性文件".
pub const NORMATIVE_SHORT: &str = "规范性文件";
/// Decisions of table 二 are counted only when the clause says "决定".
pub const DECISION: &str = "决定";

/// Words that compare a figure with last year's: "较上年增加12件", "同比增长14.5%".
pub const AGAINST_LAST_YEAR: &[&str] = &[
    "与上年度相比",
    "与上年相比",
    "与上年度",
    "与上年",
    "与去年",
    "较上一年度",
    "较上一年",
    "较上年度",
    "较上年",
    "比上年度",
    "比上年",
    "较去年",
    "比去年",
    "同比",
];
/// Verbs of a rise and of a fall after those words.
pub const RISE: &[&str] = &["增加", "增长", "上升", "提高", "多"];
pub const FALL: &[&str] = &["减少", "下降", "降低", "回落", "少"];
/// No change: "与上年持平".
pub const LEVEL: &str = "持平";

/// Whether any phrase occurs in the text.
pub fn any(text: &str, phrases: &[&str]) -> bool {
    phrases.iter().any(|p| text.contains(p))
}
