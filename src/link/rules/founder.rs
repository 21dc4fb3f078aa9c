//! Founders: `founder(person, company)`.

use crate::model::MentionKind;

use super::super::clause::{EntityItem, LineView};
use super::super::discourse::{Discourse, MAX_DISTANCE, PRONOUN_DISTANCE, Referent, Wanted};
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
            Example {
                text: "再来看星河动力\n2016 年由投资人陈默牵头创办",
                gives: &["founder(陈默 -> 星河动力)"],
                not: &[],
            },
            Example {
                text: "说到云岫科技\n由陈默一手创办的星河动力 现在有三百人",
                gives: &["founder(陈默 -> 星河动力)"],
                not: &["founder(陈默 -> 云岫科技)"],
            },
            Example {
                text: "青岚科技由前航天工程师周行于2018年创立。",
                gives: &["founder(周行 -> 青岚科技)", "founded(青岚科技) date=2018"],
                not: &[],
            },
            Example {
                text: "林远后来辞去了教职\n回国创办了远山智能",
                gives: &["founder(林远 -> 远山智能)"],
                not: &[],
            },
            Example {
                text: "说到周行\n他拉上两位师兄 一起创立了青岚科技",
                gives: &["founder(周行 -> 青岚科技)"],
                not: &[],
            },
            // A name between 由 and the founder says where the founder works.
            Example {
                text: "青岚研究院于2019年挂牌，由浙江大学教授闵思齐牵头组建。",
                gives: &["founder(闵思齐 -> 青岚研究院)"],
                not: &["founder(闵思齐 -> 浙江大学)"],
            },
            // Founders listed with 、 before the verb.
            Example {
                text: "千帆物流由郝建、邓丽、孔祥共同创立。",
                gives: &[
                    "founder(郝建 -> 千帆物流)",
                    "founder(邓丽 -> 千帆物流)",
                    "founder(孔祥 -> 千帆物流)",
                ],
                not: &["founded(孔祥)"],
            },
            Example {
                text: "北辰书局由庞志远于1996年创办，总部在南京。",
                gives: &["founder(庞志远 -> 北辰书局)", "founded(北辰书局) date=1996"],
                not: &[],
            },
            // A company right after the verb is what was founded, not the one before the
            // founder's name (where the founder worked).
            Example {
                text: "前快手产品经理乔一凡创办了一凡健身。",
                gives: &["founder(乔一凡 -> 一凡健身)"],
                not: &["founder(乔一凡 -> 快手)"],
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
            // A company pronoun on the line before, its company named farther back than a
            // dropped subject reaches: the founder is that company's.
            Example {
                text: "星河动力上周在港交所挂牌\n发行价 20 港元\n开盘就涨了一倍\n盘中一度翻了两倍\n收盘涨了 150%\n成交非常活跃\n散户抢得很凶\n那这家公司是什么来头\n创始人叫周行",
                gives: &["founder(周行 -> 星河动力)"],
                not: &["founder(周行 -> 港交所)"],
            },
            Example {
                text: "今天说云岫科技\n先看股价\n今年涨了三倍\n机构一直在加仓\n散户也很热情\n换手率很高\n讨论度也高\n说回它的来历\n它的联合创始人是陈默",
                gives: &["founder(陈默 -> 云岫科技)"],
                not: &[],
            },
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
            Example {
                text: "星河动力的联合创始人包括前航天工程师陈默和周行。",
                gives: &["founder(陈默 -> 星河动力)", "founder(周行 -> 星河动力)"],
                not: &[],
            },
            // More founders of the company whose founders are being listed.
            Example {
                text: "星河动力的创始人叫陈默\n他以前是百度的工程师\n另外两位联合创始人\n林远和周行 也都来自百度",
                gives: &["founder(林远 -> 星河动力)", "founder(周行 -> 星河动力)"],
                not: &["founder(林远 -> 百度)", "founder(周行 -> 百度)"],
            },
            // 缔造者, 发起人, 创始及执行合伙人; the founders after 主要创办人之一.
            Example {
                text: "远山眼科医院的缔造者卞振华，早年是一名军医。",
                gives: &["founder(卞振华 -> 远山眼科医院)"],
                not: &[],
            },
            Example {
                text: "青禾数据的主要创办人之一柏一鸣，曾在百度工作。",
                gives: &["founder(柏一鸣 -> 青禾数据)"],
                not: &["founder(柏一鸣 -> 百度)"],
            },
            Example {
                text: "春晖公益基金会成立于2012年，发起人为企业家季春晖。",
                gives: &["founder(季春晖 -> 春晖公益基金会)"],
                not: &[],
            },
            Example {
                text: "蓝鲸资本的创始及执行合伙人詹远，很少接受采访。",
                gives: &["founder(詹远 -> 蓝鲸资本)"],
                not: &[],
            },
            // A Japanese family name takes a two-char given name.
            Example {
                text: "青叶设计工作室成立于2010年，创始人为日本籍设计师山本雅人。",
                gives: &["founder(山本雅人 -> 青叶设计工作室)"],
                not: &[],
            },
            // A written sentence that opens with a subject nobody named: the company of
            // another line is not the one it speaks of.
            Example {
                text: "说到云岫科技\n晨光书院于2005年在苏州开馆，创始人为退休教师童书文。",
                gives: &[],
                not: &["founder(童书文 -> 云岫科技)"],
            },
            Example {
                text: "星河动力成立于1998年。\n远航器材公司的首任总经理是鲍国强，公司成立于1970年。",
                gives: &["founded(远航器材公司) date=1970"],
                not: &[
                    "founder(鲍国强 -> 远航器材公司)",
                    "founded(星河动力) date=1970",
                ],
            },
            // A pronoun finds the company in topic from farther back.
            Example {
                text: "再来看星河动力\n它做的是火箭发动机\n这个领域门槛很高\n需要大量的试验\n还要烧很多钱\n国内能做的不多\n这里先不展开\n最后说说人\n它的创始人叫陈默",
                gives: &["founder(陈默 -> 星河动力)"],
                not: &[],
            },
        ],
    },
    Rule {
        id: RuleId::FounderGroup,
        predicate: Predicate::Founder,
        apply: founded_by_group,
        examples: &[
            // The group is the people the lines just before named, as many as it says.
            Example {
                text: "先说林远\n他以前在研究所\n后来认识了周行\n云岫科技是他们俩一起创办的",
                gives: &["founder(林远 -> 云岫科技)", "founder(周行 -> 云岫科技)"],
                not: &[],
            },
            Example {
                text: "陈默、林远和周行是大学室友\n毕业那年三个人合伙创立了星河动力",
                gives: &[
                    "founder(陈默 -> 星河动力)",
                    "founder(林远 -> 星河动力)",
                    "founder(周行 -> 星河动力)",
                ],
                not: &[],
            },
            // The group on its line, the founding verb on the next one.
            Example {
                text: "周行找到了老同学陈默\n两个人在车库里\n把远山智能办了起来",
                gives: &["founder(周行 -> 远山智能)", "founder(陈默 -> 远山智能)"],
                not: &[],
            },
            // Three people named for a group of two: who they are is not said.
            Example {
                text: "陈默认识了林远\n又见了周行\n两个人一起创办了星河动力",
                gives: &[],
                not: &["founder(陈默 -> 星河动力)", "founder(林远 -> 星河动力)"],
            },
            Example {
                text: "林远和周行是同学\n星河动力并不是他们俩创办的",
                gives: &[],
                not: &["founder(林远 -> 星河动力)"],
            },
        ],
    },
    Rule {
        id: RuleId::FounderRecruited,
        predicate: Predicate::Founder,
        apply: founded_after_recruiting,
        examples: &[
            // A person gathers others, asides follow, then the company is founded.
            Example {
                text: "说到周行\n2018 年他拉上几个师弟\n在杭州租了间办公室\n青岚科技就这样成立了",
                gives: &["founder(周行 -> 青岚科技)", "founded(青岚科技) date=2018"],
                not: &[],
            },
            Example {
                text: "林远辞职以后\n第二年春天\n叫上两个前同事\n凑了一笔钱\n注册成立了远山智能",
                gives: &["founder(林远 -> 远山智能)"],
                not: &[],
            },
            // Somebody else named between: whose company it is, is not said.
            Example {
                text: "说到周行\n他拉上几个师弟\n陈默也来帮忙\n青岚科技就这样成立了",
                gives: &[],
                not: &["founder(周行 -> 青岚科技)"],
            },
            // Too far back.
            Example {
                text: "说到周行\n他拉上几个师弟\n先是做外包\n后来做硬件\n又转了方向\n青岚科技就这样成立了",
                gives: &[],
                not: &["founder(周行 -> 青岚科技)"],
            },
        ],
    },
    Rule {
        id: RuleId::FounderApposition,
        predicate: Predicate::Founder,
        apply: founder_apposition,
        examples: &[
            Example {
                text: "林远，青岚科技创始人、董事长，毕业于浙江大学。",
                gives: &["founder(林远 -> 青岚科技)"],
                not: &[],
            },
            Example {
                text: "陈默，男，1980年出生，现任远山智能董事长，也是该公司的创始人。",
                gives: &["founder(陈默 -> 远山智能)"],
                not: &[],
            },
            Example {
                text: "周行，星河动力的工程师，并不是创始人。",
                gives: &[],
                not: &["founder(周行 -> 星河动力)"],
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
        // 由华中大学教授X牵头组建: a name between 由 and the founder describes the founder
        // (where they work); the company founded stands before 由.
        let by_at = view.chars[from..cue.start]
            .iter()
            .rposition(|&c| view.triggers.is_char(Role::Passive, c))
            .map(|b| from + b);
        let before: Vec<_> = match by_at {
            Some(b) => before
                .into_iter()
                .filter(|e| e.end <= b || e.kind == MentionKind::Person)
                .collect(),
            None => before,
        };
        let company_at = before.iter().rposition(|e| e.kind == MentionKind::Company);
        let people = &before[company_at.map_or(0, |c| c + 1)..];
        if people.is_empty() || people.iter().any(|e| e.kind != MentionKind::Person) {
            continue;
        }
        // 由X创办的A: the company after the verb, read by the founding rule with X.
        if company_at.is_none() && relative_company_after(view, cue.end) {
            continue;
        }
        // 前星河动力工程师X创办了A: a company right after the verb is what was founded; the
        // one before the founder only says where the founder worked (the founding rule reads
        // the clause).
        if view.chars.get(cue.end) != Some(&'的')
            && !super::founded::objects_after(view, cue.end).0.is_empty()
        {
            continue;
        }
        let company = match company_at {
            Some(ci) => Referent::from_item(before[ci], view.index, 0),
            None => {
                // 1998年由马化腾等五位创始人创办: passive, the company is the one in topic. A
                // short description may stand between 由 and the name (由企业家X创办).
                let lead = &view.chars[from..people[0].start];
                let by = lead
                    .iter()
                    .rposition(|&c| view.triggers.is_char(Role::Passive, c))
                    .filter(|&b| {
                        lead[b + 1..]
                            .iter()
                            .all(|&c| !c.is_whitespace() && crate::normalize::is_cjk(c))
                            && lead.len() - b - 1 <= 12
                    });
                if by.is_none() {
                    continue;
                }
                // X，由Y创办: the subject of the line's first clause, else the topic (not
                // when the sentence opens with a subject of its own nobody named).
                let Some(company) =
                    cx.line_subject_before(cue.start, Wanted::Company)
                        .or_else(|| {
                            (!cx.opens_with_unnamed_subject(cue.start))
                                .then(|| cx.discourse.zero_subject(view, Wanted::Company))
                                .flatten()
                        })
                else {
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

/// How many lines before the founding verb a group (两个人) or a gathering (他拉上两个同事)
/// may be said, and how far back the people of a group are looked for.
const GROUP_LINES: usize = 8;
const RECRUIT_LINES: usize = 3;

/// `公司是他们俩一起创办的`, `三个人合伙创立了X`, `两个人在车库里 / 把X办了起来`: a group of N
/// people before the founding verb (in its clause, or on the line before when this one names no
/// one before the verb) founded the company; the N are the people the lines just before named
/// (coordinated or one by one), when exactly N were named there (else who they are is unsure).
pub fn founded_by_group<'a>(cx: &Context<'_, 'a>, out: &mut Vec<Draft<'a>>) {
    let view = cx.view;
    for (_, cue) in view.cues_with(Role::Founded) {
        if cx.denied_before(cue.start) {
            continue;
        }
        let from = cx.clause_start(cue.start);
        let here = view
            .cues
            .iter()
            .rfind(|c| c.role == Role::Group && c.start >= from && c.end <= cue.start)
            .map(|c| (view, c));
        let nobody_before = !view
            .entities
            .iter()
            .any(|e| e.kind == MentionKind::Person && e.end <= cue.start)
            && !view
                .cues
                .iter()
                .any(|c| c.role == Role::Pronoun && c.end <= cue.start);
        let before = cx
            .previous
            .filter(|p| nobody_before && !p.has_role(Role::Founded))
            .and_then(|p| {
                let c = p.cues.iter().rfind(|c| c.role == Role::Group)?;
                // Nobody named after the group on its line.
                (!p.entities.iter().any(|e| e.start >= c.end)).then_some((p, c))
            });
        let Some((group_line, group)) = here.or(before) else {
            continue;
        };
        let Some(count) = group.value.as_deref().and_then(|v| v.parse::<usize>().ok()) else {
            continue;
        };
        // The people named on the lines before the group (and before it on its own line).
        let mut people: Vec<Referent<'a>> = Vec::new();
        let first = group_line.index.saturating_sub(GROUP_LINES);
        for line in cx.lines[first..=group_line.index].iter().rev() {
            for e in line.entities.iter().rev() {
                if e.kind != MentionKind::Person
                    || (line.index == group_line.index && e.end > group.start)
                {
                    continue;
                }
                let r = Referent::from_item(e, line.index, 1);
                if !people.iter().any(|p| p.id_or_name() == r.id_or_name()) {
                    people.push(r);
                }
            }
        }
        if people.len() != count {
            continue;
        }
        // The company: before the verb (它是 / 公司是 / 把X; a pronoun reaching farther back
        // when nothing else was named since), else right after it.
        let company = cx
            .company_before(cue.start)
            .or_else(|| {
                view.cues
                    .iter()
                    .rfind(|c| c.role == Role::Pronoun && c.start >= from && c.end <= cue.start)
                    .and_then(|p| cx.resolve_pronoun_far(p, Wanted::Company))
            })
            .or_else(|| {
                view.entities
                    .iter()
                    .find(|e| e.start >= cue.end && e.start - cue.end <= 3)
                    .filter(|e| e.kind == MentionKind::Company)
                    .map(|e| Referent::from_item(e, view.index, 0))
            });
        let Some(company) = company.filter(|c| c.kind == MentionKind::Company) else {
            continue;
        };
        for person in people.into_iter().rev() {
            let person_line = person.line;
            let mut d = Draft::new(Predicate::Founder, person, view.index, RuleId::FounderGroup);
            d.cover(person_line);
            d.cover(group_line.index);
            d.object = Some(company);
            out.push(d);
        }
    }
}

/// `他拉上两个老同事 / 在深圳租了个小仓库 / X就这么成立了`: a person (named, or a pronoun for
/// one) gathers others (a `recruit` word) up to [`RECRUIT_LINES`] lines before a founding
/// said with no founder of its own, and the lines between name nobody (asides): the person
/// founded it. The time said on the gathering's line or the line before it (`第二年春天`) is
/// the founding's.
pub fn founded_after_recruiting<'a>(cx: &Context<'_, 'a>, out: &mut Vec<Draft<'a>>) {
    let view = cx.view;
    for (_, cue) in view.cues_with(Role::Founded) {
        if cx.denied_before(cue.start) {
            continue;
        }
        // No founder said in the line, and a company founded: before the verb, or after it.
        if view.entities.iter().any(|e| e.kind == MentionKind::Person)
            || view
                .cues
                .iter()
                .any(|c| c.role == Role::Pronoun && c.value.as_deref() == Some("person"))
        {
            continue;
        }
        let from = cx.clause_start(cue.start);
        let company = view
            .entities
            .iter()
            .rfind(|e| e.start >= from && e.end <= cue.start)
            .or_else(|| {
                view.entities
                    .iter()
                    .find(|e| e.start >= cue.end && e.start - cue.end <= 3)
            })
            .filter(|e| e.kind == MentionKind::Company);
        let Some(company) = company else { continue };
        for back in 1..=RECRUIT_LINES {
            let Some(line) = view.index.checked_sub(back).map(|i| &cx.lines[i]) else {
                break;
            };
            let Some(recruit) = recruit_word(line) else {
                // An aside names nobody and founds nothing.
                if !line.entities.is_empty()
                    || line.cues.iter().any(|c| {
                        c.role == Role::Founded
                            || (c.role == Role::Pronoun && c.value.as_deref() == Some("person"))
                    })
                {
                    break;
                }
                continue;
            };
            if line.denied_before(recruit) {
                break;
            }
            // Who gathers: a person named before the word, else a pronoun for one.
            let person = match line.entities.iter().rfind(|e| e.end <= recruit) {
                Some(e) if e.kind == MentionKind::Person => {
                    Some(Referent::from_item(e, line.index, 0))
                }
                Some(_) => None,
                // 他拉上…, or no subject at all (叫上两个前同事): the person in topic.
                None => cx
                    .discourse
                    .resolve(line, recruit, Wanted::Person)
                    .or_else(|| {
                        cx.discourse
                            .topic_within(line.index, Wanted::Person, PRONOUN_DISTANCE)
                    })
                    .filter(|r| r.kind == MentionKind::Person),
            };
            let Some(person) = person else { break };
            let company = Referent::from_item(company, view.index, 0);
            let person_line = person.line;
            let mut d = Draft::new(
                Predicate::Founder,
                person,
                view.index,
                RuleId::FounderRecruited,
            );
            d.cover(person_line);
            d.cover(line.index);
            d.object = Some(company);
            out.push(d);
            let (date, date_line) = gathering_date(cx, line);
            if date.is_some() {
                push_founded(
                    out,
                    company,
                    date,
                    date_line,
                    view.index,
                    RuleId::FoundedAfterGathering,
                );
            }
            break;
        }
    }
}

/// Where a `recruit` word (拉上, 叫上) starts in a line, outside any name.
fn recruit_word(line: &LineView) -> Option<usize> {
    line.triggers.words_of(Role::Recruit).find_map(|w| {
        let w: Vec<char> = w.chars().collect();
        (0..line.chars.len().saturating_sub(w.len() - 1)).find(|&i| {
            line.chars[i..].starts_with(&w)
                && !line
                    .entities
                    .iter()
                    .any(|e| e.start < i + w.len() && i < e.end)
        })
    })
}

/// The time a gathering line says, or the line before it when that one only sets the time:
/// a date, or a year after the one said last (`第二年春天`, `次年夏天`).
fn gathering_date(cx: &Context<'_, '_>, line: &LineView) -> (Option<String>, Option<usize>) {
    let before = line.index.checked_sub(1).map(|i| &cx.lines[i]);
    for l in std::iter::once(line).chain(before) {
        if let Some(d) = l.dates().last() {
            if l.index == line.index || l.is_time_adverbial() {
                return (d.value.as_date().map(str::to_string), Some(l.index));
            }
            continue;
        }
        if let Some(years) = l.years_after(0, l.chars.len())
            && let Some(year) = cx.discourse.last_year(l.index, MAX_DISTANCE)
        {
            return (Discourse::year_after(year, years), Some(l.index));
        }
    }
    (None, None)
}

/// The company a line consists of (a name said alone, as a topic for the line after).
/// Names run together (`香港中文大学多媒体实验室`, a unit of its parent) count as one: the
/// last is the company meant.
fn name_alone<'a>(line: &LineView<'a>) -> Option<Referent<'a>> {
    let e = line.entities.last()?;
    let rest = line
        .chars
        .iter()
        .enumerate()
        .filter(|(i, c)| {
            !c.is_whitespace() && !line.entities.iter().any(|n| n.start <= *i && *i < n.end)
        })
        .count();
    (e.kind == MentionKind::Company && rest == 0).then(|| Referent::from_item(e, line.index, 0))
}

/// `由X创办的A`: a company right after the verb and 的.
fn relative_company_after(view: &LineView, pos: usize) -> bool {
    view.entities.iter().any(|e| {
        e.kind == MentionKind::Company
            && e.start > pos
            && view.gap_is(pos, e.start, &['的'])
            && view.chars[pos..e.start].contains(&'的')
    })
}

/// `另外两位联合创始人`: the company whose founders the lines just before named, when the
/// clause says these are more of them (an `additive` word before the title), or when no
/// company is in topic.
fn listed_founders_company<'a>(cx: &Context<'_, 'a>, pos: usize) -> Option<Referent<'a>> {
    let view = cx.view;
    let (company, _, line) = cx.discourse.founders_of.as_ref()?;
    if view.index - line > super::super::discourse::MAX_DISTANCE {
        return None;
    }
    let from = cx.clause_start(pos);
    let before: String = view.chars[from..pos]
        .iter()
        .filter(|c| !c.is_whitespace())
        .collect();
    let more = view
        .triggers
        .words_of(Role::Additive)
        .any(|w| before.contains(w));
    let topic = cx.discourse.resolve(view, pos, Wanted::Company);
    (more || topic.is_none()).then(|| Referent {
        steps: company.steps + 1,
        ..*company
    })
}

/// `陈立新，瀚海智能装备有限公司创始人、董事长`: a written apposition. The sentence opens with
/// a person's name and a comma, and a founder title later in it has no name of its own after
/// it: the person founded the company named nearest before the title.
pub fn founder_apposition<'a>(cx: &Context<'_, 'a>, out: &mut Vec<Draft<'a>>) {
    let view = cx.view;
    for (_, cue) in view.cues_with(Role::FounderTitle) {
        let sentence = view.chars[..cue.start]
            .iter()
            .rposition(|&c| "。！？!?".contains(c))
            .map_or(0, |i| i + 1);
        let Some(head) = view.entities.iter().find(|e| e.start >= sentence) else {
            continue;
        };
        let opens = view.gap_is(sentence, head.start, &[]);
        let comma = view
            .chars
            .get(head.end)
            .is_some_and(|&c| c == '，' || c == ',');
        if head.kind != MentionKind::Person || !opens || !comma || head.end >= cue.start {
            continue;
        }
        // A name right after the title is that title's founder (founder_title reads it).
        let clause_end = view.chars[cue.end..]
            .iter()
            .position(|&c| "，,。；;！？!?".contains(c))
            .map_or(view.chars.len(), |p| cue.end + p);
        if view
            .entities
            .iter()
            .any(|e| e.kind == MentionKind::Person && e.start >= cue.end && e.end <= clause_end)
        {
            continue;
        }
        if cx.denied_before(cue.start) {
            continue;
        }
        let Some(company) =
            view.entities.iter().rev().find(|e| {
                e.kind == MentionKind::Company && e.start >= head.end && e.end <= cue.start
            })
        else {
            continue;
        };
        let mut d = Draft::new(
            Predicate::Founder,
            Referent::from_item(head, view.index, 0),
            view.index,
            RuleId::FounderApposition,
        );
        d.object = Some(Referent::from_item(company, view.index, 0));
        out.push(d);
    }
}

pub fn founder_title<'a>(cx: &Context<'_, 'a>, out: &mut Vec<Draft<'a>>) {
    let view = cx.view;
    for (_, cue) in view.cues_with(Role::FounderTitle) {
        // The founder is named right after the title (创始人兼CEO X allows a short title).
        // Written text may put a longer description there, with no break in it (创始人是清华
        // 大学博士X, 创始人包括前中学教师X).
        let in_line = view.entities.iter().position(|e| {
            if e.kind != MentionKind::Person || e.start < cue.end {
                return false;
            }
            let gap = &view.chars[cue.end..e.start];
            let marks = gap.iter().filter(|c| !c.is_whitespace()).count();
            let plain = gap
                .iter()
                .all(|&c| !c.is_whitespace() && !"，,。；;：:！？!?".contains(c));
            let named_between = view.entities.iter().any(|o| {
                o.start >= cue.end && o.end <= e.start && (o.kind == MentionKind::Person || !plain)
            });
            (marks <= 6 || (plain && marks <= 10)) && !named_between
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
                .or_else(|| listed_founders_company(cx, cue.start))
                .or_else(|| {
                    // 它的创始人: a pronoun finds the company in topic from farther back.
                    view.cues
                        .iter()
                        .rfind(|c| c.role == Role::Pronoun && c.start >= from && c.end <= cue.start)
                        .and_then(|p| cx.resolve_pronoun_far(p, Wanted::Company))
                })
                .or_else(|| cx.discourse.resolve(view, cue.start, Wanted::Company)),
        };
        let Some(company) = company else { continue };
        // 白露茶业在安溪诞生，创始人是Y: the title is about the sentence's own subject,
        // which the recognizer did not name; the company of another line is not its.
        if company.line != view.index && cx.opens_with_unnamed_subject(cue.start) {
            continue;
        }
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
