//! Helpers shared by the integration tests: folio driven through its real event loop by key
//! scripts (`Browser`: `browser.keys("Down Enter / party Enter n")`), the sample and temporary
//! corpora, and running the built binary.

pub(crate) mod hostile;
pub(crate) mod pty;
pub(crate) mod tmux;

use folio::testing::EventLoop;
use folio::testing::Keymap;
use folio::testing::Theme;
use folio::testing::{App, Exit, Handover, Setup, Update};
use folio::testing::{Corpus, Inputs, WalkOptions};
use folio::testing::{Pace, Scripted};
use ratatui::Terminal;
use ratatui::backend::{Backend, TestBackend};
use ratatui::buffer::Buffer;
use std::path::Path;

pub(crate) fn options() -> WalkOptions {
    WalkOptions {
        extensions: vec!["txt".into(), "md".into()],
        ..WalkOptions::default()
    }
}

/// The word index's memory in the tests: what the program uses unless told otherwise.
pub(crate) const INDEX_BUDGET: usize = folio::testing::DEFAULT_BUDGET_MIB << 20;

/// folio browsing a corpus: the real app in the real event loop, drawn on a test backend (or
/// any other), its keys played from scripts and its background work run by the real jobs.
pub(crate) struct Browser<B: Backend = TestBackend> {
    event_loop: EventLoop<B, Scripted>,
    /// How the session ended, once it has.
    exit: Option<Exit>,
}

impl Browser<TestBackend> {
    /// folio over the sample corpus shipped with the repository (tests run from the package
    /// root, so the relative path keeps displayed paths the same on every machine).
    pub(crate) fn sample(width: u16, height: u16) -> Self {
        Browser::over(Path::new("corpus"), &[], "", width, height)
    }

    /// folio over `root` with `--keyword`s and a starting `--query`.
    pub(crate) fn over(
        root: &Path,
        keywords: &[&str],
        query: &str,
        width: u16,
        height: u16,
    ) -> Self {
        let setup = Setup {
            keywords: keywords.iter().map(|k| k.to_string()).collect(),
            query: query.to_string(),
            ..setup()
        };
        Browser::of_corpus(load(root), setup, Theme::default(), width, height)
    }

    /// folio over a corpus already listed.
    pub(crate) fn of_corpus(
        corpus: Corpus,
        setup: Setup,
        theme: Theme,
        width: u16,
        height: u16,
    ) -> Self {
        let terminal = match Terminal::new(TestBackend::new(width, height)) {
            Ok(terminal) => terminal,
            Err(never) => match never {},
        };
        Browser::on(terminal, corpus, setup, theme)
    }

    /// The last frame drawn.
    pub(crate) fn buffer(&mut self) -> &Buffer {
        self.event_loop.terminal().backend().buffer()
    }

    /// The last frame's text, one line per row, trailing spaces trimmed.
    pub(crate) fn screen(&mut self) -> String {
        screen_text(self.buffer())
    }

    /// Resizes the terminal to `width`x`height`, as a terminal window would.
    pub(crate) fn resize(&mut self, width: u16, height: u16) -> &mut Self {
        self.event_loop
            .terminal()
            .backend_mut()
            .resize(width, height);
        let resized = crossterm::event::Event::Resize(width, height);
        self.event_loop.session().play_event(resized);
        self.run()
    }
}

/// How the tests start the app unless they say otherwise: as the program does.
pub(crate) fn setup() -> Setup {
    Setup {
        index_budget: INDEX_BUDGET,
        ..Setup::default()
    }
}

impl<B: Backend> Browser<B>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    /// folio over `corpus`, drawn on `terminal`, once its first frame is drawn and the
    /// background work it asked for at start (a ranking, the index) is done.
    pub(crate) fn on(terminal: Terminal<B>, corpus: Corpus, setup: Setup, theme: Theme) -> Self {
        let session =
            Scripted::new().unwrap_or_else(|error| panic!("cannot start the jobs: {error}"));
        let started = App::new(corpus, setup);
        let event_loop = EventLoop::new(terminal, session, started, theme, Keymap::default())
            .unwrap_or_else(|error| panic!("cannot start: {error}"));
        let mut browser = Browser {
            event_loop,
            exit: None,
        };
        browser.settle();
        browser
    }

    /// Plays `script` (see `folio::testing::script`) as a person would: each key once the
    /// screen has settled, and then waits for the screen to settle again.
    pub(crate) fn keys(&mut self, script: &str) -> &mut Self {
        self.event_loop.session().play(script, Pace::Patient);
        self.run()
    }

    /// Plays `script` at once, leaving the background work it starts under way.
    pub(crate) fn keys_now(&mut self, script: &str) -> &mut Self {
        self.event_loop.session().play(script, Pace::Hurried);
        self.run()
    }

    /// Waits for the background work under way.
    pub(crate) fn settle(&mut self) -> &mut Self {
        self.event_loop.session().wait_for_work();
        self.run()
    }

    /// Delivers `update` as background work would, and waits for the screen to settle.
    pub(crate) fn deliver(&mut self, update: Update) -> &mut Self {
        let session = self.event_loop.session();
        session.deliver(update);
        session.wait_for_work();
        self.run()
    }

    fn run(&mut self) -> &mut Self {
        match self.event_loop.run() {
            Ok(Some(exit)) => self.exit = Some(exit),
            Ok(None) => {}
            Err(error) => panic!("the event loop failed: {error}"),
        }
        self
    }

    pub(crate) fn app(&self) -> &App {
        self.event_loop.app()
    }

    /// How the session ended, if it has.
    pub(crate) fn exit(&self) -> Option<&Exit> {
        self.exit.as_ref()
    }

    /// Everything put on the clipboard.
    pub(crate) fn copied(&mut self) -> Vec<String> {
        self.event_loop.session().copied.clone()
    }

    /// Every document handed to the editor or pager.
    pub(crate) fn handed_over(&mut self) -> Vec<Handover> {
        self.event_loop.session().handed_over.clone()
    }

    /// The titles in the list, in the order shown.
    pub(crate) fn titles(&self) -> Vec<String> {
        let app = self.app();
        let matches = app.list().matches();
        matches
            .iter()
            .map(|&index| app.docs().at(index).title().to_string())
            .collect()
    }

    pub(crate) fn matches(&self) -> Vec<usize> {
        self.app().list().matches().to_vec()
    }

    pub(crate) fn message(&self) -> Option<&str> {
        self.app().message()
    }
}

/// The script that types `text` as it is, a key per character (a space is `Space`), whatever
/// words it holds.
pub(crate) fn typing(text: &str) -> String {
    let keys: Vec<String> = text
        .chars()
        .map(|c| match c {
            ' ' => "Space".to_string(),
            c => c.to_string(),
        })
        .collect();
    keys.join(" ")
}

/// Lists the documents under `root` as the program would.
pub(crate) fn load(root: &Path) -> Corpus {
    match folio::testing::load(&Inputs::one(root), &options()) {
        Ok(corpus) => corpus,
        Err(error) => panic!("cannot load {}: {error}", root.display()),
    }
}

/// Occurrences of lowercase `word` in a document, ignoring case, counted independently of folio.
pub(crate) fn body_count(path: &str, word: &str) -> usize {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.to_lowercase().matches(word).count()
}

/// The buffer's text, one line per row, trailing spaces trimmed (for snapshots).
pub(crate) fn screen_text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        let mut x = 0;
        while x < area.width {
            let symbol = buffer[(x, y)].symbol();
            line.push_str(symbol);
            // A wide character covers the next cell too; that cell holds no text of its own.
            x += (folio::testing::width(symbol) as u16).max(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// A corpus of `count` generated documents: `document(i)` gives the i-th path and contents.
pub(crate) fn generated_corpus(
    count: usize,
    document: impl Fn(usize) -> (String, String),
) -> tempfile::TempDir {
    let files: Vec<(String, String)> = (0..count).map(document).collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, c)| (p.as_str(), c.as_str()))
        .collect();
    temp_corpus(&refs)
}

/// A small corpus in a temporary folder: `(relative path, contents)` pairs.
/// Writes an executable shell script `name` into `dir` (a stand-in editor or pager).
pub(crate) fn executable(dir: &Path, name: &str, script: &str) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join(name);
    std::fs::write(&path, script).unwrap_or_else(|e| panic!("{e}"));
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))
        .unwrap_or_else(|e| panic!("{e}"));
    path
}

pub(crate) fn temp_corpus(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(error) => panic!("cannot create a temporary folder: {error}"),
    };
    for (path, contents) in files {
        let full = dir.path().join(path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
        }
        std::fs::write(&full, contents).unwrap_or_else(|e| panic!("{e}"));
    }
    dir
}

/// [`temp_corpus`] of files made by the test (names and texts it owns).
pub(crate) fn temp_corpus_of(files: &[(String, String)]) -> tempfile::TempDir {
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(name, text)| (name.as_str(), text.as_str()))
        .collect();
    temp_corpus(&borrowed)
}

/// A lasting store of the corpus in `dir` made with `--index`, in a cache folder of its own
/// (the folder returned: `XDG_CACHE_HOME` for the runs that use it).
pub(crate) fn indexed_cache(dir: &Path) -> tempfile::TempDir {
    let cache = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let indexed = folio_command()
        .env("XDG_CACHE_HOME", cache.path())
        .args(["--index", "."])
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run folio: {e}"));
    assert!(
        indexed.status.success(),
        "--index: {}",
        String::from_utf8_lossy(&indexed.stderr)
    );
    cache
}

/// The sample corpus's text (real news prose), its documents one after the other: what the
/// tests that need real text at some size make their documents of.
pub(crate) fn sample_prose() -> String {
    let mut prose = String::new();
    let mut paths: Vec<_> = std::fs::read_dir(repo().join("corpus"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .collect();
    paths.sort();
    for path in paths {
        prose.push_str(&std::fs::read_to_string(path).unwrap_or_default());
    }
    prose
}

/// Where the tests point `XDG_CONFIG_HOME`: nowhere, so a configuration file of the user's
/// running the tests changes nothing.
pub(crate) const NO_CONFIG: &str = "/nonexistent/folio-tests/config";

/// Where folio run by the tests keeps its remembered state (`XDG_STATE_HOME`): a folder of
/// this test process's own, never the user's.
pub(crate) fn state_home() -> String {
    let folder = std::env::temp_dir().join(format!("folio-test-state-{}", std::process::id()));
    folder.display().to_string()
}

/// Where folio run by the tests keeps its lasting stores (`XDG_CACHE_HOME`): a folder of
/// this test process's own, never the user's.
pub(crate) fn cache_home() -> String {
    let folder = std::env::temp_dir().join(format!("folio-test-cache-{}", std::process::id()));
    folder.display().to_string()
}

/// The first line of `screen` that holds `text` (empty when none does).
pub(crate) fn line_with<'a>(screen: &'a str, text: &str) -> &'a str {
    screen
        .lines()
        .find(|line| line.contains(text))
        .unwrap_or_default()
}

/// Runs `script` with `sh -c` in folder `dir`, the built folio first on PATH (`folio` in
/// a pipeline), and waits for its output.
pub(crate) fn shell(script: &str, dir: &Path) -> std::process::Output {
    let binary = Path::new(env!("CARGO_BIN_EXE_folio"));
    let bin_dir = binary.parent().map(Path::to_path_buf).unwrap_or_default();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    std::process::Command::new("sh")
        .arg("-c")
        .arg(script)
        .env("PATH", path)
        .env("XDG_CONFIG_HOME", NO_CONFIG)
        .env("XDG_STATE_HOME", state_home())
        .env("XDG_CACHE_HOME", cache_home())
        .current_dir(dir)
        .output()
        .unwrap_or_else(|error| panic!("cannot run sh: {error}"))
}

/// Runs the built folio with `args` in folder `dir` and waits for its output.
pub(crate) fn folio_output(args: &[&str], dir: &Path) -> std::process::Output {
    folio_command()
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|error| panic!("cannot run folio: {error}"))
}

/// The built folio as every test runs it: no configuration file, the tests' own state and
/// cache folders (what a test sets after this wins).
pub(crate) fn folio_command() -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_folio"));
    command
        .env("XDG_CONFIG_HOME", NO_CONFIG)
        .env("XDG_STATE_HOME", state_home())
        .env("XDG_CACHE_HOME", cache_home());
    command
}

/// The repository's root: the sample corpus, the README, the demo tape.
pub(crate) fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A text's words as the oracles split them: runs of letters, digits and `_`, lowercased
/// char by char (README: what a word is).
pub(crate) fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|word| !word.is_empty())
        .map(|word| word.chars().flat_map(char::to_lowercase).collect())
        .collect()
}

/// A program's output as text (what is not UTF-8 replaced), to search and show.
pub(crate) fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The rows of the reader's page, as text (no highlights).
pub(crate) fn reader_rows(reader: &folio::testing::Reader) -> Vec<String> {
    let rows = reader.visible_rows(&folio::testing::Highlights::none());
    rows.iter().map(|row| row.text.to_string()).collect()
}

/// Numbers for generated corpora, the same on every run (proptest's deterministic generator),
/// so a failure shows again.
pub(crate) struct Seeded(proptest::test_runner::TestRng);

impl Seeded {
    pub(crate) fn new() -> Seeded {
        let algorithm = proptest::test_runner::RngAlgorithm::ChaCha;
        Seeded(proptest::test_runner::TestRng::deterministic_rng(algorithm))
    }

    pub(crate) fn next(&mut self) -> u64 {
        proptest::prelude::Rng::next_u64(&mut self.0)
    }

    /// A number below `n`.
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// What a test returns: a failure to set it up (a file not written, a program not run) is an
/// error with its reason, as `?` gives it.
pub(crate) type TestResult = Result<(), Box<dyn std::error::Error>>;
