//! The command line: what the user can ask for, parsed by clap, and turned into the walk's
//! options.

use crate::config::ColorChoice;
use crate::config::Config;
use crate::corpus::decode::Decoding;
use crate::corpus::jsonl::{RecordFields, TEXT_FIELDS, TITLE_FIELDS};
use crate::corpus::walk::DEFAULT_EXTENSIONS;
use crate::corpus::{Inputs, WalkOptions};
use crate::search::query::Matching;
use clap::parser::ValueSource;
use clap::{ArgMatches, CommandFactory, FromArgMatches, Parser};
use std::path::PathBuf;

/// Browse a corpus of text documents: list them by title, fuzzy-filter, read with highlights.
#[derive(Parser, Debug)]
#[command(name = "folio", version, about)]
pub(crate) struct Args {
    /// Folders to browse (walked recursively), documents (whatever their extension), or JSON
    /// Lines files (.jsonl, .ndjson) with one document per line, in any mix. Without one, the
    /// paths listed on standard input when it is a pipe or a file (one a line: `rg -l word |
    /// folio`), else the current folder. `-` reads the list from standard input.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Read the list of paths on standard input NUL-separated (`find … -print0 | folio
    /// --read0`).
    #[arg(long)]
    pub read0: bool,

    /// File extension to include; repeat or separate with commas. `-e ''` takes files without
    /// an extension (README, NOTES).
    #[arg(
        short = 'e',
        long = "ext",
        value_name = "EXT",
        value_delimiter = ',',
        default_values = DEFAULT_EXTENSIONS
    )]
    pub extensions: Vec<String>,

    /// Take every file in the folders, whatever its extension (binary files are still
    /// skipped).
    #[arg(long)]
    pub all_files: bool,

    /// Include hidden files and folders (names starting with a dot).
    #[arg(long)]
    pub hidden: bool,

    /// Follow symbolic links (loops are detected and skipped).
    #[arg(short = 'L', long)]
    pub follow: bool,

    /// With --list, --filter, --search, --kwic or --count, also print the skipped files and
    /// why, on stderr (--list: every one; the others: the first 10,000, then how many more).
    #[arg(short = 'v', long)]
    pub verbose: bool,

    /// Word always highlighted in the reader; repeatable (up to 10,000).
    #[arg(short = 'k', long = "keyword", value_name = "WORD")]
    pub keywords: Vec<String>,

    /// Start with this filter query (instead of the last one, remembered).
    #[arg(short = 'q', long = "query", value_name = "QUERY", default_value = "")]
    pub query: String,

    /// JSON Lines: the field holding a record's title; repeat or separate with commas.
    #[arg(long, value_name = "FIELD", value_delimiter = ',', default_values = TITLE_FIELDS)]
    pub title_field: Vec<String>,

    /// JSON Lines: the field holding a record's text, in order of preference.
    #[arg(
        long,
        value_name = "FIELD",
        value_delimiter = ',',
        default_values = TEXT_FIELDS
    )]
    pub text_field: Vec<String>,

    /// Exact mode: plain words match titles as exact substrings, not fuzzily (`'word` is then
    /// fuzzy), as fzf's --exact; Ctrl-X switches in the browser. Text search is always exact.
    #[arg(short = 'x', long)]
    pub exact: bool,

    /// How `c` in the concordance cites a line: plain, markdown or bibtex (`C` there goes to
    /// the next).
    #[arg(long, value_name = "FORMAT", default_value = "plain")]
    pub citation: crate::study::cite::CitationFormat,

    /// Read files that are not UTF-8 in this encoding (windows-1252, iso-8859-2, koi8-r,
    /// shift_jis… any WHATWG label) instead of guessing it.
    #[arg(long, value_name = "NAME", value_parser = crate::corpus::decode::encoding_named)]
    pub encoding: Option<&'static encoding_rs::Encoding>,

    /// Print `PATH<TAB>TITLE` for every document, in the order found (each folder in path
    /// order, the PATHs in the order given), and exit.
    #[arg(long, conflicts_with = "filter")]
    pub list: bool,

    /// Print the documents whose titles match QUERY, best first, and exit (1 if none match).
    #[arg(long, value_name = "QUERY")]
    pub filter: Option<String>,

    /// Print the documents whose text mentions QUERY, most relevant first, as
    /// `PATH<TAB>HITS<TAB>TITLE`, and exit (1 if none match).
    #[arg(long, value_name = "QUERY", conflicts_with_all = ["list", "filter"])]
    pub search: Option<String>,

    /// Print JSON lines (the same as --format jsonl): with --search, path, title, hits,
    /// score and passage; with --list and --filter, path and title.
    #[arg(long)]
    pub json: bool,

    /// Print every hit of QUERY in the documents' text with its context, in document order,
    /// as `PATH:LINE<TAB>LEFT<TAB>HIT<TAB>RIGHT`, and exit (1 if none).
    #[arg(long, value_name = "QUERY", conflicts_with_all = ["list", "filter", "search"])]
    pub kwic: Option<String>,

    /// With --kwic, print a random sample of N lines (in document order) instead of every
    /// one; the seed it was drawn with is said on stderr (the browser's `r N SEED` draws the
    /// same lines).
    #[arg(long, value_name = "N", requires = "kwic")]
    pub sample: Option<usize>,

    /// With --sample, the seed to draw it with (the same seed gives the same lines).
    #[arg(long, value_name = "SEED", requires = "sample")]
    pub seed: Option<u64>,

    /// With --kwic, characters of context each side of a hit.
    #[arg(long, value_name = "N", default_value_t = crate::study::kwic::DEFAULT_CONTEXT)]
    pub context: usize,

    /// Print how many documents mention QUERY and how many hits it has, per group (see --by),
    /// as `GROUP<TAB>DOCUMENTS<TAB>HITS` (then the hits of each term of `a | b`), and exit
    /// (1 if none).
    #[arg(long, value_name = "QUERY", conflicts_with_all = ["list", "filter", "search", "kwic"])]
    pub count: Option<String>,

    /// Search each query of FILE (one a line, say a list of names; `-` reads standard input;
    /// blank lines and `#` comments are skipped) and print its documents and hits per group
    /// (see --by) as `QUERY<TAB>GROUP<TAB>DOCUMENTS<TAB>HITS`; a query found nowhere is one
    /// row, group `(all)`. A line that is not a query is reported with its number and the
    /// rest run (exit 2 then).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["list", "filter", "search", "kwic", "count"])]
    pub batch: Option<PathBuf>,

    /// With --count, group by: folder (the first under PATH), year, month, or a field's value
    /// (a JSON Lines field, or a front matter key). Documents without one count as `(none)`.
    #[arg(long, value_name = "GROUP", default_value = "folder", value_parser = clap::value_parser!(crate::study::groups::By))]
    pub by: crate::study::groups::By,

    /// The field (JSON Lines) or front matter key whose values counts can be grouped by, in
    /// the browser's counts view (Ctrl-G) too.
    #[arg(long, value_name = "FIELD")]
    pub group_by: Option<String>,

    /// How --list, --filter, --search, --kwic, --count, --wordlist, --ngrams, --keywords
    /// and --collocates print: tsv (the default), csv (RFC 4180, with a heading row) or jsonl (one
    /// JSON object a line).
    #[arg(long, value_name = "FORMAT", default_value = "tsv", value_parser = clap::value_parser!(crate::study::export::Format))]
    pub format: crate::study::export::Format,

    /// Print paths only, each followed by a NUL instead of a line break (for `xargs -0`):
    /// with --list, --filter, --search and accepting in the browser (Ctrl-O).
    #[arg(short = '0', long)]
    pub print0: bool,

    /// Without the lasting store (--no-cache): memory for the index of the documents' words
    /// that makes text search (Ctrl-F) fast, in MiB; built in the background once loaded. 0:
    /// no index, text search reads every document each time. With the store, the index is
    /// bounded by --cache-limit.
    #[arg(long, value_name = "MIB", default_value_t = crate::search::text::index::DEFAULT_BUDGET_MIB)]
    pub index_memory: usize,

    /// Build the text index as the browser would and print what it covers, its size and how
    /// long it took (to choose --index-memory), then exit.
    #[arg(long, conflicts_with_all = ["list", "filter", "search"])]
    pub index_stats: bool,

    /// Print completions for SHELL (bash, zsh, fish, elvish, powershell) and exit.
    #[arg(long, value_name = "SHELL", exclusive = true)]
    pub completions: Option<clap_complete::Shell>,

    /// Print folio's man page (roff) and exit: `folio --man | man -l -`.
    #[arg(long, exclusive = true)]
    pub man: bool,

    /// Colours: auto (unless NO_COLOR is set), always, or never (bold, reverse and underline
    /// still show the selection and the highlights).
    #[arg(long, value_name = "WHEN", default_value = "auto")]
    pub color: ColorChoice,

    /// Do not ask the terminal for the mouse (the wheel scrolls, a click selects a row), so
    /// the terminal's own selection works without Shift.
    #[arg(long)]
    pub no_mouse: bool,

    /// Neither read nor write the remembered state (query history, marks, keywords added, the
    /// last query and sort, reading places) kept per corpus under $XDG_STATE_HOME/folio.
    #[arg(long)]
    pub no_state: bool,

    /// Neither read nor write the lasting store (each corpus's listing and word index, kept
    /// under $XDG_CACHE_HOME/folio so a corpus opened again lists and searches at once).
    #[arg(long)]
    pub no_cache: bool,

    /// The most one corpus's lasting store may take, in MiB; past it, documents are left
    /// out of the stored index (and scanned).
    #[arg(long, value_name = "MIB", default_value_t = crate::store::DEFAULT_LIMIT_MIB)]
    pub cache_limit: u64,

    /// Build the lasting store of the corpus (its listing and word index), or bring it up to
    /// date, say what was done, and exit: for a cron job, or before a first session.
    #[arg(long, conflicts_with_all = ["list", "filter", "search", "index_stats", "no_cache"])]
    pub index: bool,

    /// Read this configuration file instead of $XDG_CONFIG_HOME/folio/config.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Ignore the configuration file (even one given with --config): start with the defaults.
    #[arg(long)]
    pub no_config: bool,

    /// Print the defaults as a configuration file to start from, and exit.
    #[arg(long, exclusive = true)]
    pub print_config: bool,

    #[command(flatten)]
    pub study: super::study_args::StudyArgs,

    #[command(flatten)]
    pub copies: super::copies_args::CopiesArgs,
}

/// Parses the command line (exiting with clap's message and status on a mistake), keeping
/// which options were given, so the configuration file fills in only the others.
pub(crate) fn parse() -> (Args, ArgMatches) {
    let matches = Args::command().get_matches();
    match Args::from_arg_matches(&matches) {
        Ok(args) => (args, matches),
        Err(error) => error.exit(),
    }
}

impl Args {
    /// Takes what `config` sets for each option the command line left at its default;
    /// keywords from both are kept, and flags are on when either turns them on.
    pub(crate) fn apply_config(&mut self, config: Config, matches: &ArgMatches) {
        let unset = |id: &str| {
            !matches!(
                matches.value_source(id),
                Some(ValueSource::CommandLine | ValueSource::EnvVariable)
            )
        };
        if let Some(extensions) = config.extensions.filter(|_| unset("extensions")) {
            self.extensions = extensions;
        }
        if let Some(fields) = config.title_fields.filter(|_| unset("title_field")) {
            self.title_field = fields;
        }
        if let Some(fields) = config.text_fields.filter(|_| unset("text_field")) {
            self.text_field = fields;
        }
        if let Some(budget) = config.index_memory.filter(|_| unset("index_memory")) {
            self.index_memory = budget;
        }
        if let Some(color) = config.color.filter(|_| unset("color")) {
            self.color = color;
        }
        if let Some(encoding) = config.encoding.filter(|_| unset("encoding")) {
            self.encoding = Some(encoding);
        }
        self.hidden |= config.hidden.unwrap_or(false);
        self.exact |= config.exact.unwrap_or(false);
        if let Some(citation) = config.citation.filter(|_| unset("citation")) {
            self.citation = citation;
        }
        self.follow |= config.follow.unwrap_or(false);
        self.no_mouse |= config.mouse == Some(false);
        self.no_state |= config.state == Some(false);
        self.no_cache |= config.cache == Some(false);
        if let Some(limit) = config.cache_limit.filter(|_| unset("cache_limit")) {
            self.cache_limit = limit;
        }
        if let Some(share) = config.copy_jaccard.filter(|_| unset("copy_jaccard")) {
            self.copies.copy_jaccard = share;
        }
        if let Some(share) = config
            .copy_containment
            .filter(|_| unset("copy_containment"))
        {
            self.copies.copy_containment = share;
        }
        let mut keywords = config.keywords;
        keywords.append(&mut self.keywords);
        self.keywords = keywords;
    }

    /// Where the documents come from: the paths named, else the list on standard input
    /// when it is a pipe or a file (as ripgrep reads standard input: a terminal or
    /// `/dev/null` is not a list), else the current folder.
    pub(crate) fn inputs(&self) -> Result<Inputs, super::Failure> {
        let listed = Inputs::Listed { nul: self.read0 };
        if self.paths.iter().any(|path| path.as_os_str() == "-") {
            return match self.paths.len() {
                1 if std::io::IsTerminal::is_terminal(&std::io::stdin()) => {
                    Err(super::Failure::Message(
                        "`-` reads the list of paths from standard input, which is the terminal: pipe a list in (rg -l word | folio -)".into(),
                    ))
                }
                1 => Ok(listed),
                _ => Err(super::Failure::Message(
                    "`-` (the list on standard input) cannot be mixed with other paths".into(),
                )),
            };
        }
        if !self.paths.is_empty() {
            return Ok(Inputs::Named(self.paths.clone()));
        }
        match (stdin_is_a_list(), self.read0) {
            (true, _) => Ok(listed),
            (false, true) => Err(super::Failure::Message(
                "--read0 reads paths from standard input, which is not a pipe or a file".into(),
            )),
            (false, false) => Ok(Inputs::default()),
        }
    }

    /// How the printing modes print: `--format`, or JSON Lines with `--json`.
    pub(crate) fn output_format(&self) -> crate::study::export::Format {
        match self.json {
            true => crate::study::export::Format::Jsonl,
            false => self.format,
        }
    }

    /// How plain query words match titles.
    /// The subcorpus the printing modes are about: `--in`, and `distinct` with
    /// `--collapse` (each cluster of copies counted once).
    pub(crate) fn scope(&self) -> Option<String> {
        match (&self.study.scope, self.copies.collapse) {
            (Some(scope), true) => Some(format!("({scope}) and distinct")),
            (None, true) => Some("distinct".to_string()),
            (scope, false) => scope.clone(),
        }
    }

    pub(crate) fn matching(&self) -> Matching {
        match self.exact {
            true => Matching::Exact,
            false => Matching::Fuzzy,
        }
    }

    /// `--cache-limit` in bytes.
    pub(crate) fn cache_bytes(&self) -> u64 {
        self.cache_limit.saturating_mul(1 << 20)
    }

    /// `--index-memory` in bytes.
    pub(crate) fn index_budget(&self) -> usize {
        self.index_memory.saturating_mul(1 << 20)
    }

    pub(crate) fn walk_options(&self) -> WalkOptions {
        WalkOptions {
            extensions: self
                .extensions
                .iter()
                // `-e ''` stays: the empty extension wants names without one.
                .map(|ext| ext.trim().trim_start_matches('.').to_ascii_lowercase())
                .collect(),
            hidden: self.hidden,
            follow: self.follow,
            all_files: self.all_files,
            decoding: Decoding {
                forced: self.encoding,
            },
            records: RecordFields {
                title: self.title_field.clone(),
                text: self.text_field.clone(),
                // `--count --by FIELD` groups by a field: listing keeps its values.
                group: match &self.by {
                    crate::study::groups::By::Field(field) if self.count.is_some() => {
                        Some(field.clone())
                    }
                    _ => self.group_by.clone(),
                },
            },
            known: None,
        }
    }
}

/// Whether standard input holds a list of paths: a pipe, a file or a socket. A terminal is
/// the user's keyboard, and `/dev/null` (what a cron job or a test harness gives) lists
/// nothing: both mean "browse the current folder".
fn stdin_is_a_list() -> bool {
    use std::os::unix::fs::FileTypeExt;
    let stdin = std::io::stdin();
    if std::io::IsTerminal::is_terminal(&stdin) {
        return false;
    }
    let Ok(file) = std::os::fd::AsFd::as_fd(&stdin).try_clone_to_owned() else {
        return false;
    };
    std::fs::File::from(file).metadata().is_ok_and(|metadata| {
        let kind = metadata.file_type();
        kind.is_fifo() || kind.is_file() || kind.is_socket()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_well_formed() {
        use clap::CommandFactory;
        Args::command().debug_assert();
    }

    #[test]
    fn extensions_are_normalised() {
        let args = Args::parse_from(["folio", "-e", ".TXT,md", "--ext", "rst"]);
        assert_eq!(args.walk_options().extensions, vec!["txt", "md", "rst"]);
        let defaults = Args::parse_from(["folio"]);
        assert_eq!(
            defaults.walk_options().extensions,
            vec![
                "txt", "md", "markdown", "text", "html", "htm", "xhtml", "pdf", "docx", "odt",
                "epub", "eml"
            ]
        );
    }

    #[test]
    fn list_and_filter_exclude_each_other() {
        assert!(Args::try_parse_from(["folio", "--list", "--filter", "x"]).is_err());
    }
}
