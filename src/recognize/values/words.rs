//! The word lists of the value readers (units, currencies, qualifiers, relative-date words,
//! false friends): read from the dictionaries folder by [`crate::dictionary::values`], once
//! per run, and held by the [`super::ValueRecognizer`] every thread shares.

pub(super) use crate::dictionary::values::{RelKind, UClass, ValueWords as Words};

/// Is `c` in `set` (sorted chars, as the `*_first` lists of [`Words`])?
#[inline]
pub(super) fn in_set(set: &[char], c: Option<&char>) -> bool {
    c.is_some_and(|c| set.binary_search(c).is_ok())
}
