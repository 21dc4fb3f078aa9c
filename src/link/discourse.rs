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
    last_date: Option<(&'a str, usize, Option<&'a str>)>,
    /// The company the last founder fact named, and the people it named, with its line:
    /// `另外两位联合创始人 / A 和 B` are founders of the company whose founders are being
    /// listed, not of the one named in between (`以前是英伟达的总经理`).
    pub founders_of: Option<(Referent<'a>, Vec<Referent<'a>>, usize)>,
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
                    self.resolve(view, cue.start, Wanted::from_cue(cue.value.as_deref()))
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
        let (date, line, _) = self.last_date?;
        (now - line <= reach && date.len() >= 4 && date.is_char_boundary(4)).then(|| &date[..4])
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
    pub fn period_for(&self, now: usize, subject: &Referent<'_>) -> Option<&'a str> {
        let (date, line, company) = self.last_date?;
        if subject.kind == MentionKind::Company
            && company.is_some_and(|c| c != subject.name && Some(c) != subject.owner)
        {
            return None;
        }
        let reporting_period = date.contains('Q') || date.contains('H') || date.len() == 10;
        let reach = if reporting_period {
            PERIOD_DISTANCE
        } else {
            DATE_DISTANCE
        };
        (now - line <= reach).then_some(date)
    }

    /// After a line's facts are read: its names become the topics.
    pub fn update(&mut self, view: &LineView<'a>, subjects: Vec<Referent<'a>>) {
        // A date a figure is compared with (跟去年同期比, 比去年) is no period being reported on.
        let compared = view.has_role(super::triggers::Role::Comparison);
        let last_date = view
            .values
            .iter()
            .rev()
            .find(|v| v.kind == MentionKind::Date)
            .filter(|d| !compared && !view.compared_after(d.end))
            .and_then(|d| {
                let value: &'a crate::model::Value = d.value;
                value.as_date()
            });
        let date_line = last_date.map(|date| (date, view.index));
        // The last name of each kind becomes its topic. A name inside a place phrase
        // (在火山引擎的发布会上) is where, not who: not a topic.
        let mut last: [Option<&EntityItem>; 3] = [None; 3];
        for item in view.entities.iter().filter(|e| !view.in_locative(e)) {
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
            self.last_date = Some((date, line, self.company.map(|c| c.name)));
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
