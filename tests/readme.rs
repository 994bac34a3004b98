//! The README's promises, checked: its key table is the key table the program uses, and its
//! set-up commands are the ones CI and new users run.

use folio::testing::Keymap;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .unwrap_or_else(|e| panic!("README.md: {e}"))
}

/// The key table as the README must show it, generated from the same table as the help.
fn key_table() -> String {
    let mut table = String::from("| Keys | Where | What it does |\n|---|---|---|\n");
    for (section, rows) in Keymap::default().help_sections() {
        for (keys, help) in rows {
            let keys: Vec<String> = keys.split(' ').map(|k| format!("`{k}`")).collect();
            // A bar would end the table's cell.
            let help = help.replace('|', "\\|");
            table.push_str(&format!(
                "| {} | {} | {help} |\n",
                keys.join(" "),
                section.to_lowercase()
            ));
        }
    }
    table
}

#[test]
fn the_readme_key_table_is_the_programs_key_table() {
    let expected = key_table();
    assert!(
        readme().contains(&expected),
        "README.md's key table has drifted from src/keys/bindings.rs; it should read:\n\n{expected}"
    );
}

/// The query language's table as the README must show it, generated from the one the help
/// overlay shows.
fn query_table() -> String {
    let mut table = String::from(
        "| Form | Titles (the list, `--filter`) | Text (Ctrl-F, the reader's `/`, `--search`) |\n|---|---|---|\n",
    );
    for row in folio::testing::SYNTAX {
        let form = row.form.replace('|', "\\|");
        table.push_str(&format!("| `{form}` | {} | {} |\n", row.titles, row.text));
    }
    table
}

#[test]
fn the_readme_query_table_is_the_programs() {
    let expected = query_table();
    assert!(
        readme().contains(&expected),
        "README.md's query table has drifted from src/search/query/mod.rs; it should read:\n\n{expected}"
    );
}

#[test]
fn the_readme_gives_the_two_set_up_commands() {
    let readme = readme();
    assert!(readme.contains("cargo run --release -- corpus"));
    assert!(readme.contains("cargo test"));
    let ci = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/run"))
        .unwrap_or_else(|e| panic!(".ci/run: {e}"));
    assert!(
        ci.lines()
            .any(|line| line.trim() == "cargo test" || line.starts_with("cargo test ")),
        ".ci/run runs the README's test command"
    );
}

#[test]
fn the_sample_corpus_is_the_two_seed_articles_and_nothing_else() {
    // Nothing run on it (an editor's swap file, say) may stay behind in it.
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
    let mut names: Vec<String> = std::fs::read_dir(corpus)
        .unwrap_or_else(|e| panic!("corpus/: {e}"))
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["000_9c89a7a231365477.txt", "004_6b23d050792bb93b.txt"]
    );
}

#[test]
fn every_xargs_recipe_runs_nothing_on_an_empty_list_and_no_panic_text_is_left() {
    // Without -r, `rg -l … | xargs folio` with no file found runs `folio` on the current
    // folder; a stray `stack backtrace:` line once sat in the query section.
    let readme = readme();
    let recipes: Vec<&str> = readme
        .lines()
        .filter(|line| line.contains("| xargs"))
        .filter(|line| !line.starts_with('|'))
        .collect();
    assert!(recipes.len() >= 3, "{recipes:?}");
    for recipe in recipes {
        let after = recipe.split("| xargs").nth(1).unwrap_or("");
        let flags = after
            .split_whitespace()
            .take_while(|word| word.starts_with('-'));
        let runs_nothing_on_empty = flags
            .clone()
            .any(|flag| !flag.starts_with("--") && flag.contains('r'))
            || after.contains("--no-run-if-empty");
        assert!(runs_nothing_on_empty, "{recipe}");
    }
    assert!(!readme.contains("stack backtrace"));
}
