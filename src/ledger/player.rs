//! Who is playing: one name across machines, kept in the config folder
//! (`player.ron`), written into every transcript. Until it is set, the login
//! name stands in; `--player` overrides it for one game.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

/// The file that keeps the player's name.
pub fn path() -> Option<PathBuf> {
    crate::files::config_dir().map(|d| d.join("player.ron"))
}

/// The name kept in the config folder, if one was set and reads cleanly.
pub fn saved() -> Option<String> {
    let text = crate::files::read_text(&path()?, crate::files::MAX_CONFIG).ok()?;
    let name: String = ron::from_str(&text).ok()?;
    clean(&name)
}

/// The login name (`$USER`, `$LOGNAME`), or "player".
pub fn login() -> String {
    ["USER", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().and_then(|n| clean(&n)))
        .unwrap_or_else(|| "player".into())
}

/// The player's name: the one kept, else the login name.
pub fn current() -> String {
    saved().unwrap_or_else(login)
}

/// The name a new game is recorded under: `--player` for this game if
/// given, else the name kept. With none kept yet and a person at the
/// terminal, asks once (Enter takes the login name) and keeps the answer.
pub fn for_new_game(given: Option<&str>) -> String {
    if let Some(name) = given.and_then(clean) {
        return name;
    }
    if let Some(name) = saved() {
        return name;
    }
    let login = login();
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        return login;
    }
    ask_once(&login).unwrap_or(login)
}

/// Asks for the player's name on the terminal and keeps it.
fn ask_once(login: &str) -> Option<String> {
    let mut err = std::io::stderr().lock();
    let _ = write!(
        err,
        "firedrill: what name should your games carry, on every machine you play on? [{login}] "
    );
    let _ = err.flush();
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).ok()?;
    let name = clean(&line).unwrap_or_else(|| login.to_string());
    match save(&name) {
        Ok(name) => {
            let _ = writeln!(
                err,
                "firedrill: your games are recorded as {name} (change it with `firedrill player NAME`)"
            );
            Some(name)
        }
        Err(e) => {
            let _ = writeln!(err, "firedrill: cannot keep the name ({e}); using {name}");
            Some(name)
        }
    }
}

/// A name as it is kept: one line of at most 64 characters, no control
/// characters, trimmed; `None` when nothing is left.
pub fn clean(name: &str) -> Option<String> {
    let one: String = name.chars().filter(|c| !c.is_control()).take(64).collect();
    let one = one.trim();
    (!one.is_empty()).then(|| one.to_string())
}

/// Keeps `name` as the player's name (replacing the file whole).
pub fn save(name: &str) -> std::io::Result<String> {
    let name = clean(name).ok_or_else(|| std::io::Error::other("the name is empty"))?;
    let path = path().ok_or_else(|| std::io::Error::other("no config folder on this machine"))?;
    if std::fs::symlink_metadata(&path).is_ok_and(|m| !m.is_file()) {
        return Err(std::io::Error::other(format!(
            "{} is not a regular file; it is left alone",
            path.display()
        )));
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let text = ron::to_string(&name).map_err(std::io::Error::other)?;
    std::fs::write(&path, format!("{text}\n"))?;
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_one_clean_line() {
        assert_eq!(clean("  maya \n"), Some("maya".into()));
        assert_eq!(clean("ma\x1b[31mya"), Some("ma[31mya".into()));
        assert_eq!(clean(" \t "), None);
        assert_eq!(clean(&"x".repeat(100)).map(|n| n.len()), Some(64));
    }
}
