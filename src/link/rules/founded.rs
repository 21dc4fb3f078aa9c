//! Foundings: `founded(company, date)`.

use crate::model::MentionKind;

use super::super::discourse::{Referent, Wanted};
use super::super::triggers::Role;
use super::{Context, Draft, Example, Predicate, Rule, RuleId, push_founded};

pub const RULES: &[Rule] = &[Rule {
    id: RuleId::FoundedSubject,
    predicate: Predicate::Founded,
    apply: founded,
    examples: &[
        Example {
            text: "星河动力成立于 2018 年 5 月",
            gives: &["founded(星河动力) date=2018-05"],
            not: &[],
        },
        Example {
            text: "说起星河动力\n它是 2016 年在北京创立的",
            gives: &["founded(星河动力) date=2016"],
            not: &[],
        },
        Example {
            text: "2020 年林远创办了云岫科技",
            gives: &["founded(云岫科技) date=2020"],
            not: &["founded(林远)"],
        },
        Example {
            text: "说起星河动力\n它是 2017 年靠卖无人机零件起家的",
            gives: &["founded(星河动力) date=2017"],
            not: &[],
        },
        Example {
            text: "云岫科技 2021 年 3 月在杭州挂牌成立",
            gives: &["founded(云岫科技) date=2021-03"],
            not: &[],
        },
        Example {
            text: "2019 年 林远把云岫科技给办了起来",
            gives: &["founded(云岫科技) date=2019"],
            not: &[],
        },
        Example {
            text: "星河动力去年在深圳成立了一家子公司",
            gives: &[],
            not: &["founded(星河动力)"],
        },
        Example {
            text: "说到云岫科技\n它今年又注册成立了两家新公司",
            gives: &[],
            not: &["founded(云岫科技)"],
        },
        Example {
            text: "星河动力并不是靠融资起家的",
            gives: &[],
            not: &["founded(星河动力)"],
        },
        Example {
            text: "星河动力并没有成立新的子公司",
            gives: &[],
            not: &["founded(星河动力)"],
        },
    ],
}];

pub fn founded<'a>(cx: &Context<'_, 'a>, out: &mut Vec<Draft<'a>>) {
    let view = cx.view;
    for (_, cue) in view.cues_with(Role::Founded) {
        if cx.denied_before(cue.start) {
            continue;
        }
        let (date, date_line) = cx.event_date(cue.start);
        // The company founded after the verb (成立了零一万物), if any.
        let object = view
            .entities
            .iter()
            .find(|e| {
                // 成立了零一万物, 成立了新的 Google DeepMind: a few function chars between.
                e.start >= cue.end
                    && e.kind == MentionKind::Company
                    && e.start - cue.end <= 4
                    && !view
                        .entities
                        .iter()
                        .any(|o| o.start >= cue.end && o.end <= e.start)
            })
            .map(|e| Referent::from_item(e, view.index, 0));
        // With a company founded after the verb, the one who founded it is a person when
        // the clause names one (他离开 OpenAI 创办了 SSI).
        let person_first = object
            .as_ref()
            .and_then(|_| cx.subject_before(cue.start, Wanted::Person));
        let agent = person_first
            .or_else(|| cx.subject_before(cue.start, Wanted::Thing))
            .or_else(|| cx.subject_before(cue.start, Wanted::Person))
            .or_else(|| {
                let from = cx.clause_start(cue.start);
                let named_before = view
                    .entities
                    .iter()
                    .any(|e| e.end <= cue.start && e.start >= from);
                if named_before {
                    return None;
                }
                let last = cx.discourse.last_subjects(view.index);
                if last.is_empty() {
                    cx.discourse
                        .zero_subject(view, Wanted::Company)
                        .map(|r| vec![r])
                } else {
                    Some(last)
                }
                .and_then(|mut v| {
                    // Several companies founded together (A、B和C 相继成立).
                    if v.len() > 1 && object.is_none() {
                        let first = v.remove(0);
                        for other in v.into_iter().filter(|r| r.kind == MentionKind::Company) {
                            push_founded(
                                out,
                                other,
                                date.clone(),
                                date_line,
                                view.index,
                                RuleId::FoundedTopic,
                            );
                        }
                        Some(first)
                    } else {
                        v.into_iter().next()
                    }
                })
            });
        match (agent, object) {
            (Some(agent), Some(company)) if agent.kind == MentionKind::Person => {
                let mut d = Draft::new(
                    Predicate::Founder,
                    agent,
                    view.index,
                    RuleId::FounderAgentVerb,
                );
                d.object = Some(company);
                out.push(d);
                if date.is_some() {
                    push_founded(
                        out,
                        company,
                        date,
                        date_line,
                        view.index,
                        RuleId::FoundedObject,
                    );
                }
            }
            (_, Some(company)) if date.is_some() => {
                push_founded(
                    out,
                    company,
                    date,
                    date_line,
                    view.index,
                    RuleId::FoundedObject,
                );
            }
            // 星河动力成立了两家子公司: a company founding another one, the one named by a
            // company reference after the verb, is not itself founded.
            (Some(agent), None)
                if agent.kind == MentionKind::Company && company_reference_after(cx, cue.end) => {}
            (Some(agent), None) if agent.kind == MentionKind::Company => {
                let rule = if agent.steps == 0 {
                    RuleId::FoundedSubject
                } else {
                    RuleId::FoundedTopic
                };
                push_founded(out, agent, date, date_line, view.index, rule);
            }
            _ => {}
        }
    }
}

/// A reference to a company (公司, 子公司, 这家企业: `pronoun` rows for a company) a few
/// characters after `pos`, within its clause: the founding verb has its own object.
fn company_reference_after(cx: &Context<'_, '_>, pos: usize) -> bool {
    let view = cx.view;
    view.cues.iter().any(|c| {
        c.role == Role::Pronoun
            && c.value.as_deref() == Some("company")
            && c.start >= pos
            && view.clause_start(c.start) <= pos
            && view.chars[pos..c.start]
                .iter()
                .filter(|ch| !ch.is_whitespace())
                .count()
                <= 6
    })
}
