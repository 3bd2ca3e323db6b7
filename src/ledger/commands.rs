//! The `games` and `player` commands: what they print and write. The
//! argument parsing is `cli`'s; the figures are `games`'.

use super::games::{self, Filter};
use super::{Mark, mark, player};
use crate::base::printable::printable;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Prints on stdout; a closed pipe (`firedrill games | head`) is not a crash.
fn out(text: &str) {
    let _ = write!(std::io::stdout().lock(), "{text}");
}

/// Prints a line on stdout.
fn outln(text: &str) {
    out(&format!("{text}\n"));
}

/// Prints a line on stderr, quietly when stderr is closed.
fn err(text: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}

/// The folders a report reads: those given, else the player's own
/// transcripts folder.
pub fn folders(dirs: &[PathBuf]) -> Vec<PathBuf> {
    if dirs.is_empty() {
        crate::transcripts::default_dir().into_iter().collect()
    } else {
        dirs.to_vec()
    }
}

/// Names each file that was skipped, on stderr, once.
pub fn warn_skipped(scan: &super::Scan) {
    for s in &scan.skipped {
        err(&format!(
            "firedrill: skipped {}: {}",
            printable(&s.path.display().to_string()),
            printable(&s.why)
        ));
    }
}

/// `firedrill games`: the list, as a table or JSON. Exit status 0, also
/// when some files were skipped (they are named on stderr).
pub fn list(dirs: &[PathBuf], filter: &Filter, json: bool) -> u8 {
    let dirs = folders(dirs);
    let scan = super::scan(&dirs);
    warn_skipped(&scan);
    let rows = games::rows(&scan.games, filter);
    if json {
        match serde_json::to_string_pretty(&rows) {
            Ok(text) => outln(&text),
            Err(e) => {
                err(&format!("firedrill: cannot write the list as JSON: {e}"));
                return 1;
            }
        }
    } else if rows.is_empty() {
        let shown: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
        outln(&format!(
            "No recorded games in {}.",
            printable(&shown.join(", "))
        ));
    } else {
        out(&games::table(&rows));
    }
    0
}

/// `firedrill games mark GAME throwaway|private|counts`: only the game's
/// own player marks it.
pub fn mark(game: &Path, how: Option<Mark>) -> u8 {
    let t = match crate::transcripts::read(game) {
        Ok(t) => t,
        Err(e) => {
            err(&format!("firedrill: cannot read `{}`: {e}", game.display()));
            return 1;
        }
    };
    let Some(header) = t.header else {
        err(&format!(
            "firedrill: `{}` is not a firedrill transcript",
            game.display()
        ));
        return 1;
    };
    let me = player::current();
    if header.player != me {
        err(&format!(
            "firedrill: `{}` is {}'s game, and only its player marks it (you are {})",
            game.display(),
            printable(&header.player),
            printable(&me)
        ));
        return 1;
    }
    if let Err(e) = mark::write(game, how) {
        err(&format!("firedrill: cannot mark `{}`: {e}", game.display()));
        return 1;
    }
    let what = match how {
        Some(Mark::Throwaway) => "a throwaway: it counts nowhere",
        Some(Mark::Private) => "private: it counts only in your own progress",
        None => "unmarked: it counts again",
    };
    outln(&format!("{} is now {what}.", game.display()));
    0
}

/// `firedrill player [NAME]`: shows the name your games carry, or keeps a
/// new one.
pub fn name(new: Option<&str>) -> u8 {
    let Some(new) = new else {
        match player::saved() {
            Some(n) => outln(&printable(&n)),
            None => outln(&format!(
                "{} (your login name; keep another with `firedrill player NAME`)",
                printable(&player::login())
            )),
        }
        return 0;
    };
    match player::save(new) {
        Ok(n) => {
            outln(&format!(
                "Your games are recorded as {} from now on.",
                printable(&n)
            ));
            0
        }
        Err(e) => {
            err(&format!("firedrill: cannot keep the name: {e}"));
            1
        }
    }
}
