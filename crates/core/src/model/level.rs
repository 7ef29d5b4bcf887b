//! Who is reporting: the level of the agency, which decides what some rules expect (only
//! provincial and 设区的市 governments make 规章; a city's fees are larger than a town's).

use serde::{Deserialize, Serialize};

/// The level of the reporting agency. Stored in the draft when the person chooses it; inferred
/// from the agency's name ([`AgencyLevel::infer`]) when not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyLevel {
    /// 省、自治区、直辖市人民政府 (and their 办公厅).
    Province,
    /// 设区的市、自治州人民政府 (and their 办公室).
    City,
    /// 县、县级市、市辖区、旗人民政府.
    County,
    /// 政府工作部门 of any level: 局、委员会、厅、办公室…
    Department,
    /// 乡、镇人民政府, 街道办事处.
    Township,
    /// 派出机构 and others: 开发区、新区管理委员会…
    Dispatched,
}

impl AgencyLevel {
    /// Every level, in the order of the choice in 基本信息.
    pub const ALL: [AgencyLevel; 6] = [
        AgencyLevel::Province,
        AgencyLevel::City,
        AgencyLevel::County,
        AgencyLevel::Department,
        AgencyLevel::Township,
        AgencyLevel::Dispatched,
    ];

    /// The Chinese name shown in the choice.
    pub fn label(self) -> &'static str {
        match self {
            AgencyLevel::Province => "省级人民政府",
            AgencyLevel::City => "设区的市、自治州人民政府",
            AgencyLevel::County => "县级人民政府（县、县级市、市辖区）",
            AgencyLevel::Department => "政府部门",
            AgencyLevel::Township => "乡镇人民政府、街道办事处",
            AgencyLevel::Dispatched => "派出机构、管理委员会等",
        }
    }

    /// Whether it may make 规章 (立法法 第九十三条: 省、自治区、直辖市和设区的市、自治州的人民政府).
    pub fn makes_rules(self) -> bool {
        matches!(self, AgencyLevel::Province | AgencyLevel::City)
    }

    /// 行政事业性收费 above this many 万元 is worth a second look ("单位是不是填错了").
    /// A province or a city collects 十亿 and more; a town hardly any.
    pub fn fee_ceiling_wanyuan(self) -> u64 {
        match self {
            AgencyLevel::Province => 10_000_000,
            AgencyLevel::City => 1_000_000,
            AgencyLevel::County | AgencyLevel::Department | AgencyLevel::Dispatched => 100_000,
            AgencyLevel::Township => 1_000,
        }
    }

    /// The level a name suggests, or `None` when the name does not tell. "X市人民政府" is read
    /// as a 设区的市: a 县级市 has the same form of name, so the person may need to choose.
    pub fn infer(agency: &str) -> Option<AgencyLevel> {
        let a: String = agency.chars().filter(|c| !c.is_whitespace()).collect();
        if a.is_empty() {
            return None;
        }
        let ends = |s: &str| a.ends_with(s);
        if ends("街道办事处") || ends("街道") || ends("街道办") {
            return Some(AgencyLevel::Township);
        }
        if a.contains("管理委员会") || a.contains("管委会") || ends("派出所") {
            return Some(AgencyLevel::Dispatched);
        }
        // A government, or its general office that publishes the government's report.
        let government = [
            "人民政府办公厅",
            "人民政府办公室",
            "政府办公室",
            "政府办",
            "人民政府",
        ]
        .iter()
        .find_map(|s| a.strip_suffix(s));
        if let Some(place) = government {
            return Some(if place.ends_with('镇') || place.ends_with('乡') {
                AgencyLevel::Township
            } else if place.ends_with("自治区")
                || place.ends_with('省')
                || ["北京市", "天津市", "上海市", "重庆市"].contains(&place)
            {
                AgencyLevel::Province
            } else if place.ends_with("自治州") || place.ends_with('盟') {
                AgencyLevel::City
            } else if place.ends_with('县')
                || place.ends_with('区')
                || place.ends_with('旗')
                || place.ends_with("自治县")
            {
                AgencyLevel::County
            } else if place.ends_with('市') {
                // A city inside another city's name ("XX市YY市") is a 县级市.
                if place.matches('市').count() > 1 || place.contains('县') {
                    AgencyLevel::County
                } else {
                    AgencyLevel::City
                }
            } else {
                return None;
            });
        }
        if ends("镇") || ends("乡") {
            return Some(AgencyLevel::Township);
        }
        let department = [
            "局",
            "委员会",
            "委",
            "厅",
            "办公室",
            "办",
            "中心",
            "署",
            "院",
            "处",
        ];
        department
            .iter()
            .any(|s| ends(s))
            .then_some(AgencyLevel::Department)
    }
}

#[cfg(test)]
mod tests {
    use super::AgencyLevel::{self, *};

    #[test]
    fn levels_are_read_from_names() {
        let cases = [
            ("上海市人民政府", Some(Province)),
            ("贵阳市人民政府办公厅", Some(City)),
            ("金乡县人民政府办公室", Some(County)),
            ("九江市濂溪区人民政府", Some(County)),
            ("广元市统计局", Some(Department)),
            ("广州市海珠区官洲街道办事处", Some(Township)),
            ("汉台区徐望镇人民政府", Some(Township)),
            ("西咸新区管理委员会", Some(Dispatched)),
            ("某某", None),
        ];
        for (name, level) in cases {
            assert_eq!(AgencyLevel::infer(name), level, "{name}");
        }
        assert!(City.makes_rules() && !County.makes_rules());
    }
}
