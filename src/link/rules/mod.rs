//! The fact rules, one file a predicate. Each rule reads one line (with the lines around it
//! and the discourse state) and proposes [`Draft`] facts. Which words trigger them lives in
//! `dictionaries/triggers.csv`; what is here is how a clause is read:
//! - [`founded`]: 成立 / 创立 with a company as subject or object;
//! - [`founder`]: a person as agent of 创立, `A 由 X 和 Y 创立`, 创始人 with a person;
//! - [`released`]: 发布 / 推出 with a company (or a person's company) as subject and the products
//!   after the verb; `A 的 B` where the catalogue says A owns B; 首款 X of the company in topic;
//! - [`renamed`]: 更名为 between two names;
//! - [`funding`]: 融资 with a company, an amount and/or a round;
//! - [`metric`]: a number next to a metric word, its subject the entity the clause is about.
//!
//! Every file exports `RULES`, a table of [`Rule`]s, each with the sentences (our own, never an
//! episode's) it must and must not read a fact from; `tests/link_rules.rs` runs them all against
//! a small catalogue of the tests' own. [`template`] shows how to add one.
//!
//! Not facts: a clause with a negation or hedge before its verb, products after a comparison
//! (比肩 GPT-4o), and products the catalogue gives to another company than the subject.

pub mod founded;
pub mod founder;
pub mod funding;
pub mod metric;
pub mod released;
pub mod renamed;
pub mod template;

use crate::dictionary::Catalogue;
use crate::model::{MentionKind, Qualifier};

use super::clause::{LineView, ValueItem};
use super::discourse::{Discourse, Referent, Wanted};
use super::triggers::{Cue, Role};

/// The predicates facts are stated with (the contract's closed set).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Predicate {
    Founded,
    Founder,
    Released,
    Renamed,
    Metric,
    Funding,
}

impl Predicate {
    pub fn as_str(self) -> &'static str {
        match self {
            Predicate::Founded => "founded",
            Predicate::Founder => "founder",
            Predicate::Released => "released",
            Predicate::Renamed => "renamed",
            Predicate::Metric => "metric",
            Predicate::Funding => "funding",
        }
    }
}

/// Which way of saying a fact produced it: a fact's `rule` field, for a reviewer to see why it
/// was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RuleId {
    FoundedAfterGathering,
    FoundedNamedLater,
    FoundedObject,
    FoundedPassiveTopic,
    FoundedSubject,
    FoundedTopic,
    FounderAgentVerb,
    FounderApposition,
    FounderBy,
    FounderCopula,
    FounderGroup,
    FounderPronoun,
    FounderRecruited,
    FounderTitle,
    FounderTitleTopic,
    FundingInvested,
    FundingRoundStated,
    FundingRoundTaken,
    FundingVerb,
    FundingVerbTopic,
    MetricBusiness,
    MetricSubject,
    MetricTopic,
    ReleasedFirstProduct,
    ReleasedPossession,
    ReleasedProductSubject,
    ReleasedVerb,
    ReleasedVerbTopic,
    RenamedAlias,
    RenamedVerb,
    RenamedVerbTopic,
}

impl RuleId {
    pub fn as_str(self) -> &'static str {
        match self {
            RuleId::FoundedAfterGathering => "founded.after_gathering",
            RuleId::FoundedNamedLater => "founded.named_later",
            RuleId::FoundedObject => "founded.object",
            RuleId::FoundedPassiveTopic => "founded.passive_topic",
            RuleId::FoundedSubject => "founded.subject",
            RuleId::FoundedTopic => "founded.topic",
            RuleId::FounderAgentVerb => "founder.agent_verb",
            RuleId::FounderApposition => "founder.apposition",
            RuleId::FounderBy => "founder.by",
            RuleId::FounderCopula => "founder.copula",
            RuleId::FounderGroup => "founder.group",
            RuleId::FounderRecruited => "founder.recruited",
            RuleId::FounderPronoun => "founder.pronoun",
            RuleId::FounderTitle => "founder.title",
            RuleId::FounderTitleTopic => "founder.title_topic",
            RuleId::FundingInvested => "funding.invested",
            RuleId::FundingRoundStated => "funding.round_stated",
            RuleId::FundingRoundTaken => "funding.round_taken",
            RuleId::FundingVerb => "funding.verb",
            RuleId::FundingVerbTopic => "funding.verb_topic",
            RuleId::MetricBusiness => "metric.business",
            RuleId::MetricSubject => "metric.subject",
            RuleId::MetricTopic => "metric.topic",
            RuleId::ReleasedFirstProduct => "released.first_product",
            RuleId::ReleasedPossession => "released.possession",
            RuleId::ReleasedProductSubject => "released.product_subject",
            RuleId::ReleasedVerb => "released.verb",
            RuleId::ReleasedVerbTopic => "released.verb_topic",
            RuleId::RenamedAlias => "renamed.alias",
            RuleId::RenamedVerb => "renamed.verb",
            RuleId::RenamedVerbTopic => "renamed.verb_topic",
        }
    }
}

/// A sentence a rule is shown with, and the facts it must and must not give. A fact is
/// written `predicate(subject)` or `predicate(subject -> object)`, then any `key=value`
/// attributes it must have (`date`, `metric`, `value`, `unit`, `currency`, `qualifier`,
/// `as_of`, `round`, `forecast`); names are the test catalogue's canonical names.
#[derive(Debug, Clone, Copy)]
pub struct Example {
    /// Lines of a transcript, `\n` between them; the reference date is 2025-03-01.
    pub text: &'static str,
    /// Facts it must give.
    pub gives: &'static [&'static str],
    /// Facts it must not give (a subject or attribute the rule must not be fooled into).
    pub not: &'static [&'static str],
}

/// One way of saying a fact: what it proposes, from which line, and its examples.
pub struct Rule {
    pub id: RuleId,
    pub predicate: Predicate,
    pub apply: for<'v, 'a> fn(&Context<'v, 'a>, &mut Vec<Draft<'a>>),
    pub examples: &'static [Example],
}

/// Every rule, in the order they run (a fact stated twice keeps the first draft's rule).
pub fn all() -> impl Iterator<Item = &'static Rule> {
    [
        founded::RULES,
        founder::RULES,
        released::RULES,
        renamed::RULES,
        funding::RULES,
        metric::RULES,
    ]
    .into_iter()
    .flatten()
}

/// A proposed fact before merging and ids.
#[derive(Debug, Clone)]
pub struct Draft<'a> {
    pub predicate: Predicate,
    pub subject: Referent<'a>,
    pub object: Option<Referent<'a>>,
    pub metric: Option<String>,
    pub value: Option<f64>,
    pub value_max: Option<f64>,
    pub unit: Option<String>,
    pub currency: Option<String>,
    pub qualifier: Option<Qualifier>,
    pub date: Option<String>,
    pub as_of: Option<String>,
    pub round: Option<String>,
    pub forecast: bool,
    /// Said with a hedge (计划, 据传, 正在谈): kept, at a lower confidence.
    pub hedged: bool,
    /// First and last line index the evidence spans.
    pub first_line: usize,
    pub last_line: usize,
    pub rule: RuleId,
    /// A number said without a money word, read as money (`亏了 3000 多万`): its line and
    /// start (chars of the normalized line), so its mention becomes money too.
    pub money_at: Option<(usize, usize)>,
}

impl<'a> Draft<'a> {
    pub fn new(predicate: Predicate, subject: Referent<'a>, line: usize, rule: RuleId) -> Self {
        let first = subject.line.min(line);
        Draft {
            predicate,
            subject,
            object: None,
            metric: None,
            value: None,
            value_max: None,
            unit: None,
            currency: None,
            qualifier: None,
            date: None,
            as_of: None,
            round: None,
            forecast: false,
            hedged: false,
            first_line: first,
            last_line: line,
            rule,
            money_at: None,
        }
    }

    pub fn cover(&mut self, line: usize) {
        self.first_line = self.first_line.min(line);
        self.last_line = self.last_line.max(line);
    }

    /// Resolution steps taken for subject and object.
    pub fn steps(&self) -> u8 {
        self.subject.steps + self.object.as_ref().map_or(0, |o| o.steps)
    }
}

/// Everything a rule may look at for one line.
pub struct Context<'v, 'a> {
    pub catalogue: &'a Catalogue,
    pub view: &'v LineView<'a>,
    pub previous: Option<&'v LineView<'a>>,
    /// The line after, for a clause that runs on past the line break (发布了 / Mooncake).
    pub next: Option<&'v LineView<'a>>,
    /// Every line of the episode (this one is `lines[view.index]`), for a statement whose
    /// parts lie several lines apart (`成立了两家子公司 / 一家叫A / 另一家叫B`).
    pub lines: &'v [LineView<'a>],
    pub discourse: &'v Discourse<'a>,
}

impl<'a> Context<'_, 'a> {
    pub fn line(&self) -> usize {
        self.view.index
    }

    /// A negation or hedge in the clause before `pos` turns a statement into a non-fact
    /// ([`LineView::denied_before`]).
    pub fn denied_before(&self, pos: usize) -> bool {
        self.view.denied_before(pos)
    }

    /// Start of the comma clause holding `pos` ([`LineView::clause_start`]).
    pub fn clause_start(&self, pos: usize) -> usize {
        self.view.clause_start(pos)
    }

    /// The date for an event stated at `pos`: in the line, else from a line before that only
    /// sets the time, else a company anniversary (公司一周年) in the line before.
    pub fn event_date(&self, pos: usize) -> (Option<String>, Option<usize>) {
        if let Some(d) = self.view.date_near(pos) {
            return (d.value.as_date().map(str::to_string), None);
        }
        if let Some(prev) = self.previous {
            if prev.is_time_adverbial()
                && let Some(d) = prev.dates().last()
            {
                return (d.value.as_date().map(str::to_string), Some(prev.index));
            }
            if let Some(date) = self.anniversary(prev) {
                return (Some(date), Some(prev.index));
            }
            // A line that opens with its verb (no subject of its own) continues the line
            // before, and so does its time: 2023年4月谷歌把A和B合并 / 成立了新的C. Not after a
            // written sentence that ended with its full stop: the next one is a statement
            // of its own.
            if !prev.ends_sentence()
                && self.continues_previous_line()
                && let Some(d) = prev.dates().last()
            {
                return (d.value.as_date().map(str::to_string), Some(prev.index));
            }
        }
        (None, None)
    }

    /// The line names no subject and its first cue is a verb (or it opens with 同时 / 随后).
    pub fn continues_previous_line(&self) -> bool {
        let view = self.view;
        if !view.subjects.is_empty() {
            return false;
        }
        if view.opens_with_class(Role::Connective) {
            return true;
        }
        view.cues.first().is_some_and(|c| c.role.is_verbal())
            && view
                .entities
                .first()
                .is_none_or(|e| e.start >= view.cues[0].end)
    }

    /// `公司一周年` / `成立三周年`: the founding date of the company in topic plus N years.
    pub fn anniversary(&self, view: &LineView) -> Option<String> {
        let cue = view.cues_with(Role::Anniversary).next()?.1;
        // The years are the cue's value (一周年) or the digit before it (3 周年).
        let years: i32 = match cue.value.as_deref() {
            Some(v) => v.parse().ok()?,
            None => view.chars[..cue.start]
                .iter()
                .rev()
                .find(|c| !c.is_whitespace())?
                .to_digit(10)? as i32,
        };
        let company = self.discourse.resolve(view, cue.start, Wanted::Company)?;
        let founded = self.discourse.founded_dates.get(company.entity_id?)?;
        let (year, rest) = founded.split_at(4.min(founded.len()));
        let year: i32 = year.parse().ok()?;
        Some(format!("{}{rest}", year + years))
    }

    /// Entities of `kind` that a clause ending the line at `pos` runs on into: the line has
    /// nothing after `pos` but a few function chars, and the next line starts with them; or
    /// the line ends with what was made, said as a kind of thing (`推出了企业版`, `发布了新的
    /// 旗舰机`), and the next line names it with a naming word (`叫X`, `名字叫X`).
    pub fn run_on(&self, pos: usize, kind: MentionKind) -> Vec<Referent<'a>> {
        let view = self.view;
        let Some(next) = self.next else {
            return Vec::new();
        };
        let rest = view.chars[pos..]
            .iter()
            .filter(|c| !c.is_whitespace())
            .count();
        let named_next = next
            .entities
            .first()
            .is_some_and(|e| e.kind == kind && next.gap_of_class(Role::Naming, 0, e.start));
        let longest = if named_next { 8 } else { 3 };
        if rest > longest || view.entities.iter().any(|e| e.start >= pos) {
            return Vec::new();
        }
        // The next line must open with the name, not with a comparison (比 Sora 还早).
        if next.cues.first().is_some_and(|c| {
            c.role == Role::Comparison && next.entities.first().is_none_or(|e| c.start < e.start)
        }) {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut from = 0;
        for e in &next.entities {
            let limit = if out.is_empty() { 6 } else { 2 };
            if e.kind != kind || e.start - from > limit {
                break;
            }
            out.push(Referent::from_item(e, next.index, 0));
            from = e.end;
        }
        out
    }

    /// A written sentence (punctuated) that opens with a subject of its own the recognizer
    /// did not name: its first clause that is more than a date starts with two or more
    /// Chinese chars no entity, value or cue covers, and goes on with 于 / 在 / 由 / 的 / 是
    /// or a founding verb (`白露茶业在安溪诞生，创始人是…`, `和风日料于2014年开业，创始人
    /// 为…`). A fact on such a line is about that subject: a company in topic from another
    /// line is not carried onto it. Spoken lines (no punctuation) drop subjects freely and
    /// are never read so.
    pub fn opens_with_unnamed_subject(&self, pos: usize) -> bool {
        let view = self.view;
        let chars = view.chars;
        if !chars.iter().any(|&c| c == '，' || c == '。' || c == ',') {
            return false;
        }
        let sentence = chars[..pos]
            .iter()
            .rposition(|&c| "。！？!?".contains(c))
            .map_or(0, |i| i + 1);
        let covered = |i: usize| {
            view.entities.iter().any(|e| e.start <= i && i < e.end)
                || view.values.iter().any(|v| v.start <= i && i < v.end)
                || view.cues.iter().any(|c| c.start <= i && i < c.end)
        };
        let mut from = sentence;
        while from < pos {
            let end = chars[from..]
                .iter()
                .position(|&c| "，,；;：:".contains(c))
                .map_or(chars.len(), |p| from + p);
            let only_date = (from..end).all(|i| chars[i].is_whitespace() || covered(i));
            if !only_date {
                break;
            }
            from = end + 1;
        }
        let mut i = from;
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        let start = i;
        while i < chars.len()
            && crate::normalize::is_cjk(chars[i])
            && !covered(i)
            && !(i >= start + 2 && "于在由的是".contains(chars[i]))
        {
            i += 1;
        }
        // `凌云器材公司的…`: a reference word (公司) ending the unnamed name.
        if let Some(c) = view
            .cues
            .iter()
            .find(|c| c.start == i && c.role == Role::Pronoun)
        {
            i = c.end;
        }
        if i - start < 2 || i >= pos {
            return false;
        }
        "于在由的是".contains(chars[i])
            || view
                .cues
                .iter()
                .any(|c| c.start == i && c.role == Role::Founded)
    }

    /// The explicit subject before `pos` in this line: the nearest entity of a wanted kind (a
    /// person also stands for the company it belongs to when a company is wanted), or a
    /// pronoun resolved through the discourse.
    pub fn subject_before(&self, pos: usize, wanted: Wanted) -> Option<Referent<'a>> {
        let view = self.view;
        let from = self.clause_start(pos);
        let entity = view
            .entities
            .iter()
            .rev()
            .find(|e| e.end <= pos && e.start >= from && wanted.accepts(e.kind));
        let pronoun = view
            .cues
            .iter()
            .rev()
            .find(|c| c.role == Role::Pronoun && c.end <= pos && c.start >= from);
        match (entity, pronoun) {
            (Some(e), Some(p)) if p.start > e.end => self.resolve_pronoun(p, wanted),
            (Some(e), _) => Some(Referent::from_item(e, view.index, 0)),
            (None, Some(p)) => self.resolve_pronoun(p, wanted),
            (None, None) => None,
        }
    }

    /// The subject the line's first clause names, when that clause ends before `pos`
    /// (`X，成立于2016年，创办人是Y`: the later clauses drop it).
    pub fn line_subject_before(&self, pos: usize, wanted: Wanted) -> Option<Referent<'a>> {
        let view = self.view;
        let from = self.clause_start(pos);
        view.subjects.iter().find_map(|s| match *s {
            super::clause::SubjectSlot::Entity(i) => {
                let e = &view.entities[i];
                (e.end <= from && wanted.accepts(e.kind))
                    .then(|| Referent::from_item(e, view.index, 0))
            }
            super::clause::SubjectSlot::Pronoun(_) => None,
        })
    }

    /// A pronoun's referent, reaching past the usual topic distance when nothing else of
    /// its kind was named since ([`super::discourse::PRONOUN_DISTANCE`]).
    pub fn resolve_pronoun_far(&self, cue: &Cue, wanted: Wanted) -> Option<Referent<'a>> {
        self.resolve_pronoun(cue, wanted).or_else(|| {
            let pointed = Wanted::from_cue(cue.value.as_deref());
            let r = self.discourse.topic_within(
                self.view.index,
                pointed,
                super::discourse::PRONOUN_DISTANCE,
            )?;
            wanted.accepts(r.kind).then_some(r)
        })
    }

    pub fn resolve_pronoun(&self, cue: &Cue, wanted: Wanted) -> Option<Referent<'a>> {
        let pointed = Wanted::from_cue(cue.value.as_deref());
        let r = self.discourse.resolve(self.view, cue.start, pointed)?;
        wanted.accepts(r.kind).then_some(r)
    }

    /// The company behind a statement at `pos`: explicit (or through a person's affiliation)
    /// before it, else the clause's zero subject.
    pub fn company_before(&self, pos: usize) -> Option<Referent<'a>> {
        if let Some(r) = self.subject_before(pos, Wanted::Company) {
            return Some(r);
        }
        let from = self.clause_start(pos);
        if let Some(person) = self
            .view
            .entities
            .iter()
            .rev()
            .find(|e| e.end <= pos && e.start >= from && e.kind == MentionKind::Person)
            && let Some(company) = person
                .affiliation
                .and_then(|id| self.catalogue.get(id))
                .filter(|c| c.kind == MentionKind::Company)
        {
            // A person acting for their company: one resolution step.
            let mut r = Referent::from_item(person, self.line(), 1);
            r.kind = MentionKind::Company;
            r.entity_id = Some(&company.id);
            r.name = &company.name;
            r.owner = None;
            r.affiliation = None;
            return Some(r);
        }
        if self
            .view
            .entities
            .iter()
            .any(|e| e.end <= pos && e.start >= from)
        {
            // Somebody else is named before the verb: not our topic's statement.
            return None;
        }
        self.discourse.zero_subject(self.view, Wanted::Company)
    }
}

/// `released` needs the product to belong to the subject when the catalogue knows its owner.
/// A company's `affiliation` in the catalogue is its parent group, so a product of 阿里云 is
/// also one of 阿里巴巴, and 火山引擎 may present a product of 字节跳动.
pub fn owned_by(catalogue: &Catalogue, product: &Referent, company: &Referent) -> bool {
    match (product.owner, company.entity_id) {
        (Some(owner), Some(id)) => {
            owner == id || in_group(catalogue, owner, id) || in_group(catalogue, id, owner)
        }
        _ => true,
    }
}

/// Is `ancestor` a parent group of company `id` (up to four levels)?
pub fn in_group(catalogue: &Catalogue, id: &str, ancestor: &str) -> bool {
    let mut current = id;
    for _ in 0..4 {
        match catalogue
            .get(current)
            .and_then(|e| e.affiliation.as_deref())
        {
            Some(parent) if parent == ancestor => return true,
            Some(parent) => current = parent,
            None => return false,
        }
    }
    false
}
pub fn push_founded<'a>(
    out: &mut Vec<Draft<'a>>,
    company: Referent<'a>,
    date: Option<String>,
    date_line: Option<usize>,
    line: usize,
    rule: RuleId,
) {
    let mut d = Draft::new(Predicate::Founded, company, line, rule);
    d.date = date;
    if let Some(l) = date_line {
        d.cover(l);
    }
    out.push(d);
}

/// A number said as people say an amount with no money word: no unit, and large enough to be
/// no count of something else (`融了 2 个亿`, `亏了 3000 多万`; not `3 轮`, `200 人`).
pub fn is_bare_amount(v: &ValueItem) -> bool {
    v.kind == MentionKind::Number
        && v.unit.is_none()
        && v.value.as_number().is_some_and(|n| n.abs() >= 1e6)
}

pub fn set_amount(d: &mut Draft, v: &ValueItem) {
    d.value = v.value.as_number();
    d.value_max = v.value_max;
    d.unit = v.unit.map(str::to_string);
    d.currency = v.currency.map(str::to_string);
    d.qualifier = v.qualifier;
}
/// A founding date the discourse should remember (for anniversaries), and the company whose
/// founders a line named (for founders listed on the lines after).
pub fn remember_founding<'a>(discourse: &mut Discourse<'a>, drafts: &[Draft<'a>]) {
    for d in drafts.iter().filter(|d| d.predicate == Predicate::Founder) {
        let Some(company) = d.object else { continue };
        match &mut discourse.founders_of {
            Some((c, people, line)) if c.id_or_name() == company.id_or_name() => {
                people.push(d.subject);
                *line = d.last_line;
            }
            slot => *slot = Some((company, vec![d.subject], d.last_line)),
        }
    }
    for d in drafts.iter().filter(|d| d.predicate == Predicate::Founded) {
        if let (Some(id), Some(date)) = (d.subject.entity_id, &d.date) {
            discourse
                .founded_dates
                .entry(id.to_string())
                .or_insert_with(|| date.clone());
        }
    }
}

/// The value of a number mention, for ids.
pub fn value_key(v: Option<f64>) -> String {
    v.map(crate::model::number::format).unwrap_or_default()
}
