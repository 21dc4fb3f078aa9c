//! Bad input, end to end through the real binary: each bad file gets one line on standard
//! error naming the file (and line), the good transcripts are still processed and written,
//! and the exit status is non-zero.

use crate::support;

use std::path::Path;
use std::process::Output;

use support::*;

const GOOD: &str = "智谱成立于 2019 年 6 月\n月之暗面的Kimi很火\n";

fn run_tfacts(root: &Path, extra: &[&str]) -> Output {
    bin()
        .current_dir(root)
        .args(["run", "--dictionaries"])
        .arg(dictionary_dir())
        .args(extra)
        .output()
        .unwrap()
}

fn stderr_lines(out: &Output) -> Vec<String> {
    String::from_utf8(out.stderr.clone())
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

/// The error line that names `file`, which must be exactly one.
fn error_for<'a>(lines: &'a [String], file: &str) -> &'a str {
    let hits: Vec<&String> = lines
        .iter()
        .filter(|l| l.contains(&format!("transcripts/{file}:")))
        .collect();
    assert_eq!(
        hits.len(),
        1,
        "one error line for {file}, got {hits:?} in {lines:#?}"
    );
    hits[0]
}

fn episode_ids(root: &Path) -> Vec<String> {
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root.join("output/dataset.json")).unwrap()).unwrap();
    json["episodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn every_bad_input_is_named_and_the_rest_is_processed() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let t = root.join("transcripts");
    std::fs::create_dir_all(&t).unwrap();
    let write = |name: &str, bytes: &[u8]| std::fs::write(t.join(name), bytes).unwrap();

    write("good.txt", GOOD.as_bytes());
    write("new\nline.txt", b"");
    write("empty.txt", b"");
    write("blank.txt", b"\n  \r\n\n");
    write(
        "binary.txt",
        b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00",
    );
    write("nul.txt", "第一行\n第二\0行\n".as_bytes());
    let mut junk = "第一行\n".as_bytes().to_vec();
    junk.extend((0..2000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8 | 0x80));
    junk.extend_from_slice(b"\xFF\xFF\xFF");
    write("undetectable.txt", &junk);
    write(
        "bad-time.srt",
        "1\n00:00:01,000 --> 00:00:02,000\n甲\n\n2\n00:00:03,000 --> 00:00:0x,000\n乙\n".as_bytes(),
    );
    write(
        "no-arrow.srt",
        "1\n00:00:01,000 --> 00:00:02,000\n甲\n\n2\n00:00:03,000 00:00:04,000\n乙\n".as_bytes(),
    );
    write("no-header.vtt", "00:01.000 --> 00:02.000\n甲\n".as_bytes());
    write("broken-json.txt", GOOD.as_bytes());
    write(
        "broken-json.meta.json",
        b"{\n  \"title\": \"x\",\n  \"published\": \n",
    );
    write("bad-date.txt", GOOD.as_bytes());
    write(
        "bad-date.meta.json",
        b"{\n  \"published\": \"2025-02-30\"\n}\n",
    );
    write("dup.txt", GOOD.as_bytes());
    write(
        "dup.srt",
        "1\n00:00:01,000 --> 00:00:02,000\n智谱\n".as_bytes(),
    );
    // A directory named like a transcript is walked as a folder (it may hold episodes).
    std::fs::create_dir(t.join("folder.txt")).unwrap();
    std::fs::write(t.join("folder.txt/inner.txt"), GOOD).unwrap();
    // A 50 MB single line: refused by its length, quickly and without running out of memory.
    let huge = "长".repeat(50 * 1024 * 1024 / 3);
    write("huge.txt", huge.as_bytes());
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("nowhere.txt", t.join("dangling.txt")).unwrap();
        std::os::unix::fs::symlink(".", t.join("loop")).unwrap();
        std::os::unix::fs::symlink("self.txt", t.join("self.txt")).unwrap();
        let fifo = std::process::Command::new("mkfifo")
            .arg(t.join("fifo.txt"))
            .status();
        assert!(fifo.is_ok_and(|s| s.success()), "mkfifo");
    }

    let started = std::time::Instant::now();
    let out = run_tfacts(root, &[]);
    let lines = stderr_lines(&out);
    assert_eq!(out.status.code(), Some(1), "{lines:#?}");
    assert!(
        started.elapsed().as_secs() < 60,
        "took {:?}",
        started.elapsed()
    );
    for l in &lines {
        println!("{l}");
    }

    let expect = |file: &str, tail: &str| {
        let line = error_for(&lines, file);
        assert!(line.starts_with("tfacts: "), "{line}");
        assert!(line.contains(tail), "{file}: expected {tail:?} in {line:?}");
    };
    expect(
        "new\\nline.txt",
        "transcripts/new\\nline.txt: the file is empty",
    );
    expect("empty.txt", "transcripts/empty.txt: the file is empty");
    expect(
        "blank.txt",
        "transcripts/blank.txt: the transcript has no text",
    );
    expect(
        "binary.txt",
        "transcripts/binary.txt:1: NUL byte: a binary file",
    );
    expect("nul.txt", "transcripts/nul.txt:2: NUL byte");
    expect(
        "undetectable.txt",
        "transcripts/undetectable.txt:2: invalid UTF-8 byte sequence, and the file is not GBK/GB18030 or Big5",
    );
    expect(
        "bad-time.srt",
        "transcripts/bad-time.srt:6: malformed cue: bad time \"00:00:0x,000\"",
    );
    expect(
        "no-arrow.srt",
        "transcripts/no-arrow.srt:6: malformed cue: missing `-->`",
    );
    expect(
        "no-header.vtt",
        "transcripts/no-header.vtt:1: not a WebVTT file",
    );
    expect(
        "broken-json.meta.json",
        "transcripts/broken-json.meta.json:4: broken sidecar JSON",
    );
    expect(
        "bad-date.meta.json",
        "transcripts/bad-date.meta.json:2: \"published\": \"2025-02-30\" is not a real YYYY-MM-DD date",
    );
    expect(
        "dup.txt",
        "transcripts/dup.txt: episode id \"dup\" is already taken by",
    );
    assert!(error_for(&lines, "dup.txt").contains("transcripts/dup.srt"));
    expect(
        "huge.txt",
        "transcripts/huge.txt:1: line is 52428798 bytes long",
    );
    #[cfg(unix)]
    {
        expect("dangling.txt", "broken symbolic link or symlink loop");
        expect("self.txt", "broken symbolic link or symlink loop");
        expect("fifo.txt", "not a regular file");
        assert!(
            lines
                .iter()
                .any(|l| l.contains("transcripts/loop: symlink loop")),
            "{lines:#?}"
        );
    }
    // Every message is one line naming its file; the summary line comes last.
    assert!(lines.last().unwrap().contains("episodes"), "{lines:#?}");

    let ids = episode_ids(root);
    assert_eq!(
        ids,
        ["dup", "good", "inner"],
        "good inputs are still written"
    );
}

#[test]
fn forced_encoding_that_does_not_fit_is_an_error_naming_the_line() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let t = root.join("transcripts");
    std::fs::create_dir_all(&t).unwrap();
    std::fs::write(t.join("gbk.txt"), encode(encoding_rs::GBK, GOOD)).unwrap();
    std::fs::write(t.join("utf8.txt"), GOOD).unwrap();

    let out = run_tfacts(root, &["--encoding", "utf-8"]);
    let lines = stderr_lines(&out);
    assert_eq!(out.status.code(), Some(1), "{lines:#?}");
    assert_eq!(
        error_for(&lines, "gbk.txt"),
        format!(
            "tfacts: {}:1: invalid UTF-8 byte sequence (decoding with --encoding UTF-8)",
            Path::new("transcripts").join("gbk.txt").display()
        )
    );
    assert_eq!(episode_ids(root), ["utf8"]);

    // Detected, both are fine.
    let out = run_tfacts(root, &[]);
    assert_eq!(out.status.code(), Some(0), "{:?}", stderr_lines(&out));
    let json = std::fs::read_to_string(root.join("output/dataset.json")).unwrap();
    assert!(json.contains("\"encoding\": \"GBK\""));
    assert!(json.contains("\"encoding\": \"UTF-8\""));
    // Forced to GBK, the UTF-8 file is the bad one.
    let out = run_tfacts(root, &["--encoding", "gbk"]);
    let lines = stderr_lines(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        error_for(&lines, "utf8.txt")
            .contains("invalid GBK byte sequence (decoding with --encoding GBK)")
    );
    assert_eq!(episode_ids(root), ["gbk"]);

    let out = run_tfacts(root, &["--encoding", "klingon"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr_lines(&out),
        [
            "tfacts: --encoding: unknown encoding \"klingon\" (use a label such as utf-8, utf-16le, utf-16be, gbk, gb18030 or big5)"
        ]
    );
}

#[test]
fn annotate_takes_encoding_and_names_bad_files() {
    let tmp = tempfile::tempdir().unwrap();
    let gbk = tmp.path().join("ep.txt");
    std::fs::write(&gbk, encode(encoding_rs::GBK, GOOD)).unwrap();
    let annotate = |extra: &[&str]| {
        bin()
            .arg("annotate")
            .arg(&gbk)
            .arg("--dictionaries")
            .arg(dictionary_dir())
            .args(extra)
            .output()
            .unwrap()
    };
    let out = annotate(&[]);
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["encoding"], "GBK");
    let out = annotate(&["--encoding", "big5"]);
    assert!(out.status.success(), "GBK bytes happen to be valid Big5");
    let out = annotate(&["--encoding", "utf-8"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("ep.txt:1: invalid UTF-8 byte sequence"),
        "{err}"
    );
}

#[test]
fn unreadable_file() {
    // Tests usually run as root, who reads anything whatever its mode: the permission case
    // is checked only when a mode-000 file really can't be read.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        let t = root.join("transcripts");
        std::fs::create_dir_all(&t).unwrap();
        std::fs::write(t.join("locked.txt"), GOOD).unwrap();
        std::fs::write(t.join("open.txt"), GOOD).unwrap();
        std::fs::set_permissions(t.join("locked.txt"), std::fs::Permissions::from_mode(0o000))
            .unwrap();
        if std::fs::read(t.join("locked.txt")).is_ok() {
            eprintln!("skipped: running as root, mode 000 does not stop reads");
            return;
        }
        let out = run_tfacts(root, &[]);
        let lines = stderr_lines(&out);
        assert_eq!(out.status.code(), Some(1));
        assert!(
            error_for(&lines, "locked.txt").contains("cannot read the file: Permission denied")
        );
        assert_eq!(episode_ids(root), ["open"]);
    }
}

/// An unreadable file is said once: the OS's words are the message, not also its cause.
#[test]
fn a_missing_file_is_named_with_its_os_error_once() {
    let dir = tempfile::tempdir().unwrap();
    let out = bin()
        .current_dir(dir.path())
        .args(["annotate", "no-such-episode.txt", "--dictionaries"])
        .arg(dictionary_dir())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("no-such-episode.txt"), "{err}");
    assert_eq!(err.matches("os error 2").count(), 1, "{err}");
}

/// One file of each format users get from video platforms and recognizers, beside files that
/// are not transcripts: every transcript is read, each other file is named on standard error
/// with what it is, and the run succeeds.
#[test]
fn platform_formats_are_read_and_other_files_are_named_as_skipped() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let t = root.join("transcripts");
    std::fs::create_dir_all(&t).unwrap();
    let write = |name: &str, bytes: &[u8]| std::fs::write(t.join(name), bytes).unwrap();
    write("a-text.txt", GOOD.as_bytes());
    write("b-srt.srt", to_srt(GOOD, false).as_bytes());
    write("c-bcc.json", to_bcc_json(GOOD).as_bytes());
    write("d-bcc.bcc", to_bcc_json(GOOD).as_bytes());
    write("e-whisper.json", to_whisper_json(GOOD).as_bytes());
    write("f-whisper.tsv", to_whisper_tsv(GOOD).as_bytes());
    write("g-youtube.vtt", to_youtube_vtt(GOOD).as_bytes());
    write("cover.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    write("notes.docx", b"PK\x03\x04\x14\0\x06\0");
    write("a-text.meta.json", b"{\"published\": \"2025-01-10\"}");

    let out = run_tfacts(root, &[]);
    let lines = stderr_lines(&out);
    assert_eq!(out.status.code(), Some(0), "{lines:#?}");
    let png = Path::new("transcripts").join("cover.png");
    let docx = Path::new("transcripts").join("notes.docx");
    assert_eq!(lines.len(), 3, "{lines:#?}");
    assert!(lines[2].starts_with("tfacts: 7 episodes, "), "{lines:#?}");
    assert_eq!(
        lines[..2],
        [
            format!(
                "tfacts: warning: {}: skipped: an image, not a transcript",
                png.display()
            ),
            format!(
                "tfacts: warning: {}: skipped: a word-processor document; save its text as \
                 .txt to have it read",
                docx.display()
            ),
        ]
    );
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root.join("output/dataset.json")).unwrap()).unwrap();
    let episodes = json["episodes"].as_array().unwrap();
    // The same two lines in every format: the same entities found in each.
    let found = |e: &serde_json::Value| -> Vec<String> {
        e["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|m| m["entity_id"].as_str().map(str::to_string))
            .collect()
    };
    assert_eq!(episodes.len(), 7);
    assert!(found(&episodes[0]).contains(&"company/zhipu".to_string()));
    for e in episodes {
        assert_eq!(found(e), found(&episodes[0]), "{}", e["id"]);
        assert_eq!(
            e["facts"].as_array().unwrap().len(),
            episodes[0]["facts"].as_array().unwrap().len(),
            "{}",
            e["id"]
        );
    }
}

#[test]
fn bad_json_transcripts_are_named_with_file_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let t = root.join("transcripts");
    std::fs::create_dir_all(&t).unwrap();
    let write = |name: &str, text: &str| std::fs::write(t.join(name), text).unwrap();
    write("good.txt", GOOD);
    write(
        "cut.json",
        "{\"body\": [\n  {\"from\": 0.5, \"to\": 2.0, \"content\": \"智谱\"},\n  {\"from\": 2.0,",
    );
    write(
        "no-to.json",
        "{\"body\": [\n  {\"from\": 0.5, \"to\": 2.0, \"content\": \"智谱\"},\n  {\"from\": 2.0, \"content\": \"百度\"}\n]}",
    );
    write(
        "backwards.bcc",
        "{\"body\": [\n  {\"from\": 3.0, \"to\": 2.0, \"content\": \"智谱\"}\n]}",
    );
    write(
        "info.json",
        "{\"title\": \"第一期\", \"uploader\": \"某频道\", \"duration\": 1200}",
    );
    write("list.json", "[{\"text\": \"智谱\"}]");
    write(
        "ms.tsv",
        "start\tend\ttext\n0\t1000\t智谱\n1.0\t2.0\t百度\n",
    );

    let out = run_tfacts(root, &[]);
    let lines = stderr_lines(&out);
    assert_eq!(out.status.code(), Some(1), "{lines:#?}");
    let expect = |file: &str, tail: &str| {
        let line = error_for(&lines, file);
        assert!(line.contains(tail), "{file}: expected {tail:?} in {line:?}");
    };
    expect(
        "cut.json",
        "transcripts/cut.json:3: invalid JSON: EOF while parsing",
    );
    expect(
        "no-to.json",
        "transcripts/no-to.json:3: bad JSON transcript: missing field `to`",
    );
    expect(
        "backwards.bcc",
        "transcripts/backwards.bcc:3: bad JSON transcript: the cue \"智谱\" ends (2000 ms) \
         before it starts (3000 ms)",
    );
    expect(
        "info.json",
        "transcripts/info.json: a JSON file that is neither Bilibili subtitles",
    );
    expect(
        "list.json",
        "transcripts/list.json:1: not a JSON transcript: expected a JSON object",
    );
    expect(
        "ms.tsv",
        "transcripts/ms.tsv:3: `start` is \"1.0\", not a whole number of milliseconds",
    );
    assert_eq!(episode_ids(root), ["good"]);
}
