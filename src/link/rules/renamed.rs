//! Renamings: `renamed(old, new)`.

use crate::model::MentionKind;

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
