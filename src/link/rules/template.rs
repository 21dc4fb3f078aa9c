//! How to add a rule: a walk-through, not a rule of its own (it is in no table).
//!
//! 1. Find the *way of saying things* behind a miss, and write two or more sentences of your
//!    own that say it differently (never a sentence of an episode you score against).
//! 2. If the shape needs a word class the linker lacks (a new verb, a classifier, a cue),
//!    add rows to `dictionaries/triggers.csv` first: many shapes need no code at all.
//! 3. Otherwise write a function in the predicate's file, reading the line through the clause
//!    queries of [`super::super::clause::LineView`] and the discourse through
//!    [`super::Context`] (`subject_before`, `company_before`, `event_date`, `run_on`), and add
//!    a [`super::RuleId`] for it (its `as_str` is the `rule` field facts carry).
//! 4. Add a row to that file's `RULES` table with the examples: `gives` what it must read,
//!    `not` what it must not (a negation, a comparison, another company's figure). Names in
//!    examples come from the tests' own catalogue (`tests/fixtures/link_rules/`), so a row
//!    added to the project's catalogue never changes a rule test; add a row there if needed.
//! 5. `cargo test --release --test tests link_rules` runs every example of every table.
//!
//! A rule in this shape:
//!
//! ```ignore
//! /// `X 宣布关闭 Y`: the company closes a product (an example predicate).
//! fn closed<'a>(cx: &Context<'_, 'a>, out: &mut Vec<Draft<'a>>) {
//!     let view = cx.view;
//!     for (_, cue) in view.cues_with(Role::Closed) {
//!         if cx.denied_before(cue.start) {
//!             continue;
//!         }
//!         let Some(company) = cx.company_before(cue.start) else { continue };
//!         out.push(Draft::new(Predicate::Closed, company, view.index, RuleId::ClosedVerb));
//!     }
//! }
//!
//! pub const RULES: &[Rule] = &[Rule {
//!     id: RuleId::ClosedVerb,
//!     predicate: Predicate::Closed,
//!     apply: closed,
//!     examples: &[
//!         Example { text: "云岫科技宣布关闭小云", gives: &["closed(云岫科技)"], not: &[] },
//!         Example { text: "云岫科技否认关闭小云", gives: &[], not: &["closed(云岫科技)"] },
//!     ],
//! }];
//! ```
