//! The everyday machine: `host` blocks, `file` blocks and `url` blocks.

use crate::lang::parser::*;

/// A host's lines while its block is read.
#[derive(Debug, Default)]
pub(in crate::lang::parser) struct HostBody {
    pub(in crate::lang::parser) user: Option<Ident>,
    pub(in crate::lang::parser) dir: Option<Text>,
    pub(in crate::lang::parser) cpu: Option<Ident>,
    pub(in crate::lang::parser) memory: Option<Ident>,
    pub(in crate::lang::parser) disk: Option<Ident>,
    pub(in crate::lang::parser) processes: Vec<Variant>,
}

/// A file's lines while its block is read.
#[derive(Debug, Default)]
pub(in crate::lang::parser) struct FileBody {
    pub(in crate::lang::parser) hosts: Vec<Ident>,
    pub(in crate::lang::parser) log: Option<Ident>,
    pub(in crate::lang::parser) doc: DocBody,
}

impl Parser<'_> {
    /// Reads a `host NAME ["full.name"]` block (see [`props::HOST`]).
    pub(in crate::lang::parser) fn host(&mut self, node: &Node) -> Option<HostDecl> {
        let (name, hostname) = self.named(node, false)?;
        let mut body = HostBody::default();
        self.read_props(node, &props::HOST, &mut body);
        Some(HostDecl {
            name,
            hostname,
            user: body.user,
            dir: body.dir,
            cpu: body.cpu,
            memory: body.memory,
            disk: body.disk,
            processes: body.processes,
        })
    }

    /// Reads a `file "/path"` block (see [`props::FILE`]).
    pub(in crate::lang::parser) fn file(&mut self, node: &Node) -> Option<FileDecl> {
        let path = self.string_prop(node)?;
        let mut body = FileBody::default();
        self.read_props(node, &props::FILE, &mut body);
        Some(FileDecl {
            path,
            hosts: body.hosts,
            log: body.log,
            variants: body.doc.into_variants(),
        })
    }

    /// Reads a `url "https://..."` block: text variants and prose.
    pub(in crate::lang::parser) fn url(&mut self, node: &Node) -> Option<UrlDecl> {
        let url = self.string_prop(node)?;
        let mut body = DocBody::default();
        self.read_props(node, &props::URL, &mut body);
        let variants = body.into_variants();
        if variants.is_empty() && !node.too_deep {
            self.missing(
                node.line.span(),
                "a URL with no text",
                "write what `curl` shows below it (prose lines or a \"\"\" block)",
            );
        }
        Some(UrlDecl { url, variants })
    }
}
