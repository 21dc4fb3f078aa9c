//! The discourse layer: what the text is talking about, line after line.
//!
//! Subtitle lines carry no sentence punctuation and a fact is often spread over several of
//! them, its subject named once and then dropped or referred to by 它 / 其 / 他 / 公司. The
//! state kept here answers "who is meant" for a line without an explicit subject:
//! - one slot per entity kind holding the most recent mention (updated after each line, so a
//!   line's own later names do not capture its zero subject);
//! - the last explicit subject (the subject of the last line that named one);
//! - the founding dates stated so far (for 公司一周年).
//!
//! Everything expires after [`MAX_DISTANCE`] lines: when the text moves on, so does the topic.

use std::collections::HashMap;

use crate::model::{EntityRef, MentionKind};

use super::clause::{EntityItem, LineView, SubjectSlot};

/// How many lines back a topic may be picked up.
pub const MAX_DISTANCE: usize = 6;

/// An entity the text refers to, with where it was last named. Borrowed, like the
/// [`EntityItem`] it comes from: referents are made and copied on every line, and only the
/// facts built at the end own their names.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Referent<'a> {
    /// `None` for a name the catalogue lacks.
    pub entity_id: Option<&'a str>,
    pub name: &'a str,
    pub kind: MentionKind,
    pub owner: Option<&'a str>,
    pub affiliation: Option<&'a str>,
    /// Line index (among the episode's text lines) where it was named.
    pub line: usize,
    /// Resolution steps it took to reach it (0 = named right there).
    pub steps: u8,
}

impl<'a> Referent<'a> {
    pub fn from_item(item: &EntityItem<'a>, line: usize, steps: u8) -> Self {
        Referent {
            entity_id: item.entity_id,
            name: item.name,
            kind: item.kind,
            owner: item.owner,
            affiliation: item.affiliation,
            line,
            steps,
        }
    }

    pub fn id_or_name(&self) -> &'a str {
        self.entity_id.unwrap_or(self.name)
    }

    /// The entity as a fact states it.
    pub fn entity_ref(&self) -> EntityRef {
        EntityRef {
            entity_id: self.entity_id.map(str::to_string),
            name: self.name.to_string(),
        }
    }

    /// The same referent reached with one more resolution step.
    fn one_step_on(&self) -> Self {
        Referent {
            steps: self.steps + 1,
            ..*self
        }
    }
}

#[derive(Debug, Default)]
pub struct Discourse<'a> {
    company: Option<Referent<'a>>,
    person: Option<Referent<'a>>,
    product: Option<Referent<'a>>,
    last_subjects: Vec<Referent<'a>>,
    /// Founding date of each company (by id) stated so far.
    pub founded_dates: HashMap<String, String>,
    /// The product the last line with a release released.
    released: Option<Referent<'a>>,
    /// The metric the last line with figures gave, for a series continued on the next line.
    pub metric_series: Option<MetricSeries>,
    /// The last date said, its line, and the company in topic then: the period figures
    /// without a date of their own belong to, while the talk stays on that company.
    last_date: Option<Dated<'a>>,
    /// The last quarter, half year or day said (a report's period, a trading day), kept when
    /// a plain year said since has run out of reach.
    last_period: Option<Dated<'a>>,
    /// Figures listed in order after 依次 / 分别 with the dates said before them: (line index,
    /// value start, the date it goes with; `None` when figures and dates do not pair up).
    pub ordered: Vec<(usize, usize, Option<String>)>,
    /// Companies said as investors (投资方有 A、B; A 领投; a list of shareholders), by id or
    /// name: a round said with one of them only as the topic is not theirs.
    pub investors: Vec<&'a str>,
    /// The last line of an investor list (the next line may go on with more names).
    pub investor_list: Option<usize>,
    /// The company of the last round stated, named where it was stated.
    pub funded: Option<Referent<'a>>,
    /// The date of that round, when it was said: a valuation said just after it is its.
    pub round_date: Option<String>,
    /// The company the last founder fact named, and the people it named, with its line:
    /// `另外两位联合创始人 / A 和 B` are founders of the company whose founders are being
    /// listed, not of the one named in between (`以前是英伟达的总经理`).
    pub founders_of: Option<(Referent<'a>, Vec<Referent<'a>>, usize)>,
}

/// A date said, its line, and the company in topic when it was said.
#[derive(Debug, Clone, Copy)]
struct Dated<'a> {
    date: &'a str,
    line: usize,
    company: Option<Referent<'a>>,
    /// A year said as a whole year reported on (`2024 年全年`, `去年一整年`, `2023 年度`).
    full_year: bool,
}

impl Dated<'_> {
    /// A report's period or a trading day, rather than a plain year or month; a year said as
    /// a whole year (全年) is a report's period too.
    fn is_period(&self) -> bool {
        is_period(self.date) || self.full_year
    }

    /// Is this date's period about `subject`: no company was in topic, or `subject` is that
    /// company, a product of it, or a company of its group (a group's report gives its
    /// subsidiaries' figures too)?
    fn covers(&self, subject: &Referent<'_>) -> bool {
        let Some(reporter) = self.company else {
            return true;
        };
        if subject.kind != MentionKind::Company {
            return true;
        }
        let id = reporter.entity_id;
        subject.name == reporter.name
            || (id.is_some() && (subject.entity_id == id || subject.affiliation == id))
    }
}

fn is_period(date: &str) -> bool {
    date.contains('Q') || date.contains('H') || date.len() == 10
}

/// How far back a pronoun (它, 他) still finds the one entity of its kind in topic when no
/// other has been named since: farther than a dropped subject reaches, since the pronoun
/// itself says someone is meant.
pub const PRONOUN_DISTANCE: usize = 12;

/// How far back a quarter, half year or day named once is still the period being reported on.
pub const PERIOD_DISTANCE: usize = 40;

/// How far back a plain year or month is.
pub const DATE_DISTANCE: usize = 3;

/// A metric whose figures a line gave: the next line may go on with more of them.
#[derive(Debug, Clone)]
pub struct MetricSeries {
    pub metric: String,
    /// Said as a loss (the figures are negated).
    pub loss: bool,
    /// Line index of the last figure.
    pub line: usize,
}

/// What a pronoun or role noun may point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wanted {
    Company,
    Person,
    Product,
    /// A company or a product, whichever was named last.
    Thing,
}

impl Wanted {
    pub fn from_cue(value: Option<&str>) -> Wanted {
        match value {
            Some("company") => Wanted::Company,
            Some("person") => Wanted::Person,
            Some("product") => Wanted::Product,
            _ => Wanted::Thing,
        }
    }

    pub fn accepts(self, kind: MentionKind) -> bool {
        match self {
            Wanted::Company => kind == MentionKind::Company,
            Wanted::Person => kind == MentionKind::Person,
            Wanted::Product => kind == MentionKind::Product,
            Wanted::Thing => matches!(kind, MentionKind::Company | MentionKind::Product),
        }
    }
}

impl<'a> Discourse<'a> {
    fn fresh(r: &Option<Referent<'a>>, now: usize) -> Option<Referent<'a>> {
        r.filter(|r| now - r.line <= MAX_DISTANCE)
    }

    /// The most recent entity of a wanted kind before `pos` in this line, else from the
    /// slots of earlier lines.
    pub fn resolve(&self, view: &LineView<'a>, pos: usize, wanted: Wanted) -> Option<Referent<'a>> {
        if let Some(item) = view
            .entities
            .iter()
            .rev()
            .find(|e| e.end <= pos && wanted.accepts(e.kind))
        {
            return Some(Referent::from_item(item, view.index, 1));
        }
        // The subject of the last line that named one, before any name mentioned since
        // (他们 after "CEO X 是 Mistral 的早期员工" still means the company in topic).
        if let Some(r) = self
            .recent_subjects(view.index)
            .find(|r| wanted.accepts(r.kind))
        {
            return Some(r);
        }
        self.resolve_slots(view.index, wanted)
    }

    /// The subjects a line states, pronouns resolved.
    pub fn line_subjects(&self, view: &LineView<'a>) -> Vec<Referent<'a>> {
        view.subjects
            .iter()
            .filter_map(|s| match *s {
                SubjectSlot::Entity(i) => {
                    Some(Referent::from_item(&view.entities[i], view.index, 0))
                }
                SubjectSlot::Pronoun(c) => {
                    let cue = &view.cues[c];
                    let wanted = Wanted::from_cue(cue.value.as_deref());
                    // 那这家公司是怎么来的, said after a stretch on its listing: a pronoun for a
                    // company finds the one in topic farther back than a dropped subject
                    // reaches, and so becomes the subject the next lines go on with.
                    self.resolve(view, cue.start, wanted).or_else(|| {
                        (wanted == Wanted::Company)
                            .then(|| self.topic_within(view.index, wanted, PRONOUN_DISTANCE))
                            .flatten()
                    })
                }
            })
            .collect()
    }

    /// The subjects of the last line that named one, if recent enough.
    pub fn last_subjects(&self, now: usize) -> Vec<Referent<'a>> {
        self.recent_subjects(now).collect()
    }

    /// [`Discourse::last_subjects`], without collecting them.
    fn recent_subjects(&self, now: usize) -> impl Iterator<Item = Referent<'a>> + '_ {
        self.last_subjects
            .iter()
            .filter(move |r| now - r.line <= MAX_DISTANCE)
            .map(Referent::one_step_on)
    }

    /// Who a clause without a named subject is about: the last subject when it fits, else
    /// the most recent entity of the wanted kind.
    pub fn zero_subject(&self, view: &LineView<'a>, wanted: Wanted) -> Option<Referent<'a>> {
        if let Some(r) = self
            .recent_subjects(view.index)
            .find(|r| wanted.accepts(r.kind))
        {
            return Some(r);
        }
        self.resolve_slots(view.index, wanted)
    }

    fn resolve_slots(&self, now: usize, wanted: Wanted) -> Option<Referent<'a>> {
        let pick = match wanted {
            Wanted::Company => Self::fresh(&self.company, now),
            Wanted::Person => Self::fresh(&self.person, now),
            Wanted::Product => Self::fresh(&self.product, now),
            Wanted::Thing => {
                match (
                    Self::fresh(&self.company, now),
                    Self::fresh(&self.product, now),
                ) {
                    (Some(c), Some(p)) => Some(if p.line > c.line { p } else { c }),
                    (c, p) => c.or(p),
                }
            }
        };
        pick.as_ref().map(Referent::one_step_on)
    }

    /// The most recent entity of a wanted kind named within `reach` lines (a pronoun's
    /// referent past [`MAX_DISTANCE`], see [`PRONOUN_DISTANCE`]).
    pub fn topic_within(&self, now: usize, wanted: Wanted, reach: usize) -> Option<Referent<'a>> {
        let within = |r: &Option<Referent<'a>>| r.filter(|r| now - r.line <= reach);
        let pick = match wanted {
            Wanted::Company => within(&self.company),
            Wanted::Person => within(&self.person),
            Wanted::Product => within(&self.product),
            Wanted::Thing => match (within(&self.company), within(&self.product)) {
                (Some(c), Some(p)) => Some(if p.line > c.line { p } else { c }),
                (c, p) => c.or(p),
            },
        };
        pick.as_ref().map(Referent::one_step_on)
    }

    /// The year of the last date said, when said within `reach` lines (`同一年`, `同年`).
    pub fn last_year(&self, now: usize, reach: usize) -> Option<&'a str> {
        let Dated { date, line, .. } = self.last_date?;
        (now - line <= reach && date.len() >= 4 && date.is_char_boundary(4)).then(|| &date[..4])
    }

    /// Was `r` said as an investor?
    pub fn is_investor(&self, r: &Referent<'_>) -> bool {
        self.investors.contains(&r.id_or_name())
    }

    /// Remember the product a line released.
    pub fn note_release(&mut self, product: &Referent<'a>, line: usize) {
        self.released = Some(Referent { line, ..*product });
    }

    /// The product released in the line just before `now`.
    pub fn released_focus(&self, now: usize) -> Option<Referent<'a>> {
        self.released
            .as_ref()
            .filter(|r| r.line + 1 == now)
            .map(Referent::one_step_on)
    }

    /// The period a figure said at line `now` without a date belongs to: the last date said,
    /// when no other has been said since; a quarter, half year or day (a report's period, a
    /// trading day) holds for [`PERIOD_DISTANCE`] lines, a year or month for [`DATE_DISTANCE`].
    ///
    /// The period is the company's that was in topic when it was said: `蔚来公布了第三季度的
    /// 财报 / 毛利率 13.1%` is Q3, but `再说理想汽车 / 毛利率 20%` is no figure of 蔚来's report.
    ///
    /// A plain year said since a quarter, once out of reach, gives the quarter back: `第三季度
    /// 的财报 / … 今年最大的一单 / …（five lines on）… 毛利率 20%` is the quarter's.
    pub fn period_for(&self, now: usize, subject: &Referent<'_>) -> Option<&'a str> {
        let last = self.last_date?;
        let reach = if last.is_period() {
            PERIOD_DISTANCE
        } else {
            DATE_DISTANCE
        };
        if now - last.line <= reach {
            return last.covers(subject).then_some(last.date);
        }
        let period = self.last_period?;
        (now - period.line <= PERIOD_DISTANCE && period.covers(subject)).then_some(period.date)
    }

    /// The part of a year the text reports on (`-H1` of `2025-H1`, `-Q3`), for a `去年同期`:
    /// the last quarter or half said, while in reach.
    pub fn reported_part(&self, now: usize) -> Option<&'a str> {
        let p = self.last_period?;
        let part = p.date.get(4..)?;
        (now - p.line <= PERIOD_DISTANCE && (part.contains('Q') || part.contains('H')))
            .then_some(part)
    }

    /// The year of the last date said (for 那一年 / 全年), while in reach of a period.
    /// The year said last, `years` on (`第二年`: the year after it), as it would be written.
    pub fn year_after(year: &str, years: i32) -> Option<String> {
        let y: i32 = year.parse().ok()?;
        Some((y + years).to_string())
    }

    pub fn year_said(&self, now: usize) -> Option<&'a str> {
        let last = self.last_date?;
        (now - last.line <= PERIOD_DISTANCE)
            .then(|| last.date.get(..4))
            .flatten()
            .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))
    }

    /// The company the talk has stayed on: the last company named, up to [`PERIOD_DISTANCE`]
    /// lines back, when nothing named since belongs to another company (its own products may
    /// be named: `理想汽车 … 理想L8 和理想L7 / … / 全年交付了 13 万辆`). The referent is set at
    /// `now` (the evidence is the figure's line), two resolution steps away.
    pub fn lasting_company(&self, now: usize) -> Option<Referent<'a>> {
        let company = self.company?;
        if now - company.line > PERIOD_DISTANCE {
            return None;
        }
        let other = |r: &Option<Referent<'a>>, owner: fn(&Referent<'a>) -> Option<&'a str>| {
            r.is_some_and(|r| {
                r.line > company.line && owner(&r).is_some_and(|o| Some(o) != company.entity_id)
            })
        };
        if other(&self.product, |r| r.owner) || other(&self.person, |r| r.affiliation) {
            return None;
        }
        Some(Referent {
            line: now,
            steps: company.steps.max(2),
            ..company
        })
    }

    /// After a line's facts are read: its names become the topics.
    pub fn update(&mut self, view: &LineView<'a>, mut subjects: Vec<Referent<'a>>) {
        // A company named as an investor on a line about a round (`深创投领投`, `老股东红杉和
        // 阿里继续跟`) is who put money in, not what the talk is about: the company in topic
        // stays, and the figures said next (营收, 日活, 员工) stay its own.
        let investing = view.has_role(super::triggers::Role::Investor)
            || view.has_role(super::triggers::Role::Invest);
        if investing {
            subjects.retain(|s| !(s.kind == MentionKind::Company && self.is_investor(s)));
        }
        // A date a figure is compared with (跟去年同期比, 比去年) is no period being reported on.
        let compared = view.has_role(super::triggers::Role::Comparison);
        let said = |d: &&super::clause::ValueItem<'a>| !compared && !view.compared_after(d.end);
        let as_date = |d: &super::clause::ValueItem<'a>| {
            let value: &'a crate::model::Value = d.value;
            value.as_date()
        };
        let last_date = view
            .values
            .iter()
            .rev()
            .find(|v| v.kind == MentionKind::Date)
            .filter(said)
            .and_then(as_date);
        // 2024 年全年 / 去年一整年 / 2023 年度: a year said as the period of a report holds
        // as long as a quarter does (`2024 年全年 / 营收 18 亿元 / … / 净利润 2 亿元`).
        let full_year = |d: &super::clause::ValueItem<'a>| {
            let to = (d.end + 4).min(view.chars.len());
            let around: String = view.chars[d.start..to]
                .iter()
                .filter(|c| !c.is_whitespace())
                .collect();
            let year = as_date(d).is_some_and(|y| y.len() == 4);
            year && ["全年", "一整年", "整年", "年度"]
                .iter()
                .any(|w| around.contains(w))
        };
        let last_item = view
            .values
            .iter()
            .rev()
            .find(|v| v.kind == MentionKind::Date)
            .filter(said);
        let last_full_year = last_item.is_some_and(full_year);
        let last_period = view
            .values
            .iter()
            .rev()
            .filter(|v| v.kind == MentionKind::Date)
            .filter(said)
            .find(|d| as_date(d).is_some_and(is_period) || full_year(d))
            .and_then(as_date);
        let date_line = last_date.map(|date| (date, view.index));
        // The last name of each kind becomes its topic. A name inside a place phrase
        // (在火山引擎的发布会上) is where, not who, and one named as the reporter (据彭博社报道)
        // is who tells it: neither is a topic.
        // An investor named on a round's line is no topic either (see above).
        let mut last: [Option<&EntityItem>; 3] = [None; 3];
        let investor = |e: &EntityItem| {
            investing
                && e.kind == MentionKind::Company
                && self.is_investor(&Referent::from_item(e, view.index, 0))
        };
        let topical =
            |e: &&EntityItem| !view.in_locative(e) && !view.is_reporter(e) && !investor(e);
        for item in view.entities.iter().filter(topical) {
            let slot = match item.kind {
                MentionKind::Company => 0,
                MentionKind::Person => 1,
                MentionKind::Product => 2,
                _ => continue,
            };
            last[slot] = Some(item);
        }
        let slots = [&mut self.company, &mut self.person, &mut self.product];
        for (slot, item) in slots.into_iter().zip(last) {
            if let Some(item) = item {
                *slot = Some(Referent::from_item(item, view.index, 0));
            }
        }
        // A resolved pronoun keeps its referent alive as a topic.
        for s in &subjects {
            let r = Some(Referent {
                line: view.index,
                ..*s
            });
            let slot = match s.kind {
                MentionKind::Company => &mut self.company,
                MentionKind::Person => &mut self.person,
                MentionKind::Product => &mut self.product,
                _ => continue,
            };
            if slot.as_ref().is_none_or(|cur| cur.line < view.index) {
                *slot = r;
            }
        }
        if let Some((date, line)) = date_line {
            let company = self.company;
            self.last_date = Some(Dated {
                date,
                line,
                company,
                full_year: last_full_year,
            });
            if let Some(date) = last_period {
                self.last_period = Some(Dated {
                    date,
                    line,
                    company,
                    full_year: date.len() == 4,
                });
            }
        }
        if !subjects.is_empty() {
            self.last_subjects = subjects
                .into_iter()
                .map(|s| Referent {
                    line: view.index,
                    ..s
                })
                .collect();
        }
    }
}
