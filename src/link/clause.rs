//! A line seen by the linker: its entities, values and cues in normalized offsets, and the
//! subject its first clause states.

use crate::dictionary::Catalogue;
use crate::dictionary::families::Families;
use crate::model::{MentionKind, Qualifier, Value};
use crate::recognize::AnnotatedLine;

use super::triggers::{Cue, Role, Triggers};

/// An entity mention, with what the catalogue says about it. Borrowed from the line and the
/// catalogue: every mention of every line gets one, few end up in a
/// fact ([`super::discourse::Referent`] owns its copy).
#[derive(Debug, Clone, PartialEq)]
pub struct EntityItem<'a> {
    pub start: usize,
    pub end: usize,
    pub kind: MentionKind,
    /// `None` for a name the catalogue lacks.
    pub entity_id: Option<&'a str>,
    pub name: &'a str,
    /// The name as the line writes it (an alias, a variant script).
    pub text: &'a str,
    /// Owner company id of a product.
    pub owner: Option<&'a str>,
    /// Company id a person belongs to.
    pub affiliation: Option<&'a str>,
}

/// A value mention, borrowed from the line.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueItem<'a> {
    pub start: usize,
    pub end: usize,
    pub kind: MentionKind,
    pub value: &'a Value,
    pub value_max: Option<f64>,
    pub unit: Option<&'a str>,
    pub currency: Option<&'a str>,
    pub qualifier: Option<Qualifier>,
}

/// What the first clause of a line names as its subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubjectSlot {
    /// Index into `LineView::entities`.
    Entity(usize),
    /// Index into `LineView::cues` (a pronoun or role noun).
    Pronoun(usize),
}

/// One line, ready for the rules.
pub struct LineView<'a> {
    /// Index of the line among the episode's text lines.
    pub index: usize,
    pub line: &'a AnnotatedLine,
    /// The chars of the normalized line (a slice of one buffer for the whole episode).
    pub chars: &'a [char],
    pub entities: Vec<EntityItem<'a>>,
    pub values: Vec<ValueItem<'a>>,
    pub cues: Vec<Cue>,
    /// The subject(s) of the line's first clause; several when coordinated (A、B和C).
    pub subjects: Vec<SubjectSlot>,
    /// The cue table, for its closed word classes (copulas, coordinators, 的).
    pub triggers: &'a Triggers,
}

impl EntityItem<'_> {
    /// In the catalogue (or a family of it), as opposed to a name only the suggester found.
    pub fn is_linked(&self) -> bool {
        self.entity_id.is_some()
    }
}

impl<'a> LineView<'a> {
    /// `chars` are those of `line.norm.text`.
    pub fn new(
        index: usize,
        line: &'a AnnotatedLine,
        chars: &'a [char],
        catalogue: &'a Catalogue,
        families: &'a Families,
        triggers: &'a Triggers,
    ) -> Self {
        // Sized once: growing them mention by mention was a chain of reallocations.
        let names = line.mentions.iter().filter(|m| m.kind.is_entity()).count();
        let mut entities = Vec::with_capacity(names);
        let mut values = Vec::with_capacity(line.mentions.len() - names);
        for (m, &(start, end)) in line.mentions.iter().zip(&line.norm_spans) {
            if m.kind.is_entity() {
                let known = m.entity_id.as_deref().and_then(|id| catalogue.get(id));
                entities.push(EntityItem {
                    start,
                    end,
                    kind: m.kind,
                    entity_id: m.entity_id.as_deref(),
                    name: m.name.as_deref().unwrap_or(&m.text),
                    text: &m.text,
                    // A family version (GLM-4.5) is not in the catalogue; its family knows
                    // the owner.
                    owner: known.and_then(|e| e.owner.as_deref()).or_else(|| {
                        let id = m.entity_id.as_deref()?;
                        let f = families.family_of_id(id)?;
                        Some(families.families()[f].owner.as_str())
                    }),
                    affiliation: known.and_then(|e| e.affiliation.as_deref()),
                });
            } else if let Some(value) = &m.value {
                values.push(ValueItem {
                    start,
                    end,
                    kind: m.kind,
                    value,
                    value_max: m.value_max,
                    unit: m.unit.as_deref(),
                    currency: m.currency.as_deref(),
                    qualifier: m.qualifier,
                });
            }
        }
        let mut cues = Vec::new();
        // A name's edges are word edges: jieba may glue a name's last char to a cue's first
        // (`方舟智造成立` cut as `智|造成|立`), hiding the cue after a name the recognizer
        // found whole. Most lines have every name on jieba's edges already.
        let on_edges = |p: usize| p == 0 || line.word_ends.binary_search(&p).is_ok();
        if entities
            .iter()
            .all(|e| on_edges(e.start) && on_edges(e.end))
        {
            triggers.find_chars(chars, &line.word_ends, &mut cues);
        } else {
            let mut ends = line.word_ends.clone();
            ends.extend(
                entities
                    .iter()
                    .flat_map(|e| [e.start, e.end])
                    .filter(|&p| p > 0),
            );
            ends.sort_unstable();
            ends.dedup();
            triggers.find_chars(chars, &ends, &mut cues);
        }
        // A reference word (公司, 该公司, 团队) is never a name: a name the catalogue lacks that
        // lies within a pronoun cue is dropped, and the cue resolves to the topic instead.
        // Nor is a name within a round (`A1 轮`: A1 is the round, not a product).
        entities.retain(|e| {
            e.is_linked()
                || !cues.iter().any(|c| {
                    matches!(c.role, Role::Pronoun | Role::Round)
                        && c.start <= e.start
                        && e.end <= c.end
                })
        });
        // A cue inside an entity name or a value is part of that name, not a cue; but an
        // exchange stays one when it is also a catalogue name (纳斯达克), and a listing one
        // or a group of people that opens with a number (二次上市, 两个人).
        cues.retain(|c| {
            matches!(c.role, Role::Exchange | Role::Listing | Role::Group)
                || (!entities.iter().any(|e| c.start < e.end && e.start < c.end)
                    && !values.iter().any(|v| c.start < v.end && v.start < c.end))
        });
        let mut view = LineView {
            index,
            line,
            chars,
            entities,
            values,
            cues,
            subjects: Vec::new(),
            triggers,
        };
        view.subjects = view.find_subjects();
        view
    }

    pub fn line_number(&self) -> usize {
        self.line.line.number
    }

    pub fn cues_with(&self, role: Role) -> impl Iterator<Item = (usize, &Cue)> {
        self.cues
            .iter()
            .enumerate()
            .filter(move |(_, c)| c.role == role)
    }

    pub fn has_role(&self, role: Role) -> bool {
        self.cues.iter().any(|c| c.role == role)
    }

    /// True when only spaces (and the given extra chars) stand between `from` and `to`.
    pub fn gap_is(&self, from: usize, to: usize, extra: &[char]) -> bool {
        from <= to
            && self.chars[from..to]
                .iter()
                .all(|c| c.is_whitespace() || extra.contains(c))
    }

    /// The date values of the line.
    pub fn dates(&self) -> impl Iterator<Item = &ValueItem<'_>> {
        self.values.iter().filter(|v| v.kind == MentionKind::Date)
    }

    /// The date nearest to `pos` in this line.
    pub fn date_near(&self, pos: usize) -> Option<&ValueItem<'_>> {
        self.dates().min_by_key(|d| {
            if d.end <= pos {
                pos - d.end
            } else {
                d.start - pos
            }
        })
    }

    /// A line that only sets the time for the next one: a date and no entity or fact cue
    /// (`在 2023 年 11 月的发布会上`, `截至 2024 年 6 月`).
    pub fn is_time_adverbial(&self) -> bool {
        // Names inside a place phrase (去年6月的华为开发者大会上) do not make it a statement.
        let ends_as_place = self
            .chars
            .iter()
            .rev()
            .find(|c| !c.is_whitespace())
            .is_some_and(|&c| matches!(c, '上' | '时' | '中' | '里' | '后' | '前'));
        // A written sentence that ends with its full stop is a statement of its own (`X，于
        // 2002年完成改制。`), even when its names went unrecognized.
        self.dates().next().is_some()
            && !self.ends_sentence()
            && (self.entities.is_empty() || ends_as_place)
            && !self.cues.iter().any(|c| {
                matches!(
                    c.role,
                    Role::Founded | Role::Released | Role::Funding | Role::Renamed
                )
            })
            && !self.values.iter().any(|v| v.kind != MentionKind::Date)
    }

    /// Does the line end a written sentence (its last char a full stop, `。` `！` `？`)? The
    /// line after it states something of its own: it takes no time from this one.
    pub fn ends_sentence(&self) -> bool {
        self.chars
            .iter()
            .rev()
            .find(|c| !c.is_whitespace())
            .is_some_and(|&c| matches!(c, '。' | '！' | '？'))
    }

    /// A line that only turns the talk to a name (`至于星河动力呢`, `光是云岫科技`, `好车汽车
    /// 那边`): one company or product, no value, no cue, and a few chars around it. The lines
    /// before and after it read as one (`营收 / 光是X / 就有 3 亿元`).
    pub fn is_topic_line(&self) -> bool {
        let [e] = self.entities.as_slice() else {
            return false;
        };
        if !(matches!(e.kind, MentionKind::Company | MentionKind::Product)
            && self.values.is_empty()
            && self.cues.is_empty())
        {
            return false;
        }
        let around = self
            .chars
            .iter()
            .enumerate()
            .filter(|&(i, c)| (i < e.start || i >= e.end) && !c.is_whitespace())
            .count();
        matches!(e.kind, MentionKind::Company | MentionKind::Product)
            && self.values.is_empty()
            && self.cues.is_empty()
            && around <= 5
    }

    /// Start of the comma clause holding `pos`.
    pub fn clause_start(&self, pos: usize) -> usize {
        self.chars[..pos]
            .iter()
            .rposition(|&c| matches!(c, '，' | ',' | '。' | '；' | ';' | '！' | '？'))
            .map_or(0, |p| p + 1)
    }

    /// A negation or hedge in the clause before `pos` (from the clause start, at most 8 chars
    /// back) turns a statement into a non-fact.
    pub fn denied_before(&self, pos: usize) -> bool {
        let from = self.clause_start(pos).max(pos.saturating_sub(8));
        self.cues.iter().any(|c| {
            matches!(c.role, Role::Negation | Role::Hedge) && c.start >= from && c.end <= pos
        })
    }

    /// A negation (not a hedge) in the clause before `pos`, at most 8 chars back.
    pub fn negated_before(&self, pos: usize) -> bool {
        let from = self.clause_start(pos).max(pos.saturating_sub(8));
        self.cues
            .iter()
            .any(|c| c.role == Role::Negation && c.start >= from && c.end <= pos)
    }

    /// A hedge (计划, 据传) or talks (正在谈) in the clause before `pos`, at most 12 chars back:
    /// a statement not (yet) a fact. `Some(true)` when it is a plan or talks (what is to come:
    /// talks, and hedges with the value `plan`), `Some(false)` for a rumour or a possibility.
    pub fn hedged_before(&self, pos: usize) -> Option<bool> {
        let from = self.clause_start(pos).max(pos.saturating_sub(12));
        let mut hedges = self
            .cues
            .iter()
            .filter(|c| {
                matches!(c.role, Role::Hedge | Role::Talks) && c.start >= from && c.end <= pos
            })
            .peekable();
        hedges.peek()?;
        Some(hedges.any(|c| c.role == Role::Talks || c.value.as_deref() == Some("plan")))
    }

    /// The line asks a question (ends with 呢 / 吗 / ？, or asks 多少 / 多大 anywhere): the
    /// speaker answers it on the next line.
    pub fn is_question(&self) -> bool {
        let text: String = self.chars.iter().filter(|c| !c.is_whitespace()).collect();
        self.triggers
            .words_of(Role::Question)
            .any(|w| text.ends_with(w) || (w.chars().count() > 1 && text.contains(w)))
    }

    /// Does `from..to` hold a word of the closed class `role` anywhere (现在 in a clause)?
    pub fn holds_class_word(&self, role: Role, from: usize, to: usize) -> bool {
        let text: String = self.chars[from.min(to)..to]
            .iter()
            .filter(|c| !c.is_whitespace())
            .collect();
        self.triggers.words_of(role).any(|w| text.contains(w))
    }

    /// Does `from..to` hold only spaces and words of the closed class `role`, at least one?
    /// (`和`, `、` and `以及` between two names for [`Role::Coordinator`].)
    pub fn gap_of_class(&self, role: Role, from: usize, to: usize) -> bool {
        if from > to {
            return false;
        }
        // A gap whose first char starts no word of the class is none (most gaps): no string
        // to build.
        match self.chars[from..to].iter().find(|c| !c.is_whitespace()) {
            Some(&c) if self.triggers.starts_class_word(role, c) => {}
            _ => return false,
        }
        let gap: String = self.chars[from..to]
            .iter()
            .filter(|c| !c.is_whitespace())
            .collect();
        !gap.is_empty() && self.is_class_sequence(role, &gap)
    }

    /// `text` split into one or more words of class `role`.
    fn is_class_sequence(&self, role: Role, text: &str) -> bool {
        text.is_empty()
            || self.triggers.words_of(role).any(|w| {
                text.strip_prefix(w).is_some_and(|rest| {
                    rest.len() < text.len() && self.is_class_sequence(role, rest)
                })
            })
    }

    /// The first char at or after `from` that is not a space, as a closed-class word?
    pub fn opens_with_class(&self, role: Role) -> bool {
        let text: String = self.chars.iter().take(6).collect();
        let text = text.trim_start();
        self.triggers.words_of(role).any(|w| text.starts_with(w))
    }

    /// Does a [`Role::ComparedWith`] word (比, 相比) follow right after `pos`?
    pub fn compared_after(&self, pos: usize) -> bool {
        match self.chars[pos..].iter().find(|c| !c.is_whitespace()) {
            Some(&c) if self.triggers.starts_class_word(Role::ComparedWith, c) => {}
            _ => return false,
        }
        let rest: String = self.chars[pos..]
            .iter()
            .skip_while(|c| c.is_whitespace())
            .take(4)
            .collect();
        self.triggers
            .words_of(Role::ComparedWith)
            .any(|w| rest.starts_with(w))
    }

    /// Is there a cue of `role` in `from..to`?
    pub fn role_between(&self, role: Role, from: usize, to: usize) -> bool {
        self.cues
            .iter()
            .any(|c| c.role == role && c.start >= from && c.end <= to)
    }

    /// Is an entity preceded directly by a locative (在 X 上)?
    pub fn in_locative(&self, entity: &EntityItem) -> bool {
        self.cues.iter().any(|c| {
            c.role == Role::Locative
                && c.end <= entity.start
                && self.gap_is(c.end, entity.start, &[])
        })
    }

    /// How many years after the year said last this line's time is (`到了第二年`: 1, `成立的
    /// 第三年`: 2), from its first [`Role::YearAfter`] cue within `from..to`; none for a
    /// streak (`连续第二年`).
    pub fn years_after(&self, from: usize, to: usize) -> Option<i32> {
        let cue = self
            .cues
            .iter()
            .find(|c| c.role == Role::YearAfter && c.start >= from && c.end <= to)?;
        let before = &self.chars[..cue.start];
        let streak = self.triggers.words_of(Role::Streak).any(|w| {
            let n = w.chars().count();
            before.len() >= n && before[before.len() - n..].iter().copied().eq(w.chars())
        });
        if streak {
            return None;
        }
        cue.value.as_deref()?.parse().ok()
    }

    /// Is an entity named as the one reporting (据 X 报道, 根据 X 的消息, 援引 X 的报导)? It
    /// is a source then, not what the line is about: a [`Role::Source`] cue right before it,
    /// and a [`Role::ReportNoun`] right after it, or after its 的.
    pub fn is_reporter(&self, entity: &EntityItem) -> bool {
        let after_source = self.cues.iter().any(|c| {
            c.role == Role::Source && c.end <= entity.start && self.gap_is(c.end, entity.start, &[])
        });
        if !after_source {
            return false;
        }
        let mut rest = &self.chars[entity.end.min(self.chars.len())..];
        let skip_space = |r: &mut &[char]| {
            while let [c, tail @ ..] = *r
                && c.is_whitespace()
            {
                *r = tail;
            }
        };
        let starts = |r: &[char], w: &str| {
            let n = w.chars().count();
            r.len() >= n && r[..n].iter().copied().eq(w.chars())
        };
        skip_space(&mut rest);
        if let Some(w) = self
            .triggers
            .words_of(Role::Possessive)
            .find(|w| starts(rest, w))
        {
            rest = &rest[w.chars().count()..];
            skip_space(&mut rest);
        }
        self.triggers
            .words_of(Role::ReportNoun)
            .any(|w| starts(rest, w))
    }

    /// The subject of the line's first clause: the first entity or pronoun before any verbal
    /// cue, after a source adverbial (根据 X) or a reporter (X 公布), outside a locative; a
    /// possessive `A 的 B` names B; coordinated names all count.
    fn find_subjects(&self) -> Vec<SubjectSlot> {
        let mut from = 0;
        let first_cue = self.cues.first();
        let source_first = first_cue.is_some_and(|c| {
            c.role == Role::Source
                && self.gap_is(0, c.start, &[])
                && self.entities.first().is_none_or(|e| e.start >= c.end)
        });
        let reporting = self.cues.iter().find(|c| c.role == Role::Reporting);
        if source_first {
            match reporting {
                Some(r) => from = r.end,
                None => match self.chars.iter().position(|&c| c == '，' || c == ',') {
                    Some(p) => from = p + 1,
                    None => return Vec::new(),
                },
            }
        } else if let Some(r) = reporting
            && (self.entities.iter().any(|e| e.end <= r.start)
                || self
                    .cues
                    .iter()
                    .any(|c| c.role == Role::Pronoun && c.end <= r.start))
        {
            from = r.end;
            // `X 公布了第三季度的财报`: nothing named after the reporting verb, so what is
            // reported is X's own.
            let after = self.subjects_from(from);
            if after.is_empty() {
                return self.subjects_from(0);
            }
            return after;
        }
        self.subjects_from(from)
    }

    /// [`LineView::find_subjects`] from char `from` on.
    fn subjects_from(&self, from: usize) -> Vec<SubjectSlot> {
        // Walk entities and cues in order from `from`.
        let mut e = self
            .entities
            .iter()
            .enumerate()
            .skip_while(|(_, x)| x.start < from);
        let mut next_entity = e.next();
        for (ci, cue) in self
            .cues
            .iter()
            .enumerate()
            .filter(|(_, c)| c.start >= from)
        {
            while let Some((ei, ent)) = next_entity {
                if ent.start >= cue.start {
                    break;
                }
                if !self.in_locative(ent) {
                    return self.subject_phrase(ei);
                }
                next_entity = e.next();
            }
            if cue.role == Role::Pronoun {
                return vec![SubjectSlot::Pronoun(ci)];
            }
            // `创始人是 X 以前的同事`: a title opening the line and said to be someone is about
            // the company in topic; the names after it are not the subject.
            if cue.role == Role::FounderTitle
                && self.gap_is(from, cue.start, &[])
                && self.chars[cue.end..]
                    .iter()
                    .find(|c| !c.is_whitespace())
                    .is_some_and(|&c| self.triggers.is_char(Role::Copula, c))
            {
                return Vec::new();
            }
            if cue.role.is_verbal() && !(cue.role == Role::Reporting && cue.start < from) {
                return Vec::new();
            }
        }
        while let Some((ei, ent)) = next_entity {
            if !self.in_locative(ent) {
                return self.subject_phrase(ei);
            }
            next_entity = e.next();
        }
        Vec::new()
    }

    /// The subject noun phrase starting at entity `first`: possessive heads and coordination.
    fn subject_phrase(&self, first: usize) -> Vec<SubjectSlot> {
        let mut head = first;
        // A 的 B: B is the head when it follows right after.
        while let Some(next) = self.entities.get(head + 1) {
            let cur = &self.entities[head];
            if self.gap_of_class(Role::Possessive, cur.end, next.start)
                && self.chars[cur.end..next.start]
                    .iter()
                    .filter(|c| !c.is_whitespace())
                    .count()
                    == 1
            {
                head += 1;
            } else {
                break;
            }
        }
        let mut out = vec![SubjectSlot::Entity(head)];
        let mut last = head;
        while let Some(next) = self.entities.get(last + 1) {
            let cur = &self.entities[last];
            if self.gap_of_class(Role::Coordinator, cur.end, next.start)
                && next.kind == self.entities[head].kind
            {
                out.push(SubjectSlot::Entity(last + 1));
                last += 1;
            } else {
                break;
            }
        }
        out
    }
}
