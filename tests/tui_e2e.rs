//! The real binary in a real terminal (tmux): start, pick the tutorial,
//! acknowledge the page, run a command, pause, quit, and check the terminal
//! was given back; record a game, resume it, and review it with a note;
//! watch a game from a second terminal while a second writer is refused;
//! watch one full-screen, and kill either side; a game played in the UI
//! counts on the bucket list the picker and `firedrill progress` show.
//! Skipped with a note when tmux is not installed (CI
//! installs it).

// Tests may panic: that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// A private tmux server, killed when the test ends.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(name: &str, cmd: &str) -> Option<Tmux> {
        Tmux::start_with(name, cmd, &[])
    }

    /// As [`Tmux::start`], with `files` (path under the scratch home, text)
    /// written first: the player's config, say.
    fn start_with(name: &str, cmd: &str, files: &[(&str, &str)]) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            eprintln!("tmux is not installed: skipping the end-to-end test {name}");
            return None;
        }
        let socket = format!("firedrill-e2e-{}-{name}", std::process::id());
        let t = Tmux { socket };
        // HOME and XDG dirs point at a scratch folder, so the test never
        // touches the real player's history or config.
        let home = scratch_home(name);
        std::fs::create_dir_all(&home).unwrap();
        // The player's name is kept, so no game asks for it (unless a test
        // removes it to see the question).
        let named = home.join("config/firedrill/player.ron");
        std::fs::create_dir_all(named.parent().unwrap()).unwrap();
        std::fs::write(named, "\"ana\"\n").unwrap();
        for (path, text) in files {
            let path = home.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let full = format!(
            "env HOME={h} XDG_CONFIG_HOME={h}/config XDG_DATA_HOME={h}/data TERM=xterm-256color {cmd}; echo FIREDRILL-EXITED:$?; sleep 30",
            h = home.display()
        );
        let ok = t
            .tmux(&[
                "new-session",
                "-d",
                "-x",
                "120",
                "-y",
                "40",
                "-s",
                "main",
                &full,
            ])
            .status
            .success();
        assert!(ok, "tmux could not start");
        Some(t)
    }

    fn tmux(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .unwrap()
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-p", "-t", "main"]).stdout)
            .into_owned()
    }

    /// Waits until the screen shows `text` (or fails after a deadline).
    fn wait_for(&self, text: &str) -> String {
        self.wait_within(text, Duration::from_secs(20))
    }

    /// Waits until the screen shows `text`, failing after `limit`.
    fn wait_within(&self, text: &str, limit: Duration) -> String {
        let deadline = Instant::now() + limit;
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            assert!(
                Instant::now() <= deadline,
                "the screen never showed {text:?}; it shows:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.tmux(&["send-keys", "-t", "main", k]);
            // A terminal reads Esc followed at once by a key as Alt+key.
            std::thread::sleep(Duration::from_millis(if *k == "Escape" { 250 } else { 30 }));
        }
    }
}

/// The scratch home folder of the test `name` (its HOME and XDG folders).
fn scratch_home(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("firedrill-e2e-home-{}-{name}", std::process::id()))
}

impl Tmux {
    /// An interactive bash in the pane (job control, so Ctrl-Z and `fg`
    /// work as for a player); `None` when tmux or bash is missing.
    fn shell(name: &str) -> Option<Tmux> {
        if Command::new("bash").arg("--version").output().is_err() {
            eprintln!("bash is not installed: skipping the end-to-end test {name}");
            return None;
        }
        let t = Tmux::start(name, "PS1='$ ' bash --norc --noprofile -i")?;
        t.wait_for("$");
        Some(t)
    }

    /// Types a line into the pane and presses Enter.
    fn type_line(&self, line: &str) {
        self.tmux(&["send-keys", "-t", "main", "-l", line]);
        self.keys(&["Enter"]);
    }

    /// `alternate_on cursor_flag`: `1 0` while the game has the screen,
    /// `0 1` once the terminal is given back.
    fn modes(&self) -> String {
        let out = self.tmux(&[
            "display",
            "-p",
            "-t",
            "main",
            "#{alternate_on} #{cursor_flag}",
        ]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    fn wait_until_modes(&self, want: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while self.modes() != want {
            assert!(
                Instant::now() <= deadline,
                "the pane's modes stayed {:?}, not {want:?}:\n{}",
                self.modes(),
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The normal screen is back, with the cursor shown.
    fn assert_restored(&self) {
        self.wait_until_modes("0 1");
    }

    /// The game's process id: the firedrill under the pane's shell (or
    /// under the bash that shell started).
    fn game_pid(&self) -> String {
        let pane = self.tmux(&["list-panes", "-t", "main", "-F", "#{pane_pid}"]);
        let shell = String::from_utf8_lossy(&pane.stdout).trim().to_string();
        let pgrep = |args: &[&str]| {
            let out = Command::new("pgrep").args(args).output().unwrap();
            String::from_utf8_lossy(&out.stdout)
                .split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let mut parents = vec![shell.clone()];
            parents.extend(pgrep(&["-P", &shell]));
            for parent in &parents {
                if let [pid] = pgrep(&["-x", "-P", parent, "firedrill"]).as_slice() {
                    return pid.clone();
                }
            }
            assert!(Instant::now() <= deadline, "no firedrill under the pane");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// Waits until the process is stopped (state `T` in `ps`).
fn wait_stopped(pid: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let out = Command::new("ps")
            .args(["-o", "stat=", "-p", pid])
            .output()
            .unwrap();
        if String::from_utf8_lossy(&out.stdout)
            .trim_start()
            .starts_with('T')
        {
            return;
        }
        assert!(Instant::now() <= deadline, "the game never stopped");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn kill(signal: &str, pid: &str) {
    assert!(
        Command::new("kill")
            .args([signal, pid])
            .status()
            .unwrap()
            .success()
    );
}

/// A fresh scratch folder for one test.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("firedrill-e2e-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The transcript ends with a whole line saying where the clock stood.
fn ends_cleanly(transcript: &std::path::Path, clock: u64) {
    let text = std::fs::read_to_string(transcript).unwrap();
    assert!(text.ends_with('\n'), "a torn last line:\n{text}");
    let last = text.lines().last().unwrap_or_default();
    assert_eq!(last, format!("Clock(to:{clock})"), "{text}");
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}

#[test]
fn pick_the_tutorial_ack_run_pause_and_quit() {
    let bin = env!("CARGO_BIN_EXE_firedrill");
    let Some(t) = Tmux::start("play", bin) else {
        return;
    };
    t.wait_for("Scenarios");
    t.wait_for("tutorial");
    t.keys(&["Enter"]);
    t.wait_for("Pager");
    // Practice would be turn-based; the default is real time, so wait for the page with `w`.
    t.keys(&["w", "w", "w", "w"]);
    t.wait_for("PAGES OPEN: 1");
    t.keys(&["a"]);
    t.wait_for("ACKED");
    t.keys(&["$", "d", "f", " ", "-", "h", "Enter"]);
    t.wait_for("/dev/sdb1");
    t.keys(&["Escape", "Space"]);
    t.wait_for("PAUSED");
    t.keys(&["q"]);
    t.wait_for("Leave the drill?");
    t.keys(&["y"]);
    let s = t.wait_for("FIREDRILL-EXITED:0");
    // The alternate screen is gone: nothing of the game is left on the terminal.
    assert!(
        !s.contains("Pager") && !s.contains("Shell"),
        "the terminal was not restored:\n{s}"
    );
}

/// Ctrl-C in the shell drops the line typed, as in bash, and never leaves
/// the drill; elsewhere it asks, and a second Ctrl-C answers "no".
#[test]
fn ctrl_c_drops_the_shell_line_and_never_leaves() {
    let bin = env!("CARGO_BIN_EXE_firedrill");
    let Some(t) = Tmux::start("ctrlc", &format!("{bin} play tutorial --practice")) else {
        return;
    };
    t.wait_for("Pager");
    t.keys(&[":"]);
    t.tmux(&["send-keys", "-t", "main", "-l", "rm -rf /var/li"]);
    t.wait_for("$ rm -rf /var/li");
    t.keys(&["C-c"]);
    t.wait_for("rm -rf /var/li^C");
    t.keys(&["C-c", "C-c"]);
    let s = t.wait_for("line dropped");
    assert!(!s.contains("FIREDRILL-EXITED"), "{s}");
    assert!(t.modes().starts_with('1'), "still on the game's screen");
    t.keys(&["Escape", "C-c"]);
    t.wait_for("Leave the drill?");
    t.keys(&["C-c"]);
    std::thread::sleep(Duration::from_millis(300));
    let s = t.screen();
    assert!(
        s.contains("Pager") && !s.contains("Leave the drill?"),
        "{s}"
    );
    t.keys(&["q", "y"]);
    let s = t.wait_for("FIREDRILL-EXITED:0");
    assert!(!s.contains("Pager"), "{s}");
    t.assert_restored();
}

/// The shell is a machine, not a menu: `help` names the tools and never
/// the fix, a mistyped subcommand answers as a real tool does, and `ssh`
/// moves the prompt to the other host (the GitLab story turns on it).
#[test]
fn the_shell_answers_like_a_machine_and_ssh_moves_the_prompt() {
    let bin = env!("CARGO_BIN_EXE_firedrill");
    let cmd = format!("{bin} play gitlab-2017-db --practice --no-record");
    let Some(t) = Tmux::start("machine", &cmd) else {
        return;
    };
    t.wait_for("Pager");
    t.keys(&[":"]);
    t.wait_for("root@db1:~#");
    t.type_line("help");
    let s = t.wait_for("Everyday tools:");
    // The hidden fix and traps are never listed.
    for hidden in ["rm -rf", "pkill"] {
        assert!(!s.contains(hidden), "help shows `{hidden}`:\n{s}");
    }
    t.type_line("gitlab-ctl foo");
    t.wait_for("unrecognized subcommand 'foo'");
    t.type_line("ssh db2");
    let s = t.wait_for("root@db2:~#");
    assert!(s.contains("root@db1:~# ssh db2"), "{s}");
    t.keys(&["Escape", "q", "y"]);
    t.wait_for("FIREDRILL-EXITED:0");
}

/// Each signal that ends the game: the terminal is given back (normal
/// screen, cursor shown), the transcript ends with where the clock stood,
/// and the exit status is 128 + the signal's number.
#[test]
fn ending_signals_restore_the_terminal_and_exit_128_plus_n() {
    let bin = env!("CARGO_BIN_EXE_firedrill");
    let dir = scratch("signals");
    for (signal, status) in [
        ("TERM", 143),
        ("HUP", 129),
        ("QUIT", 131),
        ("USR1", 138),
        ("INT", 130),
    ] {
        let game = dir.join(format!("{signal}.ron"));
        let cmd = format!("{bin} play tutorial --practice --record {}", game.display());
        let Some(t) = Tmux::start(&format!("sig{signal}"), &cmd) else {
            return;
        };
        t.wait_for("Pager");
        t.keys(&["w"]);
        t.wait_for("You wait 30s");
        assert_eq!(
            t.modes(),
            "1 0",
            "the game has the alternate screen, no cursor"
        );
        let pid = t.game_pid();
        Command::new("kill")
            .args([format!("-{signal}"), pid])
            .status()
            .unwrap();
        let s = t.wait_for(&format!("FIREDRILL-EXITED:{status}"));
        assert!(!s.contains("Pager"), "SIG{signal}: {s}");
        assert!(s.contains(&format!("stopped by SIG{signal}")), "{s}");
        t.assert_restored();
        ends_cleanly(&game, 30_000);
    }
}

/// Ctrl-Z gives the terminal back and stops the game; `fg` brings it back
/// answering keys at once (raw mode again); the same for SIGTSTP from
/// outside, and for SIGSTOP, which cannot be caught.
#[test]
fn ctrl_z_then_fg_returns_to_a_working_game() {
    let bin = env!("CARGO_BIN_EXE_firedrill");
    let Some(t) = Tmux::shell("suspend") else {
        return;
    };
    let game = scratch("suspend").join("game.ron");
    t.type_line(&format!(
        "{bin} play tutorial --practice --record {}",
        game.display()
    ));
    t.wait_for("Pager");
    let pid = t.game_pid();
    t.keys(&["C-z"]);
    t.wait_for("Stopped");
    let suspensions: [&dyn Fn(); 3] = [&|| {}, &|| kill("-TSTP", &pid), &|| kill("-STOP", &pid)];
    for (n, suspend) in suspensions.iter().enumerate() {
        suspend();
        wait_stopped(&pid);
        if n < 2 {
            // SIGSTOP cannot be caught: only the others give the terminal back.
            t.assert_restored();
        }
        t.type_line("fg");
        t.wait_until_modes("1 0");
        // One key, no Enter: the game answers at once.
        t.keys(&["w"]);
        t.wait_for(&format!("T+{}", ["30s", "1m", "1m30s"][n]));
    }
    t.keys(&["q", "y"]);
    t.wait_until_modes("0 1");
    t.type_line("echo FIREDRILL-EXITED:$?");
    t.wait_for("FIREDRILL-EXITED:0");
    ends_cleanly(&game, 90_000);
}

/// In plain mode on a terminal, Ctrl-C drops the line typed and the game
/// goes on; SIGINT from outside still ends it: the game closes its
/// transcript, gives the terminal back (out of raw mode) and exits 130.
#[test]
fn ctrl_c_in_plain_mode_drops_the_line_and_sigint_ends_with_130() {
    let bin = env!("CARGO_BIN_EXE_firedrill");
    let Some(t) = Tmux::shell("plainint") else {
        return;
    };
    let game = scratch("plainint").join("game.ron");
    t.type_line(&format!(
        "{bin} play tutorial --plain --practice --record {}",
        game.display()
    ));
    t.wait_for("Keep an eye on that number");
    t.type_line("wait 1m");
    t.type_line("look");
    t.wait_for("(T+1m)");
    t.tmux(&["send-keys", "-t", "main", "-l", "rm -rf /var"]);
    t.keys(&["C-c"]);
    t.wait_for("> rm -rf /var^C");
    t.type_line("look");
    t.wait_for("It is 10:01:");
    kill("-INT", &t.game_pid());
    t.wait_for("stopped by SIGINT");
    t.type_line("stty -a | grep -q -- -icanon || echo COOKED-AGAIN");
    t.wait_for("COOKED-AGAIN");
    t.type_line("echo FIREDRILL-EXITED:$?");
    t.wait_for("FIREDRILL-EXITED:0");
    ends_cleanly(&game, 60_000);
}

/// In plain mode on a terminal, an event that arrives while the player
/// types goes above the line; the line and its prompt come back as they
/// were, and Enter runs it. Ctrl-D on an empty line asks before leaving.
#[test]
fn plain_mode_on_a_terminal_never_prints_into_a_half_typed_line() {
    let bin = env!("CARGO_BIN_EXE_firedrill");
    let Some(t) = Tmux::shell("plaintty") else {
        return;
    };
    t.type_line(&format!(
        "{bin} play tutorial --plain --speed 30 --no-record"
    ));
    t.wait_for("Keep an eye on that number");
    t.tmux(&["send-keys", "-t", "main", "-l", "$ df -"]);
    // The page comes at T+2m: four seconds in, at 30x.
    let s = t.wait_for("*** PAGE #1 ***");
    let typed: Vec<&str> = s.lines().filter(|l| l.contains("df -")).collect();
    assert_eq!(typed, ["[oncall@thumbs-01:~$] > $ df -"], "{s}");
    let last = s.lines().rev().find(|l| !l.trim().is_empty()).unwrap();
    assert_eq!(last, "[oncall@thumbs-01:~$] > $ df -", "{s}");
    t.keys(&["h", "Enter"]);
    t.wait_for("/dev/sdb1");
    t.keys(&["C-d"]);
    t.wait_for("Leave the drill?");
    t.keys(&["n"]);
    t.keys(&["C-d"]);
    t.keys(&["y"]);
    t.wait_for("you left the drill at");
    t.type_line("stty -a | grep -q -- -icanon || echo COOKED-AGAIN");
    t.wait_for("COOKED-AGAIN");
}

#[test]
fn a_tiny_terminal_gets_a_clear_message() {
    let bin = env!("CARGO_BIN_EXE_firedrill");
    let Some(t) = Tmux::start("tiny", bin) else {
        return;
    };
    t.wait_for("Scenarios");
    t.tmux(&["resize-window", "-t", "main", "-x", "40", "-y", "10"]);
    t.wait_for("terminal too small");
    t.tmux(&["resize-window", "-t", "main", "-x", "120", "-y", "40"]);
    t.wait_for("Scenarios");
    t.keys(&["q"]);
    t.wait_for("FIREDRILL-EXITED:0");
}

#[test]
fn a_crash_gives_the_terminal_back_and_says_why() {
    let bin = env!("CARGO_BIN_EXE_firedrill");
    let Some(t) = Tmux::start("crash", &format!("FIREDRILL_TEST_CRASH=1 {bin}")) else {
        return;
    };
    let s = t.wait_for("FIREDRILL-EXITED:101");
    assert!(
        s.contains("crashing on purpose"),
        "the panic message should be readable:\n{s}"
    );
    assert!(
        !s.contains("Scenarios"),
        "the terminal was not restored:\n{s}"
    );
}

#[test]
fn a_recorded_game_resumes_and_a_mentor_pins_a_note_in_review() {
    let bin = env!("CARGO_BIN_EXE_firedrill");
    let dir = std::env::temp_dir().join(format!("firedrill-e2e-review-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let game = dir.join("game.ron");
    let g = game.display();

    // Play a little in practice mode, then leave mid-game.
    let Some(t) = Tmux::start(
        "rec",
        &format!("{bin} play tutorial --practice --record {g}"),
    ) else {
        return;
    };
    t.wait_for("Pager");
    t.keys(&["w", "w", "w", "w"]);
    t.wait_for("PAGES OPEN: 1");
    t.keys(&["a"]);
    t.wait_for("ACKED");
    t.keys(&["q", "y"]);
    t.wait_for("FIREDRILL-EXITED:0");
    drop(t);

    // Resume: the panes come back as they were, and the game goes on.
    let Some(t) = Tmux::start("resume", &format!("{bin} resume {g}")) else {
        return;
    };
    let s = t.wait_for("Resumed at");
    assert!(s.contains("ACKED"), "the pager is as it was:\n{s}");
    t.keys(&["$", "d", "f", " ", "-", "h", "Enter"]);
    t.wait_for("/dev/sdb1");
    t.keys(&["Escape", "q", "y"]);
    t.wait_for("FIREDRILL-EXITED:0");
    drop(t);
    let text = std::fs::read_to_string(&game).unwrap();
    assert_eq!(
        text.matches("Header(").count(),
        1,
        "resume appends to the same transcript"
    );
    assert!(text.contains("Run(\"df -h\")"), "{text}");

    // Review: step to the last decision and pin a note there.
    let Some(t) = Tmux::start("review", &format!("{bin} review {g} --as tester")) else {
        return;
    };
    t.wait_for("REVIEW T+0");
    t.keys(&["End"]);
    t.wait_for("ran `df -h`");
    t.keys(&["n"]);
    t.wait_for("Mentor note");
    t.keys(&["l", "o", "o", "k", " ", "f", "i", "r", "s", "t", "Enter"]);
    t.wait_for("tester: look first");
    t.keys(&["q"]);
    t.wait_for("FIREDRILL-EXITED:0");
    let notes = std::fs::read_to_string(dir.join("game.ron.notes.tester")).unwrap();
    assert!(notes.contains("look first"), "{notes}");
    assert_eq!(
        std::fs::read_to_string(&game).unwrap(),
        text,
        "review never changes the transcript"
    );

    // Fork from a moment on screen: the new game starts at once.
    let Some(t) = Tmux::start("fork", &format!("{bin} review {g} --as tester")) else {
        return;
    };
    t.wait_for("REVIEW T+0");
    t.keys(&["Right", "Right"]);
    t.wait_for("last decision 2/");
    t.keys(&["f"]);
    t.wait_for("Resumed at");
    t.keys(&["q", "y"]);
    t.wait_for("FIREDRILL-EXITED:0");
    let forks = scratch_home("fork").join("data/firedrill/transcripts");
    let made: Vec<_> = std::fs::read_dir(&forks).unwrap().collect();
    assert_eq!(made.len(), 1, "{made:?}");
    let forked = std::fs::read_to_string(made[0].as_ref().unwrap().path()).unwrap();
    assert!(
        forked
            .lines()
            .next()
            .unwrap()
            .contains("fork:Some((parent:"),
        "{forked}"
    );
    assert_eq!(
        std::fs::read_to_string(&game).unwrap(),
        text,
        "a fork never changes the transcript it came from"
    );
}

/// The player's keymap moves resolve from `r` to `x`: the pager's notice says
/// so, `r` says where it went, `x` resolves the page, and the help lists `x`.
#[test]
fn a_remapped_key_shows_in_the_hints_and_works() {
    let bin = env!("CARGO_BIN_EXE_firedrill");
    let Some(t) = Tmux::start_with(
        "keymap",
        &format!("{bin} play tutorial --practice"),
        &[(
            "config/firedrill/keymap.ron",
            "(pager: { \"resolve\": [\"x\"] })",
        )],
    ) else {
        return;
    };
    t.wait_for("Pager");
    t.keys(&["w", "w", "w", "w"]);
    t.wait_for("PAGES OPEN: 1");
    t.keys(&["Tab", "Tab"]);
    let s = t.wait_for("x resolves");
    assert!(!s.contains("r resolves"), "{s}");
    t.keys(&["r"]);
    t.wait_for("your keymap moved `resolve` to x");
    t.keys(&["x"]);
    t.wait_for("#1 done");
    t.keys(&["?"]);
    t.wait_for("x                  resolve the selected page's alert");
    t.keys(&["Escape", "q", "y"]);
    t.wait_for("FIREDRILL-EXITED:0");
}

/// The shell's line edits where the cursor is, and a paste arrives as text
/// (bracketed), not as keys that would run the line.
#[test]
fn the_shell_line_edits_at_the_cursor_and_takes_a_paste() {
    let bin = env!("CARGO_BIN_EXE_firedrill");
    let Some(t) = Tmux::start("edit", &format!("{bin} play tutorial --practice")) else {
        return;
    };
    t.wait_for("Pager");
    t.keys(&[":", "a", "b", "c", "Left", "X"]);
    t.wait_for("$ abXc");
    t.keys(&["C-u"]);
    t.tmux(&["set-buffer", "df -h\nuptime"]);
    t.tmux(&["paste-buffer", "-p", "-t", "main"]);
    let s = t.wait_for("$ df -h uptime");
    assert!(!s.contains("/dev/sdb1"), "the paste ran the line:\n{s}");
    t.keys(&["Escape", "q", "y"]);
    t.wait_for("FIREDRILL-EXITED:0");
}

/// A keymap and a history file that are named pipes, and a theme that is a
/// link to an endless device, are refused at once, not read (which would
/// wait forever, or fill the memory): the picker names the keymap, the
/// default keys work, and quitting does not wait on the history.
#[test]
fn a_keymap_that_is_a_named_pipe_is_named_and_the_defaults_apply() {
    let home = scratch_home("fifo-keymap");
    let folder = home.join("config/firedrill");
    std::fs::create_dir_all(&folder).unwrap();
    let _ = std::fs::remove_dir_all(&home);
    std::fs::create_dir_all(&folder).unwrap();
    let keymap = folder.join("keymap.ron");
    if !Command::new("mkfifo")
        .arg(&keymap)
        .status()
        .is_ok_and(|s| s.success())
    {
        eprintln!("mkfifo is not available: skipping");
        return;
    }
    std::os::unix::fs::symlink("/dev/zero", folder.join("theme.ron")).unwrap();
    let data = home.join("data/firedrill");
    std::fs::create_dir_all(&data).unwrap();
    assert!(
        Command::new("mkfifo")
            .arg(data.join("history.ron"))
            .status()
            .unwrap()
            .success()
    );
    let Some(t) = Tmux::start("fifo-keymap", env!("CARGO_BIN_EXE_firedrill")) else {
        return;
    };
    // The notice is one line: the keymap's problem comes first (the theme's
    // follows it, past the edge; the unit tests read it).
    t.wait_for("keymap.ron: it is a named pipe, not a regular file");
    t.wait_for("tutorial");
    t.keys(&["q"]);
    t.wait_for("FIREDRILL-EXITED:0");
}

/// A history file that is a named pipe is named under the picker (the
/// history is not kept), never opened, and quitting does not wait on it.
#[test]
fn a_history_file_that_is_a_named_pipe_is_named_and_never_opened() {
    let home = scratch_home("fifo-history");
    let _ = std::fs::remove_dir_all(&home);
    let data = home.join("data/firedrill");
    std::fs::create_dir_all(&data).unwrap();
    if !Command::new("mkfifo")
        .arg(data.join("history.ron"))
        .status()
        .is_ok_and(|s| s.success())
    {
        eprintln!("mkfifo is not available: skipping");
        return;
    }
    let Some(t) = Tmux::start("fifo-history", env!("CARGO_BIN_EXE_firedrill")) else {
        return;
    };
    t.wait_for("history.ron: it is a named pipe, not a regular file");
    t.keys(&["q"]);
    t.wait_for("FIREDRILL-EXITED:0");
}

/// A keymap that unbinds every way out of the picker does not shut the
/// player in: the warning shows, `q` quits again, and stderr repeats it.
#[test]
fn a_keymap_without_a_way_out_still_lets_the_player_leave() {
    let bin = env!("CARGO_BIN_EXE_firedrill");
    let Some(t) = Tmux::start_with(
        "trap",
        bin,
        &[("config/firedrill/keymap.ron", "(picker: { \"quit\": [] })")],
    ) else {
        return;
    };
    t.wait_for("no key would leave the scenario picker");
    t.keys(&["q"]);
    let s = t.wait_for("FIREDRILL-EXITED:0");
    assert!(
        s.contains("firedrill: ") && s.contains("quits there again"),
        "the warning is repeated on stderr:\n{s}"
    );
    t.assert_restored();
}

#[test]
fn a_story_that_runs_in_a_loop_ends_stopped_and_gives_the_terminal_back() {
    let bin = env!("CARGO_BIN_EXE_firedrill");
    // Only a condition guards the loop, so the checker warns and the game
    // starts; the flag is never set, so the engine must stop the story.
    let stuck = "scenario stuck\n    title \"Stuck\"\n    start 2024-01-01 10:00 UTC\n    duration 30m\n\nflag fixed\n\nscene first\n    The pager goes off.\n    if not fixed\n        goto retry\n    * Close the laptop\n        end done\n\nscene retry\n    You try again.\n    goto first\n\nending done \"Done\"\n    outcome resolved\n";
    let dir = std::env::temp_dir().join(format!("firedrill-e2e-loop-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("stuck.drill");
    std::fs::write(&path, stuck).unwrap();
    let Some(t) = Tmux::start("loop", &format!("{bin} play {}", path.display())) else {
        return;
    };
    let s = t.wait_for("Stopped: the story ran in a loop");
    assert!(s.contains("`first` -> `retry`"), "{s}");
    // The end questions take keys once they have been on screen a second.
    std::thread::sleep(Duration::from_millis(1200));
    t.keys(&["Escape"]);
    std::thread::sleep(Duration::from_millis(300));
    t.keys(&["q"]);
    let s = t.wait_for("FIREDRILL-EXITED:");
    assert!(s.contains("FIREDRILL-EXITED:0"), "{s}");
    assert!(
        !s.contains("The end: stuck"),
        "the terminal was not restored:\n{s}"
    );
    t.assert_restored();
}

#[test]
fn a_watcher_in_a_second_terminal_follows_the_tui_game_and_a_second_writer_is_refused() {
    let bin = env!("CARGO_BIN_EXE_firedrill");
    let dir = scratch("buddy");
    let game = dir.join("game.ron");
    let g = game.display();
    let Some(player) = Tmux::start(
        "buddy-player",
        &format!("{bin} play tutorial --practice --record {g} --player ana"),
    ) else {
        return;
    };
    player.wait_for("Pager");
    let Some(watcher) = Tmux::start("buddy-watch", &format!("{bin} watch {g} --plain")) else {
        return;
    };
    watcher.wait_for("Watching ana's game");
    watcher.wait_for("it is being played now");
    player.keys(&["w", "w", "w", "w"]);
    player.wait_for("PAGES OPEN: 1");
    watcher.wait_for("*** PAGE #1 ***");
    player.keys(&["a"]);
    player.wait_for("ACKED");
    watcher.wait_for("page #1 acknowledged");

    let again = Command::new(bin)
        .args(["resume", &g.to_string(), "--plain"])
        .env("XDG_DATA_HOME", dir.join("data"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&again.stderr);
    assert_eq!(again.status.code(), Some(2), "{err}");
    assert!(err.contains("(player ana, started"), "{err}");

    player.keys(&["q", "y"]);
    player.wait_for("FIREDRILL-EXITED:0");
    watcher.wait_for("the player left the game");
    watcher.wait_for("FIREDRILL-EXITED:1");
}

#[test]
fn the_full_screen_watcher_follows_the_game_and_either_side_may_die() {
    // Loose: the watcher wakes on the file's change, well under 100 ms on
    // an idle machine; a busy CI machine gets room.
    let soon = Duration::from_secs(5);
    let bin = env!("CARGO_BIN_EXE_firedrill");
    let dir = scratch("watch-full");
    let game = dir.join("game.ron");
    let g = game.display();
    let Some(player) = Tmux::start(
        "watch-full-player",
        &format!("{bin} play tutorial --practice --record {g} --player ana"),
    ) else {
        return;
    };
    player.wait_for("Pager");
    let Some(watcher) = Tmux::start("watch-full-mentor", &format!("{bin} watch {g} --as mo"))
    else {
        return;
    };
    watcher.wait_for("Watching ana's game: following");
    player.wait_within("watched by mo", soon);
    player.keys(&["w", "w", "w", "w"]);
    player.wait_for("PAGES OPEN: 1");
    watcher.wait_within("PAGES OPEN: 1", soon);
    player.keys(&["a"]);
    player.wait_for("ACKED");
    watcher.wait_within("ACKED", soon);
    // The player's keys do nothing in the watcher.
    watcher.keys(&["w"]);
    watcher.wait_for("Read-only");
    watcher.keys(&["m"]);
    watcher.wait_for("Mentor view (the player never sees this)");
    watcher.wait_for("[+] done");
    watcher.keys(&["m"]);

    // Stepping in from the watcher: a whisper, then the keyboard.
    watcher.keys(&["h"]);
    watcher.wait_for("Whisper to the player");
    watcher.type_line("look at the disk graph");
    player.wait_within("[your mentor whispers] look at the disk graph", soon);
    watcher.keys(&["K"]);
    player.wait_within("mo HAS THE KEYBOARD", soon);
    watcher.wait_within("you have the keyboard", soon);
    watcher.keys(&[":"]);
    watcher.type_line("df -h");
    player.wait_within("/dev/sdb1", soon);
    watcher.keys(&["Escape", "K"]);
    player.wait_within("watched by mo", soon);

    // A watcher killed outright: the game goes on as if nothing happened.
    kill("-9", &watcher.game_pid());
    watcher.wait_for("FIREDRILL-EXITED:137");
    player.keys(&["w"]);
    player.wait_for("You wait 30s");

    // The game killed outright: a watcher says so, and stays.
    let Some(second) = Tmux::start("watch-full-second", &format!("{bin} watch {g}")) else {
        return;
    };
    second.wait_for("$ df -h");
    second.wait_for("/dev/sdb1");
    kill("-9", &player.game_pid());
    second.wait_within("STOPPED (process gone)", soon);
    second.wait_for("The game's process is gone (stopped at T+");
    second.keys(&["q"]);
    second.wait_for("FIREDRILL-EXITED:0");
}

/// The end screen of a recorded game at 80x24: it scrolls to its last row
/// (the transcript and the commands), and back; leaving names the
/// transcript again once the terminal is given back.
#[test]
fn the_end_screen_scrolls_at_80x24_and_leaving_names_the_transcript() {
    let bin = env!("CARGO_BIN_EXE_firedrill");
    let dir = scratch("endscreen");
    let game = dir.join("game.ron");
    let g = game.display();
    let Some(t) = Tmux::start(
        "endscreen",
        &format!("{bin} play cloudflare-2019-waf --practice --record {g}"),
    ) else {
        return;
    };
    t.tmux(&["resize-window", "-t", "main", "-x", "80", "-y", "24"]);
    t.wait_for("Pager");
    // Wait the drill out, a few keys at a time (keys typed as it ends are
    // not taken as answers).
    let deadline = Instant::now() + Duration::from_secs(60);
    while !t.screen().contains("Three quick questions") {
        assert!(
            Instant::now() < deadline,
            "the drill never ended:\n{}",
            t.screen()
        );
        t.keys(&["w", "w", "w", "w", "w"]);
    }
    std::thread::sleep(Duration::from_millis(1500));
    t.keys(&["Escape"]);
    let top = t.wait_for("more below");
    assert!(top.contains("rows 1-"), "{top}");
    t.keys(&["End"]);
    let bottom = t.wait_for("more above");
    assert!(
        bottom.contains(&format!("firedrill resume {g}")),
        "{bottom}"
    );
    assert!(
        bottom.contains(&format!("firedrill debrief {g}")),
        "{bottom}"
    );
    t.keys(&["Home"]);
    t.wait_for("The shift ran out");
    t.keys(&["j", "j", "PageDown"]);
    t.wait_for("more above and below");
    t.keys(&["q"]);
    let s = t.wait_for("FIREDRILL-EXITED:0");
    assert!(s.contains(&format!("The transcript is {g}")), "{s}");
    assert!(s.contains(&format!("firedrill review {g}")), "{s}");
    // The game the terminal UI recorded is listed with how it ended.
    let o = Command::new(bin)
        .args(["games", "--dir", dir.to_str().unwrap()])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let listed = String::from_utf8_lossy(&o.stdout);
    let row = listed.lines().nth(1).unwrap_or_default();
    assert!(
        row.contains("cloudflare-2019-waf")
            && row.contains("timed out")
            && row.ends_with(&*g.to_string()),
        "{listed}"
    );
}

/// Leaving a game early in the terminal UI says where its transcript is
/// and how to go on, after the terminal is given back; a game not recorded
/// says so.
#[test]
fn leaving_the_tui_early_names_the_transcript_or_says_there_is_none() {
    let bin = env!("CARGO_BIN_EXE_firedrill");
    let dir = scratch("leaving");
    let game = dir.join("left.ron");
    let g = game.display();
    let Some(t) = Tmux::start("leaving", &format!("{bin} play tutorial --record {g}")) else {
        return;
    };
    t.wait_for("Pager");
    t.keys(&["q"]);
    t.wait_for("Leave the drill?");
    t.keys(&["y"]);
    let s = t.wait_for("FIREDRILL-EXITED:0");
    assert!(!s.contains("Pager"), "the terminal was not restored:\n{s}");
    assert!(s.contains(&format!("firedrill resume {g}")), "{s}");
    drop(t);
    let Some(t) = Tmux::start("unrecorded", &format!("{bin} play tutorial --no-record")) else {
        return;
    };
    t.wait_for("Pager");
    // Ctrl-C outside the shell asks first, as `q` does.
    t.keys(&["C-c"]);
    t.wait_for("Leave the drill?");
    t.keys(&["y"]);
    let s = t.wait_for("FIREDRILL-EXITED:0");
    assert!(s.contains("This game was not recorded"), "{s}");
}

/// At 80x24: a page nobody acknowledges goes up the escalation policy, and
/// the pager says who it went to.
#[test]
fn an_unanswered_page_shows_its_escalation_at_80x24() {
    let bin = env!("CARGO_BIN_EXE_firedrill");
    let cmd = format!("{bin} play tutorial --practice --no-record");
    let Some(t) = Tmux::start("escalation", &cmd) else {
        return;
    };
    t.tmux(&["resize-window", "-t", "main", "-x", "80", "-y", "24"]);
    t.wait_for("Pager");
    let deadline = Instant::now() + Duration::from_secs(30);
    while !t.screen().contains("ESCALATED to") {
        assert!(
            Instant::now() < deadline,
            "the page never escalated:\n{}",
            t.screen()
        );
        t.keys(&["w"]);
        std::thread::sleep(Duration::from_millis(200));
    }
    let s = t.screen();
    assert!(s.contains("ESCALATED to Maya"), "{s}");
    t.keys(&["Escape", "q", "y"]);
    t.wait_for("FIREDRILL-EXITED:0");
}

/// The first recorded game on a machine asks for the player's name before
/// the terminal UI takes the screen, keeps it, and records the game under it.
#[test]
fn the_first_recorded_game_asks_for_the_players_name_once() {
    let bin = env!("CARGO_BIN_EXE_firedrill");
    let dir = scratch("asked");
    let game = dir.join("game.ron");
    let cmd = format!("{bin} play tutorial --practice --record {}", game.display());
    let Some(t) = Tmux::start("asked", &cmd) else {
        return;
    };
    // Started with a kept name: the game goes straight to the screen. Take
    // it away and start again, as on a fresh machine.
    t.wait_for("Pager");
    t.keys(&["q", "y"]);
    t.wait_for("FIREDRILL-EXITED:0");
    let home = scratch_home("asked");
    std::fs::remove_file(home.join("config/firedrill/player.ron")).unwrap();
    let again = dir.join("again.ron");
    let full = format!(
        "env HOME={h} XDG_CONFIG_HOME={h}/config XDG_DATA_HOME={h}/data {bin} play tutorial --practice --record {g}; echo FIREDRILL-EXITED:$?; sleep 30",
        h = home.display(),
        g = again.display()
    );
    t.tmux(&["respawn-pane", "-k", "-t", "main", &full]);
    t.wait_for("what name should your games carry");
    t.tmux(&["send-keys", "-t", "main", "-l", "Ana Lima"]);
    t.keys(&["Enter"]);
    t.wait_for("Pager");
    t.keys(&["q", "y"]);
    t.wait_for("FIREDRILL-EXITED:0");
    let kept = std::fs::read_to_string(home.join("config/firedrill/player.ron")).unwrap();
    assert_eq!(kept.trim(), "\"Ana Lima\"");
    let header = std::fs::read_to_string(&again).unwrap();
    assert!(
        header
            .lines()
            .next()
            .unwrap()
            .contains("player:\"Ana Lima\""),
        "{header}"
    );
}

/// A game played in the terminal UI counts on the player's bucket list: the
/// picker's last line says so, and `firedrill progress` points at the game
/// and the moment of the acknowledgement.
#[test]
fn a_game_played_in_the_ui_shows_on_the_bucket_list_and_in_the_picker() {
    let bin = env!("CARGO_BIN_EXE_firedrill");
    let Some(t) = Tmux::start("progress", &format!("{bin} play tutorial --practice")) else {
        return;
    };
    t.wait_for("Pager");
    t.keys(&["w", "w", "w", "w"]);
    t.wait_for("PAGES OPEN: 1");
    t.keys(&["a"]);
    t.wait_for("ACKED");
    t.keys(&["q", "y"]);
    t.wait_for("FIREDRILL-EXITED:0");
    drop(t);

    // Another server, the same data folder.
    let home = scratch_home("progress");
    let picker = format!("env XDG_DATA_HOME={} {bin}", home.join("data").display());
    let Some(t) = Tmux::start("progress-picker", &picker) else {
        return;
    };
    let s = t.wait_for("on your bucket list");
    assert!(s.contains("1 of 12 on your bucket list · next: "), "{s}");
    t.keys(&["q"]);
    t.wait_for("FIREDRILL-EXITED:0");
    drop(t);

    let o = Command::new(bin)
        .args(["progress", "--format", "json"])
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let ack = &doc["players"][0]["items"][0];
    assert_eq!(ack["id"], "ack-fast");
    assert_eq!(ack["checked"], true);
    let game = ack["earned"]["game"].as_str().unwrap();
    assert!(
        game.starts_with(home.join("data/firedrill/transcripts").to_str().unwrap()),
        "{game}"
    );
    assert!(ack["earned"]["moment"].as_str().unwrap().starts_with("T+"));
}

/// A terminal that hangs up (its window closed, the SSH link cut) ends a
/// plain game on it at once: nothing is left spinning on the dead terminal.
#[test]
fn a_plain_game_ends_when_its_terminal_hangs_up() {
    let bin = env!("CARGO_BIN_EXE_firedrill");
    let dir = scratch("hangup");
    let pidfile = dir.join("pid");
    let cmd = format!(
        "sh -c 'echo $$ > {p}; exec {bin} play tutorial --plain --practice --no-record'",
        p = pidfile.display()
    );
    let Some(t) = Tmux::start("hangup", &cmd) else {
        return;
    };
    t.wait_for("Keep an eye on that number");
    let pid = std::fs::read_to_string(&pidfile)
        .unwrap()
        .trim()
        .to_string();
    t.tmux(&["kill-server"]);
    let deadline = Instant::now() + Duration::from_secs(5);
    while Path::new(&format!("/proc/{pid}")).exists()
        && !std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| s.contains(") Z "))
    {
        assert!(
            Instant::now() < deadline,
            "the game {pid} still runs after its terminal hung up"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A note about a moment, written in the terminal UI (`f`, then `c` and a
/// line), lands in the transcript, and `firedrill stats` lists it under the
/// scene it was written in, beside the game's ending.
#[test]
fn a_note_written_in_the_tui_shows_up_in_stats() {
    let bin = env!("CARGO_BIN_EXE_firedrill");
    let dir = std::env::temp_dir().join(format!("firedrill-e2e-stats-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let game = dir.join("game.ron");
    let Some(t) = Tmux::start(
        "stats",
        &format!("{bin} play tutorial --practice --record {}", game.display()),
    ) else {
        return;
    };
    t.wait_for("Pager");
    t.keys(&["w", "w", "w", "w"]);
    t.wait_for("PAGES OPEN: 1");
    t.keys(&["f"]);
    t.wait_for("How did this moment feel?");
    t.keys(&["c"]);
    t.wait_for("This moment was confusing");
    t.keys(&[
        "w", "h", "o", " ", "i", "s", " ", "M", "a", "y", "a", "?", "Enter",
    ]);
    t.wait_for("Noted for the scenario's author");
    t.keys(&["q", "y"]);
    t.wait_for("FIREDRILL-EXITED:0");
    drop(t);
    let o = Command::new(bin)
        .args(["stats", "tutorial", "--dir", dir.to_str().unwrap()])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.contains("1 game, played"), "{out}");
    assert!(out.contains("left before any ending: 1 of 1 game"), "{out}");
    assert!(out.contains("was confusing at T+"), "{out}");
    assert!(out.contains("“who is Maya?”"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// `play --watch`: a broken save leaves the game going on and shows the
/// errors; a fixed, changed save reloads at the same moment, the changed
/// narration on screen (within a loose time bound).
#[test]
fn a_watched_game_reloads_a_clean_save_and_shows_a_broken_one() {
    let dir = scratch("hot-reload");
    let file = dir.join("t.drill");
    let good = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/tutorial.drill"),
    )
    .unwrap();
    std::fs::write(&file, &good).unwrap();
    let transcript = dir.join("game.ron");
    let bin = env!("CARGO_BIN_EXE_firedrill");
    let cmd = format!(
        "{bin} play {} --watch --practice --record {}",
        file.display(),
        transcript.display()
    );
    let Some(t) = Tmux::start("hot-reload", &cmd) else {
        return;
    };
    t.wait_for("Pager");
    t.keys(&["w", "w", "w", "w"]);
    t.wait_for("T+2m ");
    t.wait_for("Your phone buzzes. PAGE");
    // An editor's save: a new file renamed over the old one.
    let save = |text: &str| {
        let tmp = dir.join(".t.drill.swp");
        std::fs::write(&tmp, text).unwrap();
        std::fs::rename(&tmp, &file).unwrap();
    };
    save(&good.replacen("scene page_arrives", "scene page_arrives oops(", 1));
    let s = t.wait_within(
        "Not reloaded: 2 error(s); v1 goes on",
        Duration::from_secs(10),
    );
    assert!(s.contains("unknown scene `page_arrives`"), "{s}");
    t.keys(&["Escape", "w"]);
    t.wait_for("T+2m30s");
    let started = Instant::now();
    save(&good.replace("Your phone buzzes.", "Your phone buzzes LOUDLY."));
    let s = t.wait_within(
        "reloaded v2: 5 of 5 action(s) replayed",
        Duration::from_secs(10),
    );
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(s.contains("T+2m30s"), "the same moment: {s}");
    assert!(s.contains("Your phone buzzes LOUDLY."), "{s}");
    t.keys(&["q", "y"]);
    t.wait_for("FIREDRILL-EXITED:0");
    let text = std::fs::read_to_string(&transcript).unwrap();
    assert_eq!(
        text.lines().filter(|l| l.starts_with("Reload(")).count(),
        1,
        "{text}"
    );
}
