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

/// Which value kinds and subject kinds a metric takes.
fn metric_accepts(metric: &str, value: &ValueItem) -> bool {
    if value.unit.is_some_and(|u| DURATION_UNITS.contains(&u)) {
        return false;
    }
    match metric {
        "traffic_share" => value.kind == MentionKind::Percent,
        "revenue" | "arr" | "valuation" => value.kind == MentionKind::Money,
        _ => value.kind == MentionKind::Number,
    }
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
    let metric_cues: Vec<&Cue> = view.cues_with(Role::Metric).map(|(_, c)| c).collect();
    // A metric word in the line before, when that line states no number of its own.
    let carried = cx.previous.and_then(|p| {
        let has_number = p.values.iter().any(|v| v.kind != MentionKind::Date);
        (!has_number && p.index + 1 == view.index)
            .then(|| p.cues_with(Role::Metric).last().map(|(_, c)| c))
            .flatten()
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
        let (cue, cue_line) = match (nearest, carried) {
            (Some(c), _) => (*c, view.index),
            (None, Some(c)) => (c, view.index - 1),
            (None, None) => continue,
        };
        let Some(name) = cue.value.as_deref() else {
            continue;
        };
        if !metric_accepts(name, value) {
            continue;
        }
        if cx.denied_before(value.start) {
            continue;
        }
        let wanted = metric_subject(name);
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
                // A product released in the line before is what its numbers are about
                // (推出了 Le Chat / 上线两周下载量就超过了100万).
                cx.discourse
                    .released_focus(view.index)
                    .filter(|r| wanted.accepts(r.kind))
                    .or_else(|| cx.discourse.zero_subject(view, wanted))
            });
        let Some(subject) = subject else { continue };
        let rule = if subject.steps == 0 {
            RuleId::MetricSubject
        } else {
            RuleId::MetricTopic
        };
        let mut d = Draft::new(Predicate::Metric, subject, view.index, rule);
        d.cover(cue_line);
        d.metric = Some(name.to_string());
        set_amount(&mut d, value);
        if name == "traffic_share" && d.unit.is_none() {
            d.unit = Some("%".to_string());
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
        }
        out.push(d);
    }
}
