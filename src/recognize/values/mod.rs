//! Numbers, money, percents and dates: found in a normalized line and normalized.
//!
//! Interface used by the rest of the pipeline (keep it stable):
//! - [`ValueRecognizer::new`] builds the recognizer once (a per-char flag table and the
//!   false friends in a char-wise daachorse automaton; nothing is compiled or built per
//!   line, and the only per-line buffers are thread-locals reused from line to line);
//! - [`ValueRecognizer::find`] scans one normalized line, appending [`ValueMatch`]es with char
//!   offsets into that line (end exclusive, sorted by start) and skipping the spans in
//!   `blocked` (entity names such as GPT-3); [`ValueRecognizer::find_in_chars`] does the same
//!   for a caller that has the line's chars already;
//! - [`DateContext`] carries what a line needs from the lines before it: the reference date,
//!   the last year stated (a bare `10 月份` takes it), a currency stated once (`下同`).
//!
//! The work is split in five modules: `lex` (char classes, variant folding, false friends),
//! `numerals` (one Chinese/Arabic numeral to a value), `quantity` (qualifiers, ranges, and
//! its scanners in `percent`, `money`, `units`), `dates` (its scanners in `year`, `relative`,
//! `month_day`, `periods`), and `words`: the word lists of `dictionaries/values/` (units,
//! currencies, qualifiers, relative-date words, false friends), read from the `--dictionaries`
//! folder once per run by [`crate::dictionary::values`] ([`ValueRecognizer::load_dir`]; a
//! file missing there is the project's own, built in; [`ValueRecognizer::new`] uses the
//! built-in lists) and held by the recognizer, which every thread shares.
//!
//! # Input
//!
//! The line is expected with full-width ASCII folded already, but the recognizer folds on its
//! own view, one char for one char, whatever it needs: full-width digits and signs, 億 萬 兩
//! 點 個 幾 數 and the financial numerals 壹贰叁…拾佰仟. 〇 and 零 are zero, 幺 is one.
//!
//! # Spans
//!
//! A span covers the qualifier words and the unit or currency that belong to the value:
//! `不到 100 平米`, `近 500 万`, `超过了 3000 万`, `大约为 20 万左右`, `超过千万元人民币`,
//! `过亿人民币`, `4 - 6 个月`. Verbs before a value (达到, 已有) are not part of it; neither
//! are nouns after it (`500 万用户` -> `500 万`).
//!
//! # Which numbers are emitted (precision first)
//!
//! - Money, percents and dates always.
//! - A number with a magnitude (万, 亿, 千万 …), a Chinese decimal (三点五), a qualifier
//!   (近, 超过, 多, 左右, 数/几 …) or a range with a unit.
//! - An Arabic number only with a unit or measure word (`3个月`, `100 平米`) or a qualifier;
//!   a bare Arabic integer (`6+2的格局`, `其中的6`, `iPhone 16`) is not emitted, and Arabic
//!   numbers glued to Latin letters, or to `-`/`.` after Latin letters (GPT-3, GPT - 4o,
//!   Qwen2.5-72B, k0-math, 4o) never are. Runs with a leading zero (00700, 007) and runs of
//!   more than 15 digits (ids, phone numbers, noise) are skipped.
//! - A Chinese numeral of ten or more written with 十/百/千 (`一百二十三`, `十一`) even bare;
//!   a single Chinese digit 2–9 only with a measure word (`三个`, `两家`) and not after
//!   这/那/每/前/后/近/第 (`这两家`, `过去两年`); `一` as a count never (一个, 一天, 一年).
//! - A magnitude without a digit (千万, 亿, 百万) only with a qualifier or a currency
//!   (`接近千万`, `过亿人民币`, `上万人`), so 千万不要, 万一, 百年老店 and 千年 stay words.
//! - A numeral that is the whole line (besides punctuation) is a number whatever its form
//!   (`一`, `三`, `42`; not a 5+ digit code such as 600519).
//! - Clock times (三点半, 十二点三十分) are skipped.
//! - Internet shorthands after Arabic digits: `100w` = 1e6, `32k`/`128K` = 32000/128000
//!   (not `4K`, a screen resolution).
//! - Not values: ordinals (第一, 第三代; but 第三季度 is a date), words and names with numeral
//!   chars (零一万物, 百川, 六小虎, 十分, 统一 …) and idioms (一心一意, 三七二十一 …): see
//!   `dictionaries/values/false_friends.txt`.
//! - Numeral forms: 廿 卅 卌 (20 30 40), 万万 = 亿, financial capitals (壹贰叁 … 拾佰仟), 十
//!   with its 一 unsaid after a higher place (`一百十二` = 112), Arabic digits after 零
//!   (`5千零20万`), a decimal after 万/亿 (`六万点三` = 60000.3), spaces between the places as
//!   speech recognition writes them (`五千 二百 一十 万`, `6 万2 千3 百`, `800  万`,
//!   `两 万 三 千`, `2 亿 5000 万`, `一千 零 五十`), never between numbers of a list
//!   (`三百 五百`); 个 before 亿 (`两个亿`, `几十个亿`). A 零 ending a word (归零, 找零, 清零,
//!   零部件) is no number, and the number after it starts on its own.
//!
//! # Values
//!
//! - Percents are in percent units with unit `%`: `80%` = 80, `七成` = 70, `5 成` = 50, `三成五` = 35,
//!   `百分之三点五` = 3.5, `千分之五` = 0.5, `3个百分点` = 3 (unit `%`), `百分之负二` = -2,
//!   `百分六十` = 60, `三成半` = 35. `一半` is not emitted.
//! - "Several" (数/几) takes the lower bound of its magnitude: 数亿 = 1e8, 数千万 = 1e7,
//!   几百万 = 1e6, 几十 = 10, 十几万 = 1e5, qualifier `several`, and `value_max` the bound the
//!   words give: up to ten of the place (几十万 1e5..1e6, 十几 10..20). 多/余 (`over`) bound
//!   the value by one more of the place before them (`5000多` 5000..6000, `三百余万`
//!   3e6..4e6).
//! - Ranges set `value_max` and qualifier `range`: `4 - 6 个月` (4..6), `1-2亿元` (the lower
//!   end borrows the magnitude: 1e8..2e8), `十七八万` (170000..180000), `两三百万`, `七八成`.
//!   Two Chinese numbers written with 十/百/千 (`三十到五十`), or any range closed by 之间,
//!   are a range without a unit.
//!   The scale said once after the upper end belongs to both ends when the lower one has
//!   none (`三到五千万元` 3e7..5e7, `三百到四百五十万` 3e6..4.5e6), unless that would put the
//!   lower end above the upper one (`3千到5万` stays 3000..50000).
//! - Qualifiers: 近/接近/将近 near; 约/约合/大约/大概/左右/上下/十来 about; 超过/超/过/逾/
//!   以上/多/余/出头/至少/突破/破/上(万)/+ over; 不到/不足/低于/以下/以内/不超过 under. A
//!   qualifier word before the number wins over one after it, except that `about` does not
//!   override a more specific one. 近 before a duration (`近3年`) is "the last three years",
//!   not near: no qualifier.
//! - Fractions: `三分之一` = 0.333…, number. Negative: `负三` = -3, `零下五度` = -5,
//!   `为-3.5%` = -3.5 (a minus sign only right after a Chinese char, never after a name).
//! - Halves: `两年半` = 2.5 (unit 年), `一个半小时` = 1.5 (unit 个小时).
//! - Money: 元/块钱/人民币 CNY, 美元/美金 USD, 港元/港币 HKD, 欧元 EUR, 日元 JPY, 英镑 GBP,
//!   …; ISO codes after an Arabic amount (`100 USD`, `5亿RMB`); currency written before the
//!   number (人民币, $, ¥, US$, HK$) too; `刀` after a clear amount is USD. 块 is money only as
//!   块钱 or after a clear amount not followed by a noun (`100块`, not `三块屏幕`); `八块五`
//!   = 8.5, `两块零五` = 2.05, `一块两毛五` = 1.25, `三毛五` = 0.35, `五美分` = 0.05 USD (a
//!   currency word ending in 分 counts hundredths), 圆 for 元 (毛/角 alone only with the 分 after it),
//!   `一角七分` and `五毛钱`/`八分钱` count tenths and hundredths.
//!   A declared default currency (`（人民币，下同）`, `美元，下同`) applies to bare-yuan
//!   amounts only (元, 块钱, 亿元 with no currency word); without a declaration bare yuan is
//!   CNY. A number with no money word (`融资 5 亿`) stays a number: deciding that it is money
//!   is the linker's job.
//!
//! # Dates
//!
//! ISO prefixes: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `YYYY-H1`/`H2`, `YYYY-Q1`..`Q4`.
//! - Absolute: `2019 年 6 月`, `2023 年 3 月 20 日`, `3月20号`, `2023.3.20`, `2023/3/20`,
//!   `2023-03-20`, `2023-03`, `二〇二三年`, `23 年 6 月` (two-digit years, Arabic or Chinese
//!   (`零九年八月`, `九五年三月十号`), only with a month, a half, a quarter: 00–69 -> 20xx,
//!   70–99 -> 19xx; also `19年底`, `20年上半年`, and `我们19年成立的` / `在98年` where the words
//!   around say it is a year, and always with a leading zero (`09年`, `零九年`); `23年` alone
//!   is 23 years, `七八年` seven or eight), `两千零二十一年`, `十二月二十五` / `七月18` (a day
//!   with its 日 unsaid, when nothing counted follows), 首季度,
//!   `2024财年`, `2024下半年`, `2024 年 Q3`,
//!   `21年春节`, `08年国庆节` (a two-digit year before a holiday), `2024年第三季度`,
//!   `2024年的最后一天` (-12-31), `2024年第一天` (-01-01), `2024年元旦`,
//!   `2024年春节` (from a table of Spring Festival dates 2010–2030; other years give `YYYY`),
//!   holidays on a fixed day (国庆节, 劳动节, 圣诞节, 情人节, 儿童节, 妇女节, 教师节).
//!   A 4-digit number before 年 is a year when it is in 1000–2199 (in 1900–2100 always;
//!   outside, `5000年前` stays a duration); `90年代` is not emitted.
//! - Choices for partial periods: 年初 = `YYYY` (the first months, not January), 年中 =
//!   `YYYY-06`, 年底/年末 = `YYYY` (the
//!   last months, not December); 月初/月中/月底/上旬/中旬/下旬 keep the month (`YYYY-MM`); 年中 is only read right after
//!   a year (`2024年中`), never bare.
//! - Month without a year (`10 月份`, `三月五日`), bare 上半年/下半年, 第三季度/Q3, 年初/
//!   年底, 元旦, 春节: the year of the last date stated with a year in the episode
//!   (`DateContext::last_year`), else the reference year.
//! - Relative to the reference date: 今年/去年/前年/明年/后年 (and 大前年/大后年), with a
//!   month, half, quarter or 年初/年底 after them (`去年10月`, `今年 4 月`, `去年下半年`);
//!   上个月/本月/这个月/下个月, 上上个月/下下周 (two steps; a doubled 上/下 the word list lacks
//!   gives nothing), (with a day or 初/底: `本月15日`, `上个月底`); 本季度/上个季度/
//!   下季度; 今天/昨天/前天/明天/后天; 当月, 上一个月, 这一年, 上年/上一年, 下年; `去年本月五日`,
//!   `明年第二个月`; halves 前半年/后半年 and 上个半年/下个半年; `N天前`, `N周前`, `N个月后`,
//!   `N年前` (years forward, `两年后`, are told from the story's past, not from today, and
//!   stay durations; so is any span forward once a past year is said). Weeks (上周, 下个星期,
//!   两周前) are ISO weeks, `2025-W03`. 今天 in a narration (`今天我们来聊`, `今天的视频`) is the episode speaking of
//!   itself, not a date anything happened on, and is not emitted.
//! - A date that cannot be resolved (relative without a reference date, a month with no year
//!   known) is emitted with `unresolved: true`: the contract keeps such a mention with its
//!   text and value null, so the pipeline writes null; `value` then holds the span's text (a
//!   placeholder, never an empty string, never an ISO prefix).
//! - Every date stating a year (absolute, or relative like 去年) sets `last_year`, unless a
//!   comparison-base word is next to it (`去年同期`, `比去年`; `comparison_bases.csv`): a base is what a
//!   figure is compared with, not the time talked about.
//! - A bare day (`25日`, `25号`) is a date only right after a range or list word (至, 到, -,
//!   ~, 、, 和) and takes the month of the last date with a month (`3月20日至25日`); alone it
//!   is not emitted (`20号选手`).

mod dates;
mod lex;
mod numerals;
mod quantity;
mod words;

use std::cell::RefCell;

use crate::model::{MentionKind, Qualifier, Value};
use lex::cn_digit;

/// A value found in a line. Offsets are chars of the normalized line, end exclusive.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueMatch {
    pub start: usize,
    pub end: usize,
    pub kind: MentionKind,
    pub value: Value,
    pub value_max: Option<f64>,
    pub unit: Option<String>,
    pub currency: Option<String>,
    pub qualifier: Qualifier,
    /// A date whose year is unknown: a relative date without a reference date (去年, 上个月)
    /// or a month with no year stated before it and no reference. The mention is kept with
    /// value null (the contract); `value` then holds the span's text, never an ISO prefix,
    /// and must not be read.
    pub unresolved: bool,
}

/// A calendar date (year, month, day), used for the reference date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct CalendarDate {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl CalendarDate {
    /// Parse `YYYY-MM-DD`, checking that the day exists.
    pub fn parse(s: &str) -> Option<Self> {
        let mut parts = s.split('-');
        let year: i32 = parts.next()?.parse().ok()?;
        let month: u32 = parts.next()?.parse().ok()?;
        let day: u32 = parts.next()?.parse().ok()?;
        if parts.next().is_some() || s.len() != 10 {
            return None;
        }
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(CalendarDate { year, month, day })
    }
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// What the value recognizer carries from line to line within one episode.
#[derive(Debug, Clone, Default)]
pub struct DateContext {
    pub reference: Option<CalendarDate>,
    /// The year of the last date stated with a year.
    pub last_year: Option<i32>,
    /// A currency declared to hold for what follows (人民币，下同).
    pub default_currency: Option<String>,
    /// Year and month of the last date stated with a month; a bare day after a range or list
    /// word takes it (`3月20日至25日`).
    pub last_month: Option<(i32, u32)>,
    /// Year and month of the last date stated with a month once its year stopped carrying
    /// (`YEAR_CARRY_LINES`): a later month of a timeline still takes that year
    /// (`2022 年 6 月 …（four lines）… 9 月份又推出了两款` is 2022-09).
    pub timeline: Option<(i32, u32)>,
    /// Year and quarter of the last quarter stated (`第三季度`); 这个季度 / 上个季度 on the
    /// next lines count from it, not from the reference date's quarter (`第三季度 … 这个季度的
    /// 营收` is that third quarter however late in the year the episode was published).
    pub last_quarter: Option<(i32, u8)>,
    /// Lines scanned so far (the line being scanned is `line`).
    pub line: usize,
    /// The last year a date stated and the line it was stated on: for [`YEAR_AFTER_LINES`]
    /// lines 第二年 / 次年 count from it and `那年年底`, `当年年初` point back at it, after it
    /// stops carrying to bare dates (`2016 年的时候 / 他回了无锡 / 那年年底 / 公司注册了`).
    pub year_said: Option<(i32, usize)>,
    /// Currencies named with an amount (新台币 3000 万元, 1.5 亿港元) on the last
    /// [`CURRENCY_CARRY_LINES`] lines: (ISO code, line).
    pub said_currencies: Vec<(Box<str>, usize)>,
}

/// How many lines a year said reaches a 第二年 / 次年 after it (a story told over a few lines:
/// `2015 年从研究所出来 / … / 第二年春天`).
pub const YEAR_AFTER_LINES: usize = 6;

/// How many lines a currency said with an amount carries to a bare 元 after it (the `yuan`
/// column of `currencies.csv`): `去年净亏损新台币 4500 万元 / 前年是 9000 万元` (TWD).
pub const CURRENCY_CARRY_LINES: usize = 2;

impl DateContext {
    pub fn new(reference: Option<CalendarDate>) -> Self {
        DateContext {
            reference,
            ..Default::default()
        }
    }

    /// The currency of an amount said with a bare 元 (`code` is the table's, CNY): a declared
    /// one (`人民币，下同`); else, when a currency of the yuan family (新台币, 港元) was said with
    /// an amount on this line or the [`CURRENCY_CARRY_LINES`] before, that one if every
    /// currency said there is the same, none (unsure) if not; else `code`.
    pub fn bare_yuan_currency(&self, code: &str, yuan_family: &[Box<str>]) -> Option<String> {
        if let Some(d) = &self.default_currency {
            return Some(d.clone());
        }
        let recent = || {
            self.said_currencies
                .iter()
                .filter(|(_, l)| self.line - l <= CURRENCY_CARRY_LINES)
                .map(|(c, _)| c)
        };
        if !recent().any(|c| yuan_family.contains(c)) {
            return Some(code.to_string());
        }
        let mut codes = recent();
        let first = codes.next()?;
        codes.all(|c| c == first).then(|| first.to_string())
    }

    /// An amount on this line was said with its currency.
    fn currency_said(&mut self, code: &str) {
        let line = self.line;
        self.said_currencies
            .retain(|(c, l)| line - l <= CURRENCY_CARRY_LINES && **c != *code);
        self.said_currencies.push((code.into(), line));
    }
}

/// The recognizer; build once, share across threads.
pub struct ValueRecognizer {
    words: words::Words,
    false_friends: lex::FalseFriends,
    chars: lex::CharTable,
}

impl Default for ValueRecognizer {
    fn default() -> Self {
        Self::new()
    }
}

thread_local! {
    /// The line as chars, for a caller of [`ValueRecognizer::find`], reused from line to line.
    static LINE: RefCell<Vec<char>> = const { RefCell::new(Vec::new()) };
    /// The line's folded chars when folding changes any, reused from line to line.
    static FOLDED: RefCell<Vec<char>> = const { RefCell::new(Vec::new()) };
}

impl ValueRecognizer {
    /// With the project's own word lists, built into the binary.
    pub fn new() -> Self {
        Self::with_words(words::Words::built_in())
    }

    /// With the word lists of `dir/values/` (the `--dictionaries` folder; a file missing
    /// there is the built-in one). A bad row is an error naming its file and line.
    pub fn load_dir(dir: &std::path::Path) -> crate::error::Result<Self> {
        Ok(Self::with_words(words::Words::load_dir(dir)?))
    }

    /// With word lists loaded already.
    pub fn with_words(words: words::Words) -> Self {
        ValueRecognizer {
            false_friends: lex::FalseFriends::new(&words),
            chars: lex::CharTable::new(&words),
            words,
        }
    }

    /// Scan one normalized line. `blocked` spans (chars) are never part of a value.
    pub fn find(
        &self,
        text: &str,
        ctx: &mut DateContext,
        blocked: &[(usize, usize)],
        out: &mut Vec<ValueMatch>,
    ) {
        LINE.with(|cell| {
            let mut chars = cell.take();
            chars.clear();
            chars.extend(text.chars());
            self.find_in_chars(text, &chars, ctx, blocked, out);
            cell.replace(chars);
        });
    }

    /// [`ValueRecognizer::find`] for a caller that has decoded the line already: `chars` are
    /// the chars of `text`.
    pub fn find_in_chars(
        &self,
        text: &str,
        chars: &[char],
        ctx: &mut DateContext,
        blocked: &[(usize, usize)],
        out: &mut Vec<ValueMatch>,
    ) {
        ctx.line += 1;
        FOLDED.with(|cell| {
            let mut buf = cell.take();
            let line = self.chars.fold_line(chars, &mut buf);
            if line.declares {
                declare_currency(text, ctx, &self.words);
            }
            if line.may_hold_value {
                self.scan(line.chars, ctx, blocked, out);
            }
            cell.replace(buf);
        });
    }

    fn scan(
        &self,
        cs: &[char],
        ctx: &mut DateContext,
        blocked: &[(usize, usize)],
        out: &mut Vec<ValueMatch>,
    ) {
        let n = cs.len();
        let first = out.len();
        let overlaps = |s: usize, e: usize| blocked.iter().any(|&(a, b)| s < b && a < e);
        let mut i = 0;
        let mut last_end = 0;
        while i < n {
            let c = cs[i];
            let numeral = self.chars.numeral_start(c);
            let date_word = self.chars.date_start(c) && dates::word_may_start(cs, i, &self.words);
            if !numeral && !date_word {
                i += 1;
                continue;
            }
            // 一 alone (一个, 一下, 一样 …) is never a value: look no further unless something
            // that makes it one follows.
            if c == '一' && !yi_may_start(cs, i) {
                i += 1;
                continue;
            }
            if let Some(&(_, b)) = blocked.iter().find(|&&(a, b)| a <= i && i < b) {
                i = b.max(i + 1);
                continue;
            }
            if let Some(e) = self.false_friends.covering(cs, i) {
                i = e.max(i + 1);
                continue;
            }
            if let Some(hit) = dates::find_at(cs, i, ctx, &self.words) {
                let end = hit.end.min(n).max(i + 1);
                // A comparison base (去年同期, 比去年) is not the time talked about: the dates
                // after it keep the year, month and quarter said before it (`比去年同期多了两成 /
                // 四月又交了 1 万台` stays this year's April).
                let sets_time = !self.words.comparison_base(cs, i, end);
                if !overlaps(i, end) {
                    if let Some(y) = hit.states_year.filter(|_| sets_time) {
                        ctx.last_year = Some(y);
                        ctx.year_said = Some((y, ctx.line));
                    }
                    if let Some(iso) = hit.iso.as_ref().filter(|_| sets_time)
                        && let (Some(Ok(y)), Some(Ok(m))) = (
                            iso.get(..4).map(str::parse::<i32>),
                            iso.get(5..7).map(str::parse::<u32>),
                        )
                    {
                        ctx.last_month = Some((y, m));
                    }
                    if let Some(iso) = hit.iso.as_ref().filter(|_| sets_time)
                        && let (Some(Ok(y)), Some(q)) = (
                            iso.get(..4).map(str::parse::<i32>),
                            iso.get(5..)
                                .and_then(|t| t.strip_prefix('Q'))
                                .and_then(|q| q.parse::<u8>().ok()),
                        )
                    {
                        ctx.last_quarter = Some((y, q));
                    }
                    let value = match hit.iso {
                        Some(iso) => Some(Value::Date(iso)),
                        None if hit.unresolved => Some(Value::Date(cs[i..end].iter().collect())),
                        None => None,
                    };
                    if let Some(value) = value {
                        out.push(ValueMatch {
                            start: i,
                            end,
                            kind: MentionKind::Date,
                            value,
                            value_max: None,
                            unit: None,
                            currency: None,
                            qualifier: Qualifier::Exact,
                            unresolved: hit.unresolved,
                        });
                    }
                    last_end = end;
                    i = end;
                    continue;
                }
            }
            if !numeral {
                i += 1;
                continue;
            }

            let floor = blocked
                .iter()
                .filter(|&&(_, b)| b <= i)
                .map(|&(_, b)| b)
                .fold(last_end, usize::max);
            match quantity::find_at(cs, i, floor, ctx, &self.words) {
                quantity::Scan::Hit(m) => {
                    let ok = m.start >= floor
                        && m.start <= i
                        && m.end > i
                        && m.end <= n
                        && !overlaps(m.start, m.end)
                        && m.value.as_number().is_none_or(f64::is_finite)
                        && m.value_max.is_none_or(f64::is_finite);
                    let end = m.end.max(i + 1);
                    if ok {
                        last_end = m.end;
                        if m.kind == MentionKind::Money
                            && let Some(code) = self.currency_word_in(cs, m.start, m.end)
                        {
                            ctx.currency_said(code);
                        }
                        out.push(m);
                    }
                    i = end;
                }
                quantity::Scan::Skip(e) => i = e.max(i + 1),
            }
        }
        out[first..].sort_by_key(|v| (v.start, v.end));
    }
}

impl ValueRecognizer {
    /// The code of a currency word (not a bare 元 / 块) in `cs[start..end]`: an amount said
    /// with its currency.
    fn currency_word_in(&self, cs: &[char], start: usize, end: usize) -> Option<&str> {
        let span = &cs[start..end];
        let occurs = |w: &str| {
            let n = w.chars().count();
            n <= span.len() && span.windows(n).any(|win| win.iter().copied().eq(w.chars()))
        };
        self.words
            .currencies
            .iter()
            .filter(|(_, _, bare)| !bare)
            .map(|(w, c, _)| (w, c))
            .chain(self.words.currency_prefixes.iter().map(|(w, c)| (w, c)))
            .find(|(w, _)| occurs(w))
            .map(|(_, c)| &**c)
    }
}

/// Can a value that starts with 一 be emitted? Only with a magnitude or a decimal, a percent
/// or money word, a range, 一个亿 / 一个半, a date (一月, 一季度, 一九九八年), or as the whole
/// line.
fn yi_may_start(cs: &[char], i: usize) -> bool {
    let next = cs.get(i + 1).copied();
    match next {
        None => true,
        Some(c) => {
            matches!(
                c,
                '十' | '百'
                    | '千'
                    | '万'
                    | '亿'
                    | '点'
                    | '成'
                    | '元'
                    | '块'
                    | '美'
                    | '港'
                    | '欧'
                    | '英'
                    | '日'
                    | '分'
                    | '两'
                    | '二'
                    | '到'
                    | '至'
                    | '-'
                    | '~'
                    | '年'
                    | '天'
                    | '月'
                    | '季'
            ) || (c == '个' && matches!(cs.get(i + 2), Some('亿' | '半' | '月' | '星' | '礼')))
                // 一五年, 一二年: a two-digit year.
                || (cn_digit(c).is_some() && cs.get(i + 2) == Some(&'年'))
                || c == '零'
                || c == '〇'
                || c == '九'
                || c.is_whitespace()
                || c.is_ascii_punctuation()
                || "，。！？、；：".contains(c)
        }
    }
}

/// `（人民币，下同）`: the currency named just before 下同 holds for bare-yuan amounts from
/// here on.
fn declare_currency(text: &str, ctx: &mut DateContext, w: &words::Words) {
    for (pos, _) in text.match_indices("下同") {
        let mut tail: Vec<char> = text[..pos].chars().rev().take(6).collect();
        tail.reverse();
        let tail: String = tail.into_iter().collect();
        // The currency words of `currencies.csv` that name a currency (not 元, 块).
        if let Some((_, code, _)) = w.currencies.iter().find(|(w, _, bare)| {
            !bare && w.chars().count() >= 2 && w.chars().all(lex::is_cjk) && tail.contains(&**w)
        }) {
            ctx.default_currency = Some(code.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str) -> Vec<(String, Value)> {
        let r = ValueRecognizer::new();
        let mut out = Vec::new();
        r.find(text, &mut DateContext::default(), &[], &mut out);
        out.into_iter()
            .map(|m| {
                (
                    text.chars().skip(m.start).take(m.end - m.start).collect(),
                    m.value,
                )
            })
            .collect()
    }

    #[test]
    fn dates_with_spaces() {
        assert_eq!(
            find("智谱成立于 2019 年 6 月"),
            [("2019 年 6 月".to_string(), Value::Date("2019-06".into()))]
        );
    }

    #[test]
    fn numbers_with_units_and_qualifiers() {
        let got = find("月活超过 3600 万");
        assert_eq!(got[0].1, Value::Number(36_000_000.0));
    }

    #[test]
    fn digits_in_names_are_not_values() {
        assert!(find("OpenAI 发布了GPT-3").is_empty());
    }

    /// The date values of `lines` read in turn with one context, published on `reference`.
    fn dates_of(reference: &str, lines: &[&str]) -> Vec<String> {
        let r = ValueRecognizer::new();
        let mut ctx = DateContext::new(CalendarDate::parse(reference));
        let mut dates = Vec::new();
        for line in lines {
            let mut out = Vec::new();
            r.find(line, &mut ctx, &[], &mut out);
            dates.extend(out.into_iter().filter_map(|m| match m.value {
                Value::Date(d) if m.kind == MentionKind::Date => Some(d),
                _ => None,
            }));
        }
        dates
    }

    #[test]
    fn a_comparison_base_does_not_move_the_time_talked_about() {
        // 去年同期 is compared with; the 上半年 after it is still this year's.
        let half = [
            "上半年净利润 6500 万元",
            "去年同期还亏了 3000 多万",
            "上半年一共出货 4200 台",
        ];
        assert_eq!(
            dates_of("2024-09-10", &half),
            ["2024-H1", "2023", "2024-H1"]
        );
        let quarter = [
            "2024 年营收 12 亿",
            "2023 年同一时期只有 8 亿",
            "三季度单季 4 亿",
        ];
        assert_eq!(
            dates_of("2025-11-20", &quarter),
            ["2024", "2023", "2024-Q3"]
        );
        // Without the base word the year said last holds, as before.
        let plain = ["去年营收 8 亿", "上半年只有 3 亿"];
        assert_eq!(dates_of("2024-09-10", &plain), ["2023", "2023-H1"]);
    }

    /// The dates of lines said one after the other (one context), as `span=value`.
    fn dates_of_talk(lines: &[&str]) -> Vec<String> {
        let r = ValueRecognizer::new();
        let mut ctx = DateContext::new(CalendarDate::parse("2025-03-01"));
        let mut got = Vec::new();
        for line in lines {
            let mut out = Vec::new();
            r.find(line, &mut ctx, &[], &mut out);
            for m in out.iter().filter(|m| m.kind == MentionKind::Date) {
                let span: String = line.chars().skip(m.start).take(m.end - m.start).collect();
                got.push(format!("{span}={:?}", m.value));
            }
        }
        got
    }

    #[test]
    fn the_year_after_the_one_said_last() {
        assert_eq!(
            dates_of_talk(&[
                "2016 年他读完了博士",
                "去了一家研究所",
                "第二年春天 他出来单干"
            ]),
            ["2016 年=Date(\"2016\")", "第二年春天=Date(\"2017\")"]
        );
        assert_eq!(
            dates_of_talk(&["那是 2020 年", "次年上半年 第一款产品上市"]),
            ["2020 年=Date(\"2020\")", "次年上半年=Date(\"2021-H1\")"]
        );
        // A streak, a count from something else, or no year said within reach: no date.
        assert_eq!(
            dates_of_talk(&[
                "2020 年营收过亿",
                "连续第二年增长",
                "创业的第二年 他们搬了家"
            ]),
            ["2020 年=Date(\"2020\")"]
        );
        assert!(dates_of_talk(&["第二年春天 他出来单干"]).is_empty());
        let far = [
            "2016 年他读完了博士",
            "嗯",
            "对",
            "好",
            "是",
            "啊",
            "哦",
            "隔年 他出来单干",
        ];
        assert_eq!(dates_of_talk(&far).len(), 1, "{:?}", dates_of_talk(&far));
    }

    #[test]
    fn that_year_points_back_at_the_year_said() {
        let r = ValueRecognizer::new();
        let mut ctx = DateContext::new(CalendarDate::parse("2025-07-22"));
        ctx.year_said = Some((2016, ctx.line));
        for (text, want) in [
            ("那年年底 公司就注册了", "2016"),
            ("当年年初 他们搬到了深圳", "2016"),
            ("那一年的上半年 很难", "2016-H1"),
            // Without 那年 a bare 年底 is the reference year's.
            ("年底 还要再融一轮", "2025"),
        ] {
            let mut out = Vec::new();
            r.find(text, &mut ctx, &[], &mut out);
            assert_eq!(out[0].value, Value::Date(want.into()), "{text}");
        }
    }

    #[test]
    fn calendar_date_rejects_impossible_days() {
        assert!(CalendarDate::parse("2025-02-29").is_none());
        assert!(CalendarDate::parse("2024-02-29").is_some());
    }
}
