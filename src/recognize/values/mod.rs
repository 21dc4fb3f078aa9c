//! Numbers, money, percents and dates: found in a normalized line and normalized.
//!
//! Interface used by the rest of the pipeline (keep it stable):
//! - [`ValueRecognizer::new`] builds the recognizer once (regexes compiled once);
//! - [`ValueRecognizer::find`] scans one normalized line, appending [`ValueMatch`]es with char
//!   offsets into that line and skipping the spans in `blocked` (entity names such as GPT-3);
//! - [`DateContext`] carries what a line needs from the lines before it: the reference date,
//!   the last year stated (a bare `10 月份` takes it), a currency stated once (`下同`).

use regex::Regex;

use crate::model::{MentionKind, Qualifier, Value};

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
}

impl DateContext {
    pub fn new(reference: Option<CalendarDate>) -> Self {
        DateContext {
            reference,
            ..Default::default()
        }
    }
}

/// The compiled recognizer; build once, share across threads.
pub struct ValueRecognizer {
    date: Regex,
    number: Regex,
}

impl Default for ValueRecognizer {
    fn default() -> Self {
        Self::new()
    }
}

impl ValueRecognizer {
    pub fn new() -> Self {
        ValueRecognizer {
            date: Regex::new(r"(\d{4}) ?年(?: ?(\d{1,2}) ?月(?: ?(\d{1,2}) ?日)?)?").unwrap(),
            number: Regex::new(
                r"(超过了?|接近|近|约|大约)? ?(\d+(?:\.\d+)?) ?(万|亿)?(%|美元|元)?",
            )
            .unwrap(),
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
        let char_at = CharIndex::new(text);
        let mut taken: Vec<(usize, usize)> = blocked.to_vec();
        let overlaps = |taken: &[(usize, usize)], s: usize, e: usize| {
            taken.iter().any(|&(a, b)| s < b && a < e)
        };
        for caps in self.date.captures_iter(text) {
            let m = caps.get(0).unwrap();
            let (s, e) = (char_at.of(m.start()), char_at.of(m.end()));
            if overlaps(&taken, s, e) {
                continue;
            }
            let year: i32 = caps[1].parse().unwrap_or(0);
            let mut iso = format!("{year:04}");
            if let Some(month) = caps.get(2) {
                iso.push_str(&format!(
                    "-{:02}",
                    month.as_str().parse::<u32>().unwrap_or(0)
                ));
                if let Some(day) = caps.get(3) {
                    iso.push_str(&format!("-{:02}", day.as_str().parse::<u32>().unwrap_or(0)));
                }
            }
            ctx.last_year = Some(year);
            taken.push((s, e));
            out.push(ValueMatch {
                start: s,
                end: e,
                kind: MentionKind::Date,
                value: Value::Date(iso),
                value_max: None,
                unit: None,
                currency: None,
                qualifier: Qualifier::Exact,
            });
        }
        for caps in self.number.captures_iter(text) {
            let m = caps.get(0).unwrap();
            let digits = caps.get(2).unwrap();
            let (s, e) = (char_at.of(m.start()), char_at.of(m.end()));
            let (s, e) = (s, e.max(s + 1));
            if overlaps(&taken, s, e) {
                continue;
            }
            // A digit glued to a Latin letter is part of a name (GPT-3), not a value.
            let before = text[..digits.start()].chars().next_back();
            let after = text[digits.end()..].chars().next();
            if before.is_some_and(|c| c.is_ascii_alphabetic() || c == '-')
                || after.is_some_and(|c| c.is_ascii_alphabetic())
            {
                continue;
            }
            let mut n: f64 = digits.as_str().parse().unwrap_or(0.0);
            match caps.get(3).map(|m| m.as_str()) {
                Some("万") => n *= 1e4,
                Some("亿") => n *= 1e8,
                _ => {}
            }
            let (kind, currency) = match caps.get(4).map(|m| m.as_str()) {
                Some("%") => (MentionKind::Percent, None),
                Some("美元") => (MentionKind::Money, Some("USD".to_string())),
                Some("元") => (MentionKind::Money, Some("CNY".to_string())),
                _ => (MentionKind::Number, None),
            };
            let qualifier = match caps.get(1).map(|m| m.as_str()) {
                Some(q) if q.starts_with("超过") => Qualifier::Over,
                Some("接近") | Some("近") => Qualifier::Near,
                Some(_) => Qualifier::About,
                None => Qualifier::Exact,
            };
            taken.push((s, e));
            out.push(ValueMatch {
                start: s,
                end: e,
                kind,
                value: Value::Number(n),
                value_max: None,
                unit: (kind == MentionKind::Percent).then(|| "%".to_string()),
                currency,
                qualifier,
            });
        }
        out.sort_by_key(|v| (v.start, v.end));
    }
}

/// Byte offset -> char offset for one line.
struct CharIndex {
    starts: Vec<usize>,
}

impl CharIndex {
    fn new(text: &str) -> Self {
        CharIndex {
            starts: text.char_indices().map(|(b, _)| b).collect(),
        }
    }
    fn of(&self, byte: usize) -> usize {
        self.starts.partition_point(|&b| b < byte)
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

    #[test]
    fn calendar_date_rejects_impossible_days() {
        assert!(CalendarDate::parse("2025-02-29").is_none());
        assert!(CalendarDate::parse("2024-02-29").is_some());
    }
}
