//! The library's layers point one way: a module uses only modules of lower layers.
//!
//! Every `crate::` path in `src/**/*.rs` (in `use` lines and written out in code, a
//! `use crate::{a, b::c}` group counting each of its names) is mapped from the file's top
//! module to the module it names, and each must point down. Comments, doc links among them,
//! are not code and are skipped. A name the crate root re-exports (`crate::Result`,
//! `crate::Annotator`) is the root's and points up from anywhere: name the module that
//! defines it. `super::` never leaves a top module (only top-level files could climb to the
//! root with it, and none does outside a test's `use super::*`), so `crate::` paths say it
//! all. The binaries (`main.rs`, `src/bin/`) use the library by its name, from above.

use std::path::{Path, PathBuf};

/// The layers, lowest first; modules on one line are one layer and do not use each other.
/// `run` and the crate root (`lib.rs`) are the top.
const LAYERS: &[&[&str]] = &[
    &["model", "error", "ids"],
    &["normalize"],
    &["dictionary", "ingest"],
    &["segment"],
    &["recognize"],
    &["link"],
    &["pipeline"],
    &["output", "audit", "eval", "suggest"],
    &["archive"],
    &["run", ""],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// The top module a source file belongs to (`src/recognize/values/lex.rs` -> `recognize`);
/// `""` for the crate root, `None` for the binaries.
fn module_of(path: &str) -> Option<&str> {
    let rel = path.strip_prefix("src/")?;
    if rel == "lib.rs" {
        return Some("");
    }
    if rel == "main.rs" || rel.starts_with("bin/") {
        return None;
    }
    let first = rel.split('/').next()?;
    Some(first.strip_suffix(".rs").unwrap_or(first))
}

/// The text of `code` with every `//` comment blanked (kept in place, so line numbers hold).
/// A `//` inside a string literal is left alone.
fn without_comments(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    for line in code.split_inclusive('\n') {
        let mut in_string = false;
        let mut prev = ' ';
        let mut cut = None;
        for (i, c) in line.char_indices() {
            if c == '"' && prev != '\\' && prev != '\'' {
                in_string = !in_string;
            }
            if !in_string && c == '/' && prev == '/' {
                cut = Some(i - 1);
                break;
            }
            prev = if prev == '\\' && c == '\\' { ' ' } else { c };
        }
        match cut {
            Some(at) => {
                out.push_str(&line[..at]);
                if line.ends_with('\n') {
                    out.push('\n');
                }
            }
            None => out.push_str(line),
        }
    }
    out
}

fn ident_at(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// The first names of the paths of a `{...}` group starting at `group[0] == '{'`.
fn group_names(group: &str) -> Vec<&str> {
    let mut depth = 0;
    let mut names = Vec::new();
    let mut start = 1;
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' | ',' if depth == 1 => {
                let name = ident_at(group[start..].trim_start());
                if !name.is_empty() {
                    names.push(name);
                }
                start = i + 1;
                if c == '}' {
                    break;
                }
            }
            '}' => depth -= 1,
            _ => {}
        }
    }
    names
}

/// Every `crate::` path of a file: (line, first name after `crate::`).
fn crate_paths(code: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = code[from..].find("crate::") {
        let at = from + at;
        from = at + "crate::".len();
        let before = code[..at].chars().next_back();
        if before.is_some_and(|c| c == '$' || c.is_alphanumeric() || c == '_') {
            continue;
        }
        let line = code[..at].matches('\n').count() + 1;
        let rest = &code[from..];
        if rest.starts_with('{') {
            found.extend(group_names(rest).into_iter().map(|n| (line, n)));
        } else {
            found.push((line, ident_at(rest)));
        }
    }
    found
}

/// Every use in `files` (path, text) that points up or sideways across the layers, or names
/// a module with no layer, as `path:line: ...`.
fn violations(files: &[(String, String)]) -> Vec<String> {
    let mut bad = Vec::new();
    for (path, text) in files {
        let Some(from) = module_of(path) else {
            continue;
        };
        let Some(from_layer) = layer_of(from) else {
            bad.push(format!(
                "{path}: module `{from}` has no layer in tests/layers.rs"
            ));
            continue;
        };
        let code = without_comments(text);
        for (line, name) in crate_paths(&code) {
            // A name the root re-exports (not a module) is the root's.
            let to = if name.starts_with(|c: char| c.is_lowercase()) && layer_of(name).is_some() {
                name
            } else if name.starts_with(|c: char| c.is_lowercase()) && !is_root_fn(name) {
                bad.push(format!(
                    "{path}:{line}: `crate::{name}` names a module with no layer"
                ));
                continue;
            } else {
                ""
            };
            if to == from {
                continue;
            }
            let to_layer = layer_of(to).unwrap_or(usize::MAX);
            if to_layer >= from_layer {
                let what = if to_layer == from_layer {
                    "sideways"
                } else {
                    "up"
                };
                let to_name = if to.is_empty() { "the crate root" } else { to };
                bad.push(format!(
                    "{path}:{line}: `crate::{name}` points {what}: {from} (layer {from_layer}) \
                     uses {to_name} (layer {to_layer})"
                ));
            }
        }
    }
    bad
}

/// Functions the crate root re-exports (lowercase, yet not modules).
fn is_root_fn(name: &str) -> bool {
    matches!(name, "one_line" | "run_with" | "run_audited")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_use_in_src_points_down_the_layers() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    rust_files(&root.join("src"), &mut paths);
    paths.sort();
    let files: Vec<(String, String)> = paths
        .iter()
        .map(|p| {
            let rel = p
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read_to_string(p).unwrap())
        })
        .collect();
    assert!(files.len() > 50, "read {} files", files.len());
    // The check sees the uses it should (a sample that is there today).
    let pipeline = &files
        .iter()
        .find(|f| f.0 == "src/pipeline/mod.rs")
        .unwrap()
        .1;
    let code = without_comments(pipeline);
    let seen: Vec<&str> = crate_paths(&code).into_iter().map(|(_, n)| n).collect();
    assert!(
        seen.contains(&"recognize") && seen.contains(&"link"),
        "{seen:?}"
    );
    let bad = violations(&files);
    assert!(
        bad.is_empty(),
        "uses against the layers:\n{}",
        bad.join("\n")
    );
}

fn one(path: &str, text: &str) -> Vec<String> {
    violations(&[(path.to_string(), text.to_string())])
}

#[test]
fn the_checker_fails_an_inverted_use_and_names_its_line() {
    // Down is fine, in every form.
    assert!(one("src/link/mod.rs", "use crate::recognize::Recognizer;\n").is_empty());
    assert!(one("src/link/mod.rs", "use crate::{model::Fact, segment};\n").is_empty());
    assert!(one("src/run/mod.rs", "fn f() { crate::archive::x(); }\n").is_empty());
    // Up: normalize using recognize, on line 2.
    let bad = one(
        "src/normalize.rs",
        "use crate::model::Fact;\nuse crate::recognize::values::CalendarDate;\n",
    );
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert!(
        bad[0].starts_with("src/normalize.rs:2: `crate::recognize` points up"),
        "{bad:?}"
    );
    // Inside a group, over several lines, in a nested file.
    let bad = one(
        "src/recognize/values/lex.rs",
        "use crate::{\n    dictionary::Catalogue,\n    pipeline::Annotator,\n};\n",
    );
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert!(
        bad[0].starts_with("src/recognize/values/lex.rs:1:"),
        "{bad:?}"
    );
    assert!(bad[0].contains("crate::pipeline"), "{bad:?}");
    // Sideways: two modules of one layer.
    let bad = one("src/audit/report.rs", "use crate::output::csv_rows;\n");
    assert!(bad.len() == 1 && bad[0].contains("sideways"), "{bad:?}");
    // The crate root's re-exports are the top, written out in code too.
    let bad = one(
        "src/dictionary/families.rs",
        "fn f() -> crate::Result<()> {}\n",
    );
    assert!(
        bad.len() == 1 && bad[0].contains("the crate root"),
        "{bad:?}"
    );
    // Comments and doc links are not uses; `pub(crate)` and `$crate::` are not paths.
    let text = "/// See [`crate::pipeline::Annotator`].\n\
                pub(crate) fn f() {} // crate::run\n\
                macro_rules! m { () => { $crate::run::x() } }\n\
                const S: &str = \"a // b\"; fn g() { crate::archive::y(); }\n";
    let bad = one("src/segment.rs", text);
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert!(bad[0].starts_with("src/segment.rs:4:"), "{bad:?}");
    // A module the table does not know is named, not let through.
    let bad = one("src/newthing.rs", "use crate::model::Fact;\n");
    assert!(bad.len() == 1 && bad[0].contains("no layer"), "{bad:?}");
}
