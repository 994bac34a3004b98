//! Where the remembered state of a corpus is kept and how it is read and written: one JSON
//! file per corpus under `$XDG_STATE_HOME/folio/` (else `~/.local/state/folio/`), never inside
//! the corpus. It is written whole to a temporary file that then replaces the old one, so two
//! folios leaving at once never leave a torn file; each merges what the other saved first
//! (`Remembered::merged_over`). A damaged file is reported and replaced, never fatal.

use crate::app::{Changes, Remembered};
use crate::corpus::Inputs;
use crate::corpus::write::Folder;
use crate::store::{lock, place};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The largest state file read: far beyond what the bounds on its entries allow.
const STATE_LIMIT: usize = 32 << 20;

/// The folder state files are kept in: `$XDG_STATE_HOME/folio`, or `~/.local/state/folio`
/// when that is unset or not absolute.
pub(crate) fn folder(var: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    place::xdg_folder(var, "XDG_STATE_HOME", ".local/state")
}

/// The state file of the corpus `inputs` in `folder`: named after the corpus for a person
/// looking, with a hash of its full paths, so two corpora never share one.
pub(crate) fn file_for(inputs: &Inputs, folder: &Path) -> PathBuf {
    folder.join(format!(
        "{}.json",
        place::corpus_name(inputs, b"folio-state-1")
    ))
}

/// Why the state cannot be kept for this corpus: its folder is inside the corpus (folio never
/// writes there).
pub(crate) fn refused(file: &Path, corpus: &[PathBuf]) -> Option<String> {
    let state = file.parent()?;
    place::inside_corpus(state, corpus).then(|| {
        format!(
            "state not kept: {} is inside the corpus (set XDG_STATE_HOME elsewhere)",
            state.display()
        )
    })
}

/// Reads the state file, in its folder opened by [`prepare_folder`]. A missing file is an
/// empty state; a damaged or unreadable one is an empty state and the reason, for the status
/// bar (it is replaced when folio is left).
pub(crate) fn load(folder: &Folder, file: &Path) -> (Remembered, Option<String>) {
    match read_state(folder, file) {
        Ok(Some(remembered)) => (remembered, None),
        Ok(None) => (Remembered::default(), None),
        Err(error) => (
            Remembered::default(),
            Some(format!(
                "the remembered state {} could not be read ({error}): starting afresh, it will be replaced",
                file.display()
            )),
        ),
    }
}

fn read_state(folder: &Folder, file: &Path) -> Result<Option<Remembered>, String> {
    // Never through a link, never blocked by a FIFO: a state file that is not a regular file
    // is damaged, and is replaced by one.
    let read = match folder.read(name_of(file), STATE_LIMIT) {
        Ok(read) => read,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) if error.raw_os_error() == Some(libc::ELOOP) => {
            return Err("it is a symbolic link, not followed".to_string());
        }
        Err(error) => return Err(error.to_string()),
    };
    if read.truncated {
        return Err(format!("larger than {} MiB", STATE_LIMIT >> 20));
    }
    serde_json::from_slice(&read.bytes).map_err(|error| error.to_string())
}

/// Makes the state folder (0700) if need be and opens it — every file of it is then opened
/// relative to the folder opened, whatever happens to its path — or says why it cannot be
/// trusted (a link, another user's, writable by others: see [`Folder::untrusted`]): folio
/// then keeps no state.
pub(crate) fn prepare_folder(file: &Path) -> Result<Folder, String> {
    let path = file.parent().ok_or("no folder")?;
    place::prepare(path).map_err(|why| format!("state not kept: {why}"))
}

/// The state file's name in its folder.
fn name_of(file: &Path) -> &std::ffi::OsStr {
    file.file_name().unwrap_or_default()
}

/// Writes this run's state, merged over what is in the file now, then cut to size, with
/// reading places of documents that no longer exist forgotten. The file is replaced whole
/// (see [`write::replace`]), while a lock beside it keeps another folio from reading it
/// between this one's read and rename (it would drop what this one adds). Only the user may
/// read what folio keeps: the folder is made 0700, the file 0600.
pub(crate) fn save(file: &Path, ours: Remembered, changes: &Changes) -> Result<(), String> {
    let folder = prepare_folder(file)?;
    let _locked = lock::lock(&folder, ".lock", Duration::from_secs(2));
    // No file yet, or a damaged one: this run's own history is all there is.
    let on_disk = read_state(&folder, file)
        .ok()
        .flatten()
        .unwrap_or_else(|| Remembered {
            history: ours.history.clone(),
            text_queries: ours.text_queries.clone(),
            ..Remembered::default()
        });
    let mut merged = ours.merged_over(on_disk, changes);
    merged.places.retain(|place| {
        // A record's key ends in its line: the file is what must still exist.
        let path = Path::new(&place.doc);
        path.exists()
            || place
                .doc
                .rsplit_once(':')
                .is_some_and(|(file, _)| Path::new(file).exists())
    });
    let text = serde_json::to_vec(&merged).map_err(|error| error.to_string())?;
    folder
        .replace(name_of(file), &text)
        .map_err(|error| format!("{}: {error}", file.display()))
}

/// Saves as [`save`] does, on a thread of its own, waiting at most `limit` for it: the exit
/// never waits longer on a slow or hung file system. Err says why it was not saved (or not in
/// time; it may then still finish while folio ends).
pub(crate) fn save_within(
    limit: Duration,
    file: PathBuf,
    ours: Remembered,
    changes: Changes,
) -> Result<(), String> {
    let (done, outcome) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("saving-state".into())
        .spawn(move || {
            let _ = done.send(save(&file, ours, &changes));
        });
    if let Err(error) = spawned {
        return Err(error.to_string());
    }
    match outcome.recv_timeout(limit) {
        Ok(saved) => saved,
        Err(_) => Err(format!(
            "not saved within {} s (a slow file system?)",
            limit.as_secs_f32()
        )),
    }
}

/// Holds an exclusive lock on the folder's `.lock` (made if need be) until dropped; None when
/// locking is not possible there (a link, a FIFO: refused, see [`Folder::open_file`]), or
/// another folio has held it for two seconds (the save then goes on unlocked: at worst a lost
/// update, never a torn file, and never a folio that hangs).
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_folder_follows_xdg() {
        let env = |pairs: &'static [(&str, &str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(key, _)| *key == name)
                    .map(|(_, value)| value.to_string())
            }
        };
        assert_eq!(
            folder(env(&[("XDG_STATE_HOME", "/s"), ("HOME", "/h")])),
            Some(PathBuf::from("/s/folio"))
        );
        assert_eq!(
            folder(env(&[("XDG_STATE_HOME", "rel"), ("HOME", "/h")])),
            Some(PathBuf::from("/h/.local/state/folio"))
        );
        assert_eq!(folder(env(&[])), None);
    }

    #[test]
    fn each_corpus_has_its_own_file_and_a_damaged_one_is_replaced() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let state = dir.path().join("state");
        let a = file_for(&Inputs::one(&dir.path().join("a")), &state);
        let b = file_for(&Inputs::one(&dir.path().join("b")), &state);
        assert_ne!(a, b);
        assert!(
            a.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("a-"))
        );
        let folder = prepare_folder(&a).map_err(std::io::Error::other)?;
        std::fs::write(&a, "{not json")?;
        let (empty, note) = load(&folder, &a);
        assert_eq!(empty, Remembered::default());
        assert!(note.is_some_and(|n| n.contains("could not be read")));
        let ours = Remembered {
            history: vec!["storm".into()],
            ..Remembered::default()
        };
        let changes = Changes {
            queries: vec![("storm".into(), false)],
            ..Changes::default()
        };
        save(&a, ours, &changes).map_err(std::io::Error::other)?;
        assert_eq!(load(&folder, &a).0.history, ["storm"]);
        assert!(refused(&a, &[dir.path().to_path_buf()]).is_some());
        assert!(refused(&a, &[dir.path().join("a")]).is_none());
        Ok(())
    }
}
