//! `e` and `o` in the reader: what to hand to the user's editor or pager, and at which line.
//! The app only says what it wants (an effect); the event loop, which owns the terminal, hands
//! it over, runs the program and takes it back (`tty::handover`).

use super::App;
use super::effects::Effect;
use crate::search::query::{Matching, Query};
use std::path::PathBuf;

/// Which of the user's programs to run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Program {
    /// `$VISUAL`, else `$EDITOR`, else `vi`.
    Editor,
    /// `$PAGER`, else `less`.
    Pager,
}

/// A document to open in the user's editor or pager.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Handover {
    pub program: Program,
    /// The file to open: the document, or the JSON Lines file that holds the record.
    pub path: PathBuf,
    /// The line to open at, from 1.
    pub line: u64,
    /// For a pager: the text to show through standard input instead of the file (a record is
    /// one line of JSON in its file; its text is what the reader shows).
    pub text: Option<String>,
    /// For a pager: the words of the reader's search, for the pager to find and highlight
    /// (less and more).
    pub search: Vec<String>,
    /// For a pager: the reader's current hit as the document writes it (`Yukos` for the
    /// search `yukos`), for more, whose search cannot ignore case.
    pub hit: Option<String>,
}

impl App {
    /// Asks for the document in the reader to be opened in the editor (at the line at the top
    /// of the view) or the pager.
    pub(super) fn open_outside(&mut self, program: Program) {
        let Some(doc) = self.reader.doc() else {
            self.screen.say("no document to open");
            return;
        };
        // Checked as the reader opens it: a document (or a folder it is in) swapped for a link
        // since it was listed is not handed to a program that would follow the link.
        if let Err(error) = self.corpus.docs.check_readable(doc) {
            self.screen
                .say(format!("not opened in the {}: {error}", program.noun()));
            return;
        }
        // A line break would end the pager's search and start a command of its own.
        let hit = self
            .reader
            .current_hit_text()
            .filter(|hit| !hit.is_empty() && !hit.chars().any(char::is_control));
        let meta = self.corpus.docs.at(doc);
        let path = meta.path.to_path_buf();
        let handover = match (meta.record, program) {
            (Some(record), Program::Editor) => Handover {
                program,
                path,
                line: record.line,
                text: None,
                search: Vec::new(),
                hit: None,
            },
            (Some(_), Program::Pager) => Handover {
                program,
                path,
                line: 1,
                text: self.reader.text_in_memory().map(str::to_string),
                search: self.pager_search(),
                hit,
            },
            (None, _) => Handover {
                program,
                path,
                line: self.reader.line_on_screen() as u64,
                text: None,
                search: match program {
                    Program::Pager => self.pager_search(),
                    Program::Editor => Vec::new(),
                },
                hit,
            },
        };
        self.ask(Effect::HandOver(handover));
    }

    /// The words of the reader's search (a `/` term, or the text query), for a pager.
    fn pager_search(&self) -> Vec<String> {
        self.reader.search().map_or_else(Vec::new, |search| {
            let words = Query::parse_with(&search.term, Matching::Exact).highlight_words();
            // A line break would end the pager's search and start a command of its own.
            words
                .into_iter()
                .filter(|word| !word.chars().any(char::is_control))
                .collect()
        })
    }

    /// Says how the editor or pager ended, when it did not end well.
    pub(super) fn handed_back(&mut self, outcome: Result<(), String>) {
        if let Err(problem) = outcome {
            self.screen.say(problem);
        }
    }
}

impl Program {
    /// What the user calls it, in messages.
    pub fn noun(self) -> &'static str {
        match self {
            Program::Editor => "editor",
            Program::Pager => "pager",
        }
    }
}

impl Handover {
    /// The user's program for this: `$VISUAL`, `$EDITOR` or `vi`; `$PAGER` or `less`, as
    /// looked up with `var`. Empty values count as unset.
    pub fn program(&self, var: impl Fn(&str) -> Option<String>) -> String {
        let set = |name: &str| var(name).filter(|value| !value.trim().is_empty());
        match self.program {
            Program::Editor => set("VISUAL")
                .or_else(|| set("EDITOR"))
                .unwrap_or_else(|| "vi".into()),
            Program::Pager => set("PAGER").unwrap_or_else(|| "less".into()),
        }
    }

    /// The arguments for `program` to open the file at the line: `+LINE PATH` (vi, vim,
    /// nvim, nano, emacs, micro, kak…), `PATH:LINE` for the editors that take that instead,
    /// and the path alone for pagers other than less and more.
    pub fn arguments(&self, program: &str) -> Vec<std::ffi::OsString> {
        let name = program
            .split_whitespace()
            .next()
            .and_then(|first| first.rsplit('/').next())
            .unwrap_or_default();
        let path = as_argument(&self.path);
        let colon = path.as_encoded_bytes().contains(&b':');
        let at_line = || {
            let mut joined = path.clone();
            joined.push(format!(":{}", self.line));
            joined
        };
        let plus_line = || vec![format!("+{}", self.line).into(), path.clone()];
        // less goes to the line, then finds any of the words from there (an extended regular
        // expression), caseless as folio's, and keeps every hit highlighted; more finds the
        // first word only (its basic regular expression has no alternatives).
        let searched = |words: &[String]| -> Vec<std::ffi::OsString> {
            match name {
                "less" => {
                    let any: Vec<String> = words
                        .iter()
                        .map(|w| escaped(w, "\\.[]{}()*+?^$|/"))
                        .collect();
                    // A search that starts with `!`, `*` or `@` is one of less's modifiers
                    // (lines not matching, search every file, from the first file): the
                    // character in brackets is itself.
                    let mut pattern = any.join("|");
                    if let Some(first) = pattern.chars().next().filter(|c| "!*@".contains(*c)) {
                        pattern.replace_range(..1, &format!("[{first}]"));
                    }
                    vec!["-I".into(), format!("+{}g/{pattern}", self.line).into()]
                }
                // more finds the hit as written: its search cannot ignore case.
                _ => {
                    let first = self
                        .hit
                        .as_ref()
                        .or(words.first())
                        .map_or("", String::as_str);
                    vec![format!("+/{}", escaped(first, "\\.[]*^$/")).into()]
                }
            }
        };
        match (self.program, name, self.search.is_empty()) {
            (Program::Pager, "less" | "more", false) => {
                let mut arguments = searched(&self.search);
                if self.text.is_none() {
                    arguments.push(path);
                }
                arguments
            }
            (Program::Pager, ..) if self.text.is_some() => Vec::new(),
            (Program::Pager, "less" | "more", true) => plus_line(),
            (Program::Pager, ..) => vec![path],
            // A name with a colon (`a:5`) would be read as another file at a line: opened
            // without the line (VS Code and Helix then take the whole name; Sublime Text
            // still reads the colon, and there is no way to tell it otherwise).
            (Program::Editor, "code" | "code-insiders" | "codium", _) if colon => vec![path],
            (Program::Editor, "code" | "code-insiders" | "codium", _) => {
                vec!["-g".into(), at_line()]
            }
            (Program::Editor, "hx" | "helix" | "subl" | "sublime_text", _) if colon => vec![path],
            (Program::Editor, "hx" | "helix" | "subl" | "sublime_text", _) => vec![at_line()],
            (Program::Editor, ..) => plus_line(),
        }
    }
}

/// `path` as an argument no program can take for anything but a file name: a relative path
/// starts with `./`, so a name such as `+:!touch x` (a command to vi), `-c!…` or `--help` stays
/// a name for every editor and pager (vi, vim, nvim, nano, emacs, helix, code, less, more,
/// most). An absolute path starts with `/` already.
pub(super) fn as_argument(path: &std::path::Path) -> std::ffi::OsString {
    let bytes = path.as_os_str().as_encoded_bytes();
    if bytes.first() == Some(&b'/') || bytes.starts_with(b"./") || bytes.starts_with(b"../") {
        return path.as_os_str().to_os_string();
    }
    let mut safe = std::ffi::OsString::from("./");
    safe.push(path.as_os_str());
    safe
}

/// `word` with a backslash before each of `special`, so a pager's regular expression takes
/// it literally.
fn escaped(word: &str, special: &str) -> String {
    word.chars()
        .flat_map(|c| match special.contains(c) {
            true => vec!['\\', c],
            false => vec![c],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn handover(program: Program) -> Handover {
        Handover {
            program,
            path: PathBuf::from("corpus/a b.txt"),
            line: 12,
            text: None,
            search: Vec::new(),
            hit: None,
        }
    }

    /// Arguments as text, to compare.
    fn texts(arguments: &[std::ffi::OsString]) -> Vec<String> {
        arguments
            .iter()
            .map(|arg| arg.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn visual_comes_before_editor_and_empty_values_do_not_count() {
        let editor = handover(Program::Editor);
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(key, _)| *key == name)
                    .map(|(_, value)| value.to_string())
            }
        };
        assert_eq!(
            editor.program(env(&[("VISUAL", "nvim"), ("EDITOR", "nano")])),
            "nvim"
        );
        assert_eq!(
            editor.program(env(&[("VISUAL", " "), ("EDITOR", "nano")])),
            "nano"
        );
        assert_eq!(editor.program(env(&[])), "vi");
        assert_eq!(handover(Program::Pager).program(env(&[])), "less");
    }

    #[test]
    fn each_kind_of_program_gets_the_line_its_way() {
        let editor = handover(Program::Editor);
        let args = |program: &str| -> Vec<String> {
            editor
                .arguments(program)
                .iter()
                .map(|arg| arg.to_string_lossy().into_owned())
                .collect()
        };
        assert_eq!(args("vim"), ["+12", "./corpus/a b.txt"]);
        assert_eq!(args("/usr/bin/emacs -nw"), ["+12", "./corpus/a b.txt"]);
        assert_eq!(args("code --wait"), ["-g", "./corpus/a b.txt:12"]);
        assert_eq!(args("hx"), ["./corpus/a b.txt:12"]);
        let pager = handover(Program::Pager);
        assert_eq!(pager.arguments("less -R").len(), 2);
        assert_eq!(
            pager.arguments("most"),
            [std::ffi::OsString::from("./corpus/a b.txt")]
        );
        let record = Handover {
            text: Some("the record's text".into()),
            ..handover(Program::Pager)
        };
        assert!(record.arguments("less").is_empty());
        let searched = Handover {
            search: vec!["a.b".into(), "storm".into()],
            ..handover(Program::Pager)
        };
        let args = |program: &str| texts(&searched.arguments(program));
        assert_eq!(args("less"), ["-I", r"+12g/a\.b|storm", "./corpus/a b.txt"]);
        // less's search modifiers are the characters themselves.
        for (word, pattern) in [("!hello", "[!]hello"), ("@x", "[@]x"), ("*y", r"\*y")] {
            let modified = Handover {
                search: vec![word.into()],
                ..handover(Program::Pager)
            };
            let args = texts(&modified.arguments("less"));
            assert_eq!(args[1], format!("+12g/{pattern}"), "{word}");
        }
        assert_eq!(args("more"), [r"+/a\.b", "./corpus/a b.txt"]);
        // more cannot ignore case: it looks for the hit as the document writes it.
        let written = Handover {
            search: vec!["yukos".into()],
            hit: Some("Yukos".into()),
            ..handover(Program::Pager)
        };
        let args = |program: &str| texts(&written.arguments(program));
        assert_eq!(args("more"), ["+/Yukos", "./corpus/a b.txt"]);
        assert_eq!(args("less"), ["-I", "+12g/yukos", "./corpus/a b.txt"]);
    }

    #[test]
    fn no_name_is_taken_for_an_option_or_a_command() {
        for name in [
            "+:!touch PWNED",
            "+!touch PWNED",
            "-c!touch PWNED",
            "--help",
            "-",
        ] {
            let hostile = Handover {
                path: PathBuf::from(name),
                ..handover(Program::Editor)
            };
            for program in ["vi", "vim", "nvim", "nano", "emacs", "hx", "code --wait"] {
                let args = hostile.arguments(program);
                let last = args.last().map(|a| a.to_string_lossy().into_owned());
                assert!(
                    last.as_deref().is_some_and(|a| a.starts_with("./")),
                    "{program} {name}: {args:?}"
                );
            }
            let pager = Handover {
                path: PathBuf::from(name),
                ..handover(Program::Pager)
            };
            for program in ["less", "more", "most"] {
                let args = pager.arguments(program);
                assert!(args.iter().all(|a| !a.to_string_lossy().contains(name)
                    || a.to_string_lossy() == format!("./{name}")));
            }
        }
        let colon = Handover {
            path: PathBuf::from("a:5"),
            ..handover(Program::Editor)
        };
        for program in ["hx", "code --wait", "subl"] {
            let args = colon.arguments(program);
            assert_eq!(args, [std::ffi::OsString::from("./a:5")], "{program}");
        }
        assert_eq!(as_argument(std::path::Path::new("/abs/+x")), "/abs/+x");
        assert_eq!(as_argument(std::path::Path::new("../+x")), "../+x");
    }
}
