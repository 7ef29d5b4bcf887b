//! The national format of 国办公开办函〔2021〕30号, defined once.
//!
//! Every label, heading, note and hint that the form, the checks, the PDF and the generated
//! sentences show comes from the constants in this module, and so do the short names that
//! messages use and that the prose reader looks for. The rows, columns and groups of the tables
//! are types ([`T3Row`], [`T3Col`], [`T4Group`], [`T4Col`]), so a table-四 group can never be
//! passed where a table-三 row is meant.

/// The document that defines the format, as cited in prefaces.
pub const FORMAT_DOCUMENT: &str = "国办公开办函〔2021〕30号";

/// Suffix of the report title: `<机关名称><YYYY>年` + this.
pub const TITLE_SUFFIX: &str = "政府信息公开工作年度报告";

/// The six sections, in print order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SectionKey {
    /// 一、总体情况
    Overview,
    /// 二、主动公开政府信息情况 (table 二)
    Proactive,
    /// 三、收到和处理政府信息公开申请情况 (table 三)
    Applications,
    /// 四、政府信息公开行政复议、行政诉讼情况 (table 四)
    Review,
    /// 五、存在的主要问题及改进情况
    Problems,
    /// 六、其他需要报告的事项
    Other,
}

/// What one section is: its printed heading and what the format expects in it.
#[derive(Debug, Clone, Copy)]
pub struct SectionDef {
    pub key: SectionKey,
    /// Chinese numeral of the section, e.g. "一".
    pub numeral: &'static str,
    /// The name without numbering, e.g. "总体情况".
    pub name: &'static str,
    /// What the national format asks for here, shown to the user beside the form.
    pub hint: &'static str,
}

impl SectionDef {
    /// The heading as printed, e.g. "一、总体情况".
    pub fn heading(&self) -> String {
        format!("{}、{}", self.numeral, self.name)
    }
}

pub const SECTIONS: [SectionDef; 6] = [
    SectionDef {
        key: SectionKey::Overview,
        numeral: "一",
        name: "总体情况",
        hint: "概述本机关贯彻落实《中华人民共和国政府信息公开条例》的情况，主要包括主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障等方面；各级人民政府还应报告工作考核、社会评议和责任追究结果情况。文中引用的申请数量、复议诉讼数量应与表格一致。",
    },
    SectionDef {
        key: SectionKey::Proactive,
        numeral: "二",
        name: "主动公开政府信息情况",
        hint: "按条例第二十条第（一）（五）（六）（八）项填写固定表格。所有单元格填写非负整数，没有的填0，不要留空或填“/”“-”；收费金额以万元为单位。",
    },
    SectionDef {
        key: SectionKey::Applications,
        numeral: "三",
        name: "收到和处理政府信息公开申请情况",
        hint: "按申请人类型分列填写。每一列都须满足：第一项加第二项之和，等于第三项（七）总计加第四项之和。区分处理（部分公开）的申请只计入“部分公开”，不重复计入其他情形。总计列和（七）总计行由程序自动计算。",
    },
    SectionDef {
        key: SectionKey::Review,
        numeral: "四",
        name: "政府信息公开行政复议、行政诉讼情况",
        hint: "填写本年度因政府信息公开工作被申请行政复议、提起行政诉讼的案件数，按结果维持、结果纠正、其他结果、尚未审结分列；各组总计由程序自动计算。",
    },
    SectionDef {
        key: SectionKey::Problems,
        numeral: "五",
        name: "存在的主要问题及改进情况",
        hint: "如实写明本年度工作存在的主要问题、下一步改进措施，以及上年度报告所列问题的整改情况。不能只写“无”。",
    },
    SectionDef {
        key: SectionKey::Other,
        numeral: "六",
        name: "其他需要报告的事项",
        hint: "逐项填写下列事项。第（一）项须明确说明信息处理费的收取情况（未收取的也要写明）；第（三）至（七）项没有需要报告的内容时可填“无”。",
    },
];

/// The definition of a section by key.
pub fn section(key: SectionKey) -> &'static SectionDef {
    // SECTIONS is in enum order, so the discriminant is the index.
    &SECTIONS[key as usize]
}

/// Chinese numerals used in "（一）" style numbering, enough for every list of the template.
pub const CN_NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// "（一）", "（二）", … for a zero-based index.
pub fn paren_numeral(index: usize) -> String {
    format!("（{}）", CN_NUMERALS.get(index).copied().unwrap_or("十"))
}

// ---------------------------------------------------------------------------------------------
// Preface and section 一
// ---------------------------------------------------------------------------------------------

/// Hint for the un-numbered preface paragraph(s).
pub const PREFACE_HINT: &str = "报告开头的说明段落：编制依据（条例和国办公开办函〔2021〕30号）、报告由哪六部分组成、数据统计期限（本年1月1日至12月31日）、电子版查阅下载的网站和专栏、联系地址和电话。可由“基本信息”一键生成后再修改。";

/// Hint for the opening paragraph of section 一 before its sub-heads.
pub const OVERVIEW_INTRO_HINT: &str =
    "总体情况的开头段落（可选）：简要概括本年度政府信息公开工作。";

/// A sub-head of section 一 with its default wording.
#[derive(Debug, Clone, Copy)]
pub struct SubheadDef {
    pub key: &'static str,
    /// Default title without numbering, e.g. "主动公开情况".
    pub title: &'static str,
    pub hint: &'static str,
}

/// Index in [`OVERVIEW_SUBHEADS`] of （一）主动公开情况.
pub const OVERVIEW_PROACTIVE: usize = 0;
/// Index in [`OVERVIEW_SUBHEADS`] of （二）依申请公开情况.
pub const OVERVIEW_ON_REQUEST: usize = 1;

/// The five areas the format names for section 一, as real 2021-format reports title them.
pub const OVERVIEW_SUBHEADS: [SubheadDef; 5] = [
    SubheadDef {
        key: "proactive",
        title: "主动公开情况",
        hint: "主动公开的政府信息数量、重点领域信息公开、政策解读、会议公开等情况。",
    },
    SubheadDef {
        key: "on_request",
        title: "依申请公开情况",
        hint: "收到和办理政府信息公开申请的情况。文中的申请件数、办理结果及比例应与第三部分表格一致。",
    },
    SubheadDef {
        key: "management",
        title: "政府信息管理情况",
        hint: "公开审查、公开目录和指南维护、政策文件管理等情况。",
    },
    SubheadDef {
        key: "platform",
        title: "政府信息公开平台建设情况",
        hint: "政府网站、政务新媒体、政府公报、公开专区等平台建设情况。",
    },
    SubheadDef {
        key: "oversight",
        title: "监督保障情况",
        hint: "工作机制、考核、培训、社会评议和责任追究结果等情况。",
    },
];

// ---------------------------------------------------------------------------------------------
// Section 六
// ---------------------------------------------------------------------------------------------

/// A sub-item of section 六.
#[derive(Debug, Clone, Copy)]
pub struct OtherItemDef {
    pub key: &'static str,
    /// The label without numbering.
    pub label: &'static str,
    /// Whether a bare "无" is an acceptable answer.
    pub may_be_none: bool,
    pub hint: &'static str,
}

/// Index of the 信息处理费 item in [`OTHER_ITEMS`].
pub const OTHER_ITEM_FEE: usize = 0;

/// The seven sub-items of section 六 as numbered in 2021-format reports.
pub const OTHER_ITEMS: [OtherItemDef; 7] = [
    OtherItemDef {
        key: "fee",
        label: "政府信息公开申请收费情况",
        may_be_none: false,
        hint: "依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），写明本年度是否收取信息处理费；收取的写明发出收费通知的件数和金额，未收取的也要明确写明“未收取”。",
    },
    OtherItemDef {
        key: "work_points",
        label: "落实上级年度政务公开工作要点情况",
        may_be_none: false,
        hint: "对照上级年度政务公开工作要点，说明落实情况。",
    },
    OtherItemDef {
        key: "proposals",
        label: "人大代表建议和政协委员提案办理结果公开情况",
        may_be_none: true,
        hint: "承办建议、提案的件数及办理结果公开情况。",
    },
    OtherItemDef {
        key: "innovation",
        label: "本行政机关年度政务公开工作创新情况",
        may_be_none: true,
        hint: "本年度政务公开工作的创新做法。",
    },
    OtherItemDef {
        key: "statistics",
        label: "本行政机关政府信息公开工作年度报告数据统计需要说明的事项",
        may_be_none: true,
        hint: "例如机构调整导致上年结转数与上年报告不一致等需要说明的统计口径问题。",
    },
    OtherItemDef {
        key: "other_matters",
        label: "本行政机关认为需要报告的其他事项",
        may_be_none: true,
        hint: "没有的填“无”。",
    },
    OtherItemDef {
        key: "required_by_documents",
        label: "其他有关文件专门要求通过政府信息公开工作年度报告予以报告的事项",
        may_be_none: true,
        hint: "没有的填“无”。",
    },
];

/// The customary answer for an item that has nothing to report.
pub const NOTHING: &str = "无";

// ---------------------------------------------------------------------------------------------
// Table 二
// ---------------------------------------------------------------------------------------------

/// One of the nine count cells of table 二.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum T2Cell {
    RulesMade,
    RulesRepealed,
    RulesValid,
    NormativeMade,
    NormativeRepealed,
    NormativeValid,
    Licensing,
    Penalty,
    Coercion,
}

impl T2Cell {
    pub const ALL: [T2Cell; 9] = [
        T2Cell::RulesMade,
        T2Cell::RulesRepealed,
        T2Cell::RulesValid,
        T2Cell::NormativeMade,
        T2Cell::NormativeRepealed,
        T2Cell::NormativeValid,
        T2Cell::Licensing,
        T2Cell::Penalty,
        T2Cell::Coercion,
    ];

    /// Stable key used in draft files.
    pub fn key(self) -> &'static str {
        match self {
            T2Cell::RulesMade => "rules_made",
            T2Cell::RulesRepealed => "rules_repealed",
            T2Cell::RulesValid => "rules_valid",
            T2Cell::NormativeMade => "normative_made",
            T2Cell::NormativeRepealed => "normative_repealed",
            T2Cell::NormativeValid => "normative_valid",
            T2Cell::Licensing => "licensing",
            T2Cell::Penalty => "penalty",
            T2Cell::Coercion => "coercion",
        }
    }

    /// The row and column label of this cell in the printed table, e.g. ("规章", "本年制发件数").
    pub fn labels(self) -> (&'static str, &'static str) {
        for block in &TABLE2_BLOCKS {
            for row in block.rows {
                if let T2Values::Counts(cells) = row.values
                    && let Some(i) = cells.iter().position(|c| *c == self)
                {
                    return (row.label, block.value_headers[i]);
                }
            }
        }
        // Every cell is in exactly one block; this is unreachable for the constant table.
        ("", "")
    }
}

/// What a data row of table 二 holds.
#[derive(Debug, Clone, Copy)]
pub enum T2Values {
    /// Count cells, one per value column of the block.
    Counts(&'static [T2Cell]),
    /// The 行政事业性收费 amount in 万元.
    FeeAmount,
}

#[derive(Debug, Clone, Copy)]
pub struct T2Row {
    pub label: &'static str,
    pub values: T2Values,
}

/// One captioned block of table 二.
#[derive(Debug, Clone, Copy)]
pub struct T2Block {
    /// Full-width caption row, e.g. "第二十条第（一）项".
    pub caption: &'static str,
    /// Header of the label column.
    pub label_header: &'static str,
    /// Headers of the value columns; one header spans all three grid columns.
    pub value_headers: &'static [&'static str],
    pub rows: &'static [T2Row],
}

/// Header of the label column in every block.
pub const T2_LABEL_HEADER: &str = "信息内容";
/// The unit of the fee amount.
pub const FEE_UNIT: &str = "万元";
/// Label of the fee row.
pub const FEE_LABEL: &str = "行政事业性收费";
/// Header of the fee column.
pub const FEE_HEADER: &str = "本年收费金额（单位：万元）";

pub const TABLE2_BLOCKS: [T2Block; 4] = [
    T2Block {
        caption: "第二十条第（一）项",
        label_header: T2_LABEL_HEADER,
        value_headers: &["本年制发件数", "本年废止件数", "现行有效件数"],
        rows: &[
            T2Row {
                label: "规章",
                values: T2Values::Counts(&[
                    T2Cell::RulesMade,
                    T2Cell::RulesRepealed,
                    T2Cell::RulesValid,
                ]),
            },
            T2Row {
                label: "行政规范性文件",
                values: T2Values::Counts(&[
                    T2Cell::NormativeMade,
                    T2Cell::NormativeRepealed,
                    T2Cell::NormativeValid,
                ]),
            },
        ],
    },
    T2Block {
        caption: "第二十条第（五）项",
        label_header: T2_LABEL_HEADER,
        value_headers: &["本年处理决定数量"],
        rows: &[T2Row {
            label: "行政许可",
            values: T2Values::Counts(&[T2Cell::Licensing]),
        }],
    },
    T2Block {
        caption: "第二十条第（六）项",
        label_header: T2_LABEL_HEADER,
        value_headers: &["本年处理决定数量"],
        rows: &[
            T2Row {
                label: "行政处罚",
                values: T2Values::Counts(&[T2Cell::Penalty]),
            },
            T2Row {
                label: "行政强制",
                values: T2Values::Counts(&[T2Cell::Coercion]),
            },
        ],
    },
    T2Block {
        caption: "第二十条第（八）项",
        label_header: T2_LABEL_HEADER,
        value_headers: &[FEE_HEADER],
        rows: &[T2Row {
            label: FEE_LABEL,
            values: T2Values::FeeAmount,
        }],
    },
];

/// Key of the fee amount in draft files.
pub const FEE_KEY: &str = "fees_wanyuan";

// ---------------------------------------------------------------------------------------------
// Table 三
// ---------------------------------------------------------------------------------------------

/// Number of data columns of table 三, 总计 included.
pub const T3_COLS: usize = 7;
/// Number of columns a person fills (all but 总计).
pub const T3_ENTERED_COLS: usize = 6;
/// Number of data rows, （七）总计 included.
pub const T3_ROWS: usize = 25;

/// A data column of table 三: one of the six applicant types, or the derived 总计.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct T3Col(u8);

impl T3Col {
    pub const NATURAL: T3Col = T3Col(0);
    /// 其他 (法人或其他组织): the last entered column.
    pub const OTHER: T3Col = T3Col(5);
    /// The derived 总计 column.
    pub const TOTAL: T3Col = T3Col(6);
    /// Every column, 总计 last.
    pub const ALL: [T3Col; T3_COLS] = {
        let mut all = [T3Col(0); T3_COLS];
        let mut i = 0;
        while i < T3_COLS {
            all[i] = T3Col(i as u8);
            i += 1;
        }
        all
    };
    /// The six columns a person fills.
    pub const ENTERED: [T3Col; T3_ENTERED_COLS] = {
        let mut cols = [T3Col(0); T3_ENTERED_COLS];
        let mut i = 0;
        while i < T3_ENTERED_COLS {
            cols[i] = T3Col(i as u8);
            i += 1;
        }
        cols
    };

    /// Position in the printed table, 0 = 自然人.
    pub fn index(self) -> usize {
        usize::from(self.0)
    }

    /// The column at a position of the printed table.
    pub fn at(index: usize) -> Option<T3Col> {
        T3Col::ALL.get(index).copied()
    }

    pub fn def(self) -> &'static T3ColDef {
        &T3_COLUMNS[self.index()]
    }

    pub fn label(self) -> &'static str {
        self.def().label
    }

    pub fn is_total(self) -> bool {
        self == T3Col::TOTAL
    }

    /// The column whose draft-file key is `key`.
    pub fn from_key(key: &str) -> Option<T3Col> {
        T3Col::ALL.into_iter().find(|c| c.def().key == key)
    }
}

/// A data column of table 三.
#[derive(Debug, Clone, Copy)]
pub struct T3ColDef {
    pub key: &'static str,
    pub label: &'static str,
    /// Whether it sits under the merged 法人或其他组织 header.
    pub under_legal_persons: bool,
}

pub const T3_COLUMNS: [T3ColDef; T3_COLS] = [
    T3ColDef {
        key: "natural",
        label: "自然人",
        under_legal_persons: false,
    },
    T3ColDef {
        key: "commercial",
        label: "商业企业",
        under_legal_persons: true,
    },
    T3ColDef {
        key: "research",
        label: "科研机构",
        under_legal_persons: true,
    },
    T3ColDef {
        key: "public_interest",
        label: "社会公益组织",
        under_legal_persons: true,
    },
    T3ColDef {
        key: "legal_service",
        label: "法律服务机构",
        under_legal_persons: true,
    },
    T3ColDef {
        key: "other",
        label: "其他",
        under_legal_persons: true,
    },
    T3ColDef {
        key: "total",
        label: "总计",
        under_legal_persons: false,
    },
];

/// The note in the top-left header block of table 三.
pub const T3_BALANCE_NOTE: &str =
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
/// The merged header over all data columns.
pub const T3_APPLICANTS_HEADER: &str = "申请人情况";
/// The merged header over the five organisation columns.
pub const T3_LEGAL_PERSONS_HEADER: &str = "法人或其他组织";

/// How a row of table 三 is labelled in the three label columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum T3RowKind {
    /// 一、二、四: the label spans columns A–C.
    Top,
    /// （一）（二）（七） under 三: the label spans columns B–C.
    Outcome,
    /// A numbered item under a group （三）–（六）: group in column B, item in column C.
    Item,
}

/// A data row of table 三, in print order: 一、本年新收 … 四、结转下年度继续办理.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct T3Row(u8);

impl T3Row {
    pub const NEW: T3Row = T3Row(0);
    pub const CARRIED_IN: T3Row = T3Row(1);
    pub const OPEN: T3Row = T3Row(2);
    pub const PARTIAL: T3Row = T3Row(3);
    /// First of the 21 outcome rows that add up to （七）总计.
    pub const FIRST_OUTCOME: T3Row = T3Row(2);
    /// The （六）2 row: applications dropped because a fee notice went unpaid.
    pub const FEE_UNPAID: T3Row = T3Row(21);
    /// （七）总计, derived.
    pub const TOTAL: T3Row = T3Row(23);
    pub const CARRIED_OUT: T3Row = T3Row(24);
    /// Every row in print order.
    pub const ALL: [T3Row; T3_ROWS] = {
        let mut all = [T3Row(0); T3_ROWS];
        let mut i = 0;
        while i < T3_ROWS {
            all[i] = T3Row(i as u8);
            i += 1;
        }
        all
    };

    /// Position in the printed table, 0 = 一、本年新收.
    pub fn index(self) -> usize {
        usize::from(self.0)
    }

    pub fn def(self) -> &'static T3RowDef {
        &T3_ROW_DEFS[self.index()]
    }

    /// Whether a person fills it (every row but （七）总计).
    pub fn is_entered(self) -> bool {
        self.def().entered
    }

    /// The rows a person fills, in print order.
    pub fn entered() -> impl Iterator<Item = T3Row> {
        T3Row::ALL.into_iter().filter(|r| r.is_entered())
    }

    /// The 21 outcome rows （一）…（六）3 that add up to （七）总计.
    pub fn outcomes() -> impl Iterator<Item = T3Row> {
        (T3Row::FIRST_OUTCOME.0..T3Row::TOTAL.0).map(T3Row)
    }

    /// The row whose draft-file key is `key`.
    pub fn from_key(key: &str) -> Option<T3Row> {
        T3Row::ALL.into_iter().find(|r| r.def().key == key)
    }

    /// The short name for messages and generated text: "予以公开", "属于国家秘密", "本年新收".
    pub fn short(self) -> &'static str {
        self.def().short
    }

    /// A readable name for messages: "（三）不予公开1.属于国家秘密", "一、本年新收…".
    pub fn name(self) -> String {
        let def = self.def();
        match def.group {
            Some(g) => format!("{}{}", g.def().label, def.label),
            None => def.label.to_string(),
        }
    }
}

/// A data row of table 三.
#[derive(Debug, Clone, Copy)]
pub struct T3RowDef {
    /// Stable key used in draft files and findings.
    pub key: &'static str,
    pub kind: T3RowKind,
    /// The label in the row's own cell: "一、本年新收政府信息公开申请数量", "（一）予以公开",
    /// "1.属于国家秘密".
    pub label: &'static str,
    /// The name without numbering or notes, for messages, generated text and reading prose:
    /// "本年新收政府信息公开申请数量", "部分公开", "属于国家秘密".
    pub short: &'static str,
    /// For items: the group （三）–（六） it belongs to.
    pub group: Option<T3Group>,
    /// Whether a person fills it (false only for （七）总计, which is derived).
    pub entered: bool,
}

/// A group of items under 三: （三）不予公开 … （六）其他处理.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum T3Group {
    Deny,
    Unable,
    NoProcess,
    OtherProcessing,
}

impl T3Group {
    pub const ALL: [T3Group; 4] = [
        T3Group::Deny,
        T3Group::Unable,
        T3Group::NoProcess,
        T3Group::OtherProcessing,
    ];

    pub fn def(self) -> &'static T3GroupDef {
        &T3_GROUPS[self as usize]
    }

    /// The group's item rows, in print order.
    pub fn rows(self) -> impl Iterator<Item = T3Row> {
        T3Row::ALL
            .into_iter()
            .filter(move |r| r.def().group == Some(self))
    }
}

/// A merged group label in column B: （三）不予公开 … （六）其他处理.
#[derive(Debug, Clone, Copy)]
pub struct T3GroupDef {
    pub key: &'static str,
    pub label: &'static str,
    /// Short name used in messages and generated text, e.g. "不予公开".
    pub name: &'static str,
}

pub const T3_GROUPS: [T3GroupDef; 4] = [
    T3GroupDef {
        key: "deny",
        label: "（三）不予公开",
        name: "不予公开",
    },
    T3GroupDef {
        key: "unable",
        label: "（四）无法提供",
        name: "无法提供",
    },
    T3GroupDef {
        key: "noproc",
        label: "（五）不予处理",
        name: "不予处理",
    },
    T3GroupDef {
        key: "other",
        label: "（六）其他处理",
        name: "其他处理",
    },
];

/// The merged label in column A over the 22 outcome rows.
pub const T3_RESULTS_LABEL: &str = "三、本年度办理结果";
/// Its name without the numbering, for generated text.
pub const T3_RESULTS_NAME: &str = "本年度办理结果";

const fn top(key: &'static str, label: &'static str, short: &'static str) -> T3RowDef {
    T3RowDef {
        key,
        kind: T3RowKind::Top,
        label,
        short,
        group: None,
        entered: true,
    }
}

const fn outcome(
    key: &'static str,
    label: &'static str,
    short: &'static str,
    entered: bool,
) -> T3RowDef {
    T3RowDef {
        key,
        kind: T3RowKind::Outcome,
        label,
        short,
        group: None,
        entered,
    }
}

const fn item(
    key: &'static str,
    group: T3Group,
    label: &'static str,
    short: &'static str,
) -> T3RowDef {
    T3RowDef {
        key,
        kind: T3RowKind::Item,
        label,
        short,
        group: Some(group),
        entered: true,
    }
}

use T3Group::{Deny, NoProcess, OtherProcessing, Unable};

/// The 25 data rows of table 三 in print order, labels verbatim.
pub const T3_ROW_DEFS: [T3RowDef; T3_ROWS] = [
    top(
        "new",
        "一、本年新收政府信息公开申请数量",
        "本年新收政府信息公开申请数量",
    ),
    top(
        "carried_in",
        "二、上年结转政府信息公开申请数量",
        "上年结转政府信息公开申请数量",
    ),
    outcome("open", "（一）予以公开", "予以公开", true),
    outcome(
        "partial",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "部分公开",
        true,
    ),
    item("deny1", Deny, "1.属于国家秘密", "属于国家秘密"),
    item(
        "deny2",
        Deny,
        "2.其他法律行政法规禁止公开",
        "其他法律行政法规禁止公开",
    ),
    item("deny3", Deny, "3.危及“三安全一稳定”", "危及“三安全一稳定”"),
    item("deny4", Deny, "4.保护第三方合法权益", "保护第三方合法权益"),
    item(
        "deny5",
        Deny,
        "5.属于三类内部事务信息",
        "属于三类内部事务信息",
    ),
    item("deny6", Deny, "6.属于四类过程性信息", "属于四类过程性信息"),
    item("deny7", Deny, "7.属于行政执法案卷", "属于行政执法案卷"),
    item("deny8", Deny, "8.属于行政查询事项", "属于行政查询事项"),
    item(
        "unable1",
        Unable,
        "1.本机关不掌握相关政府信息",
        "本机关不掌握相关政府信息",
    ),
    item(
        "unable2",
        Unable,
        "2.没有现成信息需要另行制作",
        "没有现成信息需要另行制作",
    ),
    item(
        "unable3",
        Unable,
        "3.补正后申请内容仍不明确",
        "补正后申请内容仍不明确",
    ),
    item(
        "noproc1",
        NoProcess,
        "1.信访举报投诉类申请",
        "信访举报投诉类申请",
    ),
    item("noproc2", NoProcess, "2.重复申请", "重复申请"),
    item(
        "noproc3",
        NoProcess,
        "3.要求提供公开出版物",
        "要求提供公开出版物",
    ),
    item(
        "noproc4",
        NoProcess,
        "4.无正当理由大量反复申请",
        "无正当理由大量反复申请",
    ),
    item(
        "noproc5",
        NoProcess,
        "5.要求行政机关确认或重新出具已获取信息",
        "要求行政机关确认或重新出具已获取信息",
    ),
    item(
        "other1",
        OtherProcessing,
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ),
    item(
        "other2",
        OtherProcessing,
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    ),
    item("other3", OtherProcessing, "3.其他", "其他"),
    outcome("total", "（七）总计", "总计", false),
    top(
        "carried_out",
        "四、结转下年度继续办理",
        "结转下年度继续办理",
    ),
];

// ---------------------------------------------------------------------------------------------
// Table 四
// ---------------------------------------------------------------------------------------------

/// A group of table 四 with its own five columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum T4Group {
    /// 行政复议.
    Review,
    /// 行政诉讼 · 未经复议直接起诉.
    LitigationDirect,
    /// 行政诉讼 · 复议后起诉.
    LitigationAfterReview,
}

impl T4Group {
    pub const ALL: [T4Group; 3] = [
        T4Group::Review,
        T4Group::LitigationDirect,
        T4Group::LitigationAfterReview,
    ];

    pub fn def(self) -> &'static T4GroupDef {
        &T4_GROUPS[self as usize]
    }

    pub fn label(self) -> &'static str {
        self.def().label
    }

    /// Whether it is one of the two kinds of 行政诉讼.
    pub fn is_litigation(self) -> bool {
        self != T4Group::Review
    }

    /// The group whose draft-file key is `key`.
    pub fn from_key(key: &str) -> Option<T4Group> {
        T4Group::ALL.into_iter().find(|g| g.def().key == key)
    }
}

/// The printed definition of a group of table 四.
#[derive(Debug, Clone, Copy)]
pub struct T4GroupDef {
    pub key: &'static str,
    pub label: &'static str,
    /// The top-level header it sits under: 行政复议 or 行政诉讼.
    pub parent: &'static str,
}

pub const T4_REVIEW: &str = "行政复议";
pub const T4_LITIGATION: &str = "行政诉讼";

pub const T4_GROUPS: [T4GroupDef; 3] = [
    T4GroupDef {
        key: "review",
        label: "行政复议",
        parent: T4_REVIEW,
    },
    T4GroupDef {
        key: "lit_direct",
        label: "未经复议直接起诉",
        parent: T4_LITIGATION,
    },
    T4GroupDef {
        key: "lit_after",
        label: "复议后起诉",
        parent: T4_LITIGATION,
    },
];

/// One of the five columns of each group of table 四; 总计 is derived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum T4Col {
    Kept,
    Corrected,
    Other,
    Pending,
    Total,
}

/// Number of columns a person fills in each group.
pub const T4_ENTERED_COLS: usize = 4;

impl T4Col {
    pub const ALL: [T4Col; 5] = [
        T4Col::Kept,
        T4Col::Corrected,
        T4Col::Other,
        T4Col::Pending,
        T4Col::Total,
    ];
    /// The four columns a person fills.
    pub const ENTERED: [T4Col; T4_ENTERED_COLS] =
        [T4Col::Kept, T4Col::Corrected, T4Col::Other, T4Col::Pending];

    /// Position within the group, 0 = 结果维持.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The printed header: "结果维持" … "总计".
    pub fn label(self) -> &'static str {
        match self {
            T4Col::Kept => "结果维持",
            T4Col::Corrected => "结果纠正",
            T4Col::Other => "其他结果",
            T4Col::Pending => "尚未审结",
            T4Col::Total => "总计",
        }
    }

    /// Stable key for draft files and findings.
    pub fn key(self) -> &'static str {
        match self {
            T4Col::Kept => "kept",
            T4Col::Corrected => "corrected",
            T4Col::Other => "other",
            T4Col::Pending => "pending",
            T4Col::Total => "total",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table3_has_the_template_shape() {
        // 22 rows under 三: （一）（二）, 19 items, （七）.
        let under_results = T3_ROW_DEFS
            .iter()
            .filter(|r| r.kind != T3RowKind::Top)
            .count();
        assert_eq!(under_results, 22);
        let sizes: Vec<usize> = T3Group::ALL.iter().map(|g| g.rows().count()).collect();
        assert_eq!(sizes, vec![8, 3, 5, 3]);
        assert_eq!(T3Row::TOTAL.def().key, "total");
        assert_eq!(T3Row::FEE_UNPAID.def().key, "other2");
        assert_eq!(T3Row::CARRIED_OUT.def().key, "carried_out");
        assert_eq!(T3Row::OPEN.def().key, "open");
        assert_eq!(T3Row::PARTIAL.def().key, "partial");
        assert_eq!(T3Row::entered().count(), T3_ROWS - 1);
        assert_eq!(T3Row::outcomes().count(), 21);
        assert_eq!(T3Col::OTHER.def().key, "other");
        assert_eq!(T3Col::TOTAL.def().key, "total");
    }

    #[test]
    fn short_names_are_taken_from_the_labels() {
        for row in T3Row::ALL {
            let def = row.def();
            assert!(def.label.contains(def.short), "{}", def.key);
            assert!(!def.short.starts_with(|c: char| c.is_ascii_digit()));
            assert!(!def.short.contains('（'), "{}", def.short);
        }
        assert!(T3_RESULTS_LABEL.ends_with(T3_RESULTS_NAME));
    }

    #[test]
    fn named_indices_point_at_their_entries() {
        assert_eq!(OVERVIEW_SUBHEADS[OVERVIEW_PROACTIVE].key, "proactive");
        assert_eq!(OVERVIEW_SUBHEADS[OVERVIEW_ON_REQUEST].key, "on_request");
        assert_eq!(OTHER_ITEMS[OTHER_ITEM_FEE].key, "fee");
    }

    #[test]
    fn keys_are_unique() {
        let mut keys: Vec<&str> = T3_ROW_DEFS.iter().map(|r| r.key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), T3_ROWS);
        for (i, g) in T3Group::ALL.iter().enumerate() {
            assert_eq!(*g as usize, i);
        }
        for (i, g) in T4Group::ALL.iter().enumerate() {
            assert_eq!(*g as usize, i);
        }
        let mut t2: Vec<&str> = T2Cell::ALL.iter().map(|c| c.key()).collect();
        t2.sort_unstable();
        t2.dedup();
        assert_eq!(t2.len(), 9);
    }

    #[test]
    fn table2_blocks_hold_each_cell_once() {
        for cell in T2Cell::ALL {
            let (row, col) = cell.labels();
            assert!(!row.is_empty() && !col.is_empty(), "{cell:?}");
        }
        assert_eq!(
            T2Cell::NormativeValid.labels(),
            ("行政规范性文件", "现行有效件数")
        );
    }

    #[test]
    fn sections_are_in_enum_order() {
        for (i, s) in SECTIONS.iter().enumerate() {
            assert_eq!(s.key as usize, i);
        }
        assert_eq!(
            section(SectionKey::Review).heading(),
            "四、政府信息公开行政复议、行政诉讼情况"
        );
    }
}
