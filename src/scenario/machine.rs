//! The everyday machine a scenario declares: hosts (with the metrics their
//! `top`, `ps`, `df` and `free` read), a small file system, and URLs for
//! `curl`. The shell's toolbox (`sim::machine`) plays this.

use super::{DocId, MetricId, Output};
use crate::base::source::Span;
use serde::Serialize;

/// The shell's own commands, always there.
pub const BUILTINS: &[&str] = &["clear", "date", "help", "history", "man"];

/// The programs the everyday toolbox answers, in every scenario's shell
/// (the checker needs them too: a test's `run` line may use them).
pub const TOOLS: &[&str] = &[
    "ls", "cd", "pwd", "cat", "less", "more", "head", "tail", "grep", "ps", "top", "df", "free",
    "uptime", "hostname", "whoami", "sudo", "ssh", "exit", "logout", "curl",
];

/// A host's id: its index in [`Machine::hosts`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct HostId(pub usize);

/// A host the player can be logged in to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Host {
    /// The name the scenario uses (`ssh NAME`, `login NAME`).
    pub name: String,
    /// The full host name `hostname` prints; the prompt shows its first label.
    pub hostname: String,
    /// Who the player is on this host; the scenario's `user` when not given.
    pub user: Option<String>,
    /// The directory a login starts in (and `~`); the user's home when not given.
    pub dir: Option<String>,
    pub cpu: Option<MetricId>,
    pub memory: Option<MetricId>,
    pub disk: Option<MetricId>,
    /// `ps` and `top` lines, each shown while its condition holds.
    pub processes: Vec<Output>,
    pub span: Span,
}

/// A file: on the hosts listed (every host when none is), with text that may
/// follow the game, or a declared log's text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct File {
    /// Absolute, normalised (`/var/log/app.log`).
    pub path: String,
    pub hosts: Vec<HostId>,
    /// Showing the file shows this log, and counts as reading it.
    pub log: Option<DocId>,
    pub variants: Vec<Output>,
    pub span: Span,
}

/// A URL `curl` answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Url {
    pub url: String,
    pub variants: Vec<Output>,
    pub span: Span,
}

/// Everything the toolbox reads.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Machine {
    /// The scenario's `user`.
    pub user: Option<String>,
    /// The scenario's `host`: where the player starts (the first host otherwise).
    pub start: Option<HostId>,
    pub hosts: Vec<Host>,
    pub files: Vec<File>,
    pub urls: Vec<Url>,
}

impl Machine {
    /// Every text the machine holds (processes, files, URLs), with its condition.
    pub fn outputs(&self) -> impl Iterator<Item = &Output> {
        self.hosts
            .iter()
            .flat_map(|h| &h.processes)
            .chain(self.files.iter().flat_map(|f| &f.variants))
            .chain(self.urls.iter().flat_map(|u| &u.variants))
    }
}

impl Host {
    /// The name the prompt shows: the host name's first label.
    pub fn short_name(&self) -> &str {
        self.hostname.split('.').next().unwrap_or(&self.hostname)
    }

    /// Whether `word` names this host (its name, full name or short name).
    pub fn answers_to(&self, word: &str) -> bool {
        word == self.name || word == self.hostname || word == self.short_name()
    }
}

/// `path` made absolute against `cwd` (with `home` for `~`), `.` and `..`
/// resolved; never climbs above `/`.
pub fn normalize(path: &str, cwd: &str, home: &str) -> String {
    let joined = if path == "~" || path.starts_with("~/") {
        format!("{home}{}", &path[1..])
    } else if path.starts_with('/') {
        path.to_string()
    } else {
        format!("{cwd}/{path}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    format!("/{}", parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn paths_normalise_against_the_directory_and_home() {
        assert_eq!(normalize("log", "/var", "/root"), "/var/log");
        assert_eq!(normalize("../etc/./hosts", "/var", "/root"), "/etc/hosts");
        assert_eq!(normalize("~/notes", "/", "/home/maya"), "/home/maya/notes");
        assert_eq!(normalize("/../..", "/", "/"), "/");
        assert_eq!(normalize("~", "/tmp", "/root"), "/root");
    }
}
