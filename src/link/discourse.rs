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

/// An entity the text refers to, with where it was last named.
#[derive(Debug, Clone, PartialEq)]
pub struct Referent {
    pub entity: EntityRef,
    pub kind: MentionKind,
    pub owner: Option<String>,
    pub affiliation: Option<String>,
    /// Line index (among the episode's text lines) where it was named.
    pub line: usize,
    /// Resolution steps it took to reach it (0 = named right there).
    pub steps: u8,
}

impl Referent {
    pub fn from_item(item: &EntityItem, line: usize, steps: u8) -> Self {
        Referent {
            entity: EntityRef {
                entity_id: item.entity_id.map(str::to_string),
                name: item.name.to_string(),
            },
            kind: item.kind,
            owner: item.owner.map(str::to_string),
            affiliation: item.affiliation.map(str::to_string),
            line,
            steps,
        }
    }

    pub fn id_or_name(&self) -> &str {
        self.entity
            .entity_id
            .as_deref()
            .unwrap_or(&self.entity.name)
    }
}

#[derive(Debug, Default)]
pub struct Discourse {
    company: Option<Referent>,
    person: Option<Referent>,
    product: Option<Referent>,
    last_subjects: Vec<Referent>,
    /// Founding date of each company (by id) stated so far.
    pub founded_dates: HashMap<String, String>,
    /// The product the last line with a release released.
    released: Option<Referent>,
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

impl Discourse {
    fn fresh(r: &Option<Referent>, now: usize) -> Option<&Referent> {
        r.as_ref().filter(|r| now - r.line <= MAX_DISTANCE)
    }

    /// The most recent entity of a wanted kind before `pos` in this line, else from the
    /// slots of earlier lines.
    pub fn resolve(&self, view: &LineView, pos: usize, wanted: Wanted) -> Option<Referent> {
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
            .last_subjects(view.index)
            .into_iter()
            .find(|r| wanted.accepts(r.kind))
        {
            return Some(r);
        }
        self.resolve_slots(view.index, wanted)
    }

    /// The subjects a line states, pronouns resolved.
    pub fn line_subjects(&self, view: &LineView) -> Vec<Referent> {
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
    pub fn last_subjects(&self, now: usize) -> Vec<Referent> {
        self.last_subjects
            .iter()
            .filter(|r| now - r.line <= MAX_DISTANCE)
            .map(|r| Referent {
                steps: r.steps + 1,
                ..r.clone()
            })
            .collect()
    }

    /// Who a clause without a named subject is about: the last subject when it fits, else
    /// the most recent entity of the wanted kind.
    pub fn zero_subject(&self, view: &LineView, wanted: Wanted) -> Option<Referent> {
        let last = self.last_subjects(view.index);
        if let Some(r) = last.into_iter().find(|r| wanted.accepts(r.kind)) {
            return Some(r);
        }
        self.resolve_slots(view.index, wanted)
    }

    fn resolve_slots(&self, now: usize, wanted: Wanted) -> Option<Referent> {
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
        pick.map(|r| Referent {
            steps: r.steps + 1,
            ..r.clone()
        })
    }

    /// Remember the product a line released.
    pub fn note_release(&mut self, product: &Referent, line: usize) {
        self.released = Some(Referent {
            line,
            ..product.clone()
        });
    }

    /// The product released in the line just before `now`.
    pub fn released_focus(&self, now: usize) -> Option<Referent> {
        self.released
            .as_ref()
            .filter(|r| r.line + 1 == now)
            .map(|r| Referent {
                steps: r.steps + 1,
                ..r.clone()
            })
    }

    /// After a line's facts are read: its names become the topics.
    pub fn update(&mut self, view: &LineView, subjects: Vec<Referent>) {
        // The last name of each kind becomes its topic. A name inside a place phrase
        // (在火山引擎的发布会上) is where, not who: not a topic. Only the name that stays is
        // copied (this runs on every line).
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
                ..s.clone()
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
