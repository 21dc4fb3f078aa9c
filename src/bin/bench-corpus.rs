//! `bench-corpus`: a reproducible benchmark corpus, made here from what the repository holds
//! (no downloads). See `bench/compare.sh`.
//!
//! ```text
//! bench-corpus --mb 20 --out bench/corpus/20mb [--seed 8] [--template FILE] [--dictionaries DIR]
//! ```
//!
//! Writes `OUT/transcripts/YYYY-MM-DD_bench-NNNNNN.txt` (and a `.meta.json` sidecar for about
//! one episode in ten) until about `--mb` megabytes of transcript text are written. Each
//! episode is the committed template episode varied: lines shuffled within small windows,
//! entity names swapped for others of the same type from `dictionaries/entities/*.csv`,
//! digits changed, some lines dropped, and generated lines mixed in (founding, founders,
//! releases, funding rounds, metrics) so the linker has work too. The same seed gives the
//! same bytes.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// xorshift64*: tiny, fast and reproducible across platforms.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

struct Names {
    companies: Vec<String>,
    people: Vec<String>,
    products: Vec<String>,
}

impl Names {
    fn all_by_type(&self) -> [&[String]; 3] {
        [&self.companies, &self.people, &self.products]
    }
}

/// The canonical names and aliases of one catalogue file (Chinese ones first-class, Latin ones
/// too), skipping names too short to swap safely.
fn load_names(file: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let Ok(mut reader) = csv::Reader::from_path(file) else {
        return out;
    };
    for record in reader.records().flatten() {
        let name = record.get(2).unwrap_or("");
        let aliases = record.get(3).unwrap_or("");
        for n in std::iter::once(name).chain(aliases.split('|')) {
            if n.chars().count() >= 2 && !n.contains(',') {
                out.push(n.to_string());
            }
        }
    }
    out
}

const ROUNDS: &[&str] = &[
    "天使轮",
    "种子轮",
    "A轮",
    "A+轮",
    "B轮",
    "B+轮",
    "C轮",
    "D轮",
    "战略融资",
];
const METRICS: &[&str] = &["月活", "日活", "用户数", "下载量", "年化收入", "估值"];

fn generated_line(rng: &mut Rng, names: &Names) -> String {
    let company = rng.pick(&names.companies).clone();
    let person = rng.pick(&names.people).clone();
    let product = rng.pick(&names.products).clone();
    let year = 2015 + rng.below(11);
    let month = 1 + rng.below(12);
    let n = 1 + rng.below(999);
    match rng.below(9) {
        0 => format!("{company}成立于 {year} 年 {month} 月"),
        1 => format!("{person}是{company}的创始人"),
        2 => format!("{year}年{month}月，{company}发布了{product}"),
        3 => format!("{company}在{year}年完成了{n}亿元的{}融资", rng.pick(ROUNDS)),
        4 => format!(
            "截至{year}年{month}月，{product}的{}已经超过{n}万",
            rng.pick(METRICS)
        ),
        5 => format!(
            "据说{company}的估值接近{n}亿美元，增长了{}%",
            rng.below(300)
        ),
        6 => format!("{person}在{year}年创立了{company}，当时团队不到{n}人"),
        7 => format!("我们之前也聊过{product}，大家可以去看一下那期视频"),
        _ => format!("{company}去年的收入大约是{n}亿元，今年预计会翻倍"),
    }
}

/// Swap catalogue names in `line` for random names of the same type, change digits.
fn vary_line(rng: &mut Rng, line: &str, names: &Names) -> String {
    let mut out = line.to_string();
    if rng.chance(60) {
        for list in names.all_by_type() {
            // Only a few probes a line: the catalogue is large.
            for _ in 0..2 {
                let from = rng.pick(list);
                if out.contains(from.as_str()) {
                    let to = rng.pick(list);
                    out = out.replace(from.as_str(), to);
                }
            }
        }
    }
    if rng.chance(50) {
        out = out
            .chars()
            .map(|c| {
                if c.is_ascii_digit() && rng.chance(40) {
                    char::from(b'0' + rng.below(10) as u8)
                } else {
                    c
                }
            })
            .collect();
    }
    out
}

/// Names from the template that are worth swapping: every catalogue name it contains.
fn template_names(template: &[String], names: &Names) -> Names {
    let keep = |list: &[String]| -> Vec<String> {
        let mut v: Vec<String> = list
            .iter()
            .filter(|n| template.iter().any(|l| l.contains(n.as_str())))
            .cloned()
            .collect();
        // Add some other names so swaps bring in new entities.
        v.extend(list.iter().step_by(7).cloned());
        v
    };
    Names {
        companies: keep(&names.companies),
        people: keep(&names.people),
        products: keep(&names.products),
    }
}

fn episode(rng: &mut Rng, template: &[String], swap: &Names, names: &Names) -> String {
    let mut lines: Vec<String> = Vec::new();
    // One to three passes over the template so episodes vary in length (~6 to ~40 KB).
    let passes = 1 + rng.below(3);
    for _ in 0..passes {
        let start = rng.below(template.len() / 2);
        let end = start + template.len() / 2 + rng.below(template.len() / 2);
        for line in &template[start..end.min(template.len())] {
            if rng.chance(5) {
                continue;
            }
            lines.push(vary_line(rng, line, swap));
            if rng.chance(12) {
                lines.push(generated_line(rng, names));
            }
        }
    }
    // Shuffle within windows of 6 lines: local order changes, the story stays.
    for window in lines.chunks_mut(6) {
        for i in (1..window.len()).rev() {
            if rng.chance(30) {
                let j = rng.below(i + 1);
                window.swap(i, j);
            }
        }
    }
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

struct Args {
    mb: f64,
    out: PathBuf,
    seed: u64,
    template: PathBuf,
    dictionaries: PathBuf,
}

fn parse_args() -> Option<Args> {
    let mut args = Args {
        mb: 20.0,
        out: PathBuf::from("bench/corpus/20mb"),
        seed: 8,
        template: PathBuf::from("transcripts/2025-01-10_china-llm-startups-six-tigers.txt"),
        dictionaries: PathBuf::from("dictionaries"),
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let v = it.next()?;
        match a.as_str() {
            "--mb" => args.mb = v.parse().ok()?,
            "--out" => args.out = v.into(),
            "--seed" => args.seed = v.parse().ok()?,
            "--template" => args.template = v.into(),
            "--dictionaries" => args.dictionaries = v.into(),
            _ => return None,
        }
    }
    Some(args)
}

fn main() -> ExitCode {
    let Some(args) = parse_args() else {
        eprintln!(
            "usage: bench-corpus --mb 20 --out DIR [--seed N] [--template FILE] [--dictionaries DIR]"
        );
        return ExitCode::from(2);
    };
    let template: Vec<String> = match std::fs::read_to_string(&args.template) {
        Ok(t) => t
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect(),
        Err(e) => {
            eprintln!("bench-corpus: {}: {e}", args.template.display());
            return ExitCode::from(2);
        }
    };
    let entities = args.dictionaries.join("entities");
    let names = Names {
        companies: load_names(&entities.join("companies.csv")),
        people: load_names(&entities.join("people.csv")),
        products: load_names(&entities.join("products.csv")),
    };
    if names.companies.is_empty() || names.people.is_empty() || names.products.is_empty() {
        eprintln!(
            "bench-corpus: no names under {}: run from the repository root",
            entities.display()
        );
        return ExitCode::from(2);
    }
    let swap = template_names(&template, &names);
    let dir = args.out.join("transcripts");
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("bench-corpus: {}: {e}", dir.display());
        return ExitCode::from(2);
    }
    let mut rng = Rng(args.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let target = (args.mb * 1e6) as usize;
    let mut written = 0usize;
    let mut count = 0usize;
    while written < target {
        let text = episode(&mut rng, &template, &swap, &names);
        let date = format!(
            "{}-{:02}-{:02}",
            2019 + rng.below(7),
            1 + rng.below(12),
            1 + rng.below(28)
        );
        let stem = format!("{date}_bench-{count:06}");
        let write = std::fs::write(dir.join(format!("{stem}.txt")), &text).and_then(|_| {
            if count % 10 == 3 {
                let meta = format!(
                    "{{\"title\": \"bench episode {count}\", \"published\": \"{date}\", \"channel\": \"bench\"}}\n"
                );
                std::fs::write(dir.join(format!("{stem}.meta.json")), meta)
            } else {
                Ok(())
            }
        });
        if let Err(e) = write {
            eprintln!("bench-corpus: {}: {e}", dir.display());
            return ExitCode::from(2);
        }
        written += text.len();
        count += 1;
    }
    println!(
        "bench-corpus: {count} episodes, {written} bytes in {}",
        dir.display()
    );
    ExitCode::SUCCESS
}
