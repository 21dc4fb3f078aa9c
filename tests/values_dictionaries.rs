//! The value word lists load at run time from the dictionaries folder: a currency, a unit or a
//! relative-date word added to a copy of `dictionaries/values/` is recognised without touching
//! code, through the library and through the command line; a bad row names its file and line.

use crate::support;

use std::io::Write;
use std::path::Path;

use transcript_facts::Annotator;
use transcript_facts::model::{MentionKind, Value};
use transcript_facts::recognize::values::{DateContext, ValueMatch, ValueRecognizer};

fn append(dir: &Path, file: &str, row: &str) {
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(dir.join("values").join(file))
        .unwrap();
    writeln!(f, "{row}").unwrap();
}

fn find(r: &ValueRecognizer, line: &str) -> Vec<ValueMatch> {
    let mut out = Vec::new();
    let mut ctx = DateContext::new(transcript_facts::recognize::values::CalendarDate::parse(
        "2024-05-20",
    ));
    r.find(line, &mut ctx, &[], &mut out);
    out
}

/// A copy of the project's dictionaries with rows added.
fn extended() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("dictionaries");
    support::copy_dir(&support::repo().join("dictionaries"), &dir);
    append(&dir, "currencies.csv", "越南盾,VND,after,no");
    append(&dir, "units.csv", "光年,光年,phys,no");
    append(&dir, "relative_dates.csv", "本年度,year,0");
    tmp
}

#[test]
fn words_added_to_a_copy_of_the_folder_are_recognised() {
    let tmp = extended();
    let dir = tmp.path().join("dictionaries");
    let built_in = ValueRecognizer::new();
    let loaded = ValueRecognizer::load_dir(&dir).unwrap();
    // Unknown to the project's lists: no money, no unit.
    for line in ["他花了两千万越南盾", "旅费是八十万越南盾左右"] {
        assert!(
            find(&built_in, line)
                .iter()
                .all(|m| m.kind != MentionKind::Money),
            "{line}"
        );
        let got = find(&loaded, line);
        assert_eq!(got.len(), 1, "{line}: {got:?}");
        assert_eq!(got[0].kind, MentionKind::Money, "{line}");
        assert_eq!(got[0].currency.as_deref(), Some("VND"), "{line}");
    }
    assert_eq!(
        find(&loaded, "他花了两千万越南盾")[0].value,
        Value::Number(20_000_000.0)
    );
    let got = find(&loaded, "那颗星离我们四点二光年");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].unit.as_deref(), Some("光年"));
    assert_eq!(got[0].value, Value::Number(4.2));
    // A relative-date word starting with a char no built-in date word starts with.
    assert!(find(&built_in, "本年度营收翻倍").is_empty());
    let got = find(&loaded, "本年度营收翻倍");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].value, Value::Date("2024".into()));
}

#[test]
fn the_annotator_and_the_command_line_read_the_folder_given() {
    let tmp = extended();
    let dir = tmp.path().join("dictionaries");
    let annotator = Annotator::load(&dir).unwrap();
    let doc = annotator.annotate_text("x", "这部手机在河内卖九百万越南盾。\n", None);
    let money: Vec<_> = doc
        .mentions
        .iter()
        .filter(|m| m.kind == MentionKind::Money)
        .collect();
    assert_eq!(money.len(), 1, "{:?}", doc.mentions);
    assert_eq!(money[0].currency.as_deref(), Some("VND"));
    assert_eq!(money[0].text, "九百万越南盾");

    let file = tmp.path().join("ep.txt");
    std::fs::write(&file, "门票三十万越南盾一张\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tfacts"))
        .arg("annotate")
        .arg("--dictionaries")
        .arg(&dir)
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("\"VND\""), "{stdout}");
}

#[test]
fn a_bad_row_names_its_file_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("dictionaries");
    support::copy_dir(&support::repo().join("dictionaries"), &dir);
    let lines = std::fs::read_to_string(dir.join("values/currencies.csv"))
        .unwrap()
        .lines()
        .count();
    append(&dir, "currencies.csv", "卢比亚,XXX,sideways,no");
    let err = ValueRecognizer::load_dir(&dir).err().expect("a bad row");
    let msg = err.to_string();
    let at = format!("currencies.csv:{}:", lines + 1);
    assert!(msg.contains(&at) && msg.contains("sideways"), "{msg}");
    let err = Annotator::load(&dir).err().expect("the run stops too");
    assert!(err.to_string().contains(&at), "{err}");
}

#[test]
fn check_reports_bad_value_rows() {
    let p = support::Project::new();
    let dir = p.path().join("dictionaries");
    append(&dir, "units.csv", "光年,光年,distance,no");
    append(&dir, "qualifiers.csv", "起码,before,atleast");
    let out = p.tfacts(&["check"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stdout}{stderr}");
    let all = format!("{stdout}{stderr}");
    assert!(
        all.contains("units.csv:") && all.contains("distance"),
        "{all}"
    );
    assert!(
        all.contains("qualifiers.csv:") && all.contains("atleast"),
        "{all}"
    );
}
