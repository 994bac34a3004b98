//! The lasting store, end to end through the built binary: a corpus indexed once answers
//! exactly as one read afresh (`--no-cache`) after every kind of change (a file touched,
//! grown, shrunk, replaced, deleted, renamed, added; a JSON Lines file grown, or edited), with
//! a store damaged in each way, with two folios at once, and with a cache folder that cannot
//! be written. The answers without the store are themselves checked against ripgrep elsewhere
//! (`search`, `study`); here the store must change nothing.

use crate::common::{TestResult, folio_command, repo};
use std::path::{Path, PathBuf};
use std::process::Output;

/// A corpus of real prose (the sample's paragraphs, one a file, in folders) with a cache
/// folder of its own.
struct Kept {
    corpus: tempfile::TempDir,
    cache: tempfile::TempDir,
    /// What folio is run on: the corpus's folder, or a file in it.
    target: PathBuf,
}

const QUERIES: &[&str] = &[
    "china",
    "'party'",
    "Communist",
    "zebraquux",
    "\"communist party\"",
    "leader world",
    "covid-19",
    "!china world",
];

impl Kept {
    fn new() -> std::io::Result<Kept> {
        let corpus = tempfile::tempdir()?;
        let mut n = 0;
        for seed in std::fs::read_dir(repo().join("corpus"))? {
            let text = std::fs::read_to_string(seed?.path())?;
            for paragraph in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
                let folder = corpus.path().join(format!("f{}", n % 3));
                std::fs::create_dir_all(&folder)?;
                std::fs::write(folder.join(format!("{n:03}.txt")), paragraph)?;
                aged(&folder.join(format!("{n:03}.txt")))?;
                n += 1;
            }
        }
        Ok(Kept {
            target: corpus.path().to_path_buf(),
            corpus,
            cache: tempfile::tempdir()?,
        })
    }

    fn path(&self, name: &str) -> PathBuf {
        self.corpus.path().join(name)
    }

    fn folio(&self, args: &[&str]) -> Output {
        folio_command()
            .env("XDG_CACHE_HOME", self.cache.path())
            .args(args)
            .arg(&self.target)
            .output()
            .unwrap_or_else(|error| panic!("cannot run folio: {error}"))
    }

    fn stdout(&self, args: &[&str]) -> String {
        String::from_utf8_lossy(&self.folio(args).stdout).into_owned()
    }

    /// `--index`'s report.
    fn index(&self) -> String {
        let output = self.folio(&["--index"]);
        assert!(output.status.success(), "{output:?}");
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// The listing, and every query's `--search`, `--count`, `--kwic` and `--filter`, with
    /// the store are those without it.
    fn answers_as_without_store(&self, when: &str) {
        let listed = self.stdout(&["--list"]);
        assert_eq!(
            listed,
            self.stdout(&["--no-cache", "--list"]),
            "{when}: --list"
        );
        for query in QUERIES {
            for mode in ["--search", "--count", "--kwic", "--filter"] {
                if mode == "--kwic" && query.starts_with('!') {
                    continue;
                }
                let with = self.stdout(&[mode, query]);
                let without = self.stdout(&["--no-cache", mode, query]);
                assert_eq!(with, without, "{when}: {mode} {query}");
            }
        }
    }
}

/// Makes the file at `path` an hour old: a file changed in the last seconds before the store
/// is written is read again next time (its time may not show a change made in the same tick
/// of the file system's clock), and the tests want most files kept.
fn aged(path: &Path) -> std::io::Result<()> {
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(path)?
        .set_modified(hour_ago)
}

fn store_folder(kept: &Kept) -> PathBuf {
    let root = kept.cache.path().join("folio");
    let mut folders = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .filter_map(Result::ok)
        .map(|entry| entry.path());
    folders.next().unwrap_or_default()
}

#[test]
fn a_second_start_lists_from_the_store_and_every_change_is_seen() -> TestResult {
    let kept = Kept::new()?;
    let first = kept.index();
    assert!(first.contains("0 as kept"), "{first}");
    let second = kept.index();
    assert!(
        second.contains("0 new or changed") && second.contains("store unchanged"),
        "{second}"
    );
    kept.answers_as_without_store("unchanged");

    // Touched: a word added, the size and time changed.
    let touched = kept.path("f0/000.txt");
    let mut text = std::fs::read_to_string(&touched)?;
    text.push_str(" zebraquux");
    std::fs::write(&touched, &text)?;
    // Shrunk: its words gone.
    std::fs::write(kept.path("f1/001.txt"), "Short now.")?;
    // Replaced by another file of the same size and time (another inode).
    let replaced = kept.path("f2/002.txt");
    let before = std::fs::metadata(&replaced)?;
    let same_size = format!("zebraquux {}", "x".repeat(before.len() as usize - 10));
    let other = kept.corpus.path().join("f2/new-one");
    std::fs::write(&other, same_size)?;
    let file = std::fs::File::options().write(true).open(&other)?;
    file.set_modified(before.modified()?)?;
    std::fs::rename(&other, &replaced)?;
    // Deleted, renamed, added.
    std::fs::remove_file(kept.path("f0/003.txt"))?;
    std::fs::rename(kept.path("f1/004.txt"), kept.path("f1/104.txt"))?;
    std::fs::write(
        kept.path("f2/new.txt"),
        "New paper. zebraquux and the Communist world.",
    )?;
    let report = kept.index();
    // The new, changed, renamed and replaced ones are read again; the rest are not.
    assert!(report.contains(" 5 new or changed"), "{report}");
    kept.answers_as_without_store("after the store was brought up to date");
    let found = kept.stdout(&["--search", "zebraquux"]);
    assert_eq!(found.lines().count(), 3, "{found}");
    // A search straight after a change (no --index first) sees it too.
    std::fs::write(kept.path("f0/006.txt"), "Now about zebraquux only.")?;
    std::fs::remove_file(kept.path("f1/007.txt"))?;
    kept.answers_as_without_store("straight after a change");
    Ok(())
}

#[test]
fn a_json_lines_file_that_grew_has_only_its_tail_read() -> TestResult {
    let mut kept = Kept::new()?;
    let records = kept.path("set.jsonl");
    kept.target = records.clone();
    let record =
        |n: usize, text: &str| format!("{{\"title\": \"Record {n}\", \"text\": \"{text}\"}}\n");
    let mut text: String = (0..50)
        .map(|n| record(n, "the Communist Party of China"))
        .collect();
    std::fs::write(&records, &text)?;
    aged(&records)?;
    kept.index();
    text.push_str(&record(50, "zebraquux grew"));
    text.push_str("not json\n");
    text.push_str(&record(52, "zebraquux again"));
    std::fs::write(&records, &text)?;
    let report = kept.index();
    assert!(
        report.contains(" 2 new or changed"),
        "the tail only: {report}"
    );
    kept.answers_as_without_store("grown");
    // Edited before the old end, at the same size: read whole again.
    let edited = text.replacen("Record 3\"", "Record X\"", 1);
    std::fs::write(&records, &edited)?;
    kept.answers_as_without_store("edited");
    let listed = kept.stdout(&["--filter", "Record X"]);
    assert!(listed.contains("set.jsonl:4"), "{listed}");
    // Named twice, it is listed and counted once, with the store or without.
    let twice = |extra: &[&str]| {
        let mut command = folio_command();
        command.env("XDG_CACHE_HOME", kept.cache.path());
        command
            .args(extra)
            .args(["--count", "communist"])
            .args([&records, &records]);
        command
            .output()
            .map(|output| String::from_utf8_lossy(&output.stdout).into_owned())
    };
    assert_eq!(twice(&[])?, twice(&["--no-cache"])?);
    assert_eq!(twice(&[])?, kept.stdout(&["--count", "communist"]));
    Ok(())
}

#[test]
fn a_damaged_store_of_each_kind_is_set_aside_and_answers_stay_right() -> TestResult {
    let kept = Kept::new()?;
    kept.index();
    let folder = store_folder(&kept);
    type Damage = fn(&Path) -> std::io::Result<()>;
    let damages: [(&str, &str, Damage); 6] = [
        ("index", "truncated", |file| {
            let length = std::fs::metadata(file)?.len();
            std::fs::File::options()
                .write(true)
                .open(file)?
                .set_len(length / 2)
        }),
        ("listing", "garbage", |file| {
            std::fs::write(file, b"garbage, not a store")
        }),
        ("index", "a byte changed", |file| {
            let mut bytes = std::fs::read(file)?;
            let middle = bytes.len() / 2;
            bytes[middle] ^= 0x55;
            std::fs::write(file, bytes)
        }),
        ("listing", "another version", |file| {
            let mut bytes = std::fs::read(file)?;
            bytes[8] = bytes[8].wrapping_add(1);
            std::fs::write(file, bytes)
        }),
        ("listing", "empty (half-written)", |file| {
            std::fs::write(file, b"")
        }),
        ("index", "a folder in its place", |file| {
            std::fs::remove_file(file)?;
            std::fs::create_dir(file)
        }),
    ];
    for (name, kind, damage) in damages {
        damage(&folder.join(name))?;
        let output = kept.folio(&["--search", "china"]);
        let said = String::from_utf8_lossy(&output.stderr);
        assert!(said.contains(&format!("store's {name}")), "{kind}: {said}");
        kept.answers_as_without_store(kind);
        // A printing mode makes no store where there is no listing: --index (or the
        // browser) makes it whole again.
        kept.index();
        let again = kept.folio(&["--search", "china"]);
        assert!(
            again.stderr.is_empty(),
            "{kind}: {:?}",
            String::from_utf8_lossy(&again.stderr)
        );
    }
    assert!(folder.join("index.damaged").exists());
    assert!(folder.join("listing.damaged").exists());
    Ok(())
}

#[test]
fn two_folios_at_once_share_the_store_and_a_held_lock_only_stops_writing() -> TestResult {
    let kept = Kept::new()?;
    let runs: Vec<std::process::Child> = (0..4)
        .map(|_| {
            folio_command()
                .env("XDG_CACHE_HOME", kept.cache.path())
                .args(["--index"])
                .arg(kept.corpus.path())
                .stdout(std::process::Stdio::null())
                .spawn()
        })
        .collect::<Result<_, _>>()?;
    for mut run in runs {
        assert!(run.wait()?.success());
    }
    kept.answers_as_without_store("after four at once");
    // Another folio holds the writer's lock: this one answers right, and says it could not
    // keep its index.
    std::fs::write(kept.path("f0/000.txt"), "Changed while locked. zebraquux")?;
    let lock = store_folder(&kept).join("lock");
    let mut holder = std::process::Command::new("flock")
        .arg(&lock)
        .args(["sleep", "30"])
        .spawn()?;
    // Until flock holds it (a try to take it fails), folio could take it first.
    let held = || {
        std::process::Command::new("flock")
            .args(["-n"])
            .arg(&lock)
            .arg("true")
            .status()
            .is_ok_and(|status| !status.success())
    };
    let start = std::time::Instant::now();
    while !held() && start.elapsed() < std::time::Duration::from_secs(30) {
        std::thread::yield_now();
    }
    let output = kept.folio(&["--index"]);
    let said = String::from_utf8_lossy(&output.stderr).into_owned();
    kept.answers_as_without_store("while locked");
    holder.kill()?;
    holder.wait()?;
    assert!(
        said.contains("another folio is writing the store"),
        "{said}"
    );
    Ok(())
}

#[test]
fn a_cache_folder_that_cannot_be_made_leaves_folio_working_as_before() -> TestResult {
    let kept = Kept::new()?;
    // A file where the folder would be: not even root can make a folder in it.
    let blocked = kept.cache.path().join("a-file");
    std::fs::write(&blocked, "")?;
    let run = |args: &[&str]| {
        folio_command()
            .env("XDG_CACHE_HOME", &blocked)
            .args(args)
            .arg(kept.corpus.path())
            .output()
    };
    // The browser and --index, which make the store, say why there is none; --index fails.
    let index = run(&["--index"])?;
    assert_eq!(index.status.code(), Some(2));
    let said = String::from_utf8_lossy(&index.stderr);
    assert!(said.contains("no lasting store"), "{said}");
    // A printing mode, which only uses a store there is, answers as ever.
    let search = run(&["--search", "china"])?;
    assert!(search.status.success());
    assert_eq!(
        String::from_utf8_lossy(&search.stdout),
        kept.stdout(&["--no-cache", "--search", "china"])
    );
    // --no-cache writes nothing; nor does a printing mode where there is no store yet.
    kept.stdout(&["--no-cache", "--search", "china"]);
    kept.stdout(&["--search", "china"]);
    assert!(!kept.cache.path().join("folio").exists());
    Ok(())
}

#[test]
fn the_browser_keeps_the_store_reopens_from_it_and_says_when_it_was_damaged() -> TestResult {
    let kept = Kept::new()?;
    let term = crate::common::tmux::Tmux::start(100, 30, kept.corpus.path());
    let run = format!(
        "XDG_CACHE_HOME={} folio .; echo \"exit=$?\"",
        kept.cache.path().display()
    );
    // The first start indexes and writes the store.
    term.command(&run);
    term.wait_for("achievements");
    term.wait_until("the index written", |_| {
        store_folder(&kept).join("index").exists()
    });
    term.wait_until("indexing done", |screen| !screen.contains("indexing"));
    term.quit("C-c", 130);
    let written = std::fs::metadata(store_folder(&kept).join("listing"))?.modified()?;
    // The second lists from it and searches with it: the same count as ripgrep's.
    term.command(&run);
    term.wait_for("achievements");
    term.keys(&["C-f"]);
    term.wait_for("text>");
    term.type_text("'party'");
    let rg = std::process::Command::new("rg")
        .args(["-c", "-i", "-w", "-o", "party"])
        .arg(kept.corpus.path())
        .output()?;
    let per_file: Vec<usize> = String::from_utf8_lossy(&rg.stdout)
        .lines()
        .filter_map(|line| line.rsplit(':').next()?.parse::<usize>().ok())
        .collect();
    let screen = term.wait_for(&format!("{}/11", per_file.len()));
    // Each row's hits, as the list shows them, add up to ripgrep's.
    let shown: usize = screen
        .lines()
        .filter_map(|line| {
            let left = line.split('│').next()?;
            let words: Vec<&str> = left.split_whitespace().collect();
            let at = words
                .iter()
                .rposition(|word| *word == "hits" || *word == "hit")?;
            words.get(at.checked_sub(1)?)?.parse::<usize>().ok()
        })
        .sum();
    assert_eq!(shown, per_file.iter().sum::<usize>(), "{screen}");
    term.wait_until("indexing done", |screen| !screen.contains("indexing"));
    let again = std::fs::metadata(store_folder(&kept).join("listing"))?.modified()?;
    assert_eq!(
        written, again,
        "nothing changed: the store is used, not written again"
    );
    term.quit("C-c", 130);
    // A damaged index is set aside, said in the message line, and made again.
    let index = store_folder(&kept).join("index");
    std::fs::write(&index, b"not an index")?;
    term.command(&run);
    term.wait_for("index is damaged");
    term.wait_until("the index made again", |_| {
        std::fs::read(&index).is_ok_and(|bytes| bytes.starts_with(b"folio-ix"))
    });
    term.quit("C-c", 130);
    assert!(store_folder(&kept).join("index.damaged").exists());
    Ok(())
}

#[test]
fn the_store_serves_the_corpus_however_it_is_named_and_a_list_on_standard_input() -> TestResult {
    let kept = Kept::new()?;
    kept.index();
    // The same corpus named from inside it: listed from the store, printed as named now.
    let here = |args: &[&str]| {
        folio_command()
            .env("XDG_CACHE_HOME", kept.cache.path())
            .args(args)
            .current_dir(kept.corpus.path())
            .output()
    };
    let report = String::from_utf8_lossy(&here(&["--index", "."])?.stdout).into_owned();
    assert!(report.contains("0 new or changed"), "{report}");
    for args in [["--list", "."], ["--search", "china"]] {
        let with = here(&args)?;
        let without = here(&[&["--no-cache"], &args[..]].concat())?;
        assert_eq!(with.stdout, without.stdout, "{args:?}");
        assert!(String::from_utf8_lossy(&with.stdout).contains("./f0/"));
    }
    // A list of paths on standard input, with no store for it yet and then with one.
    let listed = |args: &[&str]| -> std::io::Result<String> {
        use std::io::Write;
        let mut child = folio_command()
            .env("XDG_CACHE_HOME", kept.cache.path())
            .args(args)
            .current_dir(kept.corpus.path())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()?;
        let mut stdin = child.stdin.take().ok_or(std::io::ErrorKind::BrokenPipe)?;
        stdin.write_all(b"f0/000.txt\nf1/001.txt\nf2/002.txt\n")?;
        drop(stdin);
        let output = child.wait_with_output()?;
        assert!(output.status.success(), "{args:?}: {output:?}");
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    };
    let without = listed(&["--no-cache", "--search", "china"])?;
    assert!(!without.is_empty());
    assert_eq!(listed(&["--search", "china"])?, without);
    listed(&["--index"])?;
    assert_eq!(listed(&["--search", "china"])?, without);
    assert_eq!(
        listed(&["--count", "china"])?,
        listed(&["--no-cache", "--count", "china"])?
    );
    // A bound the listing alone passes: nothing written, and --index fails saying why.
    let bounded = kept.folio(&["--index", "--cache-limit", "0"]);
    assert_eq!(bounded.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bounded.stderr).contains("passes its bound"));
    Ok(())
}
