//! Where folio keeps what it keeps outside the corpus: its folders under the XDG base
//! directories, and the name a corpus's files have there, the same from run to run and never
//! shared by two corpora.

use crate::corpus::Inputs;
use crate::corpus::write::Folder;
use std::path::{Path, PathBuf};

/// folio's folder under an XDG base directory: `$NAME/folio`, or `~/FALLBACK/folio` (the XDG
/// default) when NAME is unset or not absolute; None without a home either. `var` looks the
/// environment up.
pub(crate) fn xdg_folder(
    var: impl Fn(&str) -> Option<String>,
    name: &str,
    fallback: &str,
) -> Option<PathBuf> {
    let base = var(name)
        .map(PathBuf::from)
        .filter(|path| path.is_absolute())
        .or_else(|| var("HOME").map(|home| Path::new(&home).join(fallback)))?;
    Some(base.join("folio"))
}

/// The lasting stores' folder: `$XDG_CACHE_HOME/folio`, or `~/.cache/folio`.
pub(crate) fn cache_folder(var: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    xdg_folder(var, "XDG_CACHE_HOME", ".cache")
}

/// The name of the corpus `inputs`' files: after the corpus for a person looking, with a
/// hash of its full paths (or, for a list on standard input, of the folder folio was run in)
/// and of `kind`, so two corpora never share one.
pub(crate) fn corpus_name(inputs: &Inputs, kind: &[u8]) -> String {
    let full = |path: &Path| std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let (mut identity, name) = match inputs {
        Inputs::Named(paths) => {
            let name = paths
                .first()
                .map(|path| full(path))
                .and_then(|path| path.file_name().map(|n| n.to_string_lossy().into_owned()));
            let identity: Vec<u8> = paths
                .iter()
                .flat_map(|path| {
                    let mut bytes = full(path).into_os_string().into_encoded_bytes();
                    bytes.push(0);
                    bytes
                })
                .collect();
            (identity, name.unwrap_or_else(|| "corpus".into()))
        }
        Inputs::Listed { .. } => {
            let here = full(&std::env::current_dir().unwrap_or_default());
            (here.into_os_string().into_encoded_bytes(), "listed".into())
        }
    };
    identity.extend_from_slice(kind);
    let readable: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .take(40)
        .collect();
    format!("{readable}-{:016x}", crate::text::hash::fnv1a(&identity))
}

/// Why `folder` may not hold what folio keeps of this corpus: it is inside the corpus (folio
/// never writes there).
pub(crate) fn inside_corpus(folder: &Path, corpus: &[PathBuf]) -> bool {
    // The folder may not exist yet: its nearest existing ancestor tells where it will be.
    let Some(existing) = folder.ancestors().find(|path| path.exists()) else {
        return false;
    };
    let Ok(folder) = std::fs::canonicalize(existing) else {
        return false;
    };
    corpus
        .iter()
        .filter_map(|path| std::fs::canonicalize(path).ok())
        .any(|corpus| corpus.is_dir() && folder.starts_with(&corpus))
}

/// Makes the folder at `path` (0700, with its parents) if need be and opens it — every file of
/// it is then opened relative to the folder opened, whatever happens to its path — or says why
/// it cannot be used: it cannot be made, it is a link, or it cannot be trusted (another user's,
/// writable by others: see [`Folder::untrusted`]).
pub(crate) fn prepare(path: &Path) -> Result<Folder, String> {
    use std::os::unix::fs::DirBuilderExt;
    // (A link is refused below, saying so.)
    let is_neither = |metadata: std::fs::Metadata| !metadata.is_dir() && !metadata.is_symlink();
    if std::fs::symlink_metadata(path).is_ok_and(is_neither) {
        return Err(format!("{} is not a folder", path.display()));
    }
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(path)
        .map_err(|error| format!("{}: {error}", path.display()))?;
    let folder =
        Folder::open_not_following(path).map_err(|error| format!("{} {error}", path.display()))?;
    match folder.untrusted() {
        Some(why) => Err(why),
        None => Ok(folder),
    }
}
