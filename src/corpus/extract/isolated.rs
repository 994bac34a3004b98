//! PDFs are taken apart in a child process: the PDF reader (pdf-extract over lopdf) is the one
//! part of folio that a hostile file can crash past catching — a form that draws itself
//! recurses until the stack overflows, a stream that inflates to gigabytes exhausts memory —
//! and either would end folio with the whole corpus. The child is folio itself, run with
//! [`CHILD_FLAG`] (a private protocol between folio and itself, not an option): it reads the
//! PDF's bytes on standard input, writes the outcome as JSON on standard output, and runs
//! under limits on its memory ([`MEMORY_BYTES`]), CPU time and core dumps, so whatever the
//! file does costs one child, said as the reason the file is skipped. When folio runs as a
//! library (the unit tests), PDFs are read in the process.

use super::{Extracted, limits};
use std::io::{Read, Write};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::PathBuf;
use std::process::{Command, ExitCode, Stdio};
use std::sync::OnceLock;

/// The first argument that makes folio the child.
pub(crate) const CHILD_FLAG: &str = "--folio-internal-extract-pdf";

/// Address space a child may take: lopdf holds every object of the file, so a big honest PDF
/// takes a few hundred MiB; a bomb is stopped here.
pub(crate) const MEMORY_BYTES: u64 = 2 << 30;

/// The program run as the child (folio's own executable), once set at start.
static PROGRAM: OnceLock<PathBuf> = OnceLock::new();

/// Reads PDFs in children of `program` (folio's executable) from now on.
pub(crate) fn isolate_with(program: PathBuf) {
    let _ = PROGRAM.set(program);
}

/// The child's whole life: the PDF on standard input, the outcome on standard output.
pub(crate) fn child_main() -> ExitCode {
    let mut bytes = Vec::new();
    let read = std::io::stdin()
        .lock()
        .take(limits::INPUT_BYTES as u64)
        .read_to_end(&mut bytes);
    let outcome: Result<Extracted, String> = match read {
        Ok(_) => super::extract_in_process(&bytes, super::Format::Pdf),
        Err(error) => Err(error.to_string()),
    };
    let written = serde_json::to_writer(std::io::stdout().lock(), &outcome);
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::FAILURE,
    }
}

/// A PDF's extraction in a child, when children are set up (else None: read it here).
pub(crate) fn extract_pdf(bytes: &[u8]) -> Option<Result<Extracted, String>> {
    let program = PROGRAM.get()?;
    Some(run_child(program, bytes))
}

fn run_child(program: &PathBuf, bytes: &[u8]) -> Result<Extracted, String> {
    let mut command = Command::new(program);
    command
        .arg(CHILD_FLAG)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    // SAFETY: between fork and exec only setrlimit is called, which is async-signal-safe
    // and touches no memory of the parent's.
    unsafe {
        command.pre_exec(|| {
            limit(libc::RLIMIT_AS, MEMORY_BYTES);
            limit(libc::RLIMIT_CPU, limits::SECONDS + 5);
            limit(libc::RLIMIT_CORE, 0);
            Ok(())
        });
    }
    let mut child = command
        .spawn()
        .map_err(|error| format!("the PDF reader could not be started ({error})"))?;
    // The child reads all its input before it writes: writing first cannot block for ever.
    // (A child that dies early closes the pipe: the write fails, its exit says why.)
    if let Some(mut input) = child.stdin.take() {
        let _ = input.write_all(bytes);
    }
    let mut output = Vec::new();
    if let Some(mut out) = child.stdout.take() {
        let _ = out.read_to_end(&mut output);
    }
    let status = child
        .wait()
        .map_err(|error| format!("the PDF reader was lost ({error})"))?;
    if !status.success() {
        return Err(match status.signal() {
            Some(libc::SIGXCPU | libc::SIGKILL) => {
                format!("the PDF reader took over {} s of CPU", limits::SECONDS + 5)
            }
            Some(signal) => format!(
                "the PDF reader crashed on it (signal {signal}: a loop that overflowed its \
                 stack, or more than {} GiB of memory)",
                MEMORY_BYTES >> 30
            ),
            None => "the PDF reader failed".to_string(),
        });
    }
    serde_json::from_slice(&output)
        .map_err(|error| format!("the PDF reader's answer was damaged ({error})"))?
}

/// Sets the soft and hard limit of `resource` in the child.
fn limit(resource: libc::__rlimit_resource_t, value: u64) {
    let limit = libc::rlimit {
        rlim_cur: value,
        rlim_max: value,
    };
    // SAFETY: setrlimit reads the struct, alive for the call; a failure leaves the limit as
    // it was.
    unsafe {
        libc::setrlimit(resource, &limit);
    }
}
