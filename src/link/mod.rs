//! Linking: entities and values of annotated lines -> [`Fact`] records.
//!
//! First version: facts stated within one line (a company, a trigger word, a date or product).
//! The discourse layer (clauses across lines, topics, pronouns) replaces it.

use crate::dictionary::Catalogue;
use crate::ids;
use crate::model::{EntityRef, Evidence, Fact, MentionKind, Value};
use crate::recognize::AnnotatedLine;

/// Links facts; built once, shared across threads.
pub struct Linker;

impl Linker {
    pub fn new() -> Self {
        Linker
    }

    pub fn link(
        &self,
        episode_id: &str,
        lines: &[AnnotatedLine],
        catalogue: &Catalogue,
    ) -> Vec<Fact> {
        let _ = catalogue;
        let mut facts = Vec::new();
        for al in lines {
            let text = &al.norm.text;
            let company = al.mentions.iter().find(|m| m.kind == MentionKind::Company);
            let Some(company) = company else { continue };
            let subject = EntityRef {
                entity_id: company.entity_id.clone(),
                name: company.name.clone().unwrap_or_default(),
            };
            let date = al.mentions.iter().find_map(|m| match &m.value {
                Some(Value::Date(d)) if m.kind == MentionKind::Date => Some(d.clone()),
                _ => None,
            });
            if text.contains("成立") {
                facts.push(fact(
                    episode_id,
                    "founded",
                    subject.clone(),
                    None,
                    date.clone(),
                    al,
                    "line.founded",
                ));
            }
            if text.contains("发布") || text.contains("推出") {
                for p in al
                    .mentions
                    .iter()
                    .filter(|m| m.kind == MentionKind::Product && m.start > company.start)
                {
                    let object = EntityRef {
                        entity_id: p.entity_id.clone(),
                        name: p.name.clone().unwrap_or_default(),
                    };
                    facts.push(fact(
                        episode_id,
                        "released",
                        subject.clone(),
                        Some(object),
                        date.clone(),
                        al,
                        "line.released",
                    ));
                }
            }
        }
        facts
    }
}

impl Default for Linker {
    fn default() -> Self {
        Self::new()
    }
}

fn fact(
    episode_id: &str,
    predicate: &str,
    subject: EntityRef,
    object: Option<EntityRef>,
    date: Option<String>,
    al: &AnnotatedLine,
    rule: &str,
) -> Fact {
    let id = ids::digest(&[
        episode_id,
        predicate,
        subject.entity_id.as_deref().unwrap_or(&subject.name),
        object
            .as_ref()
            .map_or("", |o| o.entity_id.as_deref().unwrap_or(&o.name)),
        date.as_deref().unwrap_or(""),
    ]);
    Fact {
        id,
        predicate: predicate.to_string(),
        subject,
        object,
        metric: None,
        value: None,
        value_max: None,
        unit: None,
        currency: None,
        qualifier: None,
        date,
        as_of: None,
        round: None,
        forecast: false,
        evidence: Evidence {
            line_start: al.line.number,
            line_end: al.line.number,
            text: al.line.text.clone(),
            start_ms: al.line.start_ms,
            end_ms: al.line.end_ms,
            also: Vec::new(),
        },
        confidence: 0.9,
        rule: rule.to_string(),
    }
}
