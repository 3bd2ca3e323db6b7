//! Who is playing: one name across machines, kept in the config folder
//! (`player.ron`), written into every transcript. Until it is set, the login
//! name stands in; `--player` overrides it for one game.

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
