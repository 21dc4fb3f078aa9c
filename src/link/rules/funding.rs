//! Funding rounds: `funding(company, amount, round, date)`.

use crate::model::MentionKind;

use super::super::triggers::Role;
use super::{Context, Draft, Example, Predicate, Rule, RuleId, set_amount};

pub const RULES: &[Rule] = &[Rule {
    id: RuleId::FundingVerb,
    predicate: Predicate::Funding,
    apply: funding,
    examples: &[
        Example {
            text: "云岫科技在去年完成了 2 亿元的 B 轮融资",
            gives: &["funding(云岫科技) value=200000000 currency=CNY round=B date=2024"],
            not: &[],
        },
        Example {
            text: "星河动力宣布完成新一轮融资\n金额超过 5000 万美元",
            gives: &["funding(星河动力) value=50000000 currency=USD qualifier=over"],
            not: &[],
        },
        Example {
            text: "云岫科技并没有融资",
            gives: &[],
            not: &["funding(云岫科技)"],
        },
    ],
}];

pub fn funding<'a>(cx: &Context<'_, 'a>, out: &mut Vec<Draft<'a>>) {
    let view = cx.view;
    for (_, cue) in view.cues_with(Role::Funding) {
        if cx.denied_before(cue.start) {
            continue;
        }
        let from = cx.clause_start(cue.start);
        let mut amount = view
            .values
            .iter()
            .filter(|v| v.kind == MentionKind::Money && v.start >= from)
            .min_by_key(|v| v.start.abs_diff(cue.start));
        let round = view
            .cues_with(Role::Round)
            .map(|(_, c)| c)
            .filter(|c| c.start >= from)
            .min_by_key(|c| c.start.abs_diff(cue.start));
        // 完成了新一轮融资 / 金额超过10亿美元: the amount on the next line, when that line
        // states nothing else.
        let mut amount_line = None;
        if amount.is_none()
            && let Some(next) = cx.next
            && next.entities.is_empty()
            && !next.cues.iter().any(|c| {
                matches!(
                    c.role,
                    Role::Founded | Role::Released | Role::Funding | Role::Renamed | Role::Metric
                )
            })
        {
            amount = next.values.iter().find(|v| v.kind == MentionKind::Money);
            amount_line = amount.map(|_| next.index);
        }
        if amount.is_none() && round.is_none() {
            continue;
        }
        let Some(company) = cx.company_before(cue.start) else {
            continue;
        };
        let rule = if company.steps == 0 {
            RuleId::FundingVerb
        } else {
            RuleId::FundingVerbTopic
        };
        let mut d = Draft::new(Predicate::Funding, company, view.index, rule);
        if let Some(l) = amount_line {
            d.cover(l);
        }
        if let Some(v) = amount {
            set_amount(&mut d, v);
        }
        d.round = round.and_then(|r| r.value.as_deref().map(str::to_string));
        let (date, date_line) = cx.event_date(cue.start);
        d.date = date;
        if let Some(l) = date_line {
            d.cover(l);
        }
        out.push(d);
    }
}
