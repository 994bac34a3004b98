//! What counts are grouped by: the first folder under the corpus's path (or the first N,
//! `folder:N`), the year or month of a document's date, or the value of a field (a JSON Lines record's, a file's front matter
//! key, named with `--group-by`). A document without one falls in the group `(none)`: counted,
//! never dropped.

use crate::corpus::Doc;
use std::borrow::Cow;
use std::path::{Component, Path};

/// The group of documents that have no date, or not the field.
pub(crate) const NONE: &str = "(none)";

/// A grouping of documents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum By {
    Folder,
    /// The first this many folders under the corpus's path (`folder:2`: `news/2004`).
    Folders(usize),
    Year,
    Month,
    /// A record's field or a front matter key (`--group-by`).
    Field(String),
}

impl std::str::FromStr for By {
    type Err = String;

    /// `folder`, `year`, `month`, or any other name: a field.
    fn from_str(name: &str) -> Result<By, String> {
        Ok(match name.trim() {
            "" => return Err("name folder, year, month or a field".to_string()),
            "folder" | "folder:1" => By::Folder,
            folders if folders.starts_with("folder:") => {
                match folders["folder:".len()..].parse::<usize>() {
                    Ok(depth) if depth > 1 => By::Folders(depth),
                    _ => return Err(format!("{folders:?}: write folder:N, N a depth from 1")),
                }
            }
            "year" => By::Year,
            "month" => By::Month,
            field => By::Field(field.to_string()),
        })
    }
}

impl By {
    /// What it is called in a heading.
    pub fn label(&self) -> std::borrow::Cow<'_, str> {
        Cow::Borrowed(match self {
            By::Folder => "folder",
            By::Folders(depth) => return Cow::Owned(format!("folder:{depth}")),
            By::Year => "year",
            By::Month => "month",
            By::Field(field) => field,
        })
    }

    /// The groupings there are for a corpus whose documents keep `field` (`--group-by`).
    pub fn all(field: Option<&str>) -> Vec<By> {
        let mut all = vec![By::Folder, By::Year, By::Month];
        all.extend(field.map(|field| By::Field(field.to_string())));
        all
    }

    /// The folder group of a document at `path` under `root`, when grouping by folder.
    pub(crate) fn folder_of<'a>(&self, path: &'a Path, root: &Path) -> Option<Cow<'a, str>> {
        match self {
            By::Folder => Some(folders(path, root, 1)),
            By::Folders(depth) => Some(folders(path, root, *depth)),
            _ => None,
        }
    }

    /// The group of `doc`, a document found under `root`.
    pub fn group_of<'a>(&self, doc: Doc<'a>, root: &Path) -> Cow<'a, str> {
        let dated = move |length: usize| {
            doc.date
                .and_then(|date| date.get(..length))
                .map_or(Cow::Borrowed(NONE), Cow::Borrowed)
        };
        match self {
            By::Folder => folders(doc.path, root, 1),
            By::Folders(depth) => folders(doc.path, root, *depth),
            By::Year => dated(4),
            By::Month => dated(7),
            By::Field(_) => Cow::Borrowed(doc.group.unwrap_or(NONE)),
        }
    }
}

/// The first `depth` folders of `path` under `root`, joined by `/` (fewer for a document
/// less deep), `.` for a document directly in it (or the records of a JSON Lines file, which
/// all live in the file given).
fn folders<'a>(path: &'a Path, root: &Path, depth: usize) -> Cow<'a, str> {
    let Ok(relative) = path.strip_prefix(root) else {
        return Cow::Borrowed(".");
    };
    // Only names count: listed paths are often `./a/x.txt` (`.` is no folder), or absolute
    // (the root is none either). The last name is the file's.
    let names: Vec<_> = relative
        .components()
        .filter_map(|component| match component {
            Component::Normal(name) => Some(name.to_string_lossy()),
            _ => None,
        })
        .collect();
    let folders = &names[..names.len().saturating_sub(1)];
    match folders.is_empty() {
        true => Cow::Borrowed("."),
        false => Cow::Owned(crate::text::sanitize::sanitize_line(
            &folders[..depth.min(folders.len())].join("/"),
        )),
    }
}

/// Orders group names: in order, with `(none)` last.
pub(crate) fn group_order(a: &str, b: &str) -> std::cmp::Ordering {
    (a == NONE, a).cmp(&(b == NONE, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_grouped_by_first_folder_year_month_and_field() {
        let root = Path::new("/corpus");
        let mut doc = crate::corpus::DocMeta::titled(Path::new("/corpus/news/2021/a.txt"), "A");
        doc.date = Some("2021-03-04".into());
        doc.group = Some("bbc".into());
        let groups: Vec<String> = By::all(Some("source"))
            .iter()
            .map(|by| by.group_of(doc.doc(), root).into_owned())
            .collect();
        assert_eq!(groups, ["news", "2021", "2021-03", "bbc"]);
        let top = crate::corpus::DocMeta::titled(Path::new("/corpus/b.txt"), "B");
        let groups: Vec<String> = By::all(Some("source"))
            .iter()
            .map(|by| by.group_of(top.doc(), root).into_owned())
            .collect();
        assert_eq!(groups, [".", NONE, NONE, NONE]);
        assert_eq!("month".parse::<By>(), Ok(By::Month));
        assert_eq!("folder:2".parse::<By>(), Ok(By::Folders(2)));
        assert!("folder:0".parse::<By>().is_err());
        let deep = |depth| By::Folders(depth).group_of(doc.doc(), root).into_owned();
        assert_eq!(
            (deep(2), deep(5)),
            ("news/2021".to_string(), "news/2021".to_string())
        );
        assert_eq!("author".parse::<By>(), Ok(By::Field("author".into())));
        let mut names = vec![NONE, "b", "2020", "a"];
        names.sort_by(|a, b| group_order(a, b));
        assert_eq!(names, ["2020", "a", "b", NONE]);
    }
}
