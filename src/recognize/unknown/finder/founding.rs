//! Names around a founding verb or a founder title: the context says where a name the
//! catalogue lacks starts and ends, whatever its suffix (`东篱出版社创建于1985年`,
//! `由李明远于2008年创办的青禾教育集团`, `陈立新，瀚海智能装备有限公司创始人`).
//!
//! - Before a founding verb said of its subject (成立于, 创建于, `X由Y创办`, `X于2010年成立`):
//!   the organisation is the clause up to the verb, or up to 于 / 由 / 是 / 在.
//! - After a founding verb with an object (`创办了宁川咨询`, `先后创办A和B`): the organisations
//!   after it, coordinated; the people before it in the clause are its founders.
//! - After `由` (`由诗人方闻于1980年创办`): the people named before the verb.
//! - Around a founder title: the organisation before it (`X的创始人`, `是X的创办人`, `X联合
//!   创始人`), the people after it (`创始人为刘海峰`, `创始人包括A和B`, `创始人之一的A`), the
//!   person a written apposition opens its sentence with (`贺一鸣，1985年生，米粒科技联合
//!   创始人`), and the person before `是` (`孙雅琴是绿野科技的创始人`).
//!
//! A person is a name of 2-4 chars starting with a surname, on jieba's word edges and not an
//! ordinary word; an organisation is 2-20 chars of names (no function chars, not a reference
//! like 该公司 or 一家公司). Both go through the finder's usual filters (catalogue, stop list,
//! ordinary words).

use super::*;

/// Chars that end a clause (a space does too: subtitles have no punctuation).
const CLAUSE_MARKS: &str = "，,。；;：:！？!?、（）()“”\"";

/// Words that end an organisation's slot before a founding verb said of it.
const SLOT_ENDS: &[&str] = &[
    "于", "由", "是", "在", "正式", "最早", "早在", "始", "就", "已", "先后", "注册", "挂牌",
    "发起", "共同", "联合", "重新", "新",
];

/// Words after which an organisation's slot before a founder title starts.
const SLOT_STARTS: &[&str] = &[
    "作为", "也是", "就是", "是", "为", "现任", "曾任", "担任", "任",
];

/// Words a slot may open with that are not part of the name (`而星河动力的创始人`).
const LEADING: &[&str] = &[
    "比如", "还有", "另外", "至于", "对于", "关于", "包括", "而", "但", "像", "连",
];

/// What may stand between a founder title and the founder's name.
const BEFORE_FOUNDER: &[&str] = &[
    "分别是",
    "包括",
    "之一的",
    "之一",
    "还有",
    "名叫",
    "叫做",
    "就是",
    "是",
    "为",
    "叫",
    "有",
];

/// What may follow a founding verb said of its subject (no object after it).
const INTRANSITIVE: &[&str] = &[
    "于", "的", "时间", "日期", "至今", "以来", "到", "后", "时", "之初", "之时",
];

/// Words between `X的` and a founder title that say which of the founders (`X的主要创办人`,
/// `X的早期创始人`): the organisation is still the one before `的`.
const TITLE_MODIFIERS: &[&str] = &["主要", "早期", "最早", "最初", "两位", "几位"];

/// Chars an object slot never starts with (a time or place, not a name).
const NOT_FIRST: &str = "到于在以后时前至起之并又也还将较比很最更已就才都";

/// Numerals and measure words: `一家公司`, `两家子公司` are no names.
const NUMERALS: &str = "一二两三四五六七八九十几多每各";
const MEASURES: &str = "家个所位款种些间支";

fn is_clause_mark(c: char) -> bool {
    // Most chars are CJK, between the marks' ranges: a range test before the search.
    c.is_whitespace()
        || (c <= '”' || ('\u{3000}'..='\u{3002}').contains(&c) || c >= '\u{FF01}')
            && CLAUSE_MARKS.contains(c)
}

fn clause_start(chars: &[char], at: usize) -> usize {
    chars[..at]
        .iter()
        .rposition(|&c| is_clause_mark(c))
        .map_or(0, |p| p + 1)
}

fn clause_end(chars: &[char], at: usize) -> usize {
    chars[at..]
        .iter()
        .position(|&c| is_clause_mark(c))
        .map_or(chars.len(), |p| at + p)
}

/// The longest of `words` that `chars[at..]` starts with, its length in chars.
fn opening(chars: &[char], at: usize, words: &[&str]) -> Option<usize> {
    words
        .iter()
        .filter(|w| starts_with(&chars[at..], w))
        .map(|w| w.chars().count())
        .max()
}

/// Chars an organisation's name found in context never holds ([`NOT_IN_NAME`] without the
/// chars names of firms do hold: 地产, 天地, 在线, 和平, 与众).
const NOT_IN_ORG: &str = "的得是了也都就说着过把被让给从对向这那他她它们我你吗呢吧啊";

/// Nouns that say what kind of thing a name after them is (`宠物医疗品牌萌宠医生`).
const CATEGORY_NOUNS: &[&str] = &["品牌", "平台", "企业", "机构"];

fn sentence_start(chars: &[char], at: usize) -> usize {
    chars[..at]
        .iter()
        .rposition(|&c| "。！？!?".contains(c))
        .map_or(0, |i| i + 1)
}

fn is_comma(c: char) -> bool {
    c == '，' || c == ','
}

/// Chars that end or break a name found in context (`方闻于1980年`, `曾先后`, `毕业后`): a
/// third char of these is cut, a second one rejects the name.
const NOT_GIVEN: &str = "于在和与及等曾先后前为是将已也又就都均共同联从自到把被让给对向某任";

/// A person's name starting at `at` ([`person_after`], a surname first), cut before a
/// function char.
fn person_at(
    chars: &[char],
    at: usize,
    word_ends: &[usize],
    common: Common,
) -> Option<(usize, usize)> {
    // 于 and 和 are surnames too, but in a founding sentence they are prepositions.
    if !is_surname_at(chars, at) || NOT_IN_NAME.contains(chars[at]) || chars[at] == '于' {
        return None;
    }
    let (s, mut e) = person_after(chars, at, word_ends, common)?;
    if s != at {
        return None;
    }
    let double = DOUBLE_SURNAMES.iter().any(|d| starts_with(&chars[s..], d));
    let first_given = s + if double { 2 } else { 1 };
    if let Some(k) = (first_given..e).find(|&k| NOT_GIVEN.contains(chars[k])) {
        e = k;
    }
    (e > first_given && e - s >= 2).then_some((s, e))
}

fn is_word_start(word_ends: &[usize], at: usize) -> bool {
    at == 0 || word_ends.binary_search(&at).is_ok()
}

impl CandidateFinder {
    /// Does the line end with a founder title (`另外两位联合创始人`), its names on the next?
    pub fn ends_with_founder_title(&self, text: &str) -> bool {
        let text = text.trim_end();
        // Most lines end with no title's last char: one look at it first.
        if !text
            .chars()
            .next_back()
            .is_some_and(|c| self.cue_chars.may(c, FOUNDER_TITLE_LAST))
        {
            return false;
        }
        self.founding
            .find_iter(text)
            .last()
            .is_some_and(|m| m.end() == text.len() && m.pattern().as_usize() >= self.founding_verbs)
    }

    /// The people opening a line after a line that ended with a founder title: the first
    /// name and those coordinated with it.
    pub(super) fn founders_opening(
        &self,
        line: &LineInput,
        chars: &[char],
        out: &mut Vec<Candidate>,
    ) {
        let mut from = 0;
        while from < chars.len() && chars[from] == ' ' {
            from += 1;
        }
        let end = clause_end(chars, from);
        self.people_in(line, chars, from, end.min(from + 12), out);
    }

    pub(super) fn find_founding(&self, line: &LineInput, chars: &[char], out: &mut Vec<Candidate>) {
        for m in self.founding.find_iter(line.text) {
            let s = line.text[..m.start()].chars().count();
            let e = s + line.text[m.start()..m.end()].chars().count();
            // A list of names (`由甲、乙、丙共同创立`) stays in the verb's clause.
            let mut cs = clause_start(chars, s);
            while cs > 0 && chars[cs - 1] == '、' {
                cs = clause_start(chars, cs - 1);
            }
            let ce = clause_end(chars, e);
            if m.pattern().as_usize() >= self.founding_verbs {
                self.around_title(line, chars, (s, e), (cs, ce), out);
            } else {
                self.around_verb(line, chars, (s, e), (cs, ce), out);
            }
        }
    }

    /// `X成立于…`, `X由Y创办`, `创办了X和Y`, `创办的X`.
    fn around_verb(
        &self,
        line: &LineInput,
        chars: &[char],
        (s, e): (usize, usize),
        (cs, ce): (usize, usize),
        out: &mut Vec<Candidate>,
    ) {
        let mut o = e;
        while o < ce && (chars[o] == '了' || chars[o] == '过') {
            o += 1;
        }
        let intransitive = o == ce || (o == e && opening(chars, o, INTRANSITIVE).is_some());
        // 由 Y 创办: the people between 由 and the verb founded it.
        if let Some(by) = chars[cs..s].iter().position(|&c| c == '由') {
            self.people_in(line, chars, cs + by + 1, s, out);
        }
        if intransitive {
            // The organisation is the clause up to the verb (or to 于 / 由 / 是 / 在).
            let mut end = s;
            for p in cs..s {
                // A name may open with one of these chars (新禾农业), not with 在 / 于 / 由.
                let hit = opening(chars, p, SLOT_ENDS)
                    .is_some_and(|n| p >= cs + 2 || n > 1 || "于由在是".contains(chars[p]));
                if hit || chars[p].is_ascii_digit() {
                    end = p;
                    break;
                }
            }
            // 谢婉清创立的婉清美妆: a person's name alone before `创立的` and a name after it
            // is the founder, the organisation comes after 的.
            let founder = (chars.get(e) == Some(&'的') && end - cs <= 3)
                .then(|| person_at(chars, cs, line.word_ends, line.common))
                .flatten()
                .filter(|&(ps, pe)| ps == cs && pe == end);
            match founder {
                Some((ps, pe)) => out.push(candidate(ps, pe, MentionKind::Person, Signal::Named)),
                None => self.organisation(chars, cs, end, out),
            }
            // X是国内知名品牌，由Y于1998年创立: the organisation opens the sentence.
            let sentence = sentence_start(chars, cs);
            if chars[cs..s].contains(&'由') && cs > sentence {
                let mut end = clause_end(chars, sentence);
                if let Some(p) =
                    ((sentence + 2).min(end)..end).find(|&p| opening(chars, p, SLOT_ENDS).is_some())
                {
                    end = p;
                }
                self.organisation(chars, sentence, end, out);
            }
            // 创立于2001年的X, 由Y创办的X: the organisation after 的 (not 一家成立于…的公司: a
            // description of the subject).
            let described =
                s >= cs + 2 && NUMERALS.contains(chars[s - 2]) && MEASURES.contains(chars[s - 1]);
            // Not `是较早成立的证券公司之一`: a description of the subject.
            let copula = (cs..s).any(|i| opening(chars, i, SLOT_STARTS).is_some());
            if !described
                && !copula
                && let Some(de) = (e..ce.min(e + 14)).find(|&p| chars[p] == '的')
            {
                self.organisation(chars, de + 1, ce, out);
            }
            return;
        }
        // The founders: people before the verb in its clause, else (`白一帆是连续创业者，
        // 曾先后创办…`, `程建国…，他于2003年创办了…`) the name opening the sentence.
        let before = out.len();
        self.people_in(line, chars, cs, s, out);
        let sentence = sentence_start(chars, cs);
        if out.len() == before && cs > sentence {
            self.people_in(line, chars, sentence, cs, out);
        }
        // The organisations after it, coordinated (先后创办A和B两家公司).
        let mut from = o;
        for _ in 0..3 {
            if from >= ce || NOT_FIRST.contains(chars[from]) {
                break;
            }
            let mut end = from;
            while end < ce
                && end - from < 12
                && !"的和与及、并等".contains(chars[end])
                && !(NUMERALS.contains(chars[end])
                    && chars.get(end + 1).is_some_and(|&c| MEASURES.contains(c)))
            {
                end += 1;
            }
            // 创立了宠物医疗品牌萌宠医生: the name after a category noun.
            let mut name_from = from;
            for i in from..end {
                if let Some(n) = opening(chars, i, CATEGORY_NOUNS)
                    && end - (i + n) >= 2
                {
                    name_from = i + n;
                }
            }
            self.organisation(chars, name_from, end, out);
            if end < ce && "和与及、".contains(chars[end]) {
                from = end + 1;
            } else {
                // 创办X的是Y, 创办X的是两位前高管：Y和Z: the founders after `的是`, after a
                // colon when a description stands first.
                if starts_with(&chars[end..], "的是") {
                    let stop = chars[end..]
                        .iter()
                        .position(|&c| "。；;！？!?".contains(c))
                        .map_or(chars.len(), |p| end + p);
                    let from = chars[end..stop]
                        .iter()
                        .position(|&c| c == '：' || c == ':')
                        .map_or(end + 2, |p| end + p + 1);
                    self.people_listed(line, chars, from, stop.min(from + 14), out);
                }
                break;
            }
        }
    }

    /// `X的创始人Y`, `是X的创办人`, `X联合创始人`, `创始人为Y`, `Y，…X创始人`.
    fn around_title(
        &self,
        line: &LineInput,
        chars: &[char],
        (s, e): (usize, usize),
        (cs, _): (usize, usize),
        out: &mut Vec<Candidate>,
    ) {
        // The founders after the title (names listed with 、 too).
        let mut p = e;
        let list_end = |from: usize| {
            chars[from..]
                .iter()
                .position(|&c| c != '、' && is_clause_mark(c))
                .map_or(chars.len(), |q| from + q)
        };
        let mut end = list_end(e);
        while p < end && chars[p] == ' ' {
            p += 1;
        }
        if p < end
            && let Some(n) = opening(chars, p, BEFORE_FOUNDER)
        {
            p += n;
        }
        // 作为X的创始人之一，Y: the name opens the next clause.
        if p < chars.len()
            && is_comma(chars[p])
            && (cs..s).any(|i| starts_with(&chars[i..], "作为"))
        {
            p += 1;
            end = list_end(p);
        }
        // 创始人兼首席执行官为Y: another title between.
        let reach = if chars.get(e) == Some(&'兼') { 10 } else { 4 };
        if p < end && p <= e + reach {
            self.people_listed(line, chars, p, end.min(p + 14), out);
        }
        // The organisation before it: `X的`, `X的两位`, or right before.
        let mut t = s;
        if let Some(n) = TITLE_MODIFIERS.iter().find_map(|m| {
            let n = m.chars().count();
            (t > n && starts_with(&chars[t - n..], m) && chars[t - n - 1] == '的').then_some(n)
        }) {
            t -= n + 1;
        } else if t >= 3
            && chars[t - 3] == '的'
            && NUMERALS.contains(chars[t - 2])
            && chars[t - 1] == '位'
        {
            t -= 3;
        } else if t >= 1 && chars[t - 1] == '的' {
            t -= 1;
        }
        let mut start = cs;
        let mut copula = None;
        for i in cs..t {
            if let Some(n) = opening(chars, i, SLOT_STARTS) {
                start = i + n;
                copula = Some(i);
            }
        }
        self.organisation(chars, start, t, out);
        // 孙雅琴是X的创始人: the person before the copula.
        if let Some(q) = copula
            && q > cs
            && let Some((ps, pe)) = person_at(chars, cs, line.word_ends, line.common)
            && pe == q
        {
            out.push(candidate(ps, pe, MentionKind::Person, Signal::Named));
        }
        // 贺一鸣，1985年生，米粒科技联合创始人: the name opening the sentence, alone in its
        // clause.
        let sentence = sentence_start(chars, s);
        let head_end = clause_end(chars, sentence);
        if head_end < s
            && is_comma(chars[head_end])
            && let Some((ps, pe)) = person_at(chars, sentence, line.word_ends, line.common)
            && pe == head_end
        {
            out.push(candidate(ps, pe, MentionKind::Person, Signal::Named));
        }
    }

    /// The first person named in `from..to` and those coordinated with it (`创始人包括前中学
    /// 教师梁思琪和田浩`), not a later word that reads like a name (`王小川在公司成立时`).
    fn people_listed(
        &self,
        line: &LineInput,
        chars: &[char],
        from: usize,
        to: usize,
        out: &mut Vec<Candidate>,
    ) {
        let before = out.len();
        self.people_in(line, chars, from, to, out);
        let mut keep = before + 1;
        while keep < out.len()
            && out[keep - 1].end + 1 == out[keep].start
            && "和与及、".contains(chars[out[keep - 1].end])
        {
            keep += 1;
        }
        out.truncate(keep.min(out.len()));
    }

    /// The people named in `from..to`: names at jieba word starts, and the names coordinated
    /// with one (`韩冰和好友许志强`, `梁思琪和田浩`).
    fn people_in(
        &self,
        line: &LineInput,
        chars: &[char],
        from: usize,
        to: usize,
        out: &mut Vec<Candidate>,
    ) {
        let mut i = from;
        while i + 1 < to {
            // A name that opens with an ordinary word (高管, 金融|科技) is none, unless the
            // word is its surname and first given char and the last char stands alone
            // (`罗家|豪`, `林子|健`).
            let ordinary = |pe: usize| {
                let Some(common) = line.common else {
                    return false;
                };
                let Some(&we) = line.word_ends.iter().find(|&&w| w > i) else {
                    return false;
                };
                let word: String = chars[i..we].iter().collect();
                // `罗家|豪`: the lone last char is the given name's; not when a name of its
                // own starts after the word (`商人|庞|志远`: 商人 is what 庞志远 is).
                let lone_last = we == i + 2
                    && pe == i + 3
                    && line.word_ends.contains(&pe)
                    && person_at(chars, we, line.word_ends, line.common)
                        .is_none_or(|(_, e)| e <= pe);
                we - i >= 2 && common(&word) && !lone_last
            };
            // After a name, `和` / `、` and another name (`梁思琪和田浩`: jieba may glue 和田).
            let coordinated = out.last().is_some_and(|l: &Candidate| {
                l.kind == MentionKind::Person && l.end + 1 == i && "和与及、".contains(chars[l.end])
            });
            // jieba may glue a one-char word before the name (`为|陶志远` as `为陶|志远`).
            let after_mark = i > 0 && "为是叫有由".contains(chars[i - 1]);
            // A place name is no person's (`在杭州新成立了`: 杭 is a surname too).
            let place = |ps: usize, pe: usize| {
                (2..=3).any(|n| {
                    ps + n <= pe + 1 && ps + n <= chars.len() && {
                        let w: String = chars[ps..ps + n].iter().collect();
                        self.places.contains(&w)
                    }
                })
            };
            if (coordinated || after_mark || is_word_start(line.word_ends, i))
                && let Some((ps, pe)) = person_at(chars, i, line.word_ends, line.common)
                && !place(ps, pe)
                && pe <= to
                && !ordinary(pe)
                && !self
                    .founding
                    .is_match(&chars[ps..pe].iter().collect::<String>())
            {
                // Two names run together: the first was a description (`高管|魏子轩`).
                if let Some(last) = out.last()
                    && last.end == ps
                    && last.end - last.start == 2
                    && last.kind == MentionKind::Person
                {
                    out.pop();
                }
                out.push(candidate(ps, pe, MentionKind::Person, Signal::Named));
                i = pe;
                continue;
            }
            i += 1;
        }
    }

    /// An organisation's name filling `from..to`, when it reads as one.
    fn organisation(
        &self,
        chars: &[char],
        mut from: usize,
        mut to: usize,
        out: &mut Vec<Candidate>,
    ) {
        while from < to && chars[from] == ' ' {
            from += 1;
        }
        while to > from && chars[to - 1] == ' ' {
            to -= 1;
        }
        if let Some(n) = opening(chars, from, LEADING)
            && to - from > n + 1
        {
            from += n;
        }
        let name = &chars[from..to];
        let len = name.len();
        // A founder's title is no part of a name (`创始人黎明远于2010年创办的…`).
        if len >= 2 {
            let text: String = name.iter().collect();
            if self.founding.is_match(&text) {
                return;
            }
        }
        if !(2..=20).contains(&len)
            || !name
                .iter()
                .all(|&c| is_cjk(c) || c.is_ascii_alphanumeric() || c == '·')
            || name.iter().any(|&c| NOT_IN_ORG.contains(c))
            || name[0].is_ascii_digit()
            || (NUMERALS.contains(name[0]) && MEASURES.contains(name[1]))
            || "该本此某各其另".contains(name[0])
            || name.ends_with(&['之', '一'])
        {
            return;
        }
        let mut c = candidate(from, to, MentionKind::Company, Signal::Suffix);
        c.encloses = self.legal_suffixes.iter().any(|l| {
            name.iter()
                .rev()
                .copied()
                .take(l.chars().count())
                .eq(l.chars().rev())
        });
        out.push(c);
    }
}
