//! The player's override files as the TUI reads them: whatever sits at the
//! path (a folder, a named pipe, a link to an endless device, a huge or
//! non-UTF-8 file), the reader returns at once with a problem to show and
//! the built-in defaults apply.

use super::*;
use std::time::Duration;

/// A scratch config folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("firedrill-overrides-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Reads the overrides in `dir` on another thread, failing the test if the
/// read does not finish in five seconds (a pipe would block it forever).
fn read_in_time(dir: &Path) -> (Overrides, Vec<String>) {
    let (tx, rx) = std::sync::mpsc::channel();
    let dir = dir.to_path_buf();
    std::thread::spawn(move || {
        let _ = tx.send(read_overrides(Some(&dir)));
    });
    rx.recv_timeout(Duration::from_secs(5))
        .unwrap_or_else(|_| panic!("reading the override files hung"))
}

#[test]
fn missing_files_are_no_problem() {
    let dir = scratch("missing");
    let (o, problems) = read_in_time(&dir);
    assert!(o.keymap.is_none() && o.theme.is_none() && o.settings.is_none());
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn a_folder_or_a_bad_file_is_named_and_the_defaults_apply() {
    let dir = scratch("bad");
    std::fs::create_dir(dir.join("keymap.ron")).unwrap();
    std::fs::write(dir.join("theme.ron"), [b'(', 0xff, b')']).unwrap();
    let big = vec![b' '; crate::files::MAX_CONFIG as usize + 1];
    std::fs::write(dir.join("config.ron"), big).unwrap();
    let (o, problems) = read_in_time(&dir);
    assert!(o.keymap.is_none() && o.theme.is_none() && o.settings.is_none());
    let all = problems.join("\n");
    assert!(
        all.contains("keymap.ron: it is a folder, not a regular file (using the defaults instead)"),
        "{all}"
    );
    assert!(all.contains("theme.ron: it is not UTF-8 text"), "{all}");
    assert!(
        all.contains("config.ron: it is larger than the limit of 1 MiB"),
        "{all}"
    );
    // The defaults are what the game then plays with.
    let config = Config::load(&o);
    assert!(config.problems.is_empty(), "{:?}", config.problems);
}

#[cfg(unix)]
#[test]
fn a_named_pipe_or_a_link_to_a_device_is_refused_without_reading() {
    let dir = scratch("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(dir.join("keymap.ron"))
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        eprintln!("mkfifo is not available: skipping the named-pipe case");
        return;
    }
    std::os::unix::fs::symlink("/dev/zero", dir.join("theme.ron")).unwrap();
    let (o, problems) = read_in_time(&dir);
    assert!(o.keymap.is_none() && o.theme.is_none());
    let all = problems.join("\n");
    assert!(
        all.contains("keymap.ron: it is a named pipe, not a regular file"),
        "{all}"
    );
    assert!(
        all.contains("theme.ron: it is a device, not a regular file"),
        "{all}"
    );
}
