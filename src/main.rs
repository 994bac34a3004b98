//! Process wiring only: everything, the command line included, is in the library
//! (`folio::run`), so the tests drive the same code.

fn main() -> std::process::ExitCode {
    folio::run()
}
