//! Funding rounds: `funding(company, amount, round, date)`.
//!
//! Three ways a round is said, each a rule below:
//! - [`funding`]: a funding word (融资, 募了, 融到) with the company before it or in topic;
//! - [`round_taken`]: a round by its name after a verb of taking (拿下了 A 轮), no 融资 said;
//! - [`invested`]: the investor as agent (`X 投资了 Y`, `X 对 Y 做了一笔投资`): Y is funded.
//!
//! What they share ([`state`]): the amount in the clause, else on the next line, or the one
//! after when the line between only asks for it (`那规模有多大呢`); a list of rounds (`天使轮
//! A 轮 也有 A1 轮`) is one fact a round; a listing (上市, 挂牌) up to three lines before makes
//! the money raised an IPO, with the listing's date; the date is the clause's, else the line
//! setting the time, else a date said up to three lines before (not 今天, the day of telling,
//! and not past a founding); a hedge or talks (计划, 准备, 正在谈) keep the round as a forecast
//! at a lower confidence, and a negation drops it.
//!
//! An investor is never the funded company: a name right before 领投 / 持股 / 牵头 or after
//! 投资方 / 股东, and the names of a list of them, are remembered ([`remember`]); a round said
//! with an investor only as the topic is the company's whose round was stated last.

use crate::model::MentionKind;

use super::super::clause::{EntityItem, LineView, ValueItem};
use super::super::discourse::{Discourse, Referent, Wanted};
use super::super::triggers::{Cue, Role};
use super::{Context, Draft, Example, Predicate, Rule, RuleId, set_amount};

pub const RULES: &[Rule] = &[
    Rule {
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
            // The parts of one round over three lines, the lead investor between.
            Example {
                text: "说回云岫科技\n上个月刚刚敲定一轮\n蓝鲸资本牵头的融资\n总额 12 亿元",
                gives: &["funding(云岫科技) value=1200000000 currency=CNY date=2025-02"],
                not: &["funding(蓝鲸资本)"],
            },
            Example {
                text: "星河动力宣布完成了一笔融资 金额达到数千万美元",
                gives: &["funding(星河动力) value=10000000 currency=USD qualifier=several"],
                not: &[],
            },
            // A question between the round and its amount.
            Example {
                text: "今年 1 月星河动力又拿了一笔 B+ 轮融资\n这次融了多少呢\n差不多 3 亿元",
                gives: &["funding(星河动力) value=300000000 qualifier=about round=B+ date=2025-01"],
                not: &[],
            },
            // A list of rounds: one fact a round, none with an amount of its own.
            Example {
                text: "云岫科技成立三年\n前后融过好几轮\n种子轮 天使轮 还有 Pre-A 轮",
                gives: &[
                    "funding(云岫科技) round=seed",
                    "funding(云岫科技) round=angel",
                    "funding(云岫科技) round=Pre-A",
                ],
                not: &["funding(云岫科技) value=3"],
            },
            // Talks and plans are kept, as a forecast.
            Example {
                text: "星河动力还在和投资方接触\n准备再融一轮",
                gives: &["funding(星河动力) forecast=true"],
                not: &["funding(星河动力) forecast=false"],
            },
            Example {
                text: "据传云岫科技完成了 C 轮融资\n金额 2 亿元 由蓝鲸资本领投",
                gives: &["funding(云岫科技) value=200000000 round=C forecast=false"],
                not: &["funding(蓝鲸资本)"],
            },
            // The lead investor on the line between the round and its amount, or named after
            // 领投的是: an investor, never the funded company.
            Example {
                text: "星河动力完成了 A 轮融资\n由蓝鲸资本领投\n这轮募到 5000 万美元",
                gives: &["funding(星河动力) value=50000000 currency=USD round=A"],
                not: &["funding(蓝鲸资本)"],
            },
            Example {
                text: "说回云岫科技\n去年拿到了 B 轮\n领投的是蓝鲸资本\n这一轮一共融了 3 亿多元",
                gives: &["funding(云岫科技) value=300000000 qualifier=over"],
                not: &["funding(蓝鲸资本)"],
            },
            // The company receiving another's investment; the valuation after its investor.
            Example {
                text: "云岫科技获得了蓝鲸资本的投资 金额 3 亿元",
                gives: &["funding(云岫科技) value=300000000"],
                not: &["funding(蓝鲸资本)"],
            },
            Example {
                text: "云岫科技完成了 B 轮融资\n由蓝鲸资本领投\n投后估值达到 50 亿元",
                gives: &[
                    "funding(云岫科技) round=B",
                    "metric(云岫科技) metric=valuation value=5000000000",
                ],
                not: &["metric(蓝鲸资本)"],
            },
            Example {
                text: "说回云岫科技\n今年整个 AI 赛道的融资超过了 1000 亿元",
                gives: &[],
                not: &["funding(云岫科技)"],
            },
            Example {
                text: "云岫科技否认正在融资",
                gives: &[],
                not: &["funding(云岫科技)"],
            },
            // An IPO: the money raised after a listing, its date the listing's.
            Example {
                text: "2021 年 6 月\n星河动力在纳斯达克挂牌上市\n这次一共融到 5 亿美元",
                gives: &["funding(星河动力) value=500000000 currency=USD round=IPO date=2021-06"],
                not: &[],
            },
            Example {
                text: "去年 9 月 云岫科技回到港交所做了二次上市\n募资大约 30 亿港元",
                gives: &["funding(云岫科技) value=3000000000 currency=HKD date=2024-09"],
                not: &["funding(云岫科技) round=IPO"],
            },
            // Investors in a list are never the funded company.
            Example {
                text: "星河动力去年 9 月上市 募了 20 亿港元\n主要股东有\n蓝鲸资本 12%\n百度 5%\n后来又募资了 8 亿港元",
                gives: &[
                    "funding(星河动力) value=2000000000 round=IPO date=2024-09",
                    "funding(星河动力) value=800000000",
                ],
                not: &["funding(百度)", "funding(蓝鲸资本)"],
            },
            // The date of a round from a line said a little before.
            Example {
                text: "2023 年 4 月\n说到云岫科技\n它对外宣布\n完成了 A 轮融资 金额 1 亿元",
                gives: &["funding(云岫科技) value=100000000 round=A date=2023-04"],
                not: &[],
            },
            Example {
                text: "云岫科技成立于 2019 年\n后来它拿到了 A 轮融资",
                gives: &["funding(云岫科技) round=A"],
                not: &["funding(云岫科技) date=2019"],
            },
        ],
    },
    Rule {
        id: RuleId::FundingRoundTaken,
        predicate: Predicate::Funding,
        apply: round_taken,
        examples: &[
            Example {
                text: "说起云岫科技\n这回它拿下的是 B2 轮\n金额在 8000 万美元左右",
                gives: &["funding(云岫科技) value=80000000 qualifier=about round=B2"],
                not: &[],
            },
            Example {
                text: "星河动力先后拿了天使轮、A轮和B轮",
                gives: &[
                    "funding(星河动力) round=angel",
                    "funding(星河动力) round=A",
                    "funding(星河动力) round=B",
                ],
                not: &[],
            },
            // A round someone else took, named before the verb.
            Example {
                text: "星河动力的对手百度拿下了 C 轮",
                gives: &[],
                not: &["funding(星河动力)"],
            },
            Example {
                text: "云岫科技还没有拿到 A 轮",
                gives: &[],
                not: &["funding(云岫科技)"],
            },
            // The verb after the round: the round landed, was completed.
            Example {
                text: "说到星河动力\n去年 11 月 C 轮落地\n这次是 1.5 亿美元",
                gives: &["funding(星河动力) value=150000000 currency=USD round=C date=2024-11"],
                not: &[],
            },
            Example {
                text: "云岫科技的 A 轮已经完成了 金额 2 亿元",
                gives: &["funding(云岫科技) value=200000000 round=A"],
                not: &[],
            },
            Example {
                text: "星河动力的 B 轮还没有落地",
                gives: &[],
                not: &["funding(星河动力)"],
            },
            // An investor said before 投的 / 领的 (or after 投的是) joined the round: the
            // figures next to it are still the funded company's.
            Example {
                text: "说到星河动力\n它的 A 轮拿了 3 亿元\n这轮是百度领的\n老股东蓝鲸资本继续跟",
                gives: &["funding(星河动力) value=300000000 round=A"],
                not: &["funding(百度)", "funding(蓝鲸资本)"],
            },
            Example {
                text: "云岫科技的天使轮\n是蓝鲸资本投的\n后来又拿到了 A 轮 金额 1 亿元",
                gives: &["funding(云岫科技) value=100000000 round=A"],
                not: &["funding(蓝鲸资本)"],
            },
            // An amount said without a currency (2 个亿左右, 30 亿出头) is the round's.
            Example {
                text: "云岫科技 2023 年的 A 轮 融了 2 个亿左右",
                gives: &["funding(云岫科技) value=200000000 qualifier=about round=A"],
                not: &[],
            },
            Example {
                text: "星河动力这次上市的募资总额\n算下来是 30 亿出头",
                gives: &["funding(星河动力) value=3000000000 qualifier=over"],
                not: &[],
            },
            Example {
                text: "星河动力融资以后 用户涨到了 500 万",
                gives: &[],
                not: &["funding(星河动力) value=5000000"],
            },
        ],
    },
    Rule {
        id: RuleId::FundingRoundStated,
        predicate: Predicate::Funding,
        apply: round_stated,
        examples: &[
            // A round and its amount, no verb at all.
            Example {
                text: "说到云岫科技\nA 轮 两千万美元 蓝鲸资本领投",
                gives: &["funding(云岫科技) value=20000000 currency=USD round=A"],
                not: &["funding(蓝鲸资本)"],
            },
            Example {
                text: "星河动力的天使轮是奇绩给的 五百万",
                gives: &["funding(星河动力) value=5000000 currency=CNY round=angel"],
                not: &[],
            },
            // The amount two lines on, past the lead investor's line.
            Example {
                text: "再看星河动力\n2023 年 5 月的 B 轮\n由蓝鲸资本领投\n金额是 3 亿元",
                gives: &["funding(星河动力) value=300000000 round=B date=2023-05"],
                not: &["funding(蓝鲸资本)"],
            },
            // A round asked about, or a figure of something else: no round stated.
            Example {
                text: "说到云岫科技\n今年有没有 C 轮 估值要到 120 亿元",
                gives: &[],
                not: &["funding(云岫科技)"],
            },
            Example {
                text: "说到云岫科技\nB 轮之后 员工涨到 300 人",
                gives: &[],
                not: &["funding(云岫科技)"],
            },
        ],
    },
    Rule {
        id: RuleId::FundingInvested,
        predicate: Predicate::Funding,
        apply: invested,
        examples: &[
            Example {
                text: "蓝鲸资本\n对做机器人的星河动力\n做了一笔战略投资\n投了多少呢\n3 亿元人民币",
                gives: &["funding(星河动力) value=300000000 currency=CNY"],
                not: &["funding(蓝鲸资本)"],
            },
            Example {
                text: "说到星河动力\n它上个月获得蓝鲸资本注资 5 亿元",
                gives: &["funding(星河动力) value=500000000 date=2025-02"],
                not: &["funding(蓝鲸资本)"],
            },
            Example {
                text: "星河动力对外宣布\n投资了 3 亿元建新工厂",
                gives: &[],
                not: &["funding(星河动力)"],
            },
            Example {
                text: "百度领投了云岫科技的 A+ 轮 金额 2 亿元",
                gives: &["funding(云岫科技) value=200000000 round=A+"],
                not: &["funding(百度)"],
            },
            Example {
                text: "蓝鲸资本今年投资了 20 亿元建新基金",
                gives: &[],
                not: &["funding(蓝鲸资本)"],
            },
        ],
    },
];

/// How many lines back a listing makes money raised an IPO, or a date is the round's.
const LOOK_BACK: usize = 3;

/// How far back the company whose round was stated still owns a round said with an investor
/// as the topic (`这次 IPO` fifty lines on, after a list of shareholders).
const FUNDED_REACH: usize = 60;

/// How far back the company in topic may be for a round said with no subject when no other
/// company was named since (a listing story told over a dozen lines).
const TOPIC_REACH: usize = 20;

/// `X 完成了 B 轮融资`, `这次一共募了 80 亿元`, `Y 获得了 X 的投资`.
pub fn funding<'a>(cx: &Context<'_, 'a>, out: &mut Vec<Draft<'a>>) {
    let view = cx.view;
    for (_, cue) in view.cues.iter().enumerate().filter(|(_, c)| {
        c.role == Role::Funding || (c.role == Role::Invest && after_possessive(view, c))
    }) {
        if view.negated_before(cue.start) {
            continue;
        }
        let Some(company) = funded_before(cx, cue.start) else {
            continue;
        };
        let rule = if company.steps == 0 {
            RuleId::FundingVerb
        } else {
            RuleId::FundingVerbTopic
        };
        state(cx, cue, company, rule, out);
    }
}

/// `这回它拿下的是 A1 轮`, `先后拿了天使轮、A轮和B轮`: a round by its name taken, no 融资 said.
pub fn round_taken<'a>(cx: &Context<'_, 'a>, out: &mut Vec<Draft<'a>>) {
    let view = cx.view;
    for verb in view.cues.iter().filter(|c| c.role == Role::RoundVerb) {
        // The first round after the verb in its clause, with no funding word of its own (the
        // other rule reads those).
        let end = clause_end(view, verb.end);
        let Some(round) = view
            .cues
            .iter()
            .find(|c| c.role == Role::Round && c.start >= verb.end && c.end <= end)
        else {
            continue;
        };
        let from = view.clause_start(verb.start);
        if view.cues.iter().any(|c| {
            matches!(c.role, Role::Funding | Role::Invest) && c.start >= from && c.end <= end
        }) || view
            .entities
            .iter()
            .any(|e| e.start >= verb.end && e.end <= round.start)
            || view.negated_before(verb.end)
        {
            continue;
        }
        let Some(company) = funded_before(cx, verb.start) else {
            continue;
        };
        state(cx, round, company, RuleId::FundingRoundTaken, out);
    }
    // The verb right after the round (`C 轮落地`, `B 轮已经完成了`): a few chars between, no
    // verb before it in the clause (that one was read above), no funding word.
    for round in view.cues.iter().filter(|c| c.role == Role::Round) {
        let from = view.clause_start(round.start);
        let end = clause_end(view, round.end);
        let Some(verb) = view
            .cues
            .iter()
            .find(|c| c.role == Role::RoundVerb && c.start >= round.end && c.end <= end)
            .filter(|v| non_space(view, round.end, v.start) <= 2)
        else {
            continue;
        };
        if view.cues.iter().any(|c| {
            (c.role == Role::RoundVerb && c.start >= from && c.end <= round.start)
                || (matches!(c.role, Role::Funding | Role::Invest)
                    && c.start >= from
                    && c.end <= end)
        }) || view
            .entities
            .iter()
            .any(|e| e.start >= round.end && e.end <= verb.start)
            || view.negated_before(verb.end)
        {
            continue;
        }
        let Some(company) = funded_before(cx, round.start) else {
            continue;
        };
        state(cx, round, company, RuleId::FundingRoundTaken, out);
    }
}

/// A round said with its amount and no verb at all (`A 轮 两千万美元 红杉领投`, `天使轮是奇绩
/// 给的 五百万`, `2021 年 3 月的 B 轮 / 由X领投 / 金额是 3 亿元`): the round of the company in
/// topic (never an investor's). Only with an amount: money after the round on its line or on
/// the lines after ([`amount_after`]), or a number in 万 / 亿 after the round on its line
/// (money then, in the currency the talk uses); never in a question or a line with a verb of
/// its own (the other rules read those), nor when a figure word names the amount.
pub fn round_stated<'a>(cx: &Context<'_, 'a>, out: &mut Vec<Draft<'a>>) {
    let view = cx.view;
    if view.cues.iter().any(|c| {
        matches!(
            c.role,
            Role::Funding
                | Role::RoundVerb
                | Role::Founded
                | Role::Released
                | Role::Renamed
                | Role::Talks
                | Role::Listing
        )
    }) || view.is_question()
    {
        return;
    }
    let rounds: Vec<&Cue> = view.cues.iter().filter(|c| c.role == Role::Round).collect();
    let [round] = rounds[..] else { return };
    // `X 领投了 Y 的 A 轮` is read by `invested`; `A 轮 … X 领投` names the lead after it.
    if view
        .cues
        .iter()
        .any(|c| c.role == Role::Invest && c.start < round.start)
    {
        return;
    }
    if view.negated_before(round.end) || view.hedged_before(round.start).is_some() {
        return;
    }
    let money_here = view.values.iter().any(|v| {
        v.kind == MentionKind::Money
            && v.start >= round.end
            && !named_otherwise(view, round.start, v)
    });
    let bare = (!money_here)
        .then(|| {
            view.values.iter().find(|v| {
                v.kind == MentionKind::Number
                    && v.start >= round.end
                    && v.unit.is_none()
                    && v.value.as_number().is_some_and(|x| x >= 1e6)
                    && !named_otherwise(view, round.start, v)
            })
        })
        .flatten();
    let after =
        (!money_here && bare.is_none() && view.values.iter().all(|v| v.kind == MentionKind::Date))
            .then(|| amount_after(cx))
            .flatten();
    if !money_here && bare.is_none() && after.is_none() {
        return;
    }
    let Some(company) = funded_before(cx, round.start) else {
        return;
    };
    let before = out.len();
    state(cx, round, company, RuleId::FundingRoundStated, out);
    if let Some(v) = bare {
        for d in out[before..].iter_mut() {
            set_amount(d, v);
            d.currency = super::metric::bare_amount_currency(cx, v);
            d.money_at = Some((view.index, v.start));
        }
    }
}

/// `X 投资了 Y`, `X 领投了 Y 的 A+ 轮`, `X / 对 Y / 做了一笔战略投资`: Y is funded.
pub fn invested<'a>(cx: &Context<'_, 'a>, out: &mut Vec<Draft<'a>>) {
    let view = cx.view;
    for cue in view
        .cues
        .iter()
        .filter(|c| c.role == Role::Invest && !after_possessive(view, c))
    {
        if view.negated_before(cue.start) {
            continue;
        }
        let Some(funded) = invested_in(cx, cue) else {
            continue;
        };
        state(cx, cue, funded, RuleId::FundingInvested, out);
    }
}

/// The company an investing verb at `cue` puts money in: named right after it (投资了 Y), or
/// after 对 / 向 / 给 before it, in its line or, when the verb's line names nobody, the line
/// before.
fn invested_in<'a>(cx: &Context<'_, 'a>, cue: &Cue) -> Option<Referent<'a>> {
    let view = cx.view;
    let end = clause_end(view, cue.end);
    if let Some(e) = view
        .entities
        .iter()
        .find(|e| e.start >= cue.end && e.end <= end)
        .filter(|e| e.kind == MentionKind::Company && non_space(view, cue.end, e.start) <= 3)
    {
        return Some(Referent::from_item(e, view.index, 0));
    }
    let from = view.clause_start(cue.start);
    if let Some(e) = received(view, from, cue.start) {
        return Some(Referent::from_item(e, view.index, 0));
    }
    if view
        .entities
        .iter()
        .any(|e| e.start >= from && e.end <= cue.start)
    {
        return None;
    }
    let prev = cx.previous?;
    received(prev, 0, prev.chars.len()).map(|e| Referent::from_item(e, prev.index, 1))
}

/// The company after 对 / 向 / 给 in `from..to`, with no other name between. The marker opens
/// the clause or follows a name (`蓝鲸资本向云岫科技`), so 对外 / 面对 inside words are not one.
fn received<'v, 'a>(view: &'v LineView<'a>, from: usize, to: usize) -> Option<&'v EntityItem<'a>> {
    let marker = (from..to).find(|&i| {
        view.triggers.is_char(Role::Recipient, view.chars[i])
            && (non_space(view, from, i) == 0
                || view
                    .entities
                    .iter()
                    .any(|e| e.end <= i && non_space(view, e.end, i) == 0))
    })?;
    view.entities
        .iter()
        .find(|e| e.start > marker && e.end <= to)
        .filter(|e| e.kind == MentionKind::Company && e.start - marker <= 12)
}

/// An investing word said as a noun, the money received: right after 的 (`获得了蓝鲸资本的投资`)
/// or after a verb of taking and the investor (`获得蓝鲸资本注资 3 亿元`).
fn after_possessive(view: &LineView, cue: &Cue) -> bool {
    let possessive = view.chars[..cue.start]
        .iter()
        .rev()
        .find(|c| !c.is_whitespace())
        .is_some_and(|&c| view.triggers.is_char(Role::Possessive, c));
    possessive
        || view
            .entities
            .iter()
            .rfind(|e| e.end <= cue.start)
            .filter(|e| non_space(view, e.end, cue.start) == 0)
            .is_some_and(|e| {
                view.cues.iter().any(|c| {
                    c.role == Role::RoundVerb
                        && c.end <= e.start
                        && non_space(view, c.end, e.start) <= 1
                })
            })
}

/// Chars other than spaces in `from..to`.
fn non_space(view: &LineView, from: usize, to: usize) -> usize {
    view.chars[from.min(to)..to]
        .iter()
        .filter(|c| !c.is_whitespace())
        .count()
}

/// End of the comma clause holding `pos`.
fn clause_end(view: &LineView, pos: usize) -> usize {
    view.chars[pos..]
        .iter()
        .position(|&c| matches!(c, '，' | ',' | '。' | '；' | ';' | '！' | '？'))
        .map_or(view.chars.len(), |p| pos + p)
}

/// Is the company `e` of this line said as an investor: right before an investing word (蓝鲸
/// 资本领投, 国盛资本持股 4.89%, 蓝鲸资本的投资), or after an investor noun (投资方有 e)?
/// (`云岫科技的投资方`: the company before 的 + an investor noun is the funded one.)
fn investor_here(view: &LineView, e: &EntityItem) -> bool {
    // 顺为资本和真格基金也都跟投了: coordinated names share what follows the last of them.
    if let Some(next) = view.entities.iter().find(|x| x.start >= e.end)
        && next.kind == e.kind
        && view.gap_of_class(Role::Coordinator, e.end, next.start)
    {
        return investor_here(view, next);
    }
    let after = view
        .cues
        .iter()
        .find(|c| c.start >= e.end && matches!(c.role, Role::Invest | Role::Investor));
    let next_entity = view.entities.iter().find(|x| x.start >= e.end);
    if let Some(c) = after
        && next_entity.is_none_or(|x| x.start >= c.end)
    {
        let gap: String = view.chars[e.end..c.start]
            .iter()
            .filter(|c| !c.is_whitespace())
            .collect();
        let possessive = gap
            .chars()
            .next()
            .is_some_and(|ch| view.triggers.is_char(Role::Possessive, ch));
        let noun = c.role == Role::Investor && possessive;
        if gap.chars().count() <= 2 && !noun {
            return true;
        }
    }
    view.cues.iter().any(|c| {
        c.role == Role::Investor && c.end <= e.start && view.clause_start(e.start) <= c.start
    })
}

/// The company a round said at `pos` is raised by: the nearest company before it in the
/// clause that is not said as an investor (a person stands for their company), or a pronoun's
/// referent; with nobody named, the company in topic, unless that one is an investor: then
/// the company whose round was stated last.
fn funded_before<'a>(cx: &Context<'_, 'a>, pos: usize) -> Option<Referent<'a>> {
    let view = cx.view;
    let from = cx.clause_start(pos);
    let pronoun = view
        .cues
        .iter()
        .rev()
        .find(|c| c.role == Role::Pronoun && c.end <= pos && c.start >= from);
    let mut named_other = false;
    for e in view
        .entities
        .iter()
        .rev()
        .filter(|e| e.end <= pos && e.start >= from)
    {
        if pronoun.is_some_and(|p| p.start >= e.end) {
            break;
        }
        if investor_here(view, e) {
            continue;
        }
        match e.kind {
            MentionKind::Company => return Some(Referent::from_item(e, view.index, 0)),
            MentionKind::Person => {
                if let Some(r) = person_company(cx, Referent::from_item(e, view.index, 0)) {
                    return Some(r);
                }
                named_other = true;
            }
            _ => named_other = true,
        }
    }
    if let Some(p) = pronoun {
        let pointed = Wanted::from_cue(p.value.as_deref());
        if let Some(r) = cx.discourse.resolve(view, p.start, pointed) {
            match r.kind {
                MentionKind::Company if !cx.discourse.is_investor(&r) => return Some(r),
                MentionKind::Person => {
                    if let Some(c) = person_company(cx, r) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
    }
    if named_other || view.holds_class_word(Role::Field, from, pos) {
        // Somebody else is named before the verb, or a whole field (AI 行业): not our topic's
        // statement.
        return None;
    }
    // Far topics and remembered rounds are evidence of this line only (a reviewer reads the
    // round here, not the dozen lines between).
    let here = |r: Referent<'a>| Referent {
        line: view.index,
        ..r
    };
    let topic = cx
        .discourse
        .zero_subject(view, Wanted::Company)
        .or_else(|| {
            cx.discourse
                .topic_within(view.index, Wanted::Company, TOPIC_REACH)
                .map(here)
        });
    match topic {
        Some(t) if !cx.discourse.is_investor(&t) => Some(t),
        // The topic is an investor: the round is the company's whose round was stated last.
        _ => last_funded(cx.discourse, view.index).map(here),
    }
}

/// The company whose round was stated last, if recent enough.
fn last_funded<'a>(discourse: &Discourse<'a>, now: usize) -> Option<Referent<'a>> {
    discourse
        .funded
        .filter(|r| now - r.line <= FUNDED_REACH)
        .map(|r| Referent {
            steps: r.steps + 1,
            ..r
        })
}

/// A person acting for the company the catalogue gives them (one more resolution step).
fn person_company<'a>(cx: &Context<'_, 'a>, person: Referent<'a>) -> Option<Referent<'a>> {
    let company = person
        .affiliation
        .and_then(|id| cx.catalogue.get(id))
        .filter(|c| c.kind == MentionKind::Company)?;
    Some(Referent {
        kind: MentionKind::Company,
        entity_id: Some(&company.id),
        name: &company.name,
        owner: None,
        affiliation: None,
        steps: person.steps + 1,
        ..person
    })
}

/// A money value that another figure word names (估值 50 亿元) is not the round's amount.
fn named_otherwise(view: &LineView, cue_pos: usize, v: &ValueItem) -> bool {
    view.cues.iter().any(|c| {
        matches!(c.role, Role::Metric | Role::Price)
            && ((c.start >= cue_pos.min(v.start) && c.end <= cue_pos.max(v.start))
                || (c.end <= v.start && non_space(view, c.end, v.start) <= 4))
    })
}

/// A round's amount: money, or a large number said with no currency and no unit (`融了 2 个
/// 亿`, `算下来是 25 亿出头`, `拿了五千万`), as people say amounts; a count (`3 轮`, `200 人`)
/// or a small number is none.
fn is_amount(v: &ValueItem) -> bool {
    v.kind == MentionKind::Money || super::is_bare_amount(v)
}

/// The amount on a line after the statement: the next one, or the one after when the next
/// only asks for it or only names investors; such a line names no one else and states no
/// other fact.
fn amount_after<'v, 'a>(cx: &Context<'v, 'a>) -> Option<(&'v ValueItem<'a>, usize)> {
    let view = cx.view;
    for k in 1..=2 {
        let next = cx.lines.get(view.index + k)?;
        // Names there are investors only (`金额 2 亿元 由蓝鲸资本领投`), or none.
        if !next.entities.iter().all(|e| investor_here(next, e))
            || next.cues.iter().any(|c| {
                matches!(
                    c.role,
                    Role::Founded | Role::Released | Role::Renamed | Role::Metric
                ) || (c.role == Role::Funding && k == 1 && !next.is_question())
            })
        {
            return None;
        }
        if let Some(v) = next.values.iter().find(|v| is_amount(v)) {
            return Some((v, next.index));
        }
        // The line between may only ask for the amount, or only name investors
        // (`完成了 A 轮 / 由蓝鲸资本领投 / 这轮募到 5000 万美元`).
        let investors_only = !next.entities.is_empty()
            || next
                .cues
                .iter()
                .any(|c| matches!(c.role, Role::Invest | Role::Investor));
        if !(next.is_question() || investors_only) || !next.values.is_empty() {
            return None;
        }
    }
    None
}

/// The rounds a statement at `pos` names: the nearest round in the clause and those listed
/// with it (`天使轮 A 轮 也有 A1 轮`: a few short words between, no figure or name).
fn round_list<'v>(view: &'v LineView, from: usize, pos: usize) -> Vec<&'v Cue> {
    let rounds: Vec<&Cue> = view
        .cues
        .iter()
        .filter(|c| c.role == Role::Round && c.start >= from)
        .collect();
    let Some(nearest) = (0..rounds.len()).min_by_key(|&i| rounds[i].start.abs_diff(pos)) else {
        return Vec::new();
    };
    let listed = |a: &Cue, b: &Cue| {
        non_space(view, a.end, b.start) <= 3
            && !view
                .values
                .iter()
                .any(|v| v.start >= a.end && v.end <= b.start)
            && !view
                .entities
                .iter()
                .any(|e| e.start >= a.end && e.end <= b.start)
    };
    let mut first = nearest;
    while first > 0 && listed(rounds[first - 1], rounds[first]) {
        first -= 1;
    }
    let mut last = nearest;
    while last + 1 < rounds.len() && listed(rounds[last], rounds[last + 1]) {
        last += 1;
    }
    rounds[first..=last].to_vec()
}

/// The date of an event said at `pos` of line `view`: the nearest date in the line, else the
/// line before when it only sets the time.
fn line_date(lines: &[LineView], view: &LineView, pos: usize) -> Option<(String, usize)> {
    if let Some(d) = view.date_near(pos) {
        return d.value.as_date().map(|s| (s.to_string(), view.index));
    }
    let prev = lines.get(view.index.checked_sub(1)?)?;
    if prev.is_time_adverbial() {
        return prev
            .dates()
            .last()
            .and_then(|d| d.value.as_date())
            .map(|s| (s.to_string(), prev.index));
    }
    None
}

/// A listing up to [`LOOK_BACK`] lines before (or in this line): its round (IPO, or none for a
/// later listing), its date, its line. 上市 / 挂牌 of a product is a launch: with a product
/// named and no exchange in its line, it is none.
fn listing_before(cx: &Context) -> Option<(Option<String>, Option<String>, usize)> {
    let view = cx.view;
    // A listing word first (its line carries the date), else 这次 IPO.
    for listing in [true, false] {
        for k in 0..=LOOK_BACK {
            let Some(line) = view.index.checked_sub(k).and_then(|i| cx.lines.get(i)) else {
                break;
            };
            if k > 0 && line.has_role(Role::Founded) {
                break;
            }
            let exchange = line.has_role(Role::Exchange);
            let product = line.entities.iter().any(|e| e.kind == MentionKind::Product);
            let cue = line.cues.iter().rev().find(|c| {
                if listing {
                    c.role == Role::Listing && (exchange || !product)
                } else {
                    c.role == Role::Round && c.value.as_deref() == Some("IPO")
                }
            });
            if let Some(c) = cue {
                let date = line_date(cx.lines, line, c.start)
                    .or_else(|| date_before(cx.lines, line.index));
                return Some((
                    c.value.as_deref().map(str::to_string),
                    date.as_ref().map(|d| d.0.clone()),
                    date.map_or(line.index, |d| d.1.min(line.index)),
                ));
            }
        }
    }
    None
}

/// A date said up to [`LOOK_BACK`] lines before, in a line stating no other event: the time
/// the talk is at (`第二家 3 月 13 号 / 主角是某某 / 这次它拿下的是 A1 轮`). Not past a founding
/// (that date is the company's start), and not 今天, the day of telling.
fn date_before(lines: &[LineView], index: usize) -> Option<(String, usize)> {
    for k in 1..=LOOK_BACK {
        let line = lines.get(index.checked_sub(k)?)?;
        if line
            .cues
            .iter()
            .any(|c| matches!(c.role, Role::Founded | Role::Renamed))
        {
            return None;
        }
        let Some(d) = line.dates().last() else {
            continue;
        };
        if line.holds_class_word(Role::Now, d.start, d.end) || is_today(line, d) {
            return None;
        }
        if line.cues.iter().any(|c| {
            matches!(
                c.role,
                Role::Released | Role::Funding | Role::Metric | Role::Invest
            )
        }) || line
            .values
            .iter()
            .any(|v| v.kind != MentionKind::Date && !is_span_of_time(v))
        {
            return None;
        }
        return d.value.as_date().map(|s| (s.to_string(), line.index));
    }
    None
}

/// A span of time (两年之后, 三个月): how long, not a figure of its own.
fn is_span_of_time(v: &ValueItem) -> bool {
    v.kind == MentionKind::Number
        && v.unit
            .is_some_and(|u| matches!(u, "年" | "个月" | "月" | "周" | "天" | "日" | "小时"))
}

/// A date said as 今天 / 今日: the day the episode is told.
fn is_today(line: &LineView, d: &ValueItem) -> bool {
    let text: String = line.chars[d.start..d.end].iter().collect();
    text.contains("今天") || text.contains("今日")
}

/// One statement of a round at `cue`, by `company`: its amount, rounds, date and hedge, one
/// draft a round named. It must say an amount, a round, or 一轮 / 一笔 near the cue.
fn state<'a>(
    cx: &Context<'_, 'a>,
    cue: &Cue,
    company: Referent<'a>,
    rule: RuleId,
    out: &mut Vec<Draft<'a>>,
) {
    let view = cx.view;
    let from = cx.clause_start(cue.start);
    let mut cover: Vec<usize> = Vec::new();
    let mut amount = view
        .values
        .iter()
        .filter(|v| is_amount(v) && v.start >= from && !named_otherwise(view, cue.start, v))
        .min_by_key(|v| v.start.abs_diff(cue.start));
    let mut rounds = round_list(view, from, cue.start);
    let said = view
        .cues
        .iter()
        .any(|c| c.role == Role::RoundSaid && c.start >= from && c.start.abs_diff(cue.start) <= 8);
    if amount.is_none()
        && let Some((v, line)) = amount_after(cx)
    {
        amount = Some(v);
        cover.push(line);
    }
    // 融过好几轮 / 种子轮 天使轮 还有 Pre-A 轮: the rounds listed on the next line.
    if rounds.is_empty()
        && amount.is_none()
        && let Some(next) = cx.next
        && next.entities.is_empty()
        && next.values.is_empty()
    {
        rounds = round_list(next, 0, 0);
        if !rounds.is_empty() {
            cover.push(next.index);
        }
    }
    if amount.is_none() && rounds.is_empty() && !said {
        return;
    }
    let hedge = view.hedged_before(cue.start);
    let hedged = hedge.is_some();
    // The date: the clause's, the line setting the time, a listing's, one said just before.
    let (mut date, mut date_line) = cx.event_date(cue.start);
    // 那这次 IPO 融了多少: the listing before gives the IPO its date.
    let ipo_said = rounds.len() == 1 && rounds[0].value.as_deref() == Some("IPO");
    let listing = if rounds.is_empty() || ipo_said {
        listing_before(cx)
    } else {
        None
    };
    if let Some((_, listing_date, line)) = &listing {
        cover.push(*line);
        if date.is_none() && listing_date.is_some() {
            date.clone_from(listing_date);
            date_line = Some(*line);
        }
    }
    let now = view.holds_class_word(Role::Now, from, clause_end(view, cue.start));
    if date.is_none()
        && !hedged
        && !now
        && let Some((d, line)) = date_before(cx.lines, view.index)
    {
        date = Some(d);
        date_line = Some(line);
    }
    let listed: Vec<Option<String>> = match (&listing, rounds.len()) {
        (Some((round, _, _)), 0) => vec![round.clone()],
        (None, 0) => vec![None],
        _ => rounds
            .iter()
            .map(|r| r.value.as_deref().map(str::to_string))
            .collect(),
    };
    let several = listed.len() > 1;
    for round in listed {
        let mut d = Draft::new(Predicate::Funding, company, view.index, rule);
        for &l in &cover {
            d.cover(l);
        }
        if let Some(l) = date_line {
            d.cover(l);
        }
        // A list of rounds says no amount of any one of them.
        if let Some(v) = amount.filter(|_| !several) {
            set_amount(&mut d, v);
        }
        d.round = round;
        d.date.clone_from(&date);
        d.hedged = hedged;
        d.forecast = hedge == Some(true);
        out.push(d);
    }
}

/// After a line's rules: the investors it names, and the company whose round it stated.
pub fn remember<'a>(discourse: &mut Discourse<'a>, view: &LineView<'a>, drafts: &[Draft<'a>]) {
    let companies = || {
        view.entities
            .iter()
            .filter(|e| e.kind == MentionKind::Company)
    };
    let said = view
        .cues
        .iter()
        .any(|c| matches!(c.role, Role::Investor | Role::Invest));
    // A line going on with a list of investors: names (and their stakes) only.
    let continues = discourse.investor_list.is_some_and(|l| l + 1 == view.index)
        && view.entities.iter().all(|e| e.kind == MentionKind::Company)
        && !view.entities.is_empty()
        && !view.cues.iter().any(|c| {
            matches!(
                c.role,
                Role::Founded
                    | Role::Released
                    | Role::Renamed
                    | Role::Funding
                    | Role::Metric
                    | Role::Round
            )
        });
    let funded: Vec<&str> = drafts
        .iter()
        .filter(|d| d.predicate == Predicate::Funding)
        .map(|d| d.subject.id_or_name())
        .collect();
    let mut marked = false;
    for e in companies() {
        let r = Referent::from_item(e, view.index, 0);
        if (continues || investor_here(view, e)) && !funded.contains(&r.id_or_name()) {
            if !discourse.is_investor(&r) {
                discourse.investors.push(r.id_or_name());
            }
            marked = true;
        }
    }
    // 其他股东里 / 投资方有: the list opens; it goes on while lines name investors only.
    let opens = said
        && view.cues.iter().any(|c| {
            matches!(c.role, Role::Investor | Role::Invest)
                && !view.entities.iter().any(|e| e.start >= c.end)
        });
    discourse.investor_list = if continues || (said && (marked || opens)) {
        Some(view.index)
    } else {
        None
    };
    if let Some(d) = drafts
        .iter()
        .rfind(|d| d.predicate == Predicate::Funding && d.subject.kind == MentionKind::Company)
    {
        discourse.funded = Some(Referent {
            steps: 0,
            line: view.index,
            ..d.subject
        });
        discourse.round_date = d.date.clone();
    }
}

/// How far back a round stated still owns a valuation said next to its investor.
const VALUATION_REACH: usize = 10;

/// A valuation said with an investor as its subject (`由蓝鲸资本领投 / 投后估值 50 亿元`) is
/// the funded company's: that company, or none when no round was stated just before.
pub fn valuation_owner<'a>(cx: &Context<'_, 'a>, subject: Referent<'a>) -> Option<Referent<'a>> {
    let view = cx.view;
    let here = subject.line == view.index
        && view
            .entities
            .iter()
            .any(|e| e.name == subject.name && investor_here(view, e));
    if subject.kind != MentionKind::Company || !(here || cx.discourse.is_investor(&subject)) {
        return Some(subject);
    }
    last_funded(cx.discourse, view.index).filter(|r| view.index - r.line <= VALUATION_REACH)
}
