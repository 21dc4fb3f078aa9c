//! Founders: `founder(person, company)`.

use crate::model::MentionKind;

use super::super::clause::{EntityItem, LineView};
use super::super::discourse::{Referent, Wanted};
use super::super::triggers::{Cue, Role};
use super::{Context, Draft, Example, Predicate, Rule, RuleId, push_founded};

pub const RULES: &[Rule] = &[
    Rule {
        id: RuleId::FounderBy,
        predicate: Predicate::Founder,
        apply: founded_by,
        examples: &[
            Example {
                text: "云岫科技由林远和周行在 2020 年共同创办",
                gives: &["founder(林远 -> 云岫科技)", "founder(周行 -> 云岫科技)"],
                not: &[],
            },
            Example {
                text: "再来看星河动力\n2016 年由陈默创立",
                gives: &["founder(陈默 -> 星河动力)", "founded(星河动力) date=2016"],
                not: &[],
            },
            Example {
                text: "周行后来加入了云岫科技\n云岫科技由林远创办",
                gives: &["founder(林远 -> 云岫科技)"],
                not: &["founder(周行 -> 云岫科技)"],
            },
        ],
    },
    Rule {
        id: RuleId::FounderPronoun,
        predicate: Predicate::Founder,
        apply: founded_by_pronoun,
        examples: &[
            Example {
                text: "说到林远\n星河动力其实也是他创办的",
                gives: &["founder(林远 -> 星河动力)"],
                not: &[],
            },
            Example {
                text: "周行这个人很低调\n云岫科技就是他一手创立的",
                gives: &["founder(周行 -> 云岫科技)"],
                not: &[],
            },
            Example {
                text: "林远这个人很低调\n星河动力\n其实就是他一手创办的",
                gives: &["founder(林远 -> 星河动力)"],
                not: &[],
            },
            Example {
                text: "林远这个人很低调\n星河动力的估值不低\n其实就是他一手创办的",
                gives: &[],
                not: &["founder(林远 -> 星河动力)"],
            },
            Example {
                text: "说到林远\n星河动力并不是他创办的",
                gives: &[],
                not: &["founder(林远 -> 星河动力)"],
            },
        ],
    },
    Rule {
        id: RuleId::FounderTitle,
        predicate: Predicate::Founder,
        apply: founder_title,
        examples: &[
            Example {
                text: "说到云岫科技的创始人林远\n很多人并不熟悉",
                gives: &["founder(林远 -> 云岫科技)"],
                not: &[],
            },
            Example {
                text: "陈默是星河动力的联合创始人",
                gives: &["founder(陈默 -> 星河动力)"],
                not: &[],
            },
            Example {
                text: "陈默是星河动力的早期员工",
                gives: &[],
                not: &["founder(陈默 -> 星河动力)"],
            },
            Example {
                text: "说到周行\n他是星河动力的联合创始人 也是一位工程师",
                gives: &["founder(周行 -> 星河动力)"],
                not: &[],
            },
            Example {
                text: "周行这个人很低调\n他并不是云岫科技的创始人",
                gives: &[],
                not: &["founder(周行 -> 云岫科技)"],
            },
            Example {
                text: "再来看星河动力\n它的创始人兼董事长 名叫陈默",
                gives: &["founder(陈默 -> 星河动力)"],
                not: &[],
            },
            Example {
                text: "云岫科技还有两位联合创始人\n林远和周行 都是工程师出身",
                gives: &["founder(林远 -> 云岫科技)", "founder(周行 -> 云岫科技)"],
                not: &[],
            },
        ],
    },
];

/// `A 由 X 和 Y 创立`: the people named between a company and the founding verb founded it.
pub fn founded_by<'a>(cx: &Context<'_, 'a>, out: &mut Vec<Draft<'a>>) {
    let view = cx.view;
    for (_, cue) in view.cues_with(Role::Founded) {
        if cx.denied_before(cue.start) {
            continue;
        }
        let from = cx.clause_start(cue.start);
        let before: Vec<_> = view
            .entities
            .iter()
            .filter(|e| e.start >= from && e.end <= cue.start)
            .collect();
        let company_at = before.iter().rposition(|e| e.kind == MentionKind::Company);
        let people = &before[company_at.map_or(0, |c| c + 1)..];
        if people.is_empty() || people.iter().any(|e| e.kind != MentionKind::Person) {
            continue;
        }
        let company = match company_at {
            Some(ci) => Referent::from_item(before[ci], view.index, 0),
            None => {
                // 1998年由马化腾等五位创始人创办: passive, the company is the one in topic.
                let by = view.chars[from..people[0].start]
                    .iter()
                    .rev()
                    .find(|c| !c.is_whitespace());
                if !by.is_some_and(|&c| view.triggers.is_char(Role::Passive, c)) {
                    continue;
                }
                let Some(company) = cx.discourse.zero_subject(view, Wanted::Company) else {
                    continue;
                };
                let (date, date_line) = cx.event_date(cue.start);
                push_founded(
                    out,
                    company,
                    date,
                    date_line,
                    view.index,
                    RuleId::FoundedPassiveTopic,
                );
                company
            }
        };
        for person in people {
            let mut d = Draft::new(
                Predicate::Founder,
                Referent::from_item(person, view.index, 0),
                view.index,
                RuleId::FounderBy,
            );
            d.cover(company.line);
            d.object = Some(company);
            out.push(d);
        }
    }
}

/// `A 就是他创办的`, `A 由她创立`: a company, then a pronoun for a person, then the founding
/// verb; the person in topic founded the company.
pub fn founded_by_pronoun<'a>(cx: &Context<'_, 'a>, out: &mut Vec<Draft<'a>>) {
    let view = cx.view;
    for (_, cue) in view.cues_with(Role::Founded) {
        if cx.denied_before(cue.start) {
            continue;
        }
        let from = cx.clause_start(cue.start);
        let in_clause = view
            .entities
            .iter()
            .rfind(|e| e.start >= from && e.end <= cue.start);
        // A company said alone on the line before, then `就是他创办的` on its own.
        let company = match in_clause {
            Some(e) => Some((e.end, Referent::from_item(e, view.index, 0)))
                .filter(|_| e.kind == MentionKind::Company),
            None => cx.previous.and_then(name_alone).map(|r| (from, r)),
        };
        let Some((company_end, company)) = company else {
            continue;
        };
        let Some(pronoun) = view.cues.iter().find(|c| {
            c.role == Role::Pronoun
                && c.value.as_deref() == Some("person")
                && c.start >= company_end
                && c.end <= cue.start
                && cue.start - c.end <= 4
        }) else {
            continue;
        };
        let Some(person) = cx.resolve_pronoun(pronoun, Wanted::Person) else {
            continue;
        };
        let mut d = Draft::new(
            Predicate::Founder,
            person,
            view.index,
            RuleId::FounderPronoun,
        );
        let company_line = company.line;
        d.cover(company_line);
        d.object = Some(company);
        out.push(d);
    }
}

/// The company a line consists of (a name said alone, as a topic for the line after).
fn name_alone<'a>(line: &LineView<'a>) -> Option<Referent<'a>> {
    let [e] = &line.entities[..] else { return None };
    let rest = line
        .chars
        .iter()
        .enumerate()
        .filter(|(i, c)| !c.is_whitespace() && (*i < e.start || *i >= e.end))
        .count();
    (e.kind == MentionKind::Company && rest == 0).then(|| Referent::from_item(e, line.index, 0))
}

pub fn founder_title<'a>(cx: &Context<'_, 'a>, out: &mut Vec<Draft<'a>>) {
    let view = cx.view;
    for (_, cue) in view.cues_with(Role::FounderTitle) {
        // The founder is named right after the title (创始人兼CEO X allows a short title).
        let in_line = view.entities.iter().position(|e| {
            e.kind == MentionKind::Person
                && e.start >= cue.end
                && view.chars[cue.end..e.start]
                    .iter()
                    .filter(|c| !c.is_whitespace())
                    .count()
                    <= 6
                && !view
                    .entities
                    .iter()
                    .any(|o| o.start >= cue.end && o.end <= e.start)
        });
        // X 是 A 的创始人: the person stands before the company the title belongs to (and
        // the clause does not run on into the next line).
        if in_line.is_none() && founder_named_before(cx, cue, out) {
            continue;
        }
        // The title ends its line and the names open the next (联合创始人 / A 和 B).
        let mut people = match in_line {
            Some(i) => vec![Referent::from_item(&view.entities[i], view.index, 0)],
            None => cx.run_on(cue.end, MentionKind::Person),
        };
        if people.is_empty() || cx.denied_before(cue.start) {
            continue;
        }
        // 创始人是 A 和 B: every person coordinated with the first.
        if let Some(first) = in_line {
            let mut last = first;
            while let Some(next) = view.entities.get(last + 1) {
                let (gap_from, gap_to) = (view.entities[last].end, next.start);
                let marks = view.chars[gap_from..gap_to]
                    .iter()
                    .filter(|c| !c.is_whitespace())
                    .count();
                let coordinated =
                    marks <= 2 && view.gap_of_class(Role::Coordinator, gap_from, gap_to);
                if next.kind != MentionKind::Person || !coordinated {
                    break;
                }
                people.push(Referent::from_item(next, view.index, 0));
                last += 1;
            }
        }
        // The company: the nearest name before the title in its clause, else the topic.
        let from = cx.clause_start(cue.start);
        let before = view
            .entities
            .iter()
            .rev()
            .find(|e| e.end <= cue.start && e.start >= from);
        let company = match before {
            // A 的创始人, or A 成立于 2021 年 创始人是 X.
            Some(e) if e.kind == MentionKind::Company => {
                Some(Referent::from_item(e, view.index, 0))
            }
            // Somebody else is named just before: whose founder this is, is not said.
            Some(_) => None,
            None => cx
                .subject_before(cue.start, Wanted::Company)
                .or_else(|| cx.discourse.resolve(view, cue.start, Wanted::Company)),
        };
        let Some(company) = company else { continue };
        let rule = if company.steps == 0 {
            RuleId::FounderTitle
        } else {
            RuleId::FounderTitleTopic
        };
        for person in people {
            let person_line = person.line;
            let mut d = Draft::new(Predicate::Founder, person, view.index, rule);
            d.cover(person_line);
            d.cover(company.line);
            d.object = Some(company);
            out.push(d);
        }
    }
}

/// `雷军是小米的创始人`, `X 作为 A 的联合创始人`: person, copula, company 的, title. True when
/// the clause has that shape (a fact is then pushed unless it is denied).
fn founder_named_before<'a>(cx: &Context<'_, 'a>, cue: &Cue, out: &mut Vec<Draft<'a>>) -> bool {
    let view = cx.view;
    let from = cx.clause_start(cue.start);
    let before: Vec<&EntityItem> = view
        .entities
        .iter()
        .filter(|e| e.start >= from && e.end <= cue.start)
        .collect();
    let (person, company) = match before[..] {
        [.., person, company] => (Some(person), company),
        [company] => (None, company),
        [] => return false,
    };
    // 他是 A 的创始人: a pronoun for a person stands where the name would.
    let pronoun = match person {
        Some(_) => None,
        None => view.cues.iter().rfind(|c| {
            c.role == Role::Pronoun
                && c.value.as_deref() == Some("person")
                && c.start >= from
                && c.end <= company.start
        }),
    };
    let subject_end = match (person, pronoun) {
        (Some(p), _) => p.end,
        (None, Some(c)) => c.end,
        (None, None) => return false,
    };
    let copula: String = view.chars[subject_end..company.start]
        .iter()
        .filter(|c| !c.is_whitespace())
        .collect();
    if person.is_some_and(|p| p.kind != MentionKind::Person)
        || company.kind != MentionKind::Company
        || !(view.gap_is(company.end, cue.start, &[])
            || view.gap_of_class(Role::Possessive, company.end, cue.start))
        || !view.triggers.is_word(Role::Copula, &copula)
    {
        return false;
    }
    if cx.denied_before(cue.start) {
        return true;
    }
    let subject = match (person, pronoun) {
        (Some(p), _) => Some(Referent::from_item(p, view.index, 0)),
        (None, Some(c)) => cx.resolve_pronoun(c, Wanted::Person),
        (None, None) => None,
    };
    // A pronoun nobody in topic answers: the shape was read, but no fact.
    let Some(subject) = subject else { return true };
    let subject_line = subject.line;
    let mut d = Draft::new(
        Predicate::Founder,
        subject,
        view.index,
        RuleId::FounderCopula,
    );
    d.cover(subject_line);
    d.object = Some(Referent::from_item(company, view.index, 0));
    out.push(d);
    true
}
