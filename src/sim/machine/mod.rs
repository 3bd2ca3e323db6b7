//! The everyday toolbox every scenario's shell has (`ls`, `cat`, `ps`,
//! `df`, `ssh`, `sudo`...), unless a scenario command matches the line
//! first. It reads the scenario's hosts, files and URLs and the metrics'
//! current values, and nothing else: the same game gives the same answers.
//! (Its tests need the language, so they live in tests/machine.rs.)

mod files;
mod system;

use super::Sim;
use crate::scenario::machine::{Host, HostId, normalize};
use crate::scenario::{DocId, Millis};
use std::collections::BTreeMap;

/// Game time one toolbox command costs: a glance at its output.
pub const COST: Millis = 2000;

/// The programs the toolbox answers.
pub use crate::scenario::machine::TOOLS;

/// Who the player is where: the shell's login, kept in the game state so a
/// replay shows the same prompt.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Session {
    /// `None`: the scenario's starting host.
    host: Option<HostId>,
    /// `None`: the host's starting directory.
    dir: Option<String>,
    /// Where each `ssh` came from, for `exit`.
    back: Vec<(Option<HostId>, Option<String>)>,
}

/// The host the shell is on, as the tools see it.
pub(super) struct Here<'a> {
    pub host: Option<&'a Host>,
    pub id: Option<HostId>,
    pub hostname: String,
    pub short: String,
    pub user: String,
    pub home: String,
    pub cwd: String,
}

/// Whether `program` is one of the toolbox's.
pub fn is_tool(program: &str) -> bool {
    TOOLS.contains(&program)
}

impl Sim {
    /// The prompt as a shell shows it: `maya@thumbs-01:/var/log$`, the home
    /// directory as `~`, `#` for root.
    pub fn prompt(&self) -> String {
        let here = self.here();
        let dir = if here.cwd == here.home {
            "~".to_string()
        } else if let Some(rest) = here.cwd.strip_prefix(&format!("{}/", here.home)) {
            format!("~/{rest}")
        } else {
            here.cwd.clone()
        };
        let mark = if here.user == "root" { '#' } else { '$' };
        format!("{}@{}:{dir}{mark}", here.user, here.short)
    }

    /// The host the shell is on, by the name `ssh` takes, when the scenario
    /// has more than one (with one, where a command ran says nothing).
    pub fn host_among_several(&self) -> Option<String> {
        (self.sc.machine.hosts.len() > 1).then(|| self.here().short)
    }

    /// The names `ssh` takes: the declared hosts, or the one default host.
    pub fn hosts(&self) -> Vec<String> {
        let hosts = &self.sc.machine.hosts;
        if hosts.is_empty() {
            return vec![self.here().short];
        }
        hosts.iter().map(|h| h.name.clone()).collect()
    }

    /// Completions of a path as typed (`/var/l`, `no`): the typed folder
    /// part with each matching entry, a folder's with a trailing `/`.
    pub fn paths(&self, prefix: &str) -> Vec<String> {
        let (typed_dir, stem) = prefix
            .rsplit_once('/')
            .map_or(("", prefix), |(d, s)| (d, s));
        let here = self.here();
        let lookup = if prefix.starts_with('/') && typed_dir.is_empty() {
            "/"
        } else if typed_dir.is_empty() {
            "."
        } else {
            typed_dir
        };
        let dir = normalize(lookup, &here.cwd, &here.home);
        let shown = if prefix.contains('/') {
            format!("{typed_dir}/")
        } else {
            String::new()
        };
        self.entries(&here, &dir)
            .into_iter()
            .filter(|(name, _)| name.starts_with(stem))
            .map(|(name, is_dir)| format!("{shown}{name}{}", if is_dir { "/" } else { "" }))
            .collect()
    }

    /// Where the shell is now.
    pub(super) fn here(&self) -> Here<'_> {
        let m = &self.sc.machine;
        let id = self
            .session
            .host
            .or(m.start)
            .or_else(|| (!m.hosts.is_empty()).then_some(HostId(0)));
        let host = id.and_then(|i| m.hosts.get(i.0));
        let hostname = host.map_or_else(|| default_host(&self.sc.meta.id), |h| h.hostname.clone());
        let short = host.map_or_else(|| hostname.clone(), |h| h.short_name().to_string());
        let user = host
            .and_then(|h| h.user.clone())
            .or_else(|| m.user.clone())
            .unwrap_or_else(|| "oncall".into());
        let home = if user == "root" {
            "/root".to_string()
        } else {
            format!("/home/{user}")
        };
        let start = host
            .and_then(|h| h.dir.clone())
            .unwrap_or_else(|| home.clone());
        let cwd = self.session.dir.clone().unwrap_or(start);
        Here {
            host,
            id,
            hostname,
            short,
            user,
            home,
            cwd,
        }
    }

    /// Runs a toolbox line; `None` when `words` is no toolbox command.
    pub(super) fn run_tool(&mut self, line: &str, words: &[String]) -> Option<Millis> {
        let (program, args) = words.split_first()?;
        let out = match program.as_str() {
            "sudo" => self.sudo(args)?,
            "ssh" => self.ssh(args),
            "exit" | "logout" => self.exit(),
            "curl" => self.curl(args),
            _ => self.tool(program, args)?,
        };
        self.emit(super::EventKind::Shell {
            prompt: String::new(),
            input: line.to_string(),
            output: out.trim_end_matches('\n').to_string(),
        });
        Some(COST)
    }

    /// A tool that only reads: its output.
    fn tool(&mut self, program: &str, args: &[String]) -> Option<String> {
        Some(match program {
            "pwd" => self.here().cwd,
            "cd" => self.cd(args),
            "ls" => self.ls(args),
            "cat" | "less" | "more" => self.cat(program, args),
            "head" | "tail" => self.head_tail(program, args),
            "grep" => self.grep(args),
            "ps" => self.ps(),
            "top" => self.top(),
            "df" => self.df(args),
            "free" => self.free(args),
            "uptime" => self.uptime(),
            "hostname" => self.hostname(args),
            "whoami" => self.here().user,
            _ => return None,
        })
    }

    /// `sudo`: never a password prompt (players type real passwords out of
    /// habit, and the game journals input). Root runs the tool itself.
    fn sudo(&mut self, args: &[String]) -> Option<String> {
        let here = self.here();
        if here.user != "root" {
            return Some(format!(
                "{} is not in the sudoers file.  This incident will be reported.",
                here.user
            ));
        }
        let Some((program, rest)) = args.split_first() else {
            return Some("usage: sudo command".into());
        };
        match program.as_str() {
            "sudo" | "ssh" | "exit" | "logout" | "curl" => None,
            p => Some(
                self.tool(p, rest)
                    .unwrap_or_else(|| format!("sudo: {p}: command not found")),
            ),
        }
    }

    /// `ssh HOST`: the shell moves to a declared host. `ssh HOST CMD...`
    /// runs a toolbox command there and stays where it is, as ssh does.
    fn ssh(&mut self, args: &[String]) -> String {
        let (target, remote) = ssh_args(args);
        let Some(target) = target else {
            return "usage: ssh [-l login_name] destination [command]".into();
        };
        let name = target.rsplit_once('@').map_or(target, |(_, h)| h);
        let Some(Reach(host)) = self.host_named(name) else {
            return format!("ssh: Could not resolve hostname {name}: Name or service not known");
        };
        if !remote.is_empty() {
            return self.remote(host, remote);
        }
        let from = (self.session.host, self.session.dir.take());
        self.session.back.push(from);
        if host.is_some() {
            self.session.host = host;
        }
        format!("Last login: {} from 10.0.0.15", self.last_login())
    }

    /// The host `ssh NAME` reaches, if it is one.
    fn host_named(&self, name: &str) -> Option<Reach> {
        let m = &self.sc.machine;
        if let Some(i) = m.hosts.iter().position(|h| h.answers_to(name)) {
            return Some(Reach(Some(HostId(i))));
        }
        (m.hosts.is_empty() && name == self.here().short).then_some(Reach(None))
    }

    /// `ssh HOST CMD...`: CMD's answer on HOST, the shell staying here.
    fn remote(&mut self, host: Option<HostId>, words: &[String]) -> String {
        let saved = self.session.clone();
        self.session = Session {
            host: host.or(saved.host),
            dir: None,
            back: Vec::new(),
        };
        let out = match words.split_first() {
            Some((p, rest)) if p == "sudo" => self.sudo(rest),
            Some((p, rest)) if p == "curl" => Some(self.curl(rest)),
            Some((p, rest)) if !matches!(p.as_str(), "ssh" | "exit" | "logout") => {
                self.tool(p, rest)
            }
            _ => None,
        };
        self.session = saved;
        out.unwrap_or_else(|| {
            let program = words.first().map_or("", String::as_str);
            format!("bash: {program}: command not found")
        })
    }

    /// `exit`: back to the host the last `ssh` came from.
    fn exit(&mut self) -> String {
        let Some((host, dir)) = self.session.back.pop() else {
            return "exit: this is the drill's only shell, so it stays open".into();
        };
        let left = self.here().hostname;
        self.session.host = host;
        self.session.dir = dir;
        format!("logout\nConnection to {left} closed.")
    }

    /// A scenario's `login HOST`: the shell is now there, in its start
    /// directory. The scenario keeps its own account of where the player is
    /// (GitLab's two tabs), so there is no way back for `exit` to take.
    pub(super) fn login(&mut self, host: HostId) {
        self.session = Session {
            host: Some(host),
            dir: None,
            back: Vec::new(),
        };
    }

    /// `curl URL`: a declared URL's text.
    fn curl(&mut self, args: &[String]) -> String {
        let Some(url) = args.iter().find(|a| !a.starts_with('-')) else {
            return "curl: try 'curl --help' for more information".into();
        };
        let bare = |u: &str| {
            let u = u.split_once("://").map_or(u, |(_, rest)| rest);
            u.trim_end_matches('/').to_string()
        };
        let sc = self.sc.clone();
        let Some(found) = sc.machine.urls.iter().find(|u| bare(&u.url) == bare(url)) else {
            let host = bare(url);
            let host = host.split('/').next().unwrap_or_default();
            return format!("curl: (6) Could not resolve host: {host}");
        };
        self.first_variant(&found.variants)
    }

    /// The text of the first variant whose condition holds.
    pub(super) fn first_variant(&self, variants: &[crate::scenario::Output]) -> String {
        variants
            .iter()
            .find(|v| v.when.as_ref().is_none_or(|c| self.truth(c)))
            .map(|v| self.render(&v.text, &BTreeMap::new()))
            .unwrap_or_default()
    }

    /// The logs a toolbox line would show if run now (for the debrief).
    pub(super) fn tool_reads(&self, words: &[String]) -> Vec<DocId> {
        if let Some((ssh, args)) = words.split_first()
            && ssh == "ssh"
        {
            return self.remote_reads(args);
        }
        let words = match words.split_first() {
            Some((sudo, rest)) if sudo == "sudo" && self.here().user == "root" => rest,
            _ => words,
        };
        let Some((program, args)) = words.split_first() else {
            return Vec::new();
        };
        let here = self.here();
        let operands = match program.as_str() {
            "cat" | "less" | "more" | "head" | "tail" => files::operands(args),
            "grep" => files::operands(args).into_iter().skip(1).collect(),
            _ => return Vec::new(),
        };
        operands
            .iter()
            .filter_map(|p| self.file_at(&here, &normalize(p, &here.cwd, &here.home)))
            .filter_map(|f| f.log)
            .collect()
    }

    /// The logs `ssh HOST CMD...` would show: CMD's, read on HOST.
    fn remote_reads(&self, args: &[String]) -> Vec<DocId> {
        let (Some(target), remote) = ssh_args(args) else {
            return Vec::new();
        };
        let name = target.rsplit_once('@').map_or(target, |(_, h)| h);
        match self.host_named(name) {
            Some(Reach(host)) if !remote.is_empty() => {
                let mut there = self.clone();
                there.session = Session {
                    host: host.or(self.session.host),
                    dir: None,
                    back: Vec::new(),
                };
                there.tool_reads(remote)
            }
            _ => Vec::new(),
        }
    }

    /// When the last login was: the incident's date and clock now.
    fn last_login(&self) -> String {
        format!("{} {}", self.date(), self.clock())
    }
}

/// The host a scenario without hosts runs on: its id's first word.
fn default_host(id: &str) -> String {
    let word = id.split('-').next().unwrap_or("drill");
    format!("{word}-01")
}

/// A host `ssh` reaches: a declared one, or (`None`) the one host of a
/// scenario that declares none.
struct Reach(Option<HostId>);

/// `ssh`'s destination and the remote command after it; options before the
/// destination are skipped, with the value of those that take one.
fn ssh_args(args: &[String]) -> (Option<&str>, &[String]) {
    let mut i = 0;
    while let Some(a) = args.get(i) {
        if matches!(a.as_str(), "-l" | "-p" | "-i" | "-o" | "-J" | "-F") {
            i += 2;
        } else if a.starts_with('-') {
            i += 1;
        } else {
            return (Some(a.as_str()), &args[i + 1..]);
        }
    }
    (None, &[])
}
