//! The fact rules. Each reads one line (with the line before it and the discourse state) and
//! proposes [`Draft`] facts. Which words trigger them lives in `dictionaries/triggers.csv`;
//! what is here is how a clause is read:
//! - `founded` / `founder`: 成立 / 创立 with a company as subject or object, a person as agent;
//!   创始人 followed by a person names the founder of the company before it or in topic;
//! - `released`: 发布 / 推出 with a company (or a person's company) as subject and the products
//!   after the verb; `A 的 B` where the catalogue says A owns B; 首款 X of the company in topic;
//! - `renamed`: 更名为 between two names;
//! - `funding`: 融资 with a company, an amount and/or a round;
//! - `metric`: a number next to a metric word, its subject the entity the clause is about.
//!
//! Not facts: a clause with a negation or hedge before its verb, products after a comparison
//! (比肩 GPT-4o), and products the catalogue gives to another company than the subject.

use crate::dictionary::Catalogue;
use crate::model::{MentionKind, Qualifier};

use super::clause::{EntityItem, LineView, ValueItem};
use super::discourse::{Discourse, Referent, Wanted};
use super::triggers::{Cue, Role};

/// A proposed fact before merging and ids.
#[derive(Debug, Clone)]
pub struct Draft<'a> {
    pub predicate: &'static str,
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
    /// First and last line index the evidence spans.
    pub first_line: usize,
    pub last_line: usize,
    pub rule: String,
}

impl<'a> Draft<'a> {
    fn new(predicate: &'static str, subject: Referent<'a>, line: usize, rule: &str) -> Self {
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
            first_line: first,
            last_line: line,
            rule: rule.to_string(),
        }
    }

    fn cover(&mut self, line: usize) {
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
    pub discourse: &'v Discourse<'a>,
}

impl<'a> Context<'_, 'a> {
    fn line(&self) -> usize {
        self.view.index
    }

    /// A negation or hedge in the clause before `pos` (from the clause start, at most 8 chars
    /// back) turns a statement into a non-fact.
    fn denied_before(&self, pos: usize) -> bool {
        let from = self.clause_start(pos).max(pos.saturating_sub(8));
        self.view.cues.iter().any(|c| {
            matches!(c.role, Role::Negation | Role::Hedge) && c.start >= from && c.end <= pos
        })
    }

    /// Start of the comma clause holding `pos`.
    fn clause_start(&self, pos: usize) -> usize {
        self.view.chars[..pos]
            .iter()
            .rposition(|&c| matches!(c, '，' | ',' | '。' | '；' | ';' | '！' | '？'))
            .map_or(0, |p| p + 1)
    }

    /// The date for an event stated at `pos`: in the line, else from a line before that only
    /// sets the time, else a company anniversary (公司一周年) in the line before.
    fn event_date(&self, pos: usize) -> (Option<String>, Option<usize>) {
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
            // before, and so does its time: 2023年4月谷歌把A和B合并 / 成立了新的C.
            if self.continues_previous_line()
                && let Some(d) = prev.dates().last()
            {
                return (d.value.as_date().map(str::to_string), Some(prev.index));
            }
        }
        (None, None)
    }

    /// The line names no subject and its first cue is a verb (or it opens with 同时 / 随后).
    fn continues_previous_line(&self) -> bool {
        let view = self.view;
        if !view.subjects.is_empty() {
            return false;
        }
        let opens_with = |w: &str| {
            let text: String = view.chars.iter().take(w.chars().count()).collect();
            text == w
        };
        if ["同时", "随后", "紧接着", "并且", "还"]
            .iter()
            .any(|w| opens_with(w))
        {
            return true;
        }
        view.cues.first().is_some_and(|c| c.role.is_verbal())
            && view
                .entities
                .first()
                .is_none_or(|e| e.start >= view.cues[0].end)
    }

    /// `公司一周年` / `成立三周年`: the founding date of the company in topic plus N years.
    fn anniversary(&self, view: &LineView) -> Option<String> {
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
    /// nothing after `pos` but a few function chars, and the next line starts with them.
    fn run_on(&self, pos: usize, kind: MentionKind) -> Vec<Referent<'a>> {
        let view = self.view;
        let Some(next) = self.next else {
            return Vec::new();
        };
        let rest = view.chars[pos..]
            .iter()
            .filter(|c| !c.is_whitespace())
            .count();
        if rest > 3 || view.entities.iter().any(|e| e.start >= pos) {
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

    /// The explicit subject before `pos` in this line: the nearest entity of a wanted kind (a
    /// person also stands for the company it belongs to when a company is wanted), or a
    /// pronoun resolved through the discourse.
    fn subject_before(&self, pos: usize, wanted: Wanted) -> Option<Referent<'a>> {
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

    fn resolve_pronoun(&self, cue: &Cue, wanted: Wanted) -> Option<Referent<'a>> {
        let pointed = Wanted::from_cue(cue.value.as_deref());
        let r = self.discourse.resolve(self.view, cue.start, pointed)?;
        wanted.accepts(r.kind).then_some(r)
    }

    /// The company behind a statement at `pos`: explicit (or through a person's affiliation)
    /// before it, else the clause's zero subject.
    fn company_before(&self, pos: usize) -> Option<Referent<'a>> {
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
fn owned_by(catalogue: &Catalogue, product: &Referent, company: &Referent) -> bool {
    match (product.owner, company.entity_id) {
        (Some(owner), Some(id)) => {
            owner == id || in_group(catalogue, owner, id) || in_group(catalogue, id, owner)
        }
        _ => true,
    }
}

/// Is `ancestor` a parent group of company `id` (up to four levels)?
fn in_group(catalogue: &Catalogue, id: &str, ancestor: &str) -> bool {
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

pub fn founded<'a>(cx: &Context<'_, 'a>, out: &mut Vec<Draft<'a>>) {
    let view = cx.view;
    for (_, cue) in view.cues_with(Role::Founded) {
        if cx.denied_before(cue.start) {
            continue;
        }
        let (date, date_line) = cx.event_date(cue.start);
        // The company founded after the verb (成立了零一万物), if any.
        let object = view
            .entities
            .iter()
            .find(|e| {
                // 成立了零一万物, 成立了新的 Google DeepMind: a few function chars between.
                e.start >= cue.end
                    && e.kind == MentionKind::Company
                    && e.start - cue.end <= 4
                    && !view
                        .entities
                        .iter()
                        .any(|o| o.start >= cue.end && o.end <= e.start)
            })
            .map(|e| Referent::from_item(e, view.index, 0));
        // With a company founded after the verb, the one who founded it is a person when
        // the clause names one (他离开 OpenAI 创办了 SSI).
        let person_first = object
            .as_ref()
            .and_then(|_| cx.subject_before(cue.start, Wanted::Person));
        let agent = person_first
            .or_else(|| cx.subject_before(cue.start, Wanted::Thing))
            .or_else(|| cx.subject_before(cue.start, Wanted::Person))
            .or_else(|| {
                let from = cx.clause_start(cue.start);
                let named_before = view
                    .entities
                    .iter()
                    .any(|e| e.end <= cue.start && e.start >= from);
                if named_before {
                    return None;
                }
                let last = cx.discourse.last_subjects(view.index);
                if last.is_empty() {
                    cx.discourse
                        .zero_subject(view, Wanted::Company)
                        .map(|r| vec![r])
                } else {
                    Some(last)
                }
                .and_then(|mut v| {
                    // Several companies founded together (A、B和C 相继成立).
                    if v.len() > 1 && object.is_none() {
                        let first = v.remove(0);
                        for other in v.into_iter().filter(|r| r.kind == MentionKind::Company) {
                            push_founded(
                                out,
                                other,
                                date.clone(),
                                date_line,
                                view.index,
                                "founded.topic",
                            );
                        }
                        Some(first)
                    } else {
                        v.into_iter().next()
                    }
                })
            });
        match (agent, object) {
            (Some(agent), Some(company)) if agent.kind == MentionKind::Person => {
                let mut d = Draft::new("founder", agent, view.index, "founder.agent_verb");
                d.object = Some(company);
                out.push(d);
                if date.is_some() {
                    push_founded(out, company, date, date_line, view.index, "founded.object");
                }
            }
            (_, Some(company)) if date.is_some() => {
                push_founded(out, company, date, date_line, view.index, "founded.object");
            }
            (Some(agent), None) if agent.kind == MentionKind::Company => {
                let rule = if agent.steps == 0 {
                    "founded.subject"
                } else {
                    "founded.topic"
                };
                push_founded(out, agent, date, date_line, view.index, rule);
            }
            _ => {}
        }
    }
}

/// `A 由 X 和 Y 创立`: the people named between a company and the founding verb founded it.
pub fn founded_by<'a>(cx: &Context<'_, 'a>, out: &mut Vec<Draft<'a>>) {
    let view = cx.view;
    for (_, cue) in view.cues_with(Role::Founded) {
        if cx.denied_before(cue.start) {
            continue;
        }
        let from = cx.clause_start(cue.start);
        let before: Vec<_> = view
            .entities
            .iter()
            .filter(|e| e.start >= from && e.end <= cue.start)
            .collect();
        let company_at = before.iter().rposition(|e| e.kind == MentionKind::Company);
        let people = &before[company_at.map_or(0, |c| c + 1)..];
        if people.is_empty() || people.iter().any(|e| e.kind != MentionKind::Person) {
            continue;
        }
        let company = match company_at {
            Some(ci) => Referent::from_item(before[ci], view.index, 0),
            None => {
                // 1998年由马化腾等五位创始人创办: passive, the company is the one in topic.
                let by = view.chars[from..people[0].start]
                    .iter()
                    .rev()
                    .find(|c| !c.is_whitespace());
                if by != Some(&'由') {
                    continue;
                }
                let Some(company) = cx.discourse.zero_subject(view, Wanted::Company) else {
                    continue;
                };
                let (date, date_line) = cx.event_date(cue.start);
                push_founded(
                    out,
                    company,
                    date,
                    date_line,
                    view.index,
                    "founded.passive_topic",
                );
                company
            }
        };
        for person in people {
            let mut d = Draft::new(
                "founder",
                Referent::from_item(person, view.index, 0),
                view.index,
                "founder.by",
            );
            d.cover(company.line);
            d.object = Some(company);
            out.push(d);
        }
    }
}

fn push_founded<'a>(
    out: &mut Vec<Draft<'a>>,
    company: Referent<'a>,
    date: Option<String>,
    date_line: Option<usize>,
    line: usize,
    rule: &str,
) {
    let mut d = Draft::new("founded", company, line, rule);
    d.date = date;
    if let Some(l) = date_line {
        d.cover(l);
    }
    out.push(d);
}

pub fn founder_title<'a>(cx: &Context<'_, 'a>, out: &mut Vec<Draft<'a>>) {
    let view = cx.view;
    for (_, cue) in view.cues_with(Role::FounderTitle) {
        // The founder is named right after the title (创始人兼CEO X allows a short title).
        let in_line = view.entities.iter().position(|e| {
            e.kind == MentionKind::Person
                && e.start >= cue.end
                && e.start - cue.end <= 6
                && !view
                    .entities
                    .iter()
                    .any(|o| o.start >= cue.end && o.end <= e.start)
        });
        // X 是 A 的创始人: the person stands before the company the title belongs to (and
        // the clause does not run on into the next line).
        if in_line.is_none() && founder_named_before(cx, cue, out) {
            continue;
        }
        let person = in_line
            .map(|i| Referent::from_item(&view.entities[i], view.index, 0))
            .or_else(|| cx.run_on(cue.end, MentionKind::Person).into_iter().next());
        let Some(person) = person else {
            continue;
        };
        if cx.denied_before(cue.start) {
            continue;
        }
        // 创始人是 A 和 B: every person coordinated with the first.
        let mut people = vec![person];
        if let Some(first) = in_line {
            let mut last = first;
            while let Some(next) = view.entities.get(last + 1) {
                let gap = &view.chars[view.entities[last].end..next.start];
                let marks = gap.iter().filter(|c| !c.is_whitespace()).count();
                let coordinated = (1..=2).contains(&marks)
                    && gap.iter().all(|&c| {
                        c.is_whitespace() || matches!(c, '和' | '、' | '与' | '及' | '，')
                    });
                if next.kind != MentionKind::Person || !coordinated {
                    break;
                }
                people.push(Referent::from_item(next, view.index, 0));
                last += 1;
            }
        }
        // The company: the nearest name before the title in its clause, else the topic.
        let from = cx.clause_start(cue.start);
        let before = view
            .entities
            .iter()
            .rev()
            .find(|e| e.end <= cue.start && e.start >= from);
        let company = match before {
            // A 的创始人, or A 成立于 2021 年 创始人是 X.
            Some(e) if e.kind == MentionKind::Company => {
                Some(Referent::from_item(e, view.index, 0))
            }
            // Somebody else is named just before: whose founder this is, is not said.
            Some(_) => None,
            None => cx
                .subject_before(cue.start, Wanted::Company)
                .or_else(|| cx.discourse.resolve(view, cue.start, Wanted::Company)),
        };
        let Some(company) = company else { continue };
        let rule = if company.steps == 0 {
            "founder.title"
        } else {
            "founder.title_topic"
        };
        for person in people {
            let person_line = person.line;
            let mut d = Draft::new("founder", person, view.index, rule);
            d.cover(person_line);
            d.cover(company.line);
            d.object = Some(company);
            out.push(d);
        }
    }
}

/// `雷军是小米的创始人`, `X 作为 A 的联合创始人`: person, copula, company 的, title. True when
/// the clause has that shape (a fact is then pushed unless it is denied).
fn founder_named_before<'a>(cx: &Context<'_, 'a>, cue: &Cue, out: &mut Vec<Draft<'a>>) -> bool {
    let view = cx.view;
    let from = cx.clause_start(cue.start);
    let before: Vec<&EntityItem> = view
        .entities
        .iter()
        .filter(|e| e.start >= from && e.end <= cue.start)
        .collect();
    let [.., person, company] = before[..] else {
        return false;
    };
    let copula: String = view.chars[person.end..company.start]
        .iter()
        .filter(|c| !c.is_whitespace())
        .collect();
    if person.kind != MentionKind::Person
        || company.kind != MentionKind::Company
        || !view.gap_is(company.end, cue.start, &['的'])
        || !matches!(copula.as_str(), "是" | "也是" | "作为" | "为" | "就是")
    {
        return false;
    }
    if cx.denied_before(cue.start) {
        return true;
    }
    let mut d = Draft::new(
        "founder",
        Referent::from_item(person, view.index, 0),
        view.index,
        "founder.copula",
    );
    d.object = Some(Referent::from_item(company, view.index, 0));
    out.push(d);
    true
}

pub fn released<'a>(cx: &Context<'_, 'a>, out: &mut Vec<Draft<'a>>) {
    let view = cx.view;
    for (_, cue) in view.cues_with(Role::Released) {
        if cx.denied_before(cue.start) {
            continue;
        }
        // Products after the verb, up to a comparison.
        let stop = view
            .cues
            .iter()
            .filter(|c| c.role == Role::Comparison && c.start >= cue.end)
            .map(|c| c.start)
            .min()
            .unwrap_or(view.chars.len());
        let next_verb = view
            .cues
            .iter()
            .filter(|c| {
                c.start >= cue.end
                    && matches!(c.role, Role::Released | Role::Founded | Role::Renamed)
            })
            .map(|c| c.start)
            .min()
            .unwrap_or(view.chars.len());
        let stop = stop.min(next_verb);
        let (date, date_line) = cx.event_date(cue.start);
        let after = |linked: bool| -> Vec<Referent> {
            view.entities
                .iter()
                .filter(|e| {
                    e.kind == MentionKind::Product
                        && e.start >= cue.end
                        && e.end <= stop
                        && e.is_linked() == linked
                })
                .map(|e| Referent::from_item(e, view.index, 0))
                .collect()
        };
        // A name the catalogue lacks counts only where no catalogue product is named.
        let mut products = after(true);
        if products.is_empty() {
            products = after(false);
        }
        // 豆包是2023年8月上线的: the product stands before the verb; otherwise the clause may
        // run on into the next line (发布了 / Mooncake).
        let from = cx.clause_start(cue.start);
        let product_before = view
            .entities
            .iter()
            .any(|e| e.kind == MentionKind::Product && e.start >= from && e.end <= cue.start);
        if products.is_empty() && !product_before {
            products = cx.run_on(cue.end, MentionKind::Product);
        }
        if products.is_empty() {
            product_subject_release(cx, cue, date, date_line, out);
            continue;
        }
        let Some(company) = cx.company_before(cue.start) else {
            continue;
        };
        for product in products {
            if !owned_by(cx.catalogue, &product, &company) {
                continue;
            }
            let rule = match company.steps {
                0 => "released.verb",
                _ => "released.verb_topic",
            };
            let mut d = Draft::new("released", company, view.index, rule);
            d.cover(product.line);
            d.object = Some(product);
            d.date = date.clone();
            if let Some(l) = date_line {
                d.cover(l);
            }
            out.push(d);
        }
    }
    released_first_product(cx, out);
    released_possession(cx, out);
}

/// `豆包这个App是2023年8月上线的`, `它的混元大模型是2023年9月发布的`: the product is the
/// clause's subject and the company that owns it is named before it or is the topic. The
/// catalogue must know the owner: a product of another company named in passing is no fact.
fn product_subject_release<'a>(
    cx: &Context<'_, 'a>,
    cue: &Cue,
    date: Option<String>,
    date_line: Option<usize>,
    out: &mut Vec<Draft<'a>>,
) {
    let view = cx.view;
    let from = cx.clause_start(cue.start);
    let Some(item) = view
        .entities
        .iter()
        .rev()
        .find(|e| e.start >= from && e.end <= cue.start)
        .filter(|e| e.kind == MentionKind::Product)
    else {
        return;
    };
    let product = Referent::from_item(item, view.index, 0);
    if product.owner.is_none() {
        return;
    }
    let company = cx
        .subject_before(item.start, Wanted::Company)
        .or_else(|| cx.discourse.zero_subject(view, Wanted::Company));
    let Some(company) = company else { return };
    if !owned_by(cx.catalogue, &product, &company) {
        return;
    }
    let mut d = Draft::new("released", company, view.index, "released.product_subject");
    d.object = Some(product);
    d.date = date;
    if let Some(l) = date_line {
        d.cover(l);
    }
    out.push(d);
}

/// 首款 X: the first product of the company in topic.
fn released_first_product<'a>(cx: &Context<'_, 'a>, out: &mut Vec<Draft<'a>>) {
    let view = cx.view;
    for (_, cue) in view.cues_with(Role::ReleasedNp) {
        let Some(product) = view.entities.iter().find(|e| {
            e.kind == MentionKind::Product && e.start >= cue.end && e.start - cue.end <= 12
        }) else {
            continue;
        };
        let Some(company) = cx.company_before(cue.start) else {
            continue;
        };
        // A catalogue product must belong to the company; a new name has no owner yet.
        let known_elsewhere = product.is_linked() && product.owner.is_none();
        let product = Referent::from_item(product, view.index, 0);
        if known_elsewhere || !owned_by(cx.catalogue, &product, &company) {
            continue;
        }
        let mut d = Draft::new("released", company, view.index, "released.first_product");
        d.object = Some(product);
        out.push(d);
    }
}

/// A 的 B where the catalogue says A owns B, unless A stands in a place (在苹果的 App Store 上)
/// or a comparison (比 Meta 的 Llama 还要多).
fn released_possession<'a>(cx: &Context<'_, 'a>, out: &mut Vec<Draft<'a>>) {
    let view = cx.view;
    for (i, e) in view.entities.iter().enumerate() {
        if e.kind != MentionKind::Company {
            continue;
        }
        let in_place_or_comparison = view.cues.iter().any(|c| {
            matches!(c.role, Role::Locative | Role::Comparison)
                && c.end <= e.start
                && view.gap_is(c.end, e.start, &[])
        });
        if in_place_or_comparison {
            continue;
        }
        let Some(de) = view.chars[e.end..]
            .iter()
            .position(|&c| c == '的')
            .map(|p| e.end + p)
        else {
            continue;
        };
        if !view.gap_is(e.end, de, &[]) {
            continue;
        }
        let company = Referent::from_item(e, view.index, 0);
        for p in view.entities[i + 1..]
            .iter()
            .take_while(|p| p.start < de + 16)
        {
            if p.kind == MentionKind::Company {
                break;
            }
            if p.kind != MentionKind::Product {
                continue;
            }
            let product = Referent::from_item(p, view.index, 0);
            if product.owner.is_some() && owned_by(cx.catalogue, &product, &company) {
                let mut d = Draft::new("released", company, view.index, "released.possession");
                d.object = Some(product);
                out.push(d);
                break;
            }
        }
    }
}

pub fn renamed<'a>(cx: &Context<'_, 'a>, out: &mut Vec<Draft<'a>>) {
    let view = cx.view;
    for (_, cue) in view.cues_with(Role::Renamed) {
        if cx.denied_before(cue.start) {
            continue;
        }
        let Some(new) = view
            .entities
            .iter()
            .find(|e| e.start >= cue.end && e.kind != MentionKind::Person)
        else {
            continue;
        };
        let wanted = if new.kind == MentionKind::Company {
            Wanted::Company
        } else {
            Wanted::Product
        };
        let old = cx
            .subject_before(cue.start, wanted)
            .or_else(|| cx.discourse.zero_subject(view, wanted));
        let Some(old) = old else { continue };
        if old.entity_id == new.entity_id && old.name == new.name {
            continue;
        }
        let rule = if old.steps == 0 {
            "renamed.verb"
        } else {
            "renamed.verb_topic"
        };
        let mut d = Draft::new("renamed", old, view.index, rule);
        d.object = Some(Referent::from_item(new, view.index, 0));
        out.push(d);
    }
}

pub fn funding<'a>(cx: &Context<'_, 'a>, out: &mut Vec<Draft<'a>>) {
    let view = cx.view;
    for (_, cue) in view.cues_with(Role::Funding) {
        if cx.denied_before(cue.start) {
            continue;
        }
        let from = cx.clause_start(cue.start);
        let mut amount = view
            .values
            .iter()
            .filter(|v| v.kind == MentionKind::Money && v.start >= from)
            .min_by_key(|v| v.start.abs_diff(cue.start));
        let round = view
            .cues_with(Role::Round)
            .map(|(_, c)| c)
            .filter(|c| c.start >= from)
            .min_by_key(|c| c.start.abs_diff(cue.start));
        // 完成了新一轮融资 / 金额超过10亿美元: the amount on the next line, when that line
        // states nothing else.
        let mut amount_line = None;
        if amount.is_none()
            && let Some(next) = cx.next
            && next.entities.is_empty()
            && !next.cues.iter().any(|c| {
                matches!(
                    c.role,
                    Role::Founded | Role::Released | Role::Funding | Role::Renamed | Role::Metric
                )
            })
        {
            amount = next.values.iter().find(|v| v.kind == MentionKind::Money);
            amount_line = amount.map(|_| next.index);
        }
        if amount.is_none() && round.is_none() {
            continue;
        }
        let Some(company) = cx.company_before(cue.start) else {
            continue;
        };
        let rule = if company.steps == 0 {
            "funding.verb"
        } else {
            "funding.verb_topic"
        };
        let mut d = Draft::new("funding", company, view.index, rule);
        if let Some(l) = amount_line {
            d.cover(l);
        }
        if let Some(v) = amount {
            set_amount(&mut d, v);
        }
        d.round = round.and_then(|r| r.value.as_deref().map(str::to_string));
        let (date, date_line) = cx.event_date(cue.start);
        d.date = date;
        if let Some(l) = date_line {
            d.cover(l);
        }
        out.push(d);
    }
}

fn set_amount(d: &mut Draft, v: &ValueItem) {
    d.value = v.value.as_number();
    d.value_max = v.value_max;
    d.unit = v.unit.map(str::to_string);
    d.currency = v.currency.map(str::to_string);
    d.qualifier = v.qualifier;
}

/// Units of time spans (两周, 3个月): how long something took, never a metric's value.
const DURATION_UNITS: &[&str] = &[
    "年",
    "个月",
    "月",
    "周",
    "个星期",
    "星期",
    "天",
    "日",
    "小时",
    "分钟",
    "秒",
];

/// Which value kinds and subject kinds a metric takes.
fn metric_accepts(metric: &str, value: &ValueItem) -> bool {
    if value.unit.is_some_and(|u| DURATION_UNITS.contains(&u)) {
        return false;
    }
    match metric {
        "traffic_share" => value.kind == MentionKind::Percent,
        "revenue" | "arr" | "valuation" => value.kind == MentionKind::Money,
        _ => value.kind == MentionKind::Number,
    }
}

fn metric_subject(metric: &str) -> Wanted {
    match metric {
        "context_length" | "parameters" | "traffic_share" => Wanted::Product,
        "employees" | "valuation" => Wanted::Company,
        _ => Wanted::Thing,
    }
}

pub fn metric<'a>(cx: &Context<'_, 'a>, out: &mut Vec<Draft<'a>>) {
    let view = cx.view;
    let metric_cues: Vec<&Cue> = view.cues_with(Role::Metric).map(|(_, c)| c).collect();
    // A metric word in the line before, when that line states no number of its own.
    let carried = cx.previous.and_then(|p| {
        let has_number = p.values.iter().any(|v| v.kind != MentionKind::Date);
        (!has_number && p.index + 1 == view.index)
            .then(|| p.cues_with(Role::Metric).last().map(|(_, c)| c))
            .flatten()
    });
    for value in view.values.iter().filter(|v| v.kind != MentionKind::Date) {
        let nearest = metric_cues
            .iter()
            .filter(|c| {
                let gap_from = value.end.min(c.end);
                let gap_to = value.start.max(c.start);
                gap_from >= gap_to
                    || !view.chars[gap_from..gap_to]
                        .iter()
                        .any(|&ch| matches!(ch, '，' | ',' | '。' | '；'))
            })
            .min_by_key(|c| {
                if c.end <= value.start {
                    value.start - c.end
                } else {
                    c.start.saturating_sub(value.end)
                }
            });
        let (cue, cue_line) = match (nearest, carried) {
            (Some(c), _) => (*c, view.index),
            (None, Some(c)) => (c, view.index - 1),
            (None, None) => continue,
        };
        let Some(name) = cue.value.as_deref() else {
            continue;
        };
        if !metric_accepts(name, value) {
            continue;
        }
        if cx.denied_before(value.start) {
            continue;
        }
        let wanted = metric_subject(name);
        let subject = cx
            .discourse
            .line_subjects(view)
            .into_iter()
            .find(|s| wanted.accepts(s.kind))
            .or_else(|| {
                if !view.subjects.is_empty() {
                    // The line names its own subject but of another kind: look before the value.
                    return cx.subject_before(value.start, wanted);
                }
                // A product released in the line before is what its numbers are about
                // (推出了 Le Chat / 上线两周下载量就超过了100万).
                cx.discourse
                    .released_focus(view.index)
                    .filter(|r| wanted.accepts(r.kind))
                    .or_else(|| cx.discourse.zero_subject(view, wanted))
            });
        let Some(subject) = subject else { continue };
        let rule = if subject.steps == 0 {
            "metric.subject"
        } else {
            "metric.topic"
        };
        let mut d = Draft::new("metric", subject, view.index, rule);
        d.cover(cue_line);
        d.metric = Some(name.to_string());
        set_amount(&mut d, value);
        if name == "traffic_share" && d.unit.is_none() {
            d.unit = Some("%".to_string());
        }
        d.forecast = view
            .cues
            .iter()
            .any(|c| c.role == Role::Forecast && c.end <= value.start);
        // As of: a date of this line, else the line before when it only sets the time.
        if let Some(date) = view.date_near(value.start) {
            d.as_of = date.value.as_date().map(str::to_string);
        } else if let Some(prev) = cx.previous
            && prev.is_time_adverbial()
            && let Some(date) = prev.dates().last()
        {
            d.as_of = date.value.as_date().map(str::to_string);
            d.cover(prev.index);
        }
        out.push(d);
    }
}

/// A founding date the discourse should remember (for anniversaries).
pub fn remember_founding(discourse: &mut Discourse, drafts: &[Draft]) {
    for d in drafts.iter().filter(|d| d.predicate == "founded") {
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
