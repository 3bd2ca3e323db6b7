//! The file system as the toolbox shows it: folders are implied by the
//! declared files' paths, plus a few every Linux host has, the home folder
//! and the start folder. `ls`, `cd`, `cat`, `head`, `tail` and `grep`.

use super::Here;
use crate::scenario::machine::{File, normalize};
use crate::sim::Sim;
use std::collections::BTreeMap;

/// Folders every host has.
const BASE_DIRS: &[&str] = &[
    "/bin", "/etc", "/home", "/opt", "/root", "/tmp", "/usr", "/var", "/var/log",
];

/// Lines `head` and `tail` show unless told.
const DEFAULT_LINES: usize = 10;

/// The arguments that are not options (`-n 5` takes its number with it).
pub(super) fn operands(args: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut skip = false;
    for a in args {
        if skip {
            skip = false;
        } else if a == "-n" {
            skip = true;
        } else if !a.starts_with('-') || a == "-" {
            out.push(a.clone());
        }
    }
    out
}

impl Sim {
    /// The declared file at `path` on this host, if any.
    pub(super) fn file_at(&self, here: &Here<'_>, path: &str) -> Option<&File> {
        self.files_here(here).find(|f| f.path == path)
    }

    /// The declared files on this host that exist now.
    fn files_here<'a>(&'a self, here: &Here<'_>) -> impl Iterator<Item = &'a File> {
        let id = here.id;
        self.sc
            .machine
            .files
            .iter()
            .filter(move |f| f.hosts.is_empty() || id.is_some_and(|i| f.hosts.contains(&i)))
            .filter(|f| self.exists(f))
    }

    /// Whether a file is there now: a file whose every text has a condition
    /// exists only while one of them holds, so a wiped folder can look empty
    /// (and vanish with its last file). A log, or a text with no condition,
    /// is always there.
    fn exists(&self, file: &File) -> bool {
        file.log.is_some()
            || file.variants.is_empty()
            || file
                .variants
                .iter()
                .any(|v| v.when.as_ref().is_none_or(|c| self.truth(c)))
    }

    /// Whether `path` is a folder on this host.
    fn is_dir(&self, here: &Here<'_>, path: &str) -> bool {
        path == "/"
            || BASE_DIRS.contains(&path)
            || is_within(&here.home, path)
            || is_within(&here.cwd, path)
            || here
                .host
                .and_then(|h| h.dir.as_deref())
                .is_some_and(|d| is_within(d, path))
            || self
                .files_here(here)
                .any(|f| is_within(&f.path, path) && f.path != path)
    }

    /// The entries of folder `dir`: (name, is a folder), sorted.
    pub(super) fn entries(&self, here: &Here<'_>, dir: &str) -> Vec<(String, bool)> {
        let mut found: BTreeMap<String, bool> = BTreeMap::new();
        let start = here.host.and_then(|h| h.dir.clone());
        let dirs = BASE_DIRS
            .iter()
            .map(|d| (*d).to_string())
            .chain([here.home.clone(), here.cwd.clone()])
            .chain(start);
        for d in dirs {
            if let Some(name) = child(dir, &d) {
                found.insert(name.0, true);
            }
        }
        for f in self.files_here(here) {
            if let Some((name, deeper)) = child(dir, &f.path) {
                let is_dir = found.get(&name).copied().unwrap_or(false) || deeper;
                found.insert(name, is_dir);
            }
        }
        found.into_iter().collect()
    }

    /// A file's text now: its log's, or its own. Showing a log counts as
    /// reading it.
    fn file_text(&mut self, file: &File) -> String {
        if let Some(d) = file.log {
            self.record.read.insert(d);
        }
        self.text_now(file)
    }

    /// A file's text now, without reading it (`ls -l` sizes it).
    fn text_now(&self, file: &File) -> String {
        match file.log {
            Some(d) => self
                .sc
                .docs
                .get(d.0)
                .map(|doc| self.first_variant(&doc.variants))
                .unwrap_or_default(),
            None => self.first_variant(&file.variants),
        }
    }

    /// Reads `path` for `program`: its text, or the error a shell prints.
    fn read_path(&mut self, program: &str, path: &str) -> Result<String, String> {
        let here = self.here();
        let full = normalize(path, &here.cwd, &here.home);
        if let Some(f) = self.file_at(&here, &full).cloned() {
            drop(here);
            return Ok(self.file_text(&f));
        }
        if full == "/etc/hostname" {
            return Ok(here.hostname);
        }
        if self.is_dir(&here, &full) {
            return Err(format!("{program}: {path}: Is a directory"));
        }
        Err(format!("{program}: {path}: No such file or directory"))
    }

    pub(super) fn cd(&mut self, args: &[String]) -> String {
        let here = self.here();
        let target = operands(args)
            .into_iter()
            .next()
            .unwrap_or_else(|| "~".into());
        let full = normalize(&target, &here.cwd, &here.home);
        if self.is_dir(&here, &full) {
            drop(here);
            self.session.dir = Some(full);
            return String::new();
        }
        if self.file_at(&here, &full).is_some() {
            return format!("bash: cd: {target}: Not a directory");
        }
        format!("bash: cd: {target}: No such file or directory")
    }

    pub(super) fn ls(&self, args: &[String]) -> String {
        let here = self.here();
        let long = short_flag(args, 'l');
        let targets = operands(args);
        let targets = if targets.is_empty() {
            vec![".".to_string()]
        } else {
            targets
        };
        let mut out = Vec::new();
        for t in &targets {
            let full = normalize(t, &here.cwd, &here.home);
            if let Some(f) = self.file_at(&here, &full) {
                let size = self.text_now(f).len();
                out.push(if long {
                    self.long_line(&here, t, false, size)
                } else {
                    t.clone()
                });
            } else if self.is_dir(&here, &full) {
                if targets.len() > 1 {
                    out.push(format!("{t}:"));
                }
                for (name, is_dir) in self.entries(&here, &full) {
                    let size = self
                        .file_at(&here, &format!("{}/{name}", full.trim_end_matches('/')))
                        .map_or(4096, |f| self.text_now(f).len());
                    out.push(if long {
                        self.long_line(&here, &name, is_dir, size)
                    } else {
                        name
                    });
                }
            } else {
                out.push(format!(
                    "ls: cannot access '{t}': No such file or directory"
                ));
            }
        }
        out.join("\n")
    }

    /// One `ls -l` line.
    fn long_line(&self, here: &Here<'_>, name: &str, is_dir: bool, size: usize) -> String {
        let mode = if is_dir { "drwxr-xr-x" } else { "-rw-r--r--" };
        let when = format!("{} {}", self.date(), &self.clock()[..5]);
        format!("{mode} 1 {0} {0} {size:>8} {when} {name}", here.user)
    }

    pub(super) fn cat(&mut self, program: &str, args: &[String]) -> String {
        let paths = operands(args);
        if paths.is_empty() {
            return format!("{program}: missing file operand");
        }
        paths
            .iter()
            .map(|p| self.read_path(program, p).unwrap_or_else(|e| e))
            .collect::<Vec<_>>()
            .join("\n")
    }

    pub(super) fn head_tail(&mut self, program: &str, args: &[String]) -> String {
        let n = line_count(args);
        let paths = operands(args);
        if paths.is_empty() {
            return format!("{program}: missing file operand");
        }
        let mut out = Vec::new();
        for p in &paths {
            match self.read_path(program, p) {
                Ok(text) => {
                    let lines: Vec<&str> = text.lines().collect();
                    let keep = if program == "head" {
                        &lines[..n.min(lines.len())]
                    } else {
                        &lines[lines.len().saturating_sub(n)..]
                    };
                    if paths.len() > 1 {
                        out.push(format!("==> {p} <=="));
                    }
                    out.extend(keep.iter().map(|l| (*l).to_string()));
                }
                Err(e) => out.push(e),
            }
        }
        out.join("\n")
    }

    /// `grep [-i] [-v] TEXT FILE...`: the pattern is read as plain text.
    pub(super) fn grep(&mut self, args: &[String]) -> String {
        let fold = short_flag(args, 'i');
        let invert = short_flag(args, 'v');
        let ops = operands(args);
        let Some((pattern, paths)) = ops.split_first() else {
            return "Usage: grep [OPTION]... PATTERNS [FILE]...".into();
        };
        if paths.is_empty() {
            return "grep: (standard input): no input here; name a file".into();
        }
        let wanted = if fold {
            pattern.to_lowercase()
        } else {
            pattern.clone()
        };
        let mut out = Vec::new();
        for p in paths {
            match self.read_path("grep", p) {
                Ok(text) => {
                    for l in text.lines() {
                        let hay = if fold {
                            l.to_lowercase()
                        } else {
                            l.to_string()
                        };
                        if hay.contains(&wanted) != invert {
                            out.push(if paths.len() > 1 {
                                format!("{p}:{l}")
                            } else {
                                l.to_string()
                            });
                        }
                    }
                }
                Err(e) => out.push(e),
            }
        }
        out.join("\n")
    }
}

/// Whether a cluster of short options (`-la`, not `--color`) holds `c`.
pub(super) fn short_flag(args: &[String], c: char) -> bool {
    args.iter()
        .any(|a| a.starts_with('-') && !a.starts_with("--") && a.contains(c))
}

/// `-n 5`, `-n5` or `-5`: how many lines; ten by default.
fn line_count(args: &[String]) -> usize {
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let n = if a == "-n" {
            it.next().and_then(|n| n.parse().ok())
        } else if let Some(n) = a.strip_prefix("-n") {
            n.parse().ok()
        } else {
            a.strip_prefix('-').and_then(|n| n.parse().ok())
        };
        if let Some(n) = n {
            return n;
        }
    }
    DEFAULT_LINES
}

/// Whether `path` is `dir` or inside it.
fn is_within(path: &str, dir: &str) -> bool {
    path == dir || dir == "/" || path.starts_with(&format!("{dir}/"))
}

/// The entry of `dir` on the way to `path`: its name, and whether `path`
/// goes deeper than it (so the entry is a folder).
fn child(dir: &str, path: &str) -> Option<(String, bool)> {
    let rest = if dir == "/" {
        path.strip_prefix('/')?
    } else {
        path.strip_prefix(dir)?.strip_prefix('/')?
    };
    if rest.is_empty() {
        return None;
    }
    Some(match rest.split_once('/') {
        Some((name, _)) => (name.to_string(), true),
        None => (rest.to_string(), false),
    })
}
