//! Figures: `metric(entity, metric, value, unit, currency, qualifier, as_of)`.

use crate::model::MentionKind;

use super::super::clause::ValueItem;
use super::super::discourse::Wanted;
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
            gives: &["metric(云岫科技) metric=profit value=200000000 as_of=2024"],
            not: &[],
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
    ],
}];

/// Units of time spans (两周, 3个月): how long something took, never a metric's value.
const DURATION_UNITS: &[&str] = &[
    "年",
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

/// Which value kinds and subject kinds a metric takes.
fn metric_accepts(metric: &str, value: &ValueItem) -> bool {
    if value.unit.is_some_and(|u| DURATION_UNITS.contains(&u)) {
        return false;
    }
    match metric {
        "traffic_share" | "gross_margin" | "market_share" => value.kind == MentionKind::Percent,
        m if is_money_metric(m) => {
            value.kind == MentionKind::Money
                || (m == "profit"
                    && value.kind == MentionKind::Number
                    && value.unit.is_none()
                    && value.value.as_number().is_some_and(|v| v.abs() >= 1e6))
        }
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
    // A metric word in the line before, when that line states no number of its own.
    let carried = cx.previous.and_then(|p| {
        let has_number = p.values.iter().any(|v| v.kind != MentionKind::Date);
        (!has_number && p.index + 1 == view.index)
            .then(|| {
                p.cues
                    .iter()
                    .rfind(|c| matches!(c.role, Role::Metric | Role::Loss))
                    .map(|c| (c.value.as_deref(), c.role == Role::Loss))
            })
            .flatten()
    });
    // A series: the line before gave figures of a metric and this line names no metric,
    // entity or other fact of its own (月活一月是 800 万 / 四月涨到 1200 万).
    let series = cx.discourse.metric_series.as_ref().filter(|s| {
        s.line + 1 == view.index
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
                )
            })
    });
    for value in view.values.iter().filter(|v| v.kind != MentionKind::Date) {
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
        let (name, loss, cue_line) = match (nearest, carried, series) {
            (Some(c), _, _) => (c.value.as_deref(), c.role == Role::Loss, view.index),
            (None, Some((name, loss)), _) => (name, loss, view.index - 1),
            (None, None, Some(s)) => (Some(&*s.metric), s.loss, view.index),
            (None, None, None) => continue,
        };
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
                    return cx.discourse.zero_subject(view, zero_wanted);
                }
                // A product released in the line before is what its numbers are about
                // (推出了 Le Chat / 上线两周下载量就超过了100万).
                cx.discourse
                    .released_focus(view.index)
                    .filter(|r| wanted.accepts(r.kind))
                    .or_else(|| cx.discourse.zero_subject(view, wanted))
            });
        let Some(subject) = subject else { continue };
        // A valuation said next to an investor is the funded company's.
        let subject = if name == "valuation" {
            match super::funding::valuation_owner(cx, subject) {
                Some(s) => s,
                None => continue,
            }
        } else {
            subject
        };
        let rule = if subject.steps == 0 {
            RuleId::MetricSubject
        } else {
            RuleId::MetricTopic
        };
        let mut d = Draft::new(Predicate::Metric, subject, view.index, rule);
        d.cover(cue_line);
        d.metric = Some(name.to_string());
        set_amount(&mut d, value);
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
        // As of: a date of this line, else the line before when it only sets the time.
        if let Some(date) = view.date_near(value.start) {
            d.as_of = date.value.as_date().map(str::to_string);
        } else if let Some(prev) = cx.previous
            && prev.is_time_adverbial()
            && let Some(date) = prev.dates().last()
        {
            d.as_of = date.value.as_date().map(str::to_string);
            d.cover(prev.index);
        } else if is_period_figure(name)
            && let Some(period) = cx.discourse.period_for(view.index, &subject)
            // A day (收盘, 今天) is the period of a market value only; a report's figures
            // belong to its quarter or year.
            && (period.len() < 10 || name == "valuation")
        {
            // The period the text is reporting on (第三季度的财报, 8 月 27 日收盘).
            d.as_of = Some(period.to_string());
        }
        out.push(d);
    }
}

/// `比小鹏的 1.5 万辆还多`: a figure after a comparison word with another name between them is
/// that other one's, said for comparison.
fn compared_with_another(view: &super::super::clause::LineView, value: &ValueItem) -> bool {
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
