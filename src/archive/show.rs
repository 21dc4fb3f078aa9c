//! `tfacts show ENTITY`: what the archive says about one entity, across every episode.
//!
//! The entity is found by id (`company/moonshot`), or by its name or any alias in either
//! script (names compare as the catalogue's match keys: width, case, spaces and Traditional
//! forms folded). An unknown name is an error that lists the closest names.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde::Serialize;

use super::conflicts::{Claim, date_span};
use crate::dictionary::{Catalogue, match_key};
use crate::error::{Error, Result};
use crate::model::time_code;
use crate::model::{Dataset, EntitySummary, MentionKind};

/// An entity named by id and name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Named {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Header {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: MentionKind,
    pub name: String,
    pub aliases: Vec<String>,
    pub owner: Option<Named>,
    pub affiliation: Option<Named>,
}

/// One fact about the entity.
#[derive(Debug, Clone, Serialize)]
pub struct FactLine {
    /// The fact's `date` or `as_of`, else the episode's date: what the list is ordered by.
    pub when: Option<String>,
    pub id: String,
    pub predicate: String,
    /// `subject` or `object`: the entity's side of the fact.
    pub role: &'static str,
    /// The entity on the other side, if any.
    pub other: Option<String>,
    pub metric: Option<String>,
    /// The value as said (amount or date).
    pub value: Option<String>,
    pub qualifier: Option<String>,
    pub round: Option<String>,
    pub episode: String,
    pub line: usize,
    pub time: Option<String>,
    pub status: &'static str,
    pub evidence: String,
}

/// An episode that names the entity.
#[derive(Debug, Clone, Serialize)]
pub struct EpisodeCount {
    pub episode: String,
    pub date: Option<String>,
    pub mentions: usize,
    pub facts: usize,
}

/// A `released` fact of the company (or of a product's owner).
#[derive(Debug, Clone, Serialize)]
pub struct Release {
    pub date: Option<String>,
    pub product: String,
    pub product_id: Option<String>,
    pub episode: String,
    pub line: usize,
    pub status: &'static str,
}

/// Everything `tfacts show` prints (`--json`: this, serialized).
#[derive(Debug, Clone, Serialize)]
pub struct EntityReport {
    pub entity: Header,
    pub facts: Vec<FactLine>,
    pub episodes: Vec<EpisodeCount>,
    /// A product: its owner's line of releases; a company: its own.
    pub releases: Vec<Release>,
    /// A company's products (catalogue owner, or released by it).
    pub products: Vec<Named>,
    /// A company's founders (founder facts not rejected).
    pub founders: Vec<Named>,
    /// People of a company (catalogue affiliation).
    pub people: Vec<Named>,
}

/// The entities the query may name: those of the dataset, then the catalogue's others.
fn pool(data: &Dataset, catalogue: Option<&Catalogue>) -> Vec<EntitySummary> {
    let mut out = data.entities.clone();
    let known: BTreeSet<String> = out.iter().map(|e| e.id.clone()).collect();
    if let Some(cat) = catalogue {
        out.extend(
            cat.entities()
                .iter()
                .filter(|e| !known.contains(&e.id))
                .map(|e| EntitySummary {
                    id: e.id.clone(),
                    kind: e.kind,
                    name: e.name.clone(),
                    aliases: e.aliases.clone(),
                    owner: e.owner.clone(),
                    affiliation: e.affiliation.clone(),
                    episodes: Vec::new(),
                    mentions: 0,
                }),
        );
    }
    out
}

/// Levenshtein distance over chars.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let here = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            prev = here;
        }
    }
    row[b.len()]
}

/// The entity `query` names, or an error listing the closest names.
pub fn resolve(query: &str, entities: &[EntitySummary]) -> Result<EntitySummary> {
    let q = query.trim();
    if let Some(e) = entities.iter().find(|e| e.id == q) {
        return Ok(e.clone());
    }
    let key = match_key(q);
    let names = |e: &EntitySummary| {
        std::iter::once(e.name.clone())
            .chain(e.aliases.iter().cloned())
            .collect::<Vec<_>>()
    };
    if !key.is_empty()
        && let Some(e) = entities
            .iter()
            .find(|e| names(e).iter().any(|n| match_key(n) == key))
    {
        return Ok(e.clone());
    }
    let mut scored: Vec<(usize, usize, &EntitySummary)> = entities
        .iter()
        .map(|e| {
            let best = names(e)
                .iter()
                .chain(std::iter::once(&e.id))
                .map(|n| {
                    let k = match_key(n);
                    // A name holding the query (or held by it) is closer than its length says.
                    let d = distance(&key, &k);
                    if !key.is_empty() && (k.contains(&key) || key.contains(&k)) {
                        d / 2
                    } else {
                        d
                    }
                })
                .min()
                .unwrap_or(usize::MAX);
            (best, e.mentions, e)
        })
        .collect();
    scored.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.id.cmp(&b.2.id)));
    let closest: Vec<String> = scored
        .iter()
        .take(5)
        .map(|(_, _, e)| format!("{} ({})", e.name, e.id))
        .collect();
    Err(Error::Other(format!(
        "no entity named {q:?} in the dataset or the catalogue; closest: {}",
        if closest.is_empty() {
            "(the catalogue is empty)".to_string()
        } else {
            closest.join(", ")
        }
    )))
}

fn time_order_key(when: Option<&str>) -> i64 {
    when.and_then(date_span).map_or(i64::MAX, |s| s.0)
}

/// What the archive says about the entity `query` names.
pub fn report(query: &str, data: &Dataset, catalogue: Option<&Catalogue>) -> Result<EntityReport> {
    let entities = pool(data, catalogue);
    let e = resolve(query, &entities)?;
    let name_of = |id: &str| -> Named {
        let name = entities
            .iter()
            .find(|x| x.id == id)
            .map_or_else(|| id.to_string(), |x| x.name.clone());
        Named {
            id: id.to_string(),
            name,
        }
    };
    let header = Header {
        id: e.id.clone(),
        kind: e.kind,
        name: e.name.clone(),
        aliases: e.aliases.clone(),
        owner: e.owner.as_deref().map(name_of),
        affiliation: e.affiliation.as_deref().map(name_of),
    };
    let mut facts: Vec<(i64, FactLine)> = Vec::new();
    let mut counts: BTreeMap<&str, EpisodeCount> = BTreeMap::new();
    let release_owner = match e.kind {
        MentionKind::Product => e.owner.clone(),
        MentionKind::Company => Some(e.id.clone()),
        _ => None,
    };
    let mut releases = Vec::new();
    let mut founders = BTreeSet::new();
    let mut released_products = BTreeSet::new();
    for ep in &data.episodes {
        let mentions = ep
            .mentions
            .iter()
            .filter(|m| m.entity_id.as_deref() == Some(e.id.as_str()))
            .count();
        let mut n_facts = 0;
        for f in &ep.facts {
            let claim = Claim::of(ep, f);
            if release_owner.is_some()
                && f.predicate == "released"
                && claim.subject_id == release_owner
            {
                releases.push((
                    time_order_key(claim.date.as_deref().or(claim.episode_date.as_deref())),
                    Release {
                        date: claim.date.clone(),
                        product: claim.object_name.clone().unwrap_or_default(),
                        product_id: claim.object_id.clone(),
                        episode: ep.id.clone(),
                        line: claim.line,
                        status: claim.status.as_str(),
                    },
                ));
                if let Some(p) = &claim.object_id {
                    released_products.insert(p.clone());
                }
            }
            let role = if claim.subject_id.as_deref() == Some(e.id.as_str()) {
                "subject"
            } else if claim.object_id.as_deref() == Some(e.id.as_str()) {
                "object"
            } else {
                continue;
            };
            n_facts += 1;
            if f.predicate == "founder"
                && role == "object"
                && f.audit.status != crate::audit::Status::Rejected
                && let Some(p) = &claim.subject_id
            {
                founders.insert(p.clone());
            }
            let other = if role == "subject" {
                claim.object_name.clone()
            } else {
                Some(claim.subject_name.clone())
            };
            let value = match f.predicate.as_str() {
                // The qualifier has its own column.
                "metric" | "funding" => claim.value.map(|_| {
                    Claim {
                        qualifier: None,
                        ..claim.clone()
                    }
                    .amount_text()
                }),
                _ => claim.date.clone(),
            };
            let when = claim.when().map(str::to_string);
            facts.push((
                time_order_key(when.as_deref()),
                FactLine {
                    when,
                    id: claim.id.clone(),
                    predicate: claim.predicate.clone(),
                    role,
                    other,
                    metric: claim.metric.clone(),
                    value,
                    qualifier: claim.qualifier.map(|q| q.as_str().to_string()),
                    round: claim.round.clone(),
                    episode: ep.id.clone(),
                    line: claim.line,
                    time: claim.start_ms.map(time_code),
                    status: claim.status.as_str(),
                    evidence: claim.evidence.clone(),
                },
            ));
        }
        if mentions > 0 || n_facts > 0 {
            counts.insert(
                &ep.id,
                EpisodeCount {
                    episode: ep.id.clone(),
                    date: ep.reference_date.clone(),
                    mentions,
                    facts: n_facts,
                },
            );
        }
    }
    facts.sort_by(|a, b| {
        (a.0, &a.1.episode, a.1.line, &a.1.id).cmp(&(b.0, &b.1.episode, b.1.line, &b.1.id))
    });
    releases.sort_by(|a, b| {
        (a.0, &a.1.episode, a.1.line, &a.1.product).cmp(&(
            b.0,
            &b.1.episode,
            b.1.line,
            &b.1.product,
        ))
    });
    let (mut products, mut people) = (BTreeSet::new(), BTreeSet::new());
    if e.kind == MentionKind::Company {
        for x in &entities {
            if x.kind == MentionKind::Product && x.owner.as_deref() == Some(e.id.as_str()) {
                products.insert(x.id.clone());
            }
            if x.kind == MentionKind::Person && x.affiliation.as_deref() == Some(e.id.as_str()) {
                people.insert(x.id.clone());
            }
        }
        products.extend(released_products);
    } else {
        founders.clear();
    }
    let named = |ids: BTreeSet<String>| -> Vec<Named> {
        let mut v: Vec<Named> = ids.iter().map(|id| name_of(id)).collect();
        v.sort();
        v
    };
    Ok(EntityReport {
        entity: header,
        facts: facts.into_iter().map(|(_, f)| f).collect(),
        episodes: counts.into_values().collect(),
        releases: releases.into_iter().map(|(_, r)| r).collect(),
        products: named(products),
        founders: named(founders),
        people: named(people),
    })
}

/// The report as text.
pub fn render(r: &EntityReport) -> String {
    let mut out = String::new();
    let e = &r.entity;
    let _ = writeln!(out, "{}  {}  {}", e.id, e.kind.as_str(), e.name);
    if !e.aliases.is_empty() {
        let _ = writeln!(out, "  aliases: {}", e.aliases.join(", "));
    }
    if let Some(o) = &e.owner {
        let _ = writeln!(out, "  owner: {} ({})", o.name, o.id);
    }
    if let Some(a) = &e.affiliation {
        let _ = writeln!(out, "  affiliation: {} ({})", a.name, a.id);
    }
    let list = |out: &mut String, title: &str, v: &[Named]| {
        if !v.is_empty() {
            let names: Vec<String> = v.iter().map(|n| format!("{} ({})", n.name, n.id)).collect();
            let _ = writeln!(out, "  {title}: {}", names.join(", "));
        }
    };
    list(&mut out, "founders", &r.founders);
    list(&mut out, "products", &r.products);
    list(&mut out, "people", &r.people);
    let _ = writeln!(out, "\nfacts ({}), in time order:", r.facts.len());
    if r.facts.is_empty() {
        let _ = writeln!(out, "  none");
    }
    let dash = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".into());
    for f in &r.facts {
        let what = match (&f.metric, &f.round) {
            (Some(m), _) => format!("{} {m}", f.predicate),
            (None, Some(round)) => format!("{} {round}", f.predicate),
            _ => f.predicate.clone(),
        };
        let other = match (&f.other, f.role) {
            (Some(o), "object") => format!("<- {o}"),
            (Some(o), _) => format!("-> {o}"),
            (None, _) => "-".into(),
        };
        let _ = writeln!(
            out,
            "  {:<10}  {:<16}  {:<14}  {:<14}  {:<7}  {} L{} {}  {}  {}",
            dash(&f.when),
            what,
            other,
            dash(&f.value),
            dash(&f.qualifier),
            f.episode,
            f.line,
            dash(&f.time),
            f.status,
            f.id
        );
    }
    if !r.releases.is_empty() {
        let _ = writeln!(out, "\nreleases of the line ({}):", r.releases.len());
        for x in &r.releases {
            let _ = writeln!(
                out,
                "  {:<10}  {}  {} L{}  {}",
                dash(&x.date),
                x.product,
                x.episode,
                x.line,
                x.status
            );
        }
    }
    let _ = writeln!(out, "\nepisodes naming it ({}):", r.episodes.len());
    for c in &r.episodes {
        let _ = writeln!(
            out,
            "  {}  {}  {} mentions, {} facts",
            c.episode,
            dash(&c.date),
            c.mentions,
            c.facts
        );
    }
    out
}
