//! Qualifier words around a value: before it (近, 超过, 约, 不到, a minus sign, a currency
//! written first) and after it (左右, 以上, 多), from `qualifiers.csv`, with the checks that
//! keep a one-char word (近 过 破 上 约) from taking a word it is part of.

use super::*;

/// Verbs that may stand between a qualifier and its number, longest first.
const LINKING_VERBS: [&str; 5] = ["到了", "达到", "有", "在", "到"];

/// The prefix of a value: qualifier and currency words ending at `start`, not before `floor`.
pub(super) struct Prefix<'w> {
    pub(super) start: usize,
    /// The qualifier was a lone 近 (近 500 万 is near; 近3年 is "the last three years").
    pub(super) jin: bool,
    pub(super) qualifier: Option<Qualifier>,
    pub(super) currency: Option<&'w str>,
    pub(super) negative: bool,
}

pub(super) fn prefix<'w>(
    cs: &[char],
    start: usize,
    floor: usize,
    core: &Core,
    w: &'w Words,
) -> Prefix<'w> {
    let mut p = Prefix {
        start,
        jin: false,
        qualifier: None,
        currency: None,
        negative: false,
    };
    let mut at = start;
    // 好几百万
    if core.several && cs[start] == '几' && at > floor && cs[at - 1] == '好' {
        at -= 1;
        p.start = at;
    }
    // 负三, and 负 3 as speech recognition spaces it.
    let before_space = skip_back_spaces(cs, at, floor);
    if before_space > floor && cs[before_space - 1] == '负' {
        p.negative = true;
        at = before_space - 1;
        p.start = at;
    } else if at > floor && cs[at - 1] == '-' && core.arabic && minus_sign_at(cs, at - 1) {
        // 增长率为-3.5%, 净亏损 -4.35 亿元
        p.negative = true;
        at -= 1;
        p.start = at;
    } else if let Some(s) = ends_with(cs, at, "零下").filter(|&s| s >= floor) {
        // 零下五度
        p.negative = true;
        at = s;
        p.start = s;
    }
    // Currency just before the number.
    let sp = skip_back_spaces(cs, at, floor);
    for (word, code) in &w.currency_prefixes {
        if let Some(s) = ends_with(cs, sp, word).filter(|&s| s >= floor) {
            let latin = word.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
            if latin && s > 0 && cs[s - 1].is_ascii_alphabetic() {
                continue;
            }
            p.currency = Some(code);
            at = s;
            p.start = s;
            break;
        }
    }
    // Qualifier, with 了 / 为 between it and the number (超过了 3000 万, 大约为 20 万).
    let sp = skip_back_spaces(cs, at, floor);
    let big = core.has_big || core.coefless;
    let try_at = |end: usize, particle: bool| -> Option<(usize, Qualifier)> {
        if end == 0 || !in_set(&w.qualifier_last, cs.get(end - 1)) {
            return None;
        }
        for (word, q) in &w.prefix_qualifiers {
            let (word, q) = (&**word, *q);
            let Some(s) = ends_with(cs, end, word).filter(|&s| s >= floor) else {
                continue;
            };
            let len = end - s;
            let before = if s > 0 { Some(cs[s - 1]) } else { None };
            if particle && len == 1 && word != "约" {
                continue;
            }
            let ok = match word {
                "近" => !before.is_some_and(|b| {
                    matches!(
                        b,
                        '最' | '附' | '就' | '临' | '亲' | '靠' | '贴' | '将' | '接' | '逼' | '几'
                    )
                }),
                "超" => !before.is_some_and(|b| matches!(b, '高' | '赶' | '超')),
                "过" => {
                    big && !before.is_some_and(|b| {
                        matches!(
                            b,
                            '经' | '通'
                                | '超'
                                | '越'
                                | '度'
                                | '错'
                                | '不'
                                | '跨'
                                | '穿'
                                | '走'
                                | '路'
                                | '难'
                                | '闪'
                                | '胜'
                                | '跳'
                                | '放'
                        )
                    })
                }
                // 破了 / 冲过了 3 万辆: over, with a large number only (打破了 3 项纪录 is not).
                "冲过" | "冲过了" => big,
                "破" | "破了" => {
                    big && !before
                        .is_some_and(|b| matches!(b, '突' | '打' | '攻' | '识' | '看' | '说'))
                }
                "上" => {
                    core.coefless
                        && !before.is_some_and(|b| {
                            matches!(
                                b,
                                '以' | '之' | '线' | '马' | '路' | '加' | '往' | '向' | '至'
                            )
                        })
                }
                "约" => !before.is_some_and(|b| {
                    matches!(
                        b,
                        '节' | '合'
                            | '签'
                            | '契'
                            | '制'
                            | '公'
                            | '条'
                            | '相'
                            | '预'
                            | '婚'
                            | '邀'
                            | '违'
                            | '誓'
                            | '和'
                            | '特'
                            | '简'
                            | '隐'
                            | '履'
                            | '毁'
                            | '解'
                            | '协'
                            | '大'
                            | '赴'
                            | '守'
                            | '失'
                            | '践'
                            | '租'
                            | '爽'
                            | '有'
                    )
                }),
                _ => true,
            };
            if ok {
                return Some((s, q));
            }
        }
        None
    };
    let mut found = try_at(sp, false);
    if found.is_none() && sp > floor && matches!(cs[sp - 1], '了' | '为' | '是') {
        found = try_at(sp - 1, true);
    }
    // Speech puts a linking verb between an estimate of two chars or more and its number:
    // 差不多到了 50 亿, 大概有 3000 人, 将近达到 1 万台. A one-char word (近, 约) stays next
    // to its number (近有 is no qualifier); a bound (至少有两家) and a range (大概有三四百人)
    // keep their span as before.
    if found.is_none() && core.hi.is_none() {
        for link in LINKING_VERBS {
            if let Some(s) = ends_with(cs, sp, link).filter(|&s| s > floor)
                && let Some((q_start, q)) = try_at(s, true)
                && s - q_start >= 2
                && matches!(q, Qualifier::About | Qualifier::Near)
            {
                found = Some((q_start, q));
                break;
            }
        }
    }
    if let Some((s, q)) = found {
        p.qualifier = Some(q);
        p.jin = cs[s] == '近' && s + 1 < cs.len() && cs[s + 1] != '乎';
        p.start = s;
    }
    p
}

/// Whether the `-` at `dash` is a minus sign: it starts the text or follows a word (`为-3.5%`,
/// `亏损 -4.35 亿`, one space allowed), not a number or a letter (`3-5 亿`, `3 - 5`, `GPT-4`).
pub(super) fn minus_sign_at(cs: &[char], dash: usize) -> bool {
    let before = skip_back_spaces(cs, dash, 0);
    before == 0 || {
        let c = cs[before - 1];
        is_cjk(c) || matches!(c, '：' | ':' | '，' | ',' | '（' | '(')
    }
}

pub(super) fn skip_back_spaces(cs: &[char], mut at: usize, floor: usize) -> usize {
    let mut k = 0;
    while at > floor && cs[at - 1] == ' ' && k < 1 {
        at -= 1;
        k += 1;
    }
    at
}

/// Qualifier after the value at `j` (左右, 以上, 多 …). Returns (qualifier, end).
pub(super) fn suffix(
    cs: &[char],
    j: usize,
    after_unit: bool,
    w: &Words,
) -> Option<(Qualifier, usize)> {
    let k = skip_spaces(cs, j, 1);
    let (len, q) = match_word(cs, k, &w.suffix_qualifiers)?;
    let w_end = k + len;
    let next = cs.get(w_end).copied();
    match cs[k] {
        '上'
            // 上下游, 上下文 are words, not "about".
            if next.is_some_and(|c| {
                matches!(
                    c,
                    '游' | '文'
                        | '班'
                        | '级'
                        | '层'
                        | '楼'
                        | '来'
                        | '去'
                        | '两'
                        | '功'
                        | '车'
                        | '学'
                        | '打'
                )
            }) => {
                return None;
            }
        '多' | '余'
            // 三年多 is over; 多 before a noun (多家, 多样) is not ours.
            if (!after_unit
                || k != j
                || next.is_some_and(|c| {
                    matches!(c, '样' | '元' | '种' | '么' | '少' | '个' | '家' | '次')
                }))
            => {
                return None;
            }
        _ => {}
    }
    Some((q, w_end))
}

#[cfg(test)]
mod tests {
    use super::super::read_test::check;

    #[test]
    fn words_before_and_after() {
        check(&[
            ("将近八成", &["将近八成|p|80|q=near"]),
            ("超过了 200 万", &["超过了 200 万|n|2000000|q=over"]),
            ("不足五千元", &["不足五千元|m|5000|cur=CNY|q=under"]),
            ("三百万左右", &["三百万左右|n|3000000|q=about"]),
            ("50亿以上", &["50亿以上|n|5000000000|q=over"]),
            // 近 before a span of time is "the last", 过 inside a word no qualifier.
            ("近5年", &["5年|n|5|unit=年"]),
            ("经过两百万次", &["两百万次|n|2000000|unit=次"]),
            // A minus sign after a word, never after a number.
            ("增速为-2.5%", &["-2.5%|p|-2.5"]),
        ]);
    }
}
