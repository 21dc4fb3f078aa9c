//! Money said after the number: the words of `currencies.csv`, 块/元 with 毛/角/分 composed.

use super::*;

/// A currency word after the number (`currencies.csv`), with 块/毛/分 composed
/// (`两块零五`, `三毛五`, `八十块四毛二`).
pub(super) fn currency<'a>(a: &After<'a>, r: &mut Reading<'a>) {
    let After {
        cs,
        k,
        core,
        ctx,
        w,
        ..
    } = *a;
    if r.kind == MentionKind::Number
        && in_set(&w.currency_first, cs.get(k))
        && let Some((l, code, bare)) = w.currencies.iter().find_map(|(word, code, bare)| {
            starts_with(cs, k, word).then(|| (word.chars().count(), &**code, *bare))
        })
    {
        let w0 = cs[k];
        let next = cs.get(k + l).copied();
        let ok = match w0 {
            '元' | '圆' if l == 1 => !next.is_some_and(|c| {
                matches!(
                    c,
                    '化' | '组'
                        | '论'
                        | '素'
                        | '宇'
                        | '年'
                        | '旦'
                        | '老'
                        | '首'
                        | '件'
                        | '器'
                        | '气'
                        | '帅'
                        | '宵'
                        | '朝'
                        | '神'
                        | '数'
                )
            }),
            // 李四人民币: nobody says a lone digit before 人民币.
            '人' if core.single && !core.arabic => false,
            // 三毛五, 两角八: 毛/角 alone only with the 分 after it.
            '毛' | '角' if l == 1 => {
                next.is_some_and(|c| cn_digit(c).is_some_and(|d| d > 0) && c != '两')
                    && !cs
                        .get(k + l + 1)
                        .is_some_and(|&c| is_cjk(c) && !matches!(c, '的' | '钱' | '了'))
            }
            // 五十刀, 300刀: dollars, only after a clear amount and before no noun.
            '刀' => {
                (core.arabic || core.has_big || core.has_unit)
                    && !next.is_some_and(|c| {
                        (is_cjk(c) && !matches!(c, '的' | '了' | '吧' | '啊' | '呢' | '左' | '多'))
                            || c.is_ascii_alphanumeric()
                    })
            }
            '块' if l == 1 => {
                // 八块五: 块 and the tenths after it.
                let tenths = next.is_some_and(|c| cn_digit(c).is_some_and(|d| d > 0) && c != '两')
                    && !cs
                        .get(k + l + 1)
                        .is_some_and(|&c| is_cjk(c) && c != '毛' && c != '的');
                // 一块两毛五: 块 and tenths said with 毛/角.
                let tenths = tenths
                    || (next.is_some_and(|c| cn_digit(c).is_some_and(|d| d > 0) && c != '幺')
                        && matches!(cs.get(k + l + 1), Some('毛' | '角')));
                // 两块零五: 块 and hundredths after 零.
                let tenths = tenths
                    || (next == Some('零')
                        && cs
                            .get(k + l + 1)
                            .is_some_and(|&c| cn_digit(c).is_some_and(|d| d > 0))
                        && !cs
                            .get(k + l + 2)
                            .is_some_and(|&c| is_cjk(c) && !matches!(c, '分' | '的')));
                // 20万块GPU, 8 块 H100: 块 counts the things named after it.
                let latin_noun = cs[k + l..]
                    .iter()
                    .find(|&&c| c != ' ')
                    .is_some_and(|c| c.is_ascii_alphabetic());
                tenths
                    || (core.arabic || core.has_big || core.has_unit)
                        && !latin_noun
                        && !next.is_some_and(|c| {
                            is_cjk(c)
                                && !matches!(
                                    c,
                                    '的' | '了'
                                        | '吧'
                                        | '啊'
                                        | '呢'
                                        | '左'
                                        | '多'
                                        | '钱'
                                        | '一'
                                        | '，'
                                )
                        })
            }
            _ => true,
        };
        if ok {
            r.kind = MentionKind::Money;
            r.bare_yuan = bare;
            // A bare 元 is the currency declared (下同) or said just before, when that one is
            // of the yuan family; none when unsure ([`DateContext::bare_yuan_currency`]).
            r.currency = if bare {
                ctx.bare_yuan_currency(code, &w.yuan_family)
            } else {
                Some(code.to_string())
            };
            r.end = k + l;
            // 五毛钱, 八分钱: tenths and hundredths of a yuan; 五美分, 二十欧分: of a dollar, a euro.
            match w0 {
                '毛' | '角' => r.lo /= 10.0,
                '分' => r.lo /= 100.0,
                _ if l > 1 && cs[k + l - 1] == '分' => r.lo /= 100.0,
                _ => {}
            }
            // 三毛五: the 分 left unsaid.
            if matches!(w0, '毛' | '角')
                && l == 1
                && let Some(d) = cs.get(r.end).and_then(|&c| cn_digit(c))
            {
                r.lo = ((r.lo * 100.0).round() + d as f64) / 100.0;
                r.end += 1;
                if cs.get(r.end) == Some(&'钱') {
                    r.end += 1;
                }
            }
            if bare && cs.get(r.end) == Some(&'人') && starts_with(cs, r.end, "人民币") {
                r.currency = Some("CNY".into());
                r.end += 3;
            }
            // 元 五角 六分.
            if matches!(w0, '元' | '圆' | '块') {
                let mut e = r.end;
                let mut cents = 0.0;
                // 两块零五, 三元零八分: hundredths after 零.
                if cs.get(e) == Some(&'零')
                    && let Some(d) = cs
                        .get(e + 1)
                        .and_then(|&c| cn_digit(c).or(c.to_digit(10).map(|d| d as u8)))
                        .filter(|&d| d > 0)
                {
                    if cs.get(e + 2) == Some(&'分') {
                        cents = d as f64;
                        e += 3;
                    } else if !cs.get(e + 2).is_some_and(|&c| is_cjk(c) && c != '的') {
                        cents = d as f64;
                        e += 2;
                    }
                }
                for (mark, scale) in [("角", 0.1), ("毛", 0.1), ("分", 0.01)] {
                    if let Some(d) = cs
                        .get(e)
                        .and_then(|&c| cn_digit(c).or(c.to_digit(10).map(|d| d as u8)))
                        && cs.get(e + 1).is_some_and(|&c| mark.starts_with(c))
                    {
                        cents += d as f64 * scale * 100.0;
                        e += 2;
                    }
                }
                // 两块九毛九: the 分 left unsaid after 毛/角.
                if e > r.end
                    && matches!(cs[e - 1], '毛' | '角')
                    && let Some(d) = cs
                        .get(e)
                        .and_then(|&c| cn_digit(c))
                        .filter(|_| cs[e] != '两')
                    && !cs.get(e + 1).is_some_and(|&c| is_cjk(c) && c != '的')
                {
                    cents += d as f64;
                    e += 1;
                }
                if e == r.end
                    && w0 == '块'
                    && l == 1
                    && let Some(d) = cs.get(e).and_then(|&c| cn_digit(c)).filter(|&d| d > 0)
                    && cs[e] != '两'
                {
                    cents = d as f64 * 10.0;
                    e += 1;
                }
                if e > r.end {
                    r.lo = ((r.lo * 100.0).round() + cents.round()) / 100.0;
                    // 一块五毛钱, 两元三角钱.
                    if matches!(cs[e - 1], '毛' | '角' | '分') && cs.get(e) == Some(&'钱') {
                        e += 1;
                    }
                }
                r.end = e;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::read_test::{check, check_talk};

    #[test]
    fn a_bare_yuan_after_a_yuan_family_currency_is_that_currency() {
        check_talk(&[
            // The line before said 新台币; 元 on the next line is TWD.
            (
                "这家公司营收新台币 5 亿元\n之前只有 3.2 亿元",
                &[
                    "新台币 5 亿元|m|500000000|cur=TWD",
                    "3.2 亿元|m|320000000|cur=TWD",
                ],
            ),
            // The same line, 港元 then 元.
            (
                "票价 80 港元 会员价 60 元",
                &["80 港元|m|80|cur=HKD", "60 元|m|60|cur=HKD"],
            ),
            // Two lines on still; three lines on it is no more said (CNY as always).
            (
                "募资 800 万澳门元\n还不错\n后来又补了 200 万元\n嗯\n好的\n对\n员工工资 50 万元",
                &[
                    "800 万澳门元|m|8000000|cur=MOP",
                    "200 万元|m|2000000|cur=MOP",
                    "50 万元|m|500000|cur=CNY",
                ],
            ),
            // 美元 is no yuan: a bare 元 after it stays CNY.
            (
                "融了 5000 万美元\n估值 30 亿元",
                &[
                    "5000 万美元|m|50000000|cur=USD",
                    "30 亿元|m|3000000000|cur=CNY",
                ],
            ),
            // Two currencies said: unsure, no currency.
            (
                "港股募资 20 亿港元 台湾那边新台币 10 亿元\n加起来差不多 30 亿元",
                &[
                    "20 亿港元|m|2000000000|cur=HKD",
                    "新台币 10 亿元|m|1000000000|cur=TWD",
                    "差不多 30 亿元|m|3000000000|q=about",
                ],
            ),
        ]);
    }

    #[test]
    fn yuan_jiao_fen_composed() {
        check(&[
            ("一瓶水三块零八", &["三块零八|m|3.08|cur=CNY"]),
            ("找了四毛六", &["四毛六|m|0.46|cur=CNY"]),
            ("一共九十块三毛一", &["九十块三毛一|m|90.31|cur=CNY"]),
            ("才六块五", &["六块五|m|6.5|cur=CNY"]),
            ("八毛钱", &["八毛钱|m|0.8|cur=CNY"]),
            ("五十块钱左右", &["五十块钱左右|m|50|cur=CNY|q=about"]),
            // 一块 with its tenths said by 毛 (two, then the 分 unsaid); 钱 after them.
            ("一块两毛八，不贵", &["一块两毛八|m|1.28|cur=CNY"]),
            ("票价一块三毛钱", &["一块三毛钱|m|1.3|cur=CNY"]),
            ("两元五角钱", &["两元五角钱|m|2.5|cur=CNY"]),
        ]);
    }

    #[test]
    fn currencies_as_people_say_them() {
        check(&[
            ("月薪一万美金", &["一万美金|m|10000|cur=USD"]),
            ("卖299刀", &["299刀|m|299|cur=USD"]),
            ("两亿港元", &["两亿港元|m|200000000|cur=HKD"]),
            ("三千万日圆", &["三千万日圆|m|30000000|cur=JPY"]),
            ("九百英镑的罚款", &["九百英镑|m|900|cur=GBP"]),
            // Cents of a currency, and 圆 written for 元.
            ("每股分红三十美分", &["三十美分|m|0.3|cur=USD"]),
            ("八欧分", &["八欧分|m|0.08|cur=EUR"]),
            ("捐了叁仟圆", &["叁仟圆|m|3000|cur=CNY"]),
            ("两百圆整", &["两百圆|m|200|cur=CNY"]),
            ("五百亿印度卢比", &["五百亿印度卢比|m|50000000000|cur=INR"]),
            // 块 counting things is a count, 刀 before a noun no money.
            ("三块屏幕", &["三块|n|3|unit=块"]),
            ("买了100刀片", &[]),
        ]);
    }
}
