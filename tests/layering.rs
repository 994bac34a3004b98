//! The folders' order, checked rather than written: README's Design section puts them in one
//! line (`text, work ← corpus ← … ← cli`), each may use only those to its left, and each
//! folder's `mod.rs` names in a "May use …" sentence the folders it uses. This reads every
//! `crate::folder` path in the code of each folder and fails on one against the order, on one
//! its `mod.rs` does not name, and on a folder the order does not place.

use crate::common::TestResult;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The folders in README's order, each with its rank (folders side by side share a rank, and
/// may not use each other).
fn readme_order() -> Vec<(String, usize)> {
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md"))
        .unwrap_or_else(|e| panic!("README.md: {e}"));
    let design = readme
        .split("\n## Design\n")
        .nth(1)
        .unwrap_or_else(|| panic!("README.md has no Design section"));
    let line = design
        .lines()
        .find(|line| line.contains('←'))
        .unwrap_or_else(|| panic!("README's Design section has no order line"));
    let mut order = Vec::new();
    for (rank, step) in line.split('←').enumerate() {
        for name in step.split(',').map(str::trim) {
            if !name.ends_with(".rs") {
                order.push((name.to_string(), rank));
            }
        }
    }
    order
}

fn rust_files(dir: &Path, into: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
        if path.is_dir() {
            rust_files(&path, into);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            into.push(path);
        }
    }
}

/// Every `crate::name` in the code (not the comments) of `folder`, with where it is.
fn uses(folder: &str) -> Vec<(String, String)> {
    let mut files = Vec::new();
    rust_files(&Path::new(ROOT).join("src").join(folder), &mut files);
    let mut found = Vec::new();
    for file in files {
        let text =
            std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for (number, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            let mut rest = code;
            while let Some(at) = rest.find("crate::") {
                rest = &rest[at + "crate::".len()..];
                let names: Vec<&str> = match rest.strip_prefix('{') {
                    // `crate::{a, b::c}`: each of the group.
                    Some(group) => group
                        .split('}')
                        .next()
                        .unwrap_or_default()
                        .split(',')
                        .map(|part| part.trim().split("::").next().unwrap_or_default())
                        .collect(),
                    None => vec![
                        rest.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                            .next()
                            .unwrap_or_default(),
                    ],
                };
                for name in names.into_iter().filter(|name| !name.is_empty()) {
                    let place = format!("{}:{}", file.display(), number + 1);
                    found.push((name.to_string(), place));
                }
            }
        }
    }
    found
}

/// The folders named in `folder/mod.rs`'s "May use …" sentence.
fn may_use(folder: &str) -> BTreeSet<String> {
    let path = Path::new(ROOT).join("src").join(folder).join("mod.rs");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let docs: Vec<&str> = text
        .lines()
        .take_while(|line| line.starts_with("//!"))
        .map(|line| line.trim_start_matches("//!").trim())
        .collect();
    let docs = docs.join(" ");
    let sentence = docs
        .split("May use ")
        .nth(1)
        .unwrap_or_else(|| panic!("{}: its doc has no \"May use …\" sentence", path.display()));
    let sentence = sentence.split(". ").next().unwrap_or_default();
    if sentence.starts_with("nothing") {
        return BTreeSet::new();
    }
    sentence
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

#[test]
fn every_folder_uses_only_those_before_it_and_says_which() -> TestResult {
    let order = readme_order();
    let rank = |name: &str| order.iter().find(|(n, _)| n == name).map(|(_, r)| *r);
    let mut wrong = Vec::new();
    let src = std::fs::read_dir(Path::new(ROOT).join("src"))?;
    for entry in src {
        let path = entry?.path();
        if !path.is_dir() {
            continue;
        }
        let folder = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let Some(own) = rank(&folder) else {
            wrong.push(format!("src/{folder}/ is not in README's order line"));
            continue;
        };
        let allowed = may_use(&folder);
        for name in &allowed {
            if rank(name).is_none_or(|theirs| theirs >= own) {
                wrong.push(format!(
                    "src/{folder}/mod.rs says it may use `{name}`, which is not before it"
                ));
            }
        }
        for (name, place) in uses(&folder) {
            if name == folder {
                continue;
            }
            let before = rank(&name).map(|theirs| theirs < own);
            if before == Some(false) {
                wrong.push(format!(
                    "{place}: {folder} uses `{name}`, which README's order puts after it (or beside it)"
                ));
            } else if before == Some(true) && !allowed.contains(&name) {
                wrong.push(format!(
                    "{place}: {folder} uses `{name}`, which its mod.rs does not name"
                ));
            }
        }
    }
    wrong.sort();
    wrong.dedup();
    assert!(
        wrong.is_empty(),
        "imports against the order:\n{}",
        wrong.join("\n")
    );
    Ok(())
}

#[test]
fn the_order_names_every_folder_once() {
    let order = readme_order();
    let names: BTreeSet<&str> = order.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names.len(), order.len(), "a folder twice in {order:?}");
    assert!(names.contains("text") && names.contains("cli"), "{order:?}");
}
