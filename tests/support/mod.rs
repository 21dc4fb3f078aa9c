//! What the integration tests share: the repository's place and first episode, a temporary
//! project laid out like the repository, the `tfacts` binary; for the audit tests, readers of
//! a written dataset; for the ingest tests, a small fixed dictionary (so they don't move when
//! the real catalogue grows), the first episode in the shapes users deliver it, and an
//! annotator built once.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::OnceLock;

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;
use serde_json::Value;
use transcript_facts::Annotator;

pub const EPISODE: &str = "2025-01-10_china-llm-startups-six-tigers";
pub const GOLD: &str = "tests/fixtures/000_e880ad362505cfaf.gold.json";

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The dictionaries the tests run with: the repository's own.
pub fn dictionaries() -> PathBuf {
    repo().join("dictionaries")
}

/// A temp dir holding `transcripts/` (the first episode and its sidecar) and a copy of
/// `dictionaries/`.
pub struct Project {
    pub dir: tempfile::TempDir,
}

impl Project {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let p = Project { dir };
        std::fs::create_dir_all(p.path().join("transcripts")).unwrap();
        for ext in ["txt", "meta.json"] {
            let name = format!("{EPISODE}.{ext}");
            std::fs::copy(
                repo().join("transcripts").join(&name),
                p.path().join("transcripts").join(&name),
            )
            .unwrap();
        }
        copy_dir(&dictionaries(), &p.path().join("dictionaries"));
        p
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Run the real binary in the project folder.
    pub fn tfacts(&self, args: &[&str]) -> Output {
        bin().args(args).current_dir(self.path()).output().unwrap()
    }

    pub fn read(&self, rel: &str) -> Vec<u8> {
        std::fs::read(self.path().join(rel)).unwrap()
    }
}

/// A [`Project`]'s folder, for the tests that hold only it.
pub fn project() -> tempfile::TempDir {
    Project::new().dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The built `tfacts` binary (a reviewer named `tester` for the ledger).
pub fn bin() -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_tfacts"));
    cmd.env("USER", "tester");
    cmd
}

/// The binary, run in `dir`, with assert_cmd's assertions.
pub fn tfacts(dir: &Path) -> assert_cmd::Command {
    let mut cmd = bin();
    cmd.current_dir(dir);
    assert_cmd::Command::from_std(cmd)
}

// The audit tests: a run and what its dataset says.

pub fn transcript_path(dir: &Path) -> PathBuf {
    dir.join("transcripts").join(format!("{EPISODE}.txt"))
}

/// `tfacts run` with the defaults (so the ledger is `audit/verdicts.csv`), into `out`.
pub fn run(dir: &Path, out: &str) {
    tfacts(dir).args(["run", "--out", out]).assert().success();
}

pub fn dataset(dir: &Path, out: &str) -> Value {
    let bytes = std::fs::read(dir.join(out).join("dataset.json")).unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

/// Every fact of the dataset (all episodes).
pub fn facts(data: &Value) -> Vec<Value> {
    data["episodes"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["facts"].as_array().unwrap().clone())
        .collect()
}

pub fn fact_ids(data: &Value) -> Vec<String> {
    facts(data)
        .iter()
        .map(|f| f["id"].as_str().unwrap().to_string())
        .collect()
}

/// The `audit` object a fact carries.
pub fn fact_audit(data: &Value, id: &str) -> Value {
    facts(data)
        .into_iter()
        .find(|f| f["id"] == id)
        .map_or(Value::Null, |f| f["audit"].clone())
}

pub fn status(data: &Value, id: &str) -> String {
    fact_audit(data, id)["status"]
        .as_str()
        .unwrap_or("missing")
        .to_string()
}

/// Rows of a CSV file as maps from header to cell.
pub fn csv_rows(path: &Path) -> Vec<std::collections::BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// Lines added at the top of the transcript, and an unrelated dictionary entry: edits that
/// must not change the ids of facts they did not touch.
pub fn edit_elsewhere(dir: &Path) {
    let path = transcript_path(dir);
    let old = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        format!("开场白：这是新加的第一行\n感谢收看，今天天气不错\n\n{old}"),
    )
    .unwrap();
    std::fs::write(
        dir.join("dictionaries/entities/zz_audit_test_extra.csv"),
        "id,type,name,aliases,owner,affiliation\ncompany/audit-test-unrelated,company,测试专用无关公司甲,,,\n",
    )
    .unwrap();
}

// The ingest tests: a fixed dictionary, and the first episode as users deliver it.

/// The first episode, as committed (UTF-8, LF).
pub fn episode() -> &'static str {
    include_str!("../../transcripts/2025-01-10_china-llm-startups-six-tigers.txt")
}

pub const COMPANIES: &str = "\
id,type,name,aliases,owner,affiliation
company/zhipu,company,智谱,智谱AI|Zhipu AI|智譜,,
company/minimax,company,MiniMax,稀宇科技,,
company/baichuan,company,百川智能,百川,,
company/moonshot,company,月之暗面,Moonshot AI,,
company/stepfun,company,阶跃星辰,StepFun|階躍星辰,,
company/01-ai,company,零一万物,01.AI|零一萬物,,
company/deepseek,company,深度求索,DeepSeek,,
company/modelbest,company,面壁智能,面壁,,
company/openai,company,OpenAI,,,
company/bytedance,company,字节跳动,字节|字節跳動,,
company/baidu,company,百度,,,
company/alibaba,company,阿里巴巴,阿里,,
company/sensetime,company,商汤,商湯,,
";

pub const PEOPLE: &str = "\
id,type,name,aliases,owner,affiliation
person/yang-zhilin,person,杨植麟,,,company/moonshot
person/wang-xiaochuan,person,王小川,,,company/baichuan
person/zhang-peng,person,张鹏,,,company/zhipu
person/yan-junjie,person,闫俊杰,,,company/minimax
person/kai-fu-lee,person,李开复,,,company/01-ai
person/jiang-daxin,person,姜大昕,,,company/stepfun
";

pub const PRODUCTS: &str = "\
id,type,name,aliases,owner,affiliation
product/kimi,product,Kimi,,company/moonshot,
product/glm,product,GLM,,company/zhipu,
product/gpt-3,product,GPT-3,,company/openai,
";

/// Write the test dictionary into `dir/entities/`.
pub fn write_dictionary(dir: &Path) {
    let entities = dir.join("entities");
    std::fs::create_dir_all(&entities).unwrap();
    std::fs::write(entities.join("companies.csv"), COMPANIES).unwrap();
    std::fs::write(entities.join("people.csv"), PEOPLE).unwrap();
    std::fs::write(entities.join("products.csv"), PRODUCTS).unwrap();
}

/// A folder holding the test dictionary for the whole test binary.
pub fn dictionary_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap().keep();
        write_dictionary(&dir);
        dir
    })
}

/// The annotator over the test dictionary, built once.
pub fn annotator() -> &'static Annotator {
    static A: OnceLock<Annotator> = OnceLock::new();
    A.get_or_init(|| Annotator::load(dictionary_dir()).unwrap())
}

/// OpenCC's Simplified -> Traditional, to make a Traditional copy of the episode.
pub fn to_traditional(text: &str) -> String {
    static S2T: OnceLock<OpenCC> = OnceLock::new();
    S2T.get_or_init(|| OpenCC::from_config(BuiltinConfig::S2t).unwrap())
        .convert(text)
}

/// The episode as SRT: one cue per non-blank line, two seconds each; `tag` wraps every third
/// cue's text in `<i>..</i>` when set.
pub fn to_srt(text: &str, styled: bool) -> String {
    let mut out = String::new();
    let mut cue = 0u64;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        cue += 1;
        let (s, e) = ((cue - 1) * 2000, cue * 2000 - 1);
        out.push_str(&format!("{cue}\n{} --> {}\n", srt_time(s), srt_time(e)));
        if styled && cue.is_multiple_of(3) {
            out.push_str(&format!("<i>{line}</i>\n\n"));
        } else {
            out.push_str(&format!("{line}\n\n"));
        }
    }
    out
}

/// The episode as WebVTT with a header, a NOTE, cue identifiers, cue settings and styling
/// tags (`<v>` on every other cue, `<c.yellow>` on every fifth).
pub fn to_vtt(text: &str) -> String {
    let mut out =
        String::from("WEBVTT\nKind: captions\nLanguage: zh\n\nNOTE generated by the test\n\n");
    let mut cue = 0u64;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        cue += 1;
        let (s, e) = ((cue - 1) * 2000, cue * 2000 - 1);
        out.push_str(&format!(
            "c{cue}\n{} --> {} align:start position:10%\n",
            vtt_time(s),
            vtt_time(e)
        ));
        let text = if cue.is_multiple_of(5) {
            format!("<c.yellow>{line}</c>")
        } else if cue.is_multiple_of(2) {
            format!("<v 大飞>{line}")
        } else {
            line.to_string()
        };
        out.push_str(&text);
        out.push_str("\n\n");
    }
    out
}

fn srt_time(ms: u64) -> String {
    format!(
        "{:02}:{:02}:{:02},{:03}",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        ms % 1000
    )
}

fn vtt_time(ms: u64) -> String {
    srt_time(ms).replace(',', ".")
}

/// Full-width digits and Latin letters, ideographic spaces, CRLF line ends.
pub fn to_full_width_crlf(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '0'..='9' | 'A'..='Z' | 'a'..='z' => char::from_u32(c as u32 + 0xFEE0).unwrap(),
            ' ' => '\u{3000}',
            c => c,
        })
        .collect::<String>()
        .replace('\n', "\r\n")
}

/// `text` encoded as UTF-16LE with a byte-order mark.
pub fn utf16le_bom(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        out.extend(u.to_le_bytes());
    }
    out
}

/// `text` in a legacy encoding (must be representable).
pub fn encode(encoding: &'static encoding_rs::Encoding, text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding.encode(text);
    if unmappable {
        let bad: String = text
            .chars()
            .filter(|c| encoding.encode(&c.to_string()).2)
            .collect();
        panic!("not representable in {}: {bad}", encoding.name());
    }
    bytes.into_owned()
}

/// The non-blank lines of the episode, each with its cue times in milliseconds: two seconds
/// a line, ending 1 ms before the next starts (as [`to_srt`] times them).
fn cues(text: &str) -> Vec<(&str, u64, u64)> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, l)| (l, i as u64 * 2000, (i as u64 + 1) * 2000 - 1))
        .collect()
}

/// The episode as Bilibili serves CC subtitles (BCC JSON, compact, times in seconds), with
/// the styling fields Bilibili writes.
pub fn to_bcc_json(text: &str) -> String {
    let body: Vec<serde_json::Value> = cues(text)
        .into_iter()
        .enumerate()
        .map(|(i, (line, s, e))| {
            serde_json::json!({
                "from": s as f64 / 1000.0, "to": e as f64 / 1000.0, "sid": i + 1,
                "location": 2, "content": line, "music": 0.0
            })
        })
        .collect();
    serde_json::json!({
        "font_size": 0.4, "font_color": "#FFFFFF", "background_alpha": 0.5,
        "background_color": "#9C27B0", "Stroke": "none", "type": "AIsubtitle",
        "lang": "zh", "version": "v1.6.0.4", "body": body
    })
    .to_string()
}

/// The episode as openai-whisper writes `--output_format json --word_timestamps True`:
/// segments whose text starts with a space, tokens, and a word list.
pub fn to_whisper_json(text: &str) -> String {
    let segments: Vec<serde_json::Value> = cues(text)
        .into_iter()
        .enumerate()
        .map(|(i, (line, s, e))| {
            let words: Vec<serde_json::Value> = line
                .chars()
                .map(|c| {
                    serde_json::json!({"word": c.to_string(), "start": s as f64 / 1000.0,
                                            "end": e as f64 / 1000.0, "probability": 0.9})
                })
                .collect();
            serde_json::json!({
                "id": i, "seek": 0, "start": s as f64 / 1000.0, "end": e as f64 / 1000.0,
                "text": format!(" {line}"), "tokens": [50364, 1546, 50464],
                "temperature": 0.0, "avg_logprob": -0.25, "compression_ratio": 1.3,
                "no_speech_prob": 0.01, "words": words
            })
        })
        .collect();
    serde_json::json!({"text": text, "segments": segments, "language": "zh"}).to_string()
}

/// The episode as whisper.cpp writes `-oj`: a `transcription` list with offsets in ms.
pub fn to_whisper_cpp_json(text: &str) -> String {
    let items: Vec<serde_json::Value> = cues(text)
        .into_iter()
        .map(|(line, s, e)| {
            serde_json::json!({
                "timestamps": {"from": srt_time(s), "to": srt_time(e)},
                "offsets": {"from": s, "to": e}, "text": format!(" {line}")
            })
        })
        .collect();
    serde_json::to_string_pretty(&serde_json::json!({
        "systeminfo": "AVX = 1", "model": {"type": "base"},
        "result": {"language": "zh"}, "transcription": items
    }))
    .unwrap()
}

/// The episode as openai-whisper writes `--output_format tsv`.
pub fn to_whisper_tsv(text: &str) -> String {
    let mut out = String::from("start\tend\ttext\n");
    for (line, s, e) in cues(text) {
        out.push_str(&format!("{s}\t{e}\t{}\n", line.trim().replace('\t', " ")));
    }
    out
}

/// The episode as YouTube's automatic captions: a cue per line, its words after the first
/// each with its time inline (`<00:00:01.200><c>词</c>`), the line before shown again on
/// top, and a 10 ms cue between that shows the finished line alone. Words are jieba's, as a
/// recognizer's would be: they split some names and numbers, as real captions do.
pub fn to_youtube_vtt(text: &str) -> String {
    static JIEBA: OnceLock<jieba_rs::Jieba> = OnceLock::new();
    let jieba = JIEBA.get_or_init(jieba_rs::Jieba::new);
    let mut out = String::from("WEBVTT\nKind: captions\nLanguage: zh-Hans\n\n");
    let mut previous = " ".to_string();
    for (line, s, e) in cues(text) {
        let end = e - 9;
        let words = jieba.cut(line, false);
        let step = (end - s) / words.len() as u64;
        let mut timed = String::new();
        for (i, word) in words.iter().map(|t| t.word).enumerate() {
            if i == 0 {
                timed.push_str(word);
            } else {
                let at = vtt_time(s + step * i as u64);
                timed.push_str(&format!("<{at}><c>{word}</c>"));
            }
        }
        out.push_str(&format!(
            "{} --> {} align:start position:0%\n{previous}\n{timed}\n\n",
            vtt_time(s),
            vtt_time(end)
        ));
        out.push_str(&format!(
            "{} --> {} align:start position:0%\n{line}\n \n\n",
            vtt_time(end),
            vtt_time(e + 1)
        ));
        previous = line.to_string();
    }
    out
}

/// What `tfacts eval` printed for a fixture set (`tests/fixtures/NAME/`, with `transcripts/`
/// and `gold/`) after `tfacts run` over its transcripts.
pub struct SetScores {
    pub shown: String,
}

impl SetScores {
    /// Run and score `tests/fixtures/NAME`.
    pub fn of(name: &str) -> SetScores {
        let project = Project::new();
        let set = repo().join("tests/fixtures").join(name);
        let out = project.path().join("set-out");
        let run = project.tfacts(&[
            "run",
            "--transcripts",
            set.join("transcripts").to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let eval = project.tfacts(&[
            "eval",
            "--gold",
            set.join("gold").to_str().unwrap(),
            "--dataset",
            out.join("dataset.json").to_str().unwrap(),
        ]);
        assert!(
            eval.status.success(),
            "{}",
            String::from_utf8_lossy(&eval.stderr)
        );
        SetScores {
            shown: String::from_utf8(eval.stdout).unwrap(),
        }
    }

    /// The figure after `column` (` R `, ` F1 `) on the line starting with `name`.
    pub fn score(&self, name: &str, column: &str) -> f64 {
        let shown = &self.shown;
        let line = shown
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("no {name} line in\n{shown}"));
        let at = line.find(column).unwrap_or_else(|| panic!("{line}")) + column.len();
        line[at..]
            .split_whitespace()
            .next()
            .unwrap()
            .parse()
            .unwrap()
    }
}
