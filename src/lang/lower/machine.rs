//! The everyday machine: hosts, files and URLs, with their metrics, logs
//! and hosts resolved, and paths checked.

use super::*;
use crate::scenario::machine::{File, Host, HostId, Machine, Url, normalize};

impl Lowerer<'_> {
    /// Lowers a `host` block.
    pub(super) fn host(&mut self, h: &ast::HostDecl) -> Host {
        let dir = h
            .dir
            .as_ref()
            .and_then(|d| self.absolute(d, "a host's `dir`"));
        Host {
            name: h.name.name.clone(),
            hostname: h
                .hostname
                .as_ref()
                .map_or_else(|| h.name.name.clone(), ast::Text::plain),
            user: h.user.as_ref().map(|u| u.name.clone()),
            dir,
            cpu: h.cpu.as_ref().and_then(|m| self.metric_ref(m)),
            memory: h.memory.as_ref().and_then(|m| self.metric_ref(m)),
            disk: h.disk.as_ref().and_then(|m| self.metric_ref(m)),
            processes: self.variants(&h.processes),
            span: h.name.span,
        }
    }

    /// Lowers a `file` block.
    pub(super) fn machine_file(&mut self, f: &ast::FileDecl) -> Option<File> {
        let path = self.absolute(&f.path, "a file's path")?;
        let hosts = f.hosts.iter().filter_map(|h| self.host_ref(h)).collect();
        let log = f.log.as_ref().and_then(|l| self.log_ref(l));
        Some(File {
            path,
            hosts,
            log,
            variants: self.variants(&f.variants),
            span: f.path.span,
        })
    }

    /// Lowers a `url` block.
    pub(super) fn url(&mut self, u: &ast::UrlDecl) -> Url {
        Url {
            url: u.url.plain(),
            variants: self.variants(&u.variants),
            span: u.url.span,
        }
    }

    /// The scenario's `user` and starting `host`, with what pass 2 built.
    pub(super) fn machine(
        &mut self,
        header: Option<&ast::ScenarioHeader>,
        hosts: Vec<Host>,
        files: Vec<File>,
        urls: Vec<Url>,
    ) -> Machine {
        let start = header
            .and_then(|h| h.host.as_ref())
            .and_then(|h| self.host_ref(h));
        Machine {
            user: header.and_then(|h| h.user.as_ref()).map(|u| u.name.clone()),
            start,
            hosts,
            files,
            urls,
        }
    }

    /// Resolves a `login HOST` or a file's `host HOST`.
    pub(super) fn host_ref(&mut self, id: &ast::Ident) -> Option<HostId> {
        resolve_in(
            &self.names.hosts,
            self.sources,
            self.diags,
            id,
            Code::UnknownHost,
            "host",
            "declare it with `host NAME \"full.host.name\"`",
        )
    }

    /// Resolves the metric a host's `cpu`, `memory` or `disk` reads.
    fn metric_ref(&mut self, id: &ast::Ident) -> Option<MetricId> {
        if let Some(ValueRef::Metric(m)) = self.names.values.get(&id.name) {
            return Some(m);
        }
        let metrics = self.names.metrics();
        self.unknown(
            &metrics,
            id,
            Code::UnknownMetric,
            "metric",
            "declare it with `metric NAME \"Label\"`",
        );
        None
    }

    /// Text variants, each with its condition.
    fn variants(&mut self, vs: &[ast::Variant]) -> Vec<Output> {
        vs.iter()
            .map(|v| Output {
                when: v.when.as_ref().map(|e| self.condition(e)),
                text: self.body(&v.body, TextScope::Plain),
            })
            .collect()
    }

    /// A path that must be absolute, normalised; reported otherwise.
    fn absolute(&mut self, t: &ast::Text, what: &str) -> Option<String> {
        let path = t.plain();
        if path.starts_with('/') {
            return Some(normalize(&path, "/", "/"));
        }
        self.error(
            Diagnostic::new(
                Code::BadLiteral,
                t.span,
                format!("{what} must start with `/`"),
            )
            .label("not an absolute path")
            .help("write the whole path, such as \"/var/log/syslog\""),
        );
        None
    }
}
