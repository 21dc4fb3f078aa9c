//! Renamings: `renamed(old, new)`.

use crate::model::MentionKind;

use crate::dictionary::match_key;

use super::super::clause::EntityItem;
use super::super::discourse::{Referent, Wanted};
use super::super::triggers::Role;
use super::{Context, Draft, Example, Predicate, Rule, RuleId};

pub const RULES: &[Rule] = &[Rule {
    id: RuleId::RenamedVerb,
    predicate: Predicate::Renamed,
    apply: renamed,
    examples: &[
        Example {
            text: "云岫一号后来更名为小云",
            gives: &["renamed(云岫一号 -> 小云)"],
            not: &[],
        },
        Example {
            text: "云岫科技最早的产品叫云岫一号\n去年改名为小云",
            gives: &["renamed(云岫一号 -> 小云)"],
            not: &[],
        },
        Example {
            text: "NIO 这家公司成立于 2014 年\n早期做过电动超跑\n2016 年公司更名为蔚来",
            gives: &["renamed(NIO -> 蔚来)"],
            not: &["renamed(蔚来 -> 蔚来)"],
        },
        Example {
            text: "NIO 这家公司成立于 2014 年\n2016 年公司并没有更名为蔚来",
            gives: &[],
            not: &["renamed(NIO -> 蔚来)"],
        },
        Example {
            text: "云岫一号并没有改名为小云",
            gives: &[],
            not: &["renamed(云岫一号 -> 小云)"],
        },
    ],
}];

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
        // Both names of one catalogue entry (an old name kept as an alias): the old one is
        // the other name of it said last.
        if let Some(old) = earlier_alias(cx, cue.start, new) {
            let mut d = Draft::new(Predicate::Renamed, old, view.index, RuleId::RenamedAlias);
            let mut now = Referent::from_item(new, view.index, 0);
            now.name = new.text;
            d.object = Some(now);
            out.push(d);
            continue;
        }
        let old = cx
            .subject_before(cue.start, wanted)
            .or_else(|| cx.discourse.zero_subject(view, wanted));
        let Some(old) = old else { continue };
        if old.entity_id == new.entity_id && old.name == new.name {
            continue;
        }
        let rule = if old.steps == 0 {
            RuleId::RenamedVerb
        } else {
            RuleId::RenamedVerbTopic
        };
        let mut d = Draft::new(Predicate::Renamed, old, view.index, rule);
        d.object = Some(Referent::from_item(new, view.index, 0));
        out.push(d);
    }
}

/// How many lines back the old name of a renamed entry is looked for.
const ALIAS_REACH: usize = 15;

/// The other name of the catalogue entry `new` belongs to, said last within
/// [`ALIAS_REACH`] lines before `pos` (not a part or an extension of the new name: 理想 is
/// short for 理想汽车, not its old name), as written.
fn earlier_alias<'a>(
    cx: &Context<'_, 'a>,
    pos: usize,
    new: &EntityItem<'a>,
) -> Option<Referent<'a>> {
    let id = new.entity_id?;
    let new_key = match_key(new.text);
    let first = cx.view.index.saturating_sub(ALIAS_REACH);
    let here = cx.view.entities.iter().filter(|e| e.end <= pos);
    let lines = cx.lines[first..cx.view.index].iter().rev();
    let earlier = here
        .rev()
        .map(|e| (e, cx.view.index))
        .chain(lines.flat_map(|l| l.entities.iter().rev().map(move |e| (e, l.index))));
    for (e, line) in earlier {
        if e.entity_id != Some(id) {
            continue;
        }
        let key = match_key(e.text);
        if key == new_key || key.contains(&new_key) || new_key.contains(&key) {
            continue;
        }
        let mut r = Referent::from_item(e, line, 0);
        r.name = e.text;
        return Some(r);
    }
    None
}
