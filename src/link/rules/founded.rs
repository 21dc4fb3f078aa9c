//! Foundings: `founded(company, date)`.

use crate::model::MentionKind;

use super::super::clause::{EntityItem, LineView};
use super::super::discourse::{Discourse, MAX_DISTANCE, Referent, Wanted};
use super::super::triggers::Role;
use super::{Context, Draft, Example, Predicate, Rule, RuleId, push_founded};

pub const RULES: &[Rule] = &[Rule {
    id: RuleId::FoundedSubject,
    predicate: Predicate::Founded,
    apply: founded,
    examples: &[
        // 第二年 / 次年 / 隔年: the year after the one said last, also on the line that sets
        // the time before the founding's clause.
        Example {
            text: "2018 年周行从研究所出来\n隔年\n他和陈默一起拿出积蓄\n成立了星河动力",
            gives: &["founded(星河动力) date=2019"],
            not: &["founded(星河动力) date=2018"],
        },
        Example {
            text: "林远是 2014 年回的国\n次年就创办了云岫科技",
            gives: &["founded(云岫科技) date=2015"],
            not: &[],
        },
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
        // A company opened (开起来, 开了起来) or registered (注册了下来) is founded; a car that
        // drives (开起来很稳) is not.
        Example {
            text: "2020 年夏天\n星河动力在深圳开了起来",
            gives: &["founded(星河动力) date=2020"],
            not: &[],
        },
        Example {
            text: "云岫科技是 2017 年在杭州注册下来的",
            gives: &["founded(云岫科技) date=2017"],
            not: &[],
        },
        Example {
            text: "好车S7 开起来很稳",
            gives: &[],
            not: &["founded(好车S7)"],
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
        // The object of the founding named on the lines after (founded.named_later).
        Example {
            text: "星河动力去年在成都设立了一家全资子公司\n取名为远山智能",
            gives: &["founded(远山智能) date=2024"],
            not: &["founded(星河动力)"],
        },
        Example {
            text: "2019 年 林远辞职出来\n创立了一家做机器人的公司\n名字叫青岚科技",
            gives: &["founded(青岚科技) date=2019", "founder(林远 -> 青岚科技)"],
            not: &["founded(林远)"],
        },
        Example {
            text: "云岫科技又注册成立了一家新公司\n不叫远山智能\n叫青岚科技",
            gives: &["founded(青岚科技)"],
            not: &["founded(远山智能)", "founded(云岫科技)"],
        },
        // The same founders, a second company.
        Example {
            text: "1998 年 陈默和周行一起创办了星河动力\n两年后又成立了云岫科技",
            gives: &["founder(陈默 -> 云岫科技)", "founder(周行 -> 云岫科技)"],
            not: &[],
        },
        // Written style: the subject of the sentence's first clause, 于 DATE 的 X.
        Example {
            text: "青岚科技，成立于2016年，总部在杭州。",
            gives: &["founded(青岚科技) date=2016"],
            not: &[],
        },
        Example {
            text: "创立于 2015 年的远山智能 主要做工业软件",
            gives: &["founded(远山智能) date=2015"],
            not: &[],
        },
        Example {
            text: "星河动力是一家成立于2012年的火箭公司",
            gives: &["founded(星河动力) date=2012"],
            not: &[],
        },
        // 同一年: the year said last.
        Example {
            text: "到了 2016 年\n林远还在读研究生\n就在同一年\n他把云岫科技给办了起来",
            gives: &["founded(云岫科技) date=2016"],
            not: &[],
        },
        Example {
            text: "星河动力成立至今 已经有八年了",
            gives: &["founded(星河动力)"],
            not: &[],
        },
        // 诞生 founds only with a date said on its line (issue 19, re-founders-3).
        Example {
            text: "1998年，青松茶业在武夷山诞生，起初只是一家小作坊。",
            gives: &["founded(青松茶业) date=1998"],
            not: &[],
        },
        Example {
            text: "星河动力的第一台发动机也在那个车间里诞生",
            gives: &[],
            not: &["founded(星河动力)"],
        },
        // 成立时间为 DATE, 创立之初: the organisation before the verb.
        Example {
            text: "蓝湾物流成立时间为2016年3月，总部在宁波。",
            gives: &["founded(蓝湾物流) date=2016-03"],
            not: &[],
        },
        Example {
            text: "松风导航创立之初，团队只有五个人。",
            gives: &["founded(松风导航)"],
            not: &[],
        },
        // 创办X的是Y: a cleft, the founders after 的是 (after a colon when described first).
        Example {
            text: "创办青禾书店的是一对夫妻：邵明和柯雨。",
            gives: &["founder(邵明 -> 青禾书店)", "founder(柯雨 -> 青禾书店)"],
            not: &[],
        },
        Example {
            text: "说到林远\n创立星河动力的是前航天工程师陈默",
            gives: &["founder(陈默 -> 星河动力)"],
            not: &["founder(林远 -> 星河动力)"],
        },
        // Verbs of founding with the organisation after them: 一手打造, 合伙开了, 投资设立.
        Example {
            text: "陈默一手打造了远山连锁药房，如今门店过百。",
            gives: &["founder(陈默 -> 远山连锁药房)"],
            not: &[],
        },
        Example {
            text: "2012年，韩立和大学同学合伙开了青柠花店。",
            gives: &["founder(韩立 -> 青柠花店)", "founded(青柠花店) date=2012"],
            not: &[],
        },
        Example {
            text: "来自香港的商人庞志远，1995年在东莞投资设立了华丰玩具有限公司。",
            gives: &[
                "founder(庞志远 -> 华丰玩具有限公司)",
                "founded(华丰玩具有限公司) date=1995",
            ],
            not: &["founded(东莞投资)"],
        },
        // A person's name alone before 创立的 / 一手创办的: the founder of what follows 的.
        Example {
            text: "韩梅创立的梅香烘焙，如今有二十家分店。",
            gives: &["founder(韩梅 -> 梅香烘焙)"],
            not: &["founded(韩梅)"],
        },
        Example {
            text: "傅强一手创办的远景服饰，总部位于温州。",
            gives: &["founder(傅强 -> 远景服饰)"],
            not: &["founded(傅强一手)"],
        },
        // The written sentence's subject in a clause before the verb's own.
        Example {
            text: "前快手工程师祝云帆辞去工作，创办了青岚数据。",
            gives: &["founder(祝云帆 -> 青岚数据)"],
            not: &["founder(祝云帆 -> 快手)"],
        },
        // After a written sentence's full stop, its date is not the next one's.
        Example {
            text: "云岫科技于2002年完成改制。\n陈默一手打造了远山连锁药房。",
            gives: &["founder(陈默 -> 远山连锁药房)"],
            not: &["founded(远山连锁药房) date=2002"],
        },
        Example {
            text: "由老兵聂长城于2011年发起组建的长城安保服务有限公司，次年开业。\n前快手产品经理乔一凡创办了一凡健身。",
            gives: &[
                "founder(聂长城 -> 长城安保服务有限公司)",
                "founder(乔一凡 -> 一凡健身)",
            ],
            not: &["founded(一凡健身) date=2012", "founder(乔一凡 -> 快手)"],
        },
        // A name after 由 that describes the founder is not what was founded.
        Example {
            text: "青岚研究院于2019年挂牌，由浙江大学教授闵思齐牵头组建。",
            gives: &["founded(青岚研究院) date=2019"],
            not: &["founded(浙江大学)"],
        },
    ],
}];

pub fn founded<'a>(cx: &Context<'_, 'a>, out: &mut Vec<Draft<'a>>) {
    let view = cx.view;
    for (_, cue) in view.cues_with(Role::Founded) {
        if cx.denied_before(cue.start) {
            continue;
        }
        let (date, date_line) = founding_date(cx, cue.start);
        // 诞生 and the like found only with a date said on the line (甲骨文在那时诞生 is no
        // company's founding).
        if cue.value.as_deref() == Some("dated") && (date.is_none() || date_line.is_some()) {
            continue;
        }
        let from = cx.clause_start(cue.start);
        // The companies founded after the verb (成立了零一万物, 创办了A和B, 创立于2001年的A).
        let (objects, relative) = objects_after(view, cue.end);
        let before: Vec<&EntityItem> = view
            .entities
            .iter()
            .filter(|e| e.start >= from && e.end <= cue.start)
            .collect();
        let mut agents: Vec<Referent<'a>> = Vec::new();
        // With a company founded after the verb, the ones who founded it are the people the
        // clause names before it (他离开 OpenAI 创办了 SSI, A和好友B联合创办了C).
        // 创办X的是Y（和Z）: a cleft, the founders after `的是` in the sentence.
        let cleft = objects
            .last()
            .filter(|o| !relative && view.chars[o.end..].starts_with(&['的', '是']))
            .map(|o| {
                let stop = view.chars[o.end..]
                    .iter()
                    .position(|&c| "。；;！？!?".contains(c))
                    .map_or(view.chars.len(), |p| o.end + p);
                view.entities
                    .iter()
                    .filter(|e| e.start > o.end && e.end <= stop && e.kind == MentionKind::Person)
                    .map(|e| Referent::from_item(e, view.index, 0))
                    .collect::<Vec<_>>()
            });
        if let Some(people) = cleft {
            agents = people;
            if agents.is_empty() {
                continue;
            }
        } else if !objects.is_empty() && !relative {
            if !before.is_empty() && before.iter().all(|e| e.kind == MentionKind::Person) {
                agents.extend(before.iter().map(|e| Referent::from_item(e, view.index, 0)));
            } else if let Some(p) = cx.subject_before(cue.start, Wanted::Person) {
                agents.push(p);
            } else if let Some(p) = sentence_person_before(view, from) {
                // 前星河工程师周行拉上两位同事，联合创办了A: the person the written sentence
                // named in a clause before, when the verb's own clause names nobody.
                agents.push(p);
            }
        }
        if agents.is_empty() && !relative {
            let named_before = !before.is_empty();
            // X（以下简称“Y”）成立于…: a name in brackets is another name of X.
            let bracketed = view.chars[from..cue.start]
                .iter()
                .any(|&c| c == '(' || c == '（');
            let agent = bracketed
                .then(|| cx.subject_before(cue.start, Wanted::Company))
                .flatten()
                .or_else(|| cx.subject_before(cue.start, Wanted::Thing))
                .or_else(|| cx.subject_before(cue.start, Wanted::Person))
                .or_else(|| {
                    // 它又新成立了一家子公司: the pronoun's company from farther back.
                    view.cues
                        .iter()
                        .rfind(|c| c.role == Role::Pronoun && c.start >= from && c.end <= cue.start)
                        .and_then(|p| cx.resolve_pronoun_far(p, Wanted::Thing))
                })
                .or_else(|| {
                    // X，成立于2016年: the subject of the line's first clause.
                    (!named_before)
                        .then(|| {
                            cx.line_subject_before(cue.start, Wanted::Company)
                                .or_else(|| cx.line_subject_before(cue.start, Wanted::Person))
                        })
                        .flatten()
                });
            match agent {
                Some(a) => agents.push(a),
                // A written sentence whose own subject went unnamed: not the topic's.
                None if !named_before && !cx.opens_with_unnamed_subject(cue.start) => {
                    let mut last = cx.discourse.last_subjects(view.index);
                    if last.is_empty() && !objects.is_empty() {
                        // 说到周行 / 他拉上两位师兄 一起创立了A: the person in topic.
                        last.extend(cx.discourse.zero_subject(view, Wanted::Person));
                    }
                    if last.is_empty() {
                        last.extend(cx.discourse.zero_subject(view, Wanted::Company));
                    }
                    if !objects.is_empty() && last.iter().all(|r| r.kind == MentionKind::Person) {
                        // 林远和周行创办了A / 两年后又成立了B: the same founders.
                        agents = last;
                    } else if last.len() > 1 && objects.is_empty() {
                        // Several companies founded together (A、B和C 相继成立).
                        let first = last.remove(0);
                        for other in last.into_iter().filter(|r| r.kind == MentionKind::Company) {
                            push_founded(
                                out,
                                other,
                                date.clone(),
                                date_line,
                                view.index,
                                RuleId::FoundedTopic,
                            );
                        }
                        agents.push(first);
                    } else {
                        agents.extend(last.into_iter().next());
                    }
                }
                None => {}
            }
        }
        // X由华中大学教授Y牵头组建: a name after 由 other than the founders describes them,
        // and is never what was founded (founder.by reads the clause).
        let by_at = view.chars[from..cue.start]
            .iter()
            .rposition(|&c| view.triggers.is_char(Role::Passive, c))
            .map(|b| from + b);
        if let Some(b) = by_at {
            agents.retain(|a| {
                a.kind == MentionKind::Person
                    || a.line != view.index
                    || !view
                        .entities
                        .iter()
                        .any(|e| e.start > b && e.end <= cue.start && e.name == a.name)
            });
        }
        // A written sentence whose own subject went unnamed (`凌云器材公司的总经理是Y，公司
        // 成立于1965年` with the name missed): not the founding of a company from another line.
        if agents.iter().any(|a| a.line != view.index) && cx.opens_with_unnamed_subject(cue.start) {
            agents.clear();
        }
        if !objects.is_empty() {
            for object in objects {
                let company = Referent::from_item(object, view.index, 0);
                for agent in agents.iter().filter(|a| a.kind == MentionKind::Person) {
                    let mut d = Draft::new(
                        Predicate::Founder,
                        *agent,
                        view.index,
                        RuleId::FounderAgentVerb,
                    );
                    d.object = Some(company);
                    out.push(d);
                }
                // Founded by people: founded, said or not when.
                let by_people = agents.iter().any(|a| a.kind == MentionKind::Person);
                if date.is_some() || by_people {
                    push_founded(
                        out,
                        company,
                        date.clone(),
                        date_line,
                        view.index,
                        RuleId::FoundedObject,
                    );
                }
            }
            continue;
        }
        let Some(agent) = agents.first().copied() else {
            continue;
        };
        // 成立了两家子公司 / 一家叫A / 另一家叫B, 他创立了一家车企 / 名字叫A: the verb has an
        // object of its own, named on the lines after; the subject is not what was founded.
        if company_reference_after(cx, cue.end) || object_phrase_after(view, cue.end) {
            named_later(cx, cue.end, agent, &date, date_line, out);
            continue;
        }
        if agent.kind == MentionKind::Company {
            let rule = if agent.steps == 0 {
                RuleId::FoundedSubject
            } else {
                RuleId::FoundedTopic
            };
            push_founded(out, agent, date, date_line, view.index, rule);
        }
    }
}

/// The first person a punctuated sentence names before its clause starting at `from` (its
/// subject), when that clause names nobody (`周行离开研究所，创办了A`). Spoken lines have no
/// such clauses.
fn sentence_person_before<'a>(view: &LineView<'a>, from: usize) -> Option<Referent<'a>> {
    if from == 0 {
        return None;
    }
    let sentence = view.chars[..from]
        .iter()
        .rposition(|&c| "。！？!?".contains(c))
        .map_or(0, |i| i + 1);
    view.entities
        .iter()
        .find(|e| e.start >= sentence && e.end <= from && e.kind == MentionKind::Person)
        .map(|e| Referent::from_item(e, view.index, 0))
}

/// The date of a founding said at `pos`: [`Context::event_date`], else the year said last
/// when the line or the one before says `同一年` / `同年`, else the time a line set two lines
/// up when this line goes on with the line before (`时间是去年 12 月 / 智谱已经在珠海 / 注册
/// 成立了两家子公司`).
fn founding_date(cx: &Context<'_, '_>, pos: usize) -> (Option<String>, Option<usize>) {
    let found = cx.event_date(pos);
    if found.0.is_some() {
        return found;
    }
    let view = cx.view;
    // After a written sentence's full stop, the line before sets no time for this one
    // (`X于2012年开业。` / `Y创办了Z`: not 2012, nor the year after it).
    let previous = cx.previous.filter(|p| !p.ends_sentence());
    let same_year =
        view.has_role(Role::ThatYear) || previous.is_some_and(|p| p.has_role(Role::ThatYear));
    if same_year && let Some(year) = cx.discourse.last_year(view.index, MAX_DISTANCE) {
        return (Some(year.to_string()), previous.map(|p| p.index));
    }
    // 到了第二年 / 次年: the year after the one said last, said on this line, the one before,
    // or (when this line goes on with the one before) the line two up.
    let setting = cx
        .continues_previous_line()
        .then(|| previous.and_then(|p| p.index.checked_sub(1)))
        .flatten()
        .map(|i| &cx.lines[i]);
    let here = std::iter::once((view, pos));
    let before = [previous, setting].into_iter().flatten();
    for (line, upto) in here.chain(before.map(|l| (l, l.chars.len()))) {
        if let Some(years) = line.years_after(0, upto)
            && let Some(year) = cx.discourse.last_year(view.index, MAX_DISTANCE)
        {
            let line_index = (line.index != view.index).then_some(line.index);
            return (Discourse::year_after(year, years), line_index);
        }
    }
    if cx.continues_previous_line()
        && let Some(prev) = previous
        && prev.dates().next().is_none()
        && let Some(setting) = prev.index.checked_sub(1).map(|i| &cx.lines[i])
        && setting.is_time_adverbial()
        && let Some(d) = setting.dates().last()
    {
        return (d.value.as_date().map(str::to_string), Some(setting.index));
    }
    (None, None)
}

/// The companies a founding verb ending at `pos` has for object: the first right after it (a
/// few function chars between, or a name prefix the recognizer left out when the name ends
/// the clause), or after `于 DATE 的` (then `relative` is true: the clause describes it), and
/// the companies coordinated with it.
pub(super) fn objects_after<'v, 'a>(
    view: &'v LineView<'a>,
    pos: usize,
) -> (Vec<&'v EntityItem<'a>>, bool) {
    let mut out = Vec::new();
    let Some(i) = view.entities.iter().position(|e| e.start >= pos) else {
        return (out, false);
    };
    let first = &view.entities[i];
    if first.kind != MentionKind::Company {
        return (out, false);
    }
    let gap = &view.chars[pos..first.start];
    let marks = gap.iter().filter(|c| !c.is_whitespace()).count();
    let plain = gap
        .iter()
        .all(|&c| !c.is_whitespace() && !is_clause_mark(c));
    let ends_clause = view
        .chars
        .get(first.end)
        .is_none_or(|&c| c.is_whitespace() || is_clause_mark(c));
    // 成立于 2001 年的 X: 于, a date, 的.
    let relative = gap.first() == Some(&'于')
        && gap.last() == Some(&'的')
        && view.dates().any(|d| d.start > pos && d.end < first.start)
        && marks <= 14;
    if !(first.start - pos <= 4 || (plain && marks <= 8 && ends_clause) || relative) {
        return (out, false);
    }
    out.push(first);
    let mut last = first;
    for next in &view.entities[i + 1..] {
        let between = view.chars[last.end..next.start]
            .iter()
            .filter(|c| !c.is_whitespace())
            .count();
        if next.kind != MentionKind::Company
            || between > 2
            || !view.gap_of_class(Role::Coordinator, last.end, next.start)
        {
            break;
        }
        out.push(next);
        last = next;
    }
    (out, relative)
}

fn is_clause_mark(c: char) -> bool {
    "，,。；;：:！？!?".contains(c)
}

/// Does a founding verb ending at `pos` have an object that names no company: `了` then words of the clause that are not a time (`成立了一家车企`, `在深圳设立了研发
/// 中心`), as against `成立于2015年`, `成立的`, `成立五年了`?
fn object_phrase_after(view: &LineView, pos: usize) -> bool {
    let mut p = pos;
    while p < view.chars.len() && (view.chars[p] == '了' || view.chars[p].is_whitespace()) {
        p += 1;
    }
    // 了 says the verb is done with an object (成立至今 已经十年 is no object).
    if !view.chars[pos..p].contains(&'了') || p >= view.chars.len() {
        return false;
    }
    let c = view.chars[p];
    if is_clause_mark(c) || "于的到至以后时前起过".contains(c) {
        return false;
    }
    // A figure right after the verb: a count of companies (两家子公司) is an object, a
    // duration (五年) is not.
    if let Some(v) = view.values.iter().find(|v| v.start == p) {
        return view.chars[v.start..v.end]
            .last()
            .is_some_and(|&c| "家个所间".contains(c));
    }
    true
}

/// The companies named on the lines after a founding with an object of its own: `叫 A` /
/// `一家叫 A`, as many as the object counts (两家), within four lines; founded by `agent`.
fn named_later<'a>(
    cx: &Context<'_, 'a>,
    pos: usize,
    agent: Referent<'a>,
    date: &Option<String>,
    date_line: Option<usize>,
    out: &mut Vec<Draft<'a>>,
) {
    let view = cx.view;
    let count = view
        .values
        .iter()
        .find(|v| v.start >= pos && v.start <= pos + 3)
        .and_then(|v| v.value.as_number())
        .map_or(1, |n| (n as usize).clamp(1, 4));
    let mut found = 0;
    for line in cx.lines.iter().skip(view.index + 1).take(4) {
        if line.has_role(Role::Founded) || line.has_role(Role::Renamed) {
            break;
        }
        let named = line.entities.iter().find(|e| {
            e.kind == MentionKind::Company
                && !line.denied_before(e.start)
                && named_here(line, e.start)
        });
        let Some(company) = named else { continue };
        let company = Referent::from_item(company, line.index, 0);
        let mut d = Draft::new(
            Predicate::Founded,
            company,
            view.index,
            RuleId::FoundedNamedLater,
        );
        d.date.clone_from(date);
        d.cover(line.index);
        if let Some(l) = date_line {
            d.cover(l);
        }
        out.push(d);
        if agent.kind == MentionKind::Person {
            let mut d = Draft::new(
                Predicate::Founder,
                agent,
                view.index,
                RuleId::FounderAgentVerb,
            );
            d.cover(line.index);
            d.object = Some(company);
            out.push(d);
        }
        found += 1;
        if found == count {
            break;
        }
    }
}

/// Is the name at `start` given by a naming word right before it (`叫A`, `一家叫A`, `名字叫
/// A`), not a negated one (`不叫A`)?
fn named_here(line: &LineView, start: usize) -> bool {
    let before: String = line.chars[..start]
        .iter()
        .rev()
        .skip_while(|c| c.is_whitespace())
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    line.triggers.words_of(Role::Naming).any(|w| {
        before
            .strip_suffix(w)
            .is_some_and(|rest| !rest.ends_with('不') && !rest.ends_with('没'))
    })
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
