//! Figures: `metric(entity, metric, value, unit, currency, qualifier, as_of)`.

use crate::model::MentionKind;

use super::super::clause::{LineView, ValueItem};
use super::super::discourse::{Discourse, Referent, Wanted};
use super::super::triggers::{Cue, Role};
use super::{Context, Draft, Example, Predicate, Rule, RuleId, set_amount};

pub const RULES: &[Rule] = &[Rule {
    id: RuleId::MetricSubject,
    predicate: Predicate::Metric,
    apply: metric,
    examples: &[
        Example {
            text: "可灵的月活已经超过了 3000 万",
            gives: &["metric(可灵) metric=mau value=30000000 qualifier=over"],
            not: &[],
        },
        Example {
            text: "云岫科技的员工\n现在大概 300 人左右",
            gives: &["metric(云岫科技) metric=employees value=300 qualifier=about"],
            not: &[],
        },
        Example {
            text: "可灵上线两周就火了",
            gives: &[],
            not: &["metric(可灵)"],
        },
        // Issue 18: the figures of cars, chips and phones, with unit, currency and period.
        Example {
            text: "蔚来上个季度交付了 6.2 万台",
            gives: &["metric(蔚来) metric=deliveries value=62000 unit=台 as_of=2024-Q4"],
            not: &[],
        },
        Example {
            text: "好车S7 上市首月就卖出去 1.2 万辆",
            gives: &["metric(好车S7) metric=sales value=12000 unit=辆"],
            not: &[],
        },
        Example {
            text: "云岫科技的大定\n72 小时就破了 5 万台",
            gives: &["metric(云岫科技) metric=orders value=50000 unit=台"],
            not: &["metric(云岫科技) value=72"],
        },
        Example {
            text: "云岫科技今年上半年净亏损 5.3 亿元",
            gives: &["metric(云岫科技) metric=profit value=-530000000 currency=CNY as_of=2025-H1"],
            not: &["metric(云岫科技) value=530000000"],
        },
        Example {
            text: "云岫科技去年扭亏为盈 赚了 2 亿",
            gives: &["metric(云岫科技) metric=profit value=200000000 as_of=2024 currency=CNY"],
            not: &[],
        },
        // A profit, loss or revenue said in 万 / 亿 with no money word is money, in the
        // currency the talk uses (the line before said 港元; the episode's yuan amounts).
        Example {
            text: "星河动力前年赔了两个亿\n去年营收 12 个亿",
            gives: &[
                "metric(星河动力) metric=profit value=-200000000 currency=CNY as_of=2023",
                "metric(星河动力) metric=revenue value=1200000000 currency=CNY as_of=2024",
            ],
            not: &[],
        },
        Example {
            text: "云岫科技今年营收 8 亿港元\n不过还亏了 5000 多万",
            gives: &["metric(云岫科技) metric=profit value=-50000000 currency=HKD qualifier=over"],
            not: &["metric(云岫科技) value=-50000000 currency=CNY"],
        },
        // A count said with its unit is no amount.
        Example {
            text: "云岫科技去年营收增长很快 用户有 3000 万人",
            gives: &[],
            not: &["metric(云岫科技) metric=revenue"],
        },
        Example {
            text: "蔚来的毛利率回升到 18.5%",
            gives: &["metric(蔚来) metric=gross_margin value=18.5 unit=%"],
            not: &[],
        },
        Example {
            text: "蔚来在国内的市占率超过三成",
            gives: &["metric(蔚来) metric=market_share value=30 qualifier=over"],
            not: &[],
        },
        // The period reported on holds while the talk stays on the reporting company.
        Example {
            text: "蔚来公布了第三季度的财报\n毛利率来到 13.1%\n再说好车汽车\n好车汽车的毛利率是 20%",
            gives: &[
                "metric(蔚来) metric=gross_margin value=13.1 as_of=2025-Q3",
                "metric(好车汽车) metric=gross_margin value=20",
            ],
            not: &["metric(好车汽车) as_of=2025-Q3"],
        },
        // Revenue said without a currency (收入 4.2 亿, 营收差不多 30 个亿) is an amount when
        // large enough, as a profit is; a small count is not.
        Example {
            text: "云岫科技今年一季度\n收入 4.2 亿",
            gives: &["metric(云岫科技) metric=revenue value=420000000 as_of=2025-Q1"],
            not: &[],
        },
        Example {
            text: "星河动力去年全年的营收\n是 12 亿出头",
            gives: &["metric(星河动力) metric=revenue value=1200000000 as_of=2024"],
            not: &[],
        },
        Example {
            text: "云岫科技的收入来源有 3 个",
            gives: &[],
            not: &["metric(云岫科技) metric=revenue"],
        },
        // A year said as a whole year reported on (全年, 一整年) holds as a quarter does: the
        // figures lines on are that year's, not those of a half said earlier.
        Example {
            text: "云岫科技今年上半年签了 30 家客户\n再看 2024 年全年\n营业收入是 18 亿元\n比前年多了一半\n毛利率 40% 左右\n净利润 2 亿元",
            gives: &["metric(云岫科技) metric=profit value=200000000 as_of=2024"],
            not: &["metric(云岫科技) metric=profit as_of=2025-H1"],
        },
        Example {
            text: "好车汽车第三季度卖了 4 万辆\n拉长到去年一整年\n交付了 12 万辆\n营收 300 亿元\n研发投入很大\n毛利率 18%",
            gives: &["metric(好车汽车) metric=gross_margin value=18 as_of=2024"],
            not: &["metric(好车汽车) metric=gross_margin as_of=2025-Q3"],
        },
        // A series goes on over a line that only says when (二月因为过年 / 掉到 …).
        Example {
            text: "好车汽车去年十月交付 2.4 万辆\n十一月赶上了促销\n冲到 3.1 万辆",
            gives: &[
                "metric(好车汽车) metric=deliveries value=24000 as_of=2024-10",
                "metric(好车汽车) metric=deliveries value=31000 as_of=2024-11",
            ],
            not: &[],
        },
        Example {
            text: "云岫科技的月活 一月是 800 万\n到了四月份\n涨到 1200 万",
            gives: &["metric(云岫科技) metric=mau value=12000000 as_of=2025-04"],
            not: &[],
        },
        // 交了 with a count of cars or machines is a delivery; 交了 money is not.
        Example {
            text: "蔚来上个月交了 2.1 万台车",
            gives: &["metric(蔚来) metric=deliveries value=21000 as_of=2025-02"],
            not: &[],
        },
        Example {
            text: "好车汽车一月份交了 9,800 辆\n二月掉到 7,000 辆左右",
            gives: &[
                "metric(好车汽车) metric=deliveries value=9800 as_of=2025-01",
                "metric(好车汽车) metric=deliveries value=7000 qualifier=about as_of=2025-02",
            ],
            not: &[],
        },
        Example {
            text: "蔚来去年交了 3000 万元的罚款",
            gives: &[],
            not: &["metric(蔚来) metric=deliveries"],
        },
        // An investor named on a round's line is who put money in: the figures said next are
        // still the funded company's, not the investor's.
        Example {
            text: "云岫科技刚完成 B 轮\n蓝鲸资本领投\n今年一季度营收 3 亿元",
            gives: &["metric(云岫科技) metric=revenue value=300000000"],
            not: &["metric(蓝鲸资本)"],
        },
        Example {
            text: "星河动力这轮拿了 5 亿元\n老股东蓝鲸资本继续跟\n员工现在 800 人左右",
            gives: &["metric(星河动力) metric=employees value=800 qualifier=about"],
            not: &["metric(蓝鲸资本)"],
        },
        Example {
            text: "云岫科技的 A+ 轮\n百度也进来了\n日活大概 50 万",
            gives: &["metric(云岫科技) metric=dau value=500000 qualifier=about"],
            not: &["metric(百度)"],
        },
        // 第二年 / 次年: the year after the one said last; 连续第二年 counts a streak.
        Example {
            text: "云岫科技 2023 年的营收是 3 亿元\n第二年翻了一倍 来到 6 亿元",
            gives: &["metric(云岫科技) metric=revenue value=600000000 as_of=2024"],
            not: &[],
        },
        Example {
            text: "星河动力 2022 年卖了 1 万台\n次年卖到了 3 万台",
            gives: &["metric(星河动力) value=30000 as_of=2023"],
            not: &["metric(星河动力) value=30000 as_of=2022"],
        },
        Example {
            text: "云岫科技 2023 年的营收是 3 亿元\n已经连续第二年营收超过 2 亿元",
            gives: &[],
            not: &["metric(云岫科技) as_of=2024"],
        },
        // Who reports a figure (据 X 报道, 援引 X 的消息) is no topic: the period said after
        // it is still the reporting company's, and its subsidiary's figures keep it.
        Example {
            text: "好车集团公布了第三季度的成绩单\n营收是 500 亿元\n据潮声日报的独家报道\n三季度的收入当中\n单看好车汽车\n就拿到了 300 亿元",
            gives: &["metric(好车汽车) metric=revenue value=30000000000 as_of=2025-Q3"],
            not: &["metric(潮声日报)"],
        },
        Example {
            text: "好车集团的三季报出来了\n援引潮声日报的消息\n三季度的销量里面\n好车汽车\n一共卖了 6 万辆",
            gives: &["metric(好车汽车) metric=sales value=60000 as_of=2025-Q3"],
            not: &["metric(潮声日报)"],
        },
        Example {
            text: "云岫科技发布了上半年的业绩\n营收是 3 亿元\n接着看星河动力\n星河动力的营收是 5 亿元",
            gives: &["metric(云岫科技) metric=revenue value=300000000 as_of=2025-H1"],
            not: &["metric(星河动力) as_of=2025-H1"],
        },
        Example {
            text: "星河动力的市值一度冲到 3000 亿港元",
            gives: &["metric(星河动力) metric=valuation value=300000000000 currency=HKD"],
            not: &[],
        },
        // A series: one metric word, then a figure a line, each with its own period.
        Example {
            text: "蔚来的交付量\n一月份是 1 万台\n到了三月涨到 1.5 万台",
            gives: &[
                "metric(蔚来) metric=deliveries value=10000 as_of=2025-01",
                "metric(蔚来) metric=deliveries value=15000 as_of=2025-03",
            ],
            not: &[],
        },
        // The period the text reports on holds for the figures after it.
        Example {
            text: "说到云岫科技\n公司去年的营收超过了 3 亿元",
            gives: &["metric(云岫科技) metric=revenue value=300000000 as_of=2024"],
            not: &[],
        },
        // The reporter is the subject when nothing is named after the reporting verb, and a
        // date a figure is compared with is not the period.
        Example {
            text: "蔚来今天公布了第三季度的财报\n营收是 190 亿元\n跟去年同期比涨了 20%\n毛利率来到 13.1%",
            gives: &[
                "metric(蔚来) metric=revenue value=19000000000 as_of=2025-Q3",
                "metric(蔚来) metric=gross_margin value=13.1 as_of=2025-Q3",
            ],
            not: &["metric(蔚来) as_of=2024"],
        },
        // Not metrics: a price, another company's figure said for comparison; a target is
        // kept as a forecast.
        Example {
            text: "好车S7 的售价是 32.8 万元",
            gives: &[],
            not: &["metric(好车S7)"],
        },
        Example {
            text: "蔚来交付了 2 万辆 比好车汽车的 1.5 万辆多",
            gives: &["metric(蔚来) metric=deliveries value=20000"],
            not: &["metric(蔚来) value=15000", "metric(好车汽车)"],
        },
        Example {
            text: "蔚来全年目标是交付 30 万辆",
            gives: &["metric(蔚来) metric=deliveries value=300000 forecast=true"],
            not: &["metric(蔚来) forecast=false"],
        },
        // Issue 19. A line that only turns the talk to a name is read through: the metric
        // word before it, or the series, goes on for the name.
        Example {
            text: "去年第四季度的营收\n光是好车汽车\n就贡献了 40 亿元",
            gives: &["metric(好车汽车) metric=revenue value=4000000000 as_of=2024-Q4"],
            not: &["metric(好车集团)"],
        },
        Example {
            text: "蔚来的市值是 500 亿美元\n星河动力那边呢\n只有 80 亿美元",
            gives: &[
                "metric(蔚来) metric=valuation value=50000000000",
                "metric(星河动力) metric=valuation value=8000000000 currency=USD",
            ],
            not: &["metric(蔚来) value=8000000000"],
        },
        // A series stops at a target and at a change in percentage points or a count of
        // quarters.
        Example {
            text: "蔚来的交付量\n一月份是 1 万台\n全年的目标是 20 万台",
            gives: &["metric(蔚来) metric=deliveries value=10000"],
            not: &["metric(蔚来) value=200000"],
        },
        Example {
            text: "蔚来的市占率来到 12%\n一年就多了 2.5 个百分点\n已经连续九个季度往上走",
            gives: &["metric(蔚来) metric=market_share value=12"],
            not: &["metric(蔚来) value=2.5", "metric(蔚来) value=9"],
        },
        // A business of a company: the group's company that runs it, when the catalogue
        // says which; else no fact rather than the whole company's.
        Example {
            text: "好车集团公布了去年的业绩\n汽车业务的毛利率是 18%",
            gives: &["metric(好车汽车) metric=gross_margin value=18 as_of=2024"],
            not: &["metric(好车集团) metric=gross_margin"],
        },
        Example {
            text: "再说云岫科技\n它的广告业务收入是 3 亿元",
            gives: &[],
            not: &["metric(云岫科技)"],
        },
        Example {
            text: "说到好车集团\n电动车这块业务\n交出了 5 亿元的利润",
            gives: &[],
            not: &["metric(好车集团)"],
        },
        Example {
            text: "说到好车汽车\n汽车的毛利率是 15%",
            gives: &["metric(好车汽车) metric=gross_margin value=15"],
            not: &["metric(好车集团)"],
        },
        // The company the talk stayed on, its own products named meanwhile; not when a
        // product of another company was named since.
        Example {
            text: "蔚来发布了 ES8\nES8 是一台大七座\n空间很大\n开起来也很安静\n续航也比较长\n车机也好用\n单月交付超过了 2 万辆",
            gives: &["metric(蔚来) metric=deliveries value=20000 qualifier=over"],
            not: &["metric(ES8)"],
        },
        Example {
            text: "蔚来发布了 ES8\n空间很大\n开起来也很安静\n续航也比较长\n车机也好用\n好车S7 也很受欢迎\n大家都在比\n单月交付超过了 2 万辆",
            gives: &[],
            not: &["metric(蔚来)"],
        },
        // A valuation said just after a round takes the round's date, said lines before.
        Example {
            text: "去年 3 月\n云岫科技宣布完成了 B 轮融资\n这一轮融了 5 亿元\n投后估值\n大概 40 亿元",
            gives: &["metric(云岫科技) metric=valuation value=4000000000 as_of=2024-03"],
            not: &["metric(云岫科技) metric=valuation as_of=2025-03-01"],
        },
        Example {
            text: "2023 年 6 月\n星河动力拿到了 C 轮\n由红杉领投\n融资额是 10 亿元\n这轮之后估值来到 120 亿元",
            gives: &["metric(星河动力) metric=valuation value=12000000000 as_of=2023-06"],
            not: &[],
        },
        // The period said before holds when a plain year said since has run out of reach.
        Example {
            text: "星河动力 2 月 21 日在港股挂牌\n开盘就涨了 50%\n今年港股很热闹\n盘中一度翻倍\n后来慢慢回落\n收盘时的市值\n总共是 800 亿港元",
            gives: &["metric(星河动力) metric=valuation value=80000000000 as_of=2025-02-21"],
            not: &["metric(星河动力) as_of=2025"],
        },
        // Figures in order with a span or list of years.
        Example {
            text: "2021 年到 2023 年\n云岫科技的营收依次是 1 亿元 2 亿元\n和 3.5 亿元",
            gives: &[
                "metric(云岫科技) metric=revenue value=100000000 as_of=2021",
                "metric(云岫科技) metric=revenue value=200000000 as_of=2022",
                "metric(云岫科技) metric=revenue value=350000000 as_of=2023",
            ],
            not: &["metric(云岫科技) value=350000000 as_of=2021"],
        },
        Example {
            text: "星河动力 2022 年和 2023 年的净利润分别是 -2 亿元 -1 亿元",
            gives: &[
                "metric(星河动力) metric=profit value=-200000000 as_of=2022",
                "metric(星河动力) metric=profit value=-100000000 as_of=2023",
            ],
            not: &["metric(星河动力) value=-100000000 as_of=2022"],
        },
        // Two figures for three years do not pair up: no year rather than a wrong one.
        Example {
            text: "2021 年到 2023 年\n云岫科技的营收依次是 1 亿元 2 亿元",
            gives: &["metric(云岫科技) metric=revenue value=100000000"],
            not: &[
                "metric(云岫科技) as_of=2021",
                "metric(云岫科技) as_of=2022",
                "metric(云岫科技) as_of=2023",
            ],
        },
        // 去年同期 / 去年同一时期: last year's part of the period reported on.
        Example {
            text: "云岫科技发布了上半年的财报\n营收是 3 亿元\n而去年同期\n它的营收只有 1 亿元",
            gives: &[
                "metric(云岫科技) metric=revenue value=300000000 as_of=2025-H1",
                "metric(云岫科技) metric=revenue value=100000000 as_of=2024-H1",
            ],
            not: &["metric(云岫科技) value=100000000 as_of=2024"],
        },
        Example {
            text: "蔚来第三季度交付了 4 万台\n去年同一时期交付了 3 万台",
            gives: &["metric(蔚来) metric=deliveries value=30000 as_of=2024-Q3"],
            not: &["metric(蔚来) value=30000 as_of=2024"],
        },
        // 那一年 / 全年: the year said last.
        Example {
            text: "2021 年 3 月 蔚来在纽约上市\n那一年 ES8 一共交付了 2 万台",
            gives: &["metric(ES8) metric=deliveries value=20000 as_of=2021"],
            not: &["metric(ES8) as_of=2021-03"],
        },
        Example {
            text: "好车汽车 2023 年 12 月单月交付 1 万台\n全年加起来交付了 9 万台",
            gives: &[
                "metric(好车汽车) metric=deliveries value=10000 as_of=2023-12",
                "metric(好车汽车) metric=deliveries value=90000 as_of=2023",
            ],
            not: &["metric(好车汽车) value=90000 as_of=2023-12"],
        },
        // A later month of a timeline keeps the timeline's year; an earlier one does not.
        Example {
            text: "2022 年 6 月 蔚来发布了 ES8\n空间很大\n开起来也很安静\n9 月份单月交付超过了 2 万辆",
            gives: &["metric(蔚来) metric=deliveries value=20000 as_of=2022-09"],
            not: &["metric(蔚来) as_of=2025-09"],
        },
        Example {
            text: "2022 年 6 月 蔚来发布了 ES8\n空间很大\n开起来也很安静\n3 月份单月交付超过了 2 万辆",
            gives: &["metric(蔚来) metric=deliveries value=20000 as_of=2025-03"],
            not: &["metric(蔚来) as_of=2022-03"],
        },
        Example {
            text: "2022 年 6 月 蔚来发布了 ES8\n空间很大\n如今路上到处都是\n9 月份单月交付超过了 2 万辆",
            gives: &["metric(蔚来) metric=deliveries value=20000 as_of=2025-09"],
            not: &["metric(蔚来) as_of=2022-09"],
        },
        // Money taken in is revenue.
        Example {
            text: "云岫科技上半年一共收了 2.5 亿元\n星河动力去年进账 4 亿元",
            gives: &[
                "metric(云岫科技) metric=revenue value=250000000 as_of=2025-H1",
                "metric(星河动力) metric=revenue value=400000000 as_of=2024",
            ],
            not: &[],
        },
    ],
}];

/// Units of time spans (两周, 3个月): how long something took, never a metric's value.
const DURATION_UNITS: &[&str] = &[
    "年",
    "季度",
    "个季度",
    "个月",
    "月",
    "周",
    "个星期",
    "星期",
    "天",
    "日",
    "小时",
    "分钟",
    "秒",
];

/// Metrics counted in money (a number said without a currency, 赚了 2 亿, counts too when it
/// is large enough to be an amount, not a count of something else).
fn is_money_metric(metric: &str) -> bool {
    matches!(metric, "revenue" | "arr" | "valuation" | "profit")
}

/// A number said with no money word that is an amount all the same: a profit or loss, or a
/// revenue, said in 万 / 亿 with no unit (`亏了 3000 多万`, `营收 12 个亿`). A valuation is not
/// read so: a bare figure next to it is as often a rumour's or a market's.
fn bare_amount(metric: &str, value: &ValueItem) -> bool {
    matches!(metric, "profit" | "revenue") && super::is_bare_amount(value)
}

/// The currency of an amount said with no money word at `value`: that of the money said on
/// its line before it and the two lines before, when they agree (none when they do not);
/// else the episode's, the currency most of its amounts are in (none on a tie); CNY when it
/// states no amount at all.
pub(super) fn bare_amount_currency(cx: &Context<'_, '_>, value: &ValueItem) -> Option<String> {
    let view = cx.view;
    let from = view.index.saturating_sub(2);
    let near: Vec<&str> = cx.lines[from..=view.index]
        .iter()
        .flat_map(|l| {
            l.values
                .iter()
                .filter(move |v| l.index < view.index || v.end <= value.start)
        })
        .filter(|v| v.kind == MentionKind::Money)
        .map(|v| v.currency.unwrap_or(""))
        .collect();
    if let Some(first) = near.first() {
        return (!first.is_empty() && near.iter().all(|c| c == first)).then(|| first.to_string());
    }
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for v in cx.lines.iter().flat_map(|l| &l.values) {
        if let (MentionKind::Money, Some(c)) = (v.kind, v.currency) {
            match counts.iter_mut().find(|(k, _)| *k == c) {
                Some((_, n)) => *n += 1,
                None => counts.push((c, 1)),
            }
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    match counts[..] {
        [] => Some("CNY".to_string()),
        [(c, _)] => Some(c.to_string()),
        [(c, n), (_, m), ..] => (n > m).then(|| c.to_string()),
    }
}

/// Which value kinds and subject kinds a metric takes.
fn metric_accepts(metric: &str, value: &ValueItem) -> bool {
    if value.unit.is_some_and(|u| DURATION_UNITS.contains(&u)) {
        return false;
    }
    match metric {
        "traffic_share" | "gross_margin" | "market_share" => value.kind == MentionKind::Percent,
        m if is_money_metric(m) => value.kind == MentionKind::Money || bare_amount(m, value),
        _ => value.kind == MentionKind::Number,
    }
}

/// Figures of a company rather than of one product, when said with no subject.
fn is_company_figure(metric: &str) -> bool {
    matches!(
        metric,
        "deliveries" | "shipments" | "orders" | "profit" | "gross_margin" | "market_share"
    )
}

/// Figures a company reports for a period (a quarter, a year), as opposed to a product's
/// specification or a running count: they take the period being reported on.
fn is_period_figure(metric: &str) -> bool {
    matches!(
        metric,
        "revenue"
            | "profit"
            | "gross_margin"
            | "deliveries"
            | "sales"
            | "shipments"
            | "orders"
            | "market_share"
            | "valuation"
    )
}

/// Metrics in percent units.
fn is_percent_metric(metric: &str) -> bool {
    matches!(metric, "traffic_share" | "gross_margin" | "market_share")
}

fn metric_subject(metric: &str) -> Wanted {
    match metric {
        "context_length" | "parameters" | "traffic_share" => Wanted::Product,
        "employees" | "valuation" => Wanted::Company,
        _ => Wanted::Thing,
    }
}

pub fn metric<'a>(cx: &Context<'_, 'a>, out: &mut Vec<Draft<'a>>) {
    let view = cx.view;
    // Metric words, loss words and price words: the nearest one names the figure (a price
    // names none).
    let metric_cues: Vec<&Cue> = view
        .cues
        .iter()
        .filter(|c| matches!(c.role, Role::Metric | Role::Loss | Role::Price))
        .collect();
    // A line between that only turns the talk to a name is read through: `营收 / 光是云岫科技 /
    // 就有 3 亿元`, `蔚来的市值是 500 亿 / 好车汽车那边呢 / 是 300 亿`.
    let gap = if cx.previous.is_some_and(LineView::is_topic_line) {
        2
    } else {
        1
    };
    let metric_line = view.index.checked_sub(gap).map(|i| &cx.lines[i]);
    // A metric word in that line, when it states no number of its own.
    let carried = metric_line.and_then(|p| {
        let has_number = p.values.iter().any(|v| v.kind != MentionKind::Date);
        (!has_number)
            .then(|| {
                p.cues
                    .iter()
                    .rfind(|c| matches!(c.role, Role::Metric | Role::Loss))
                    .map(|c| (c.value.as_deref(), c.role == Role::Loss, (p.index, c.start)))
            })
            .flatten()
    });
    // A series: the line before gave figures of a metric and this line names no metric,
    // entity or other fact of its own (月活一月是 800 万 / 四月涨到 1200 万); a target said
    // after actual figures (全年目标是 30 万辆) is no more of them.
    //
    // The line between may only say when, the figure following on the next (`一月份交了 9,800
    // 辆 / 二月因为过年 / 掉到 7,000 辆左右`): the series goes on over it.
    let date_only = |p: &LineView| {
        !p.values.is_empty()
            && p.values.iter().all(|v| v.kind == MentionKind::Date)
            && p.entities.is_empty()
            && !p.cues.iter().any(|c| {
                matches!(
                    c.role,
                    Role::Metric | Role::Loss | Role::Price | Role::Forecast | Role::Comparison
                )
            })
    };
    let series_gap = if cx.previous.is_some_and(date_only) {
        2
    } else {
        gap
    };
    let series = cx.discourse.metric_series.as_ref().filter(|s| {
        s.line + series_gap == view.index
            && metric_cues.is_empty()
            && view.entities.is_empty()
            && !view.cues.iter().any(|c| {
                matches!(
                    c.role,
                    Role::Founded
                        | Role::Released
                        | Role::Funding
                        | Role::Renamed
                        | Role::Comparison
                        | Role::Forecast
                )
            })
    });
    for value in view.values.iter().filter(|v| v.kind != MentionKind::Date) {
        // 多了 5.6 个百分点: a change, not a level; 连续九个季度: how long, not how many.
        if in_points(view, value) || counts_quarters(view, value) {
            continue;
        }
        let nearest = metric_cues
            .iter()
            .filter(|c| {
                let gap_from = value.end.min(c.end);
                let gap_to = value.start.max(c.start);
                gap_from >= gap_to
                    || !view.chars[gap_from..gap_to]
                        .iter()
                        .any(|&ch| matches!(ch, '，' | ',' | '。' | '；'))
            })
            .min_by_key(|c| {
                if c.end <= value.start {
                    value.start - c.end
                } else {
                    c.start.saturating_sub(value.end)
                }
            });
        let (name, loss, cue_at) = match (nearest, carried, series) {
            (Some(c), _, _) => (
                c.value.as_deref(),
                c.role == Role::Loss,
                Some((view.index, c.start.min(value.start))),
            ),
            (None, Some((name, loss, at)), _) => (name, loss, Some(at)),
            (None, None, Some(s)) => (Some(&*s.metric), s.loss, None),
            (None, None, None) => continue,
        };
        let cue_line = cue_at.map_or(view.index, |(l, _)| l);
        // A price word nearest to the figure: a price, not a metric.
        let Some(name) = name else {
            continue;
        };
        if !metric_accepts(name, value) {
            continue;
        }
        if cx.denied_before(value.start) || compared_with_another(view, value) {
            continue;
        }
        let wanted = metric_subject(name);
        // A company's figures (交付, 利润, 市占率) said with no subject in the line are the
        // company's in topic, not those of the product it last named.
        let zero_wanted = if is_company_figure(name) {
            Wanted::Company
        } else {
            wanted
        };
        // The subject a clause without one is about: the topic, where a name the catalogue
        // lacks is weak ground (a platform, a feature); else the company the talk has stayed on.
        let zero = |w: Wanted| {
            cx.discourse
                .zero_subject(view, w)
                .filter(|s| s.entity_id.is_some() || s.kind != MentionKind::Product)
                .or_else(|| {
                    w.accepts(MentionKind::Company)
                        .then(|| cx.discourse.lasting_company(view.index))
                        .flatten()
                })
        };
        let subject = cx
            .discourse
            .line_subjects(view)
            .into_iter()
            .find(|s| wanted.accepts(s.kind))
            .or_else(|| {
                if !view.subjects.is_empty() {
                    // The line names its own subject but of another kind: look before the value.
                    return cx.subject_before(value.start, wanted);
                }
                if zero_wanted != wanted {
                    return zero(zero_wanted);
                }
                // A product released in the line before is what its numbers are about
                // (推出了 Le Chat / 上线两周下载量就超过了100万).
                cx.discourse
                    .released_focus(view.index)
                    .filter(|r| wanted.accepts(r.kind))
                    .or_else(|| zero(wanted))
            });
        let Some(subject) = subject else { continue };
        // A figure of one business of the company (汽车业务的毛利率): the company of the group
        // that runs it, when the catalogue says which; else no fact.
        let (subject, business) = match business_of(cx, name, cue_at, value, &subject) {
            Business::Whole => (subject, false),
            Business::Of(company) => (company, true),
            Business::Unknown => continue,
        };
        // A valuation said next to an investor is the funded company's.
        let subject = if name == "valuation" {
            match super::funding::valuation_owner(cx, subject) {
                Some(s) => s,
                None => continue,
            }
        } else {
            subject
        };
        let rule = if business {
            RuleId::MetricBusiness
        } else if subject.steps == 0 {
            RuleId::MetricSubject
        } else {
            RuleId::MetricTopic
        };
        let mut d = Draft::new(Predicate::Metric, subject, view.index, rule);
        d.cover(cue_line);
        d.metric = Some(name.to_string());
        set_amount(&mut d, value);
        if bare_amount(name, value) {
            d.currency = bare_amount_currency(cx, value);
            d.money_at = Some((view.index, value.start));
        }
        if is_percent_metric(name) && d.unit.is_none() {
            d.unit = Some("%".to_string());
        }
        // 亏损 5 亿: a loss is a negative profit (a figure said with its minus sign stays so).
        if loss {
            d.value = d.value.map(|v| -v.abs());
            d.value_max = d.value_max.map(|v| -v.abs());
        }
        d.forecast = view
            .cues
            .iter()
            .any(|c| c.role == Role::Forecast && c.end <= value.start);
        d.as_of = as_of(cx, name, value, &subject, &mut d);
        out.push(d);
    }
}

/// The period a figure belongs to, in order: its place in a list of dates (`依次`), a date of
/// its own line, a `那一年` / `全年` (the year said last), the line before when it only sets
/// the time, else the period being reported on. A year with `同期` after it is that year's
/// part of the period reported on (`去年同一时期` in a half-year report: last year's H1).
fn as_of<'a>(
    cx: &Context<'_, 'a>,
    name: &str,
    value: &ValueItem,
    subject: &Referent<'a>,
    d: &mut Draft<'a>,
) -> Option<String> {
    let view = cx.view;
    if let Some((_, _, date)) = cx
        .discourse
        .ordered
        .iter()
        .find(|(line, start, _)| *line == view.index && *start == value.start)
    {
        return date.clone();
    }
    if let Some(date) = view.date_near(value.start) {
        return same_period(cx, view, date);
    }
    let from = view.clause_start(value.start);
    if view
        .cues
        .iter()
        .any(|c| c.role == Role::ThatYear && c.start >= from && c.end <= value.start)
    {
        return cx.discourse.year_said(view.index).map(str::to_string);
    }
    if let Some(years) = view.years_after(from, value.start)
        && let Some(year) = cx.discourse.year_said(view.index)
    {
        return Discourse::year_after(year, years);
    }
    if let Some(prev) = cx.previous
        && prev.is_time_adverbial()
        && let Some(date) = prev.dates().last()
    {
        d.cover(prev.index);
        return same_period(cx, prev, date);
    }
    // A valuation said just after a round (`完成 B 轮 / 金额 8 亿元 / 投后估值 50 亿元`) is
    // the round's: it takes the round's date, however far back that date was said.
    if name == "valuation"
        && let Some(funded) = cx.discourse.funded
        && view.index - funded.line <= ROUND_VALUATION_REACH
        && funded.id_or_name() == subject.id_or_name()
        && let Some(date) = &cx.discourse.round_date
    {
        return Some(date.clone());
    }
    if is_period_figure(name)
        && let Some(period) = cx.discourse.period_for(view.index, subject)
        // A day (收盘, 今天) is the period of a market value only; a report's figures
        // belong to its quarter or year.
        && (period.len() < 10 || name == "valuation")
    {
        // The period the text is reporting on (第三季度的财报, 8 月 27 日收盘).
        return Some(period.to_string());
    }
    None
}

/// How many lines after a round's line a valuation still goes with that round.
const ROUND_VALUATION_REACH: usize = 3;

/// A date as a figure's period; a year followed by `同期` / `同一时期` takes the part of the
/// period reported on (`-H1`, `-Q3`) when one was said.
fn same_period(cx: &Context<'_, '_>, line: &LineView, date: &ValueItem) -> Option<String> {
    let iso = date.value.as_date()?;
    let rest: String = line.chars[date.end..]
        .iter()
        .filter(|c| !c.is_whitespace())
        .take(8)
        .collect();
    let rest = rest.strip_prefix('的').unwrap_or(&rest);
    let same = line
        .triggers
        .words_of(Role::SamePeriod)
        .any(|w| rest.starts_with(w));
    if same
        && iso.len() == 4
        && let Some(part) = cx.discourse.reported_part(cx.view.index)
    {
        return Some(format!("{iso}{part}"));
    }
    Some(iso.to_string())
}

/// `多了 5.6 个百分点`: a figure in percentage points.
fn in_points(view: &LineView, value: &ValueItem) -> bool {
    let end = (value.end + 4).min(view.chars.len());
    let text: String = view.chars[value.start..end]
        .iter()
        .filter(|c| !c.is_whitespace())
        .collect();
    view.triggers
        .words_of(Role::Points)
        .any(|w| text.contains(w))
}

/// `连续九个季度`: a count of quarters (the classifier 个 read as the unit, 季度 after it).
fn counts_quarters(view: &LineView, value: &ValueItem) -> bool {
    value.unit == Some("个")
        && view.chars[value.end..]
            .iter()
            .find(|c| !c.is_whitespace())
            .is_some_and(|&c| c == '季')
}

/// Whose a figure said of one business is.
enum Business<'a> {
    /// No business named: the subject's own.
    Whole,
    /// The company of the group that runs the business named.
    Of(Referent<'a>),
    /// A business the catalogue cannot place: no fact.
    Unknown,
}

/// `汽车业务的毛利率`, `手机的营收`, `云这块 / 收入是 …`: a money figure (revenue, profit,
/// margin) said of one business of a company is that business's, not the whole company's. The
/// business is named before the metric word in its clause, or on the line before when that
/// line is only a noun phrase and the figure's line names no subject. It goes to the company of
/// the subject's group whose name, past the name the group shares, the phrase holds (好车集团
/// with 汽车业务: 好车汽车), or to the subject itself when a name of it holds the line of
/// business named (好车汽车 with 汽车的毛利率); with neither, the figure is left out.
fn business_of<'a>(
    cx: &Context<'_, 'a>,
    name: &str,
    cue_at: Option<(usize, usize)>,
    value: &ValueItem,
    subject: &Referent<'a>,
) -> Business<'a> {
    if !matches!(name, "revenue" | "profit" | "gross_margin" | "arr") {
        return Business::Whole;
    }
    let view = cx.view;
    let (line, pos) = cue_at.unwrap_or((view.index, value.start));
    let lv = &cx.lines[line];
    let pos = if line == view.index {
        pos.min(value.start)
    } else {
        pos
    };
    // The chars of a phrase, names left out (理想汽车的营收 names no business).
    let phrase_of = |line: &LineView, range: std::ops::Range<usize>| -> String {
        range
            .filter(|&i| {
                !line.chars[i].is_whitespace()
                    && !line.entities.iter().any(|e| e.start <= i && i < e.end)
            })
            .map(|i| line.chars[i])
            .collect()
    };
    let names_business = |phrase: &str| {
        let t = view.triggers;
        t.words_of(Role::Segment)
            .chain(t.words_of(Role::LineOfBusiness))
            .any(|w| phrase.contains(w))
    };
    let from = lv.clause_start(pos);
    let mut phrase = phrase_of(lv, from..pos);
    if !names_business(&phrase) {
        phrase.clear();
        if let Some(prev) = cx.previous
            && view.subjects.is_empty()
            && prev.values.is_empty()
            && prev.entities.is_empty()
            && prev.cues.iter().all(|c| {
                !c.role.is_verbal() && !matches!(c.role, Role::Metric | Role::Loss | Role::Price)
            })
        {
            phrase = phrase_of(prev, 0..prev.chars.len());
        }
        if !names_business(&phrase) {
            return Business::Whole;
        }
    }
    // What it deals in (汽车, 手机), as opposed to the words for a business as such.
    let lines_of_business: Vec<&str> = view
        .triggers
        .words_of(Role::LineOfBusiness)
        .filter(|w| phrase.contains(w))
        .collect();
    let catalogue = cx.catalogue;
    // The subject's group: its parent when it has one, else itself (a product: its owner).
    let Some(id) = subject.entity_id.and_then(|id| match subject.kind {
        MentionKind::Product => subject.owner,
        _ => Some(id),
    }) else {
        return Business::Unknown;
    };
    let Some(own) = catalogue.get(id) else {
        return Business::Unknown;
    };
    let group = own
        .affiliation
        .as_deref()
        .and_then(|p| catalogue.get(p))
        .filter(|p| p.kind == MentionKind::Company)
        .unwrap_or(own);
    let mut found: Vec<&'a crate::dictionary::Entity> = Vec::new();
    if group
        .names()
        .any(|n| lines_of_business.iter().any(|b| n.contains(b)))
    {
        found.push(group);
    }
    for member in catalogue.entities().iter().filter(|e| {
        e.kind == MentionKind::Company && e.affiliation.as_deref() == Some(group.id.as_str())
    }) {
        let runs_it = member.names().any(|m| {
            group.names().any(|g| {
                let shared = m.chars().zip(g.chars()).take_while(|(a, b)| a == b).count();
                let rest: String = m.chars().skip(shared).collect();
                let rest = rest.trim();
                shared >= 2 && rest.chars().count() >= 2 && phrase.contains(rest)
            })
        });
        if runs_it {
            found.push(member);
        }
    }
    match found.as_slice() {
        [only] => {
            if only.id == id && subject.kind == MentionKind::Company {
                return Business::Of(*subject);
            }
            Business::Of(Referent {
                entity_id: Some(&only.id),
                name: &only.name,
                kind: MentionKind::Company,
                owner: None,
                affiliation: only.affiliation.as_deref(),
                line: subject.line,
                steps: subject.steps + 1,
            })
        }
        _ => Business::Unknown,
    }
}

/// Figures listed in order after 依次 / 分别, each with its date from a list or a span of
/// years said just before (`2021 年到 2023 年 / 利润依次是 1 亿 2 亿 3 亿`, `一季度和二季度
/// 分别是 …`): (line index, value start, date). The figures run on over the lines after the
/// cue while they name nobody and no other metric. When figures and dates do not pair up one
/// for one, the figures get no date at all: a figure with the wrong year is worse than none.
pub fn ordered_figures(views: &[LineView]) -> Vec<(usize, usize, Option<String>)> {
    let mut out = Vec::new();
    for view in views {
        let Some((_, cue)) = view.cues_with(Role::InOrder).next() else {
            continue;
        };
        let Some(dates) = (0..=3)
            .filter_map(|back| view.index.checked_sub(back))
            .find_map(|i| {
                let before = if i == view.index {
                    cue.start
                } else {
                    usize::MAX
                };
                listed_dates(&views[i], before)
            })
        else {
            continue;
        };
        let mut figures = Vec::new();
        for (k, line) in views[view.index..].iter().enumerate() {
            let own: Vec<usize> = line
                .values
                .iter()
                .filter(|v| v.kind != MentionKind::Date && (k > 0 || v.start >= cue.end))
                .map(|v| v.start)
                .collect();
            if k > 0 && (own.is_empty() || !line.entities.is_empty() || line.has_role(Role::Metric))
            {
                break;
            }
            figures.extend(own.into_iter().map(|start| (line.index, start)));
            if figures.len() >= dates.len() || k >= dates.len() {
                break;
            }
        }
        let paired = figures.len() == dates.len();
        for (i, (line, start)) in figures.into_iter().enumerate() {
            out.push((line, start, paired.then(|| dates[i].clone())));
        }
    }
    out
}

/// The dates a line lists before char `before`: two or more dates in order, or every year
/// of a span (`2020 年到 2024 年`, up to twelve).
fn listed_dates(view: &LineView, before: usize) -> Option<Vec<String>> {
    let dates: Vec<&ValueItem> = view.dates().filter(|d| d.end <= before).collect();
    if dates.len() < 2 {
        return None;
    }
    let iso: Vec<&str> = dates.iter().filter_map(|d| d.value.as_date()).collect();
    if iso.len() != dates.len() {
        return None;
    }
    if let [a, b] = iso.as_slice() {
        let between: String = view.chars[dates[0].end..dates[1].start]
            .iter()
            .filter(|c| !c.is_whitespace())
            .collect();
        if matches!(between.as_str(), "到" | "至" | "-" | "~" | "一直到") {
            let (y1, y2) = (a.parse::<i32>().ok()?, b.parse::<i32>().ok()?);
            return (a.len() == 4 && b.len() == 4 && y1 < y2 && y2 - y1 <= 12)
                .then(|| (y1..=y2).map(|y| y.to_string()).collect());
        }
    }
    Some(iso.iter().map(|s| s.to_string()).collect())
}

/// `比小鹏的 1.5 万辆还多`: a figure after a comparison word with another name between them is
/// that other one's, said for comparison.
fn compared_with_another(view: &LineView, value: &ValueItem) -> bool {
    let from = view.clause_start(value.start);
    view.cues.iter().any(|c| {
        c.role == Role::Comparison
            && c.start >= from
            && c.end <= value.start
            && view
                .entities
                .iter()
                .any(|e| e.start >= c.end && e.end <= value.start)
    })
}
