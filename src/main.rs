//! The `firedrill` binary: everything lives in the library.

fn main() -> std::process::ExitCode {
    firedrill::cli::main()
}
