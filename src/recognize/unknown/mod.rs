//! Names the catalogue lacks, recognized as mentions (`entity_id: null`) beside the
//! catalogue's, so the linker reads one list of mentions.
//!
//! - [`cues`]: the cue words and generic words of `dictionaries/names/`;
//! - [`finder`]: the candidates of one line, by the signals its docs list (titles, speech
//!   verbs, the shape of an organisation's name, quotes, naming and product cues, Latin
//!   tokens); `tfacts suggest` reads the same finder;
//! - [`episode`]: a name met once, found again on the later lines of its episode.
//!
//! Recognition keeps a candidate of Chinese chars only when jieba's dictionary does not know
//! it (or, for a person found by context, its first two chars) as an ordinary word
//! ([`is_common_word`]). A registered name (`杭州某某科技股份有限公司`) whose core, without
//! its place and its legal and type suffixes, is a catalogue company is that company
//! ([`CandidateFinder::registered_cores`]).

pub mod cues;
pub mod episode;
pub mod finder;

pub use cues::NameCues;
pub use episode::EpisodeNames;
pub use finder::{Candidate, CandidateFinder, LineInput, Signal, StopList};

use jieba_rs::Jieba;

use crate::dictionary::check::{COMMON_WORD_FREQ, jieba_frequency};
use crate::model::MentionKind;
use crate::normalize::is_cjk;

/// Is `c` an ordinary word rather than a name? Chinese names only: a Latin token or quoted
/// name is judged by the finder. A person found by a speech verb or a tag whose first two
/// chars are an ordinary word (`方面表示`, `应该说`) is not a name either.
pub fn is_common_word(jieba: &Jieba, c: &Candidate) -> bool {
    let title_org = c.signal == Signal::Title && c.kind != MentionKind::Person;
    if title_org || c.signal == Signal::Quote || c.encloses || !c.name.chars().all(is_cjk) {
        return false;
    }
    if jieba_frequency(jieba, &c.name) >= COMMON_WORD_FREQ {
        return true;
    }
    if c.kind == MentionKind::Person
        && matches!(c.signal, Signal::Speech | Signal::Pos | Signal::Title)
        && c.name.chars().count() > 2
    {
        let head: String = c.name.chars().take(2).collect();
        if jieba_frequency(jieba, &head) >= COMMON_WORD_FREQ {
            return true;
        }
    }
    // Whatever found it (a title, the founders opening a line), a verb and a field is no name.
    c.kind == MentionKind::Person && c.name.chars().count() == 3 && is_verb_and_noun(jieba, &c.name)
}

/// A verb that is also a surname, then an ordinary noun: `管技术`, `管软件那块` (manages the
/// technology, the software) after a title line read as someone in charge of a field, not a
/// name. Only a first char jieba's dictionary tags as a verb counts, so a name whose given
/// part is a word (`陈光明`, `许国庆`) stays a name.
fn is_verb_and_noun(jieba: &Jieba, name: &str) -> bool {
    use crate::dictionary::check::jieba_tag;
    let mut chars = name.chars();
    let (Some(first), rest) = (chars.next(), chars.as_str()) else {
        return false;
    };
    let mut buf = [0u8; 4];
    let first = first.encode_utf8(&mut buf);
    matches!(jieba_tag(jieba, first), Some("v" | "vn"))
        && jieba_frequency(jieba, rest) >= COMMON_WORD_FREQ
        && matches!(jieba_tag(jieba, rest), Some("n" | "vn"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str, signal: Signal) -> Candidate {
        Candidate {
            start: 0,
            end: name.chars().count(),
            kind: MentionKind::Person,
            name: name.to_string(),
            signal,
            encloses: false,
        }
    }

    #[test]
    fn a_verb_and_a_field_are_no_name() {
        let jieba = Jieba::new();
        // 她是联合创始人 / 管技术; 现在是总裁 / 管软件那块: in charge of a field.
        for said in ["管技术", "管软件", "管财务"] {
            assert!(
                is_common_word(&jieba, &person(said, Signal::Title)),
                "{said}"
            );
            assert!(
                is_common_word(&jieba, &person(said, Signal::Named)),
                "{said}"
            );
        }
        // A surname that is no verb, with a given name that is a word, is a name.
        for name in ["陈光明", "王建国", "许国庆"] {
            assert!(
                !is_common_word(&jieba, &person(name, Signal::Title)),
                "{name}"
            );
        }
    }
}
