//! Loading: reads the main file and its includes through the caller's
//! [`Loader`](crate::lang::Loader), parses each, and reports cycles, depth
//! and unreadable files.

use super::*;

/// One loading: the main file, then every include in place, depth first.
pub(super) struct Load<'l> {
    pub loader: &'l dyn Loader,
    pub sources: &'l mut SourceMap,
    pub diags: &'l mut Diags,
    /// The items of every file, includes spliced in where they are written.
    pub items: Vec<ast::Item>,
    /// The keys of the files being read, outermost first: an include of one
    /// of them closes a cycle.
    pub stack: Vec<String>,
    /// Bytes and lines of the files read so far: the scenario as a whole
    /// has the limits of one file, so many includes cannot add up past them.
    pub read: (usize, usize),
}

impl Load<'_> {
    /// Reads `file` (included at `included_at`, or the main file), parses
    /// it and appends its items, following its includes in place.
    pub(super) fn file(&mut self, file: Loaded, included_at: Option<Span>) {
        let Loaded { name, key, bytes } = file;
        let Some(text) = self.decode(name.clone(), key.clone(), bytes, included_at) else {
            return;
        };
        let blank = text
            .lines()
            .all(|l| l.trim().is_empty() || l.trim_start().starts_with("//"));
        // Parse before handing the text to the source map, to avoid copying it.
        let id = self.sources.next_id();
        let parsed = if blank {
            Vec::new()
        } else {
            parse_file(id, &text, self.diags)
        };
        self.sources.add_keyed(name, key.clone(), text);
        if blank {
            if included_at.is_none() {
                self.diags.push(
                    Diagnostic::new(Code::EmptyFile, Span::new(id, 0, 0), "the scenario file is empty")
                        .help("start with a `scenario` header with a `title`, `start` and `duration`; docs/language.md shows one"),
                );
            }
            return;
        }
        self.stack.push(key.clone());
        for item in parsed {
            match &item.kind {
                ItemKind::Include(path) => self.include(&key, path),
                _ => self.items.push(item),
            }
        }
        self.stack.pop();
    }

    /// Whether the files read so far are past the limits of one file.
    fn over_limit(&self) -> bool {
        self.read.0 > MAX_FILE || self.read.1 > MAX_LINES
    }

    /// The text of a file's bytes: refused when too large or not UTF-8 (the
    /// file is still registered, so the diagnostic can point into it), and
    /// without a byte-order mark.
    fn decode(
        &mut self,
        name: String,
        key: String,
        bytes: Vec<u8>,
        included_at: Option<Span>,
    ) -> Option<String> {
        // Once per file, at memory speed: not worth a crate.
        #[allow(clippy::naive_bytecount)]
        let lines = bytes.iter().filter(|b| **b == b'\n').count();
        // What was read counts, refused or not: past the limit, no more
        // includes are read at all.
        self.read = (self.read.0 + bytes.len(), self.read.1 + lines);
        let too_large = if bytes.len() > MAX_FILE || lines > MAX_LINES {
            Some(too_large_words(bytes.len() > MAX_FILE, "the file"))
        } else if self.over_limit() {
            Some(too_large_words(
                self.read.0 > MAX_FILE,
                "with this file, the scenario (a file and its includes together)",
            ))
        } else {
            None
        };
        if let Some(message) = too_large {
            let id = self.sources.add_keyed(name, key, "");
            self.diags.push(
                Diagnostic::new(
                    Code::FileTooLarge,
                    included_at.unwrap_or(Span::new(id, 0, 0)),
                    message,
                )
                .help("a real scenario is a few dozen kilobytes: is this the right file?"),
            );
            return None;
        }
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
                // Point at the bad byte in the lossy text (replacement chars are 3 bytes).
                let shown_at = String::from_utf8_lossy(&e.as_bytes()[..at]).len();
                let id = self.sources.add_keyed(name, key, lossy);
                self.diags.push(
                    Diagnostic::new(
                        Code::InvalidUtf8,
                        Span::new(id, shown_at, shown_at + 3),
                        format!("the file is not valid UTF-8 (first bad byte at offset {at})"),
                    )
                    .label("not UTF-8")
                    .help("save the file as UTF-8 text; is it really a .drill scenario?"),
                );
                return None;
            }
        };
        Some(
            text.strip_prefix('\u{feff}')
                .map(str::to_string)
                .unwrap_or(text),
        )
    }

    /// Follows `include PATH`, written in the file whose key is `from`:
    /// refuses interpolated paths, chains too deep and cycles, and keeps
    /// `scenario` headers out of included files.
    fn include(&mut self, from: &str, path: &ast::Text) {
        let span = path.span;
        let Some(path_str) = literal_text(path) else {
            self.diags.push(
                Diagnostic::new(
                    Code::Syntax,
                    span,
                    "an include path cannot interpolate `{...}`",
                )
                .help("write the path literally"),
            );
            return;
        };
        // The stack holds the main file too: the depth of this include is its length.
        if self.stack.len() > MAX_INCLUDE_DEPTH {
            self.diags.push(
                Diagnostic::new(
                    Code::IncludeTooDeep,
                    span,
                    format!("includes are nested more than {MAX_INCLUDE_DEPTH} deep"),
                )
                .help("include shared libraries from the main scenario instead of from each other"),
            );
            return;
        }
        if self.over_limit() {
            self.diags.push(Diagnostic::new(
                Code::FileTooLarge,
                span,
                too_large_words(
                    self.read.0 > MAX_FILE,
                    "the scenario (a file and its includes together)",
                ),
            ));
            return;
        }
        let loaded = match self.loader.load(from, &path_str) {
            Ok(loaded) => loaded,
            Err(e) => {
                self.diags.push(load_error(e, span, &path_str));
                return;
            }
        };
        if let Some(pos) = self.stack.iter().position(|k| *k == loaded.key) {
            let chain = self.stack[pos..]
                .iter()
                .chain(std::iter::once(&loaded.key))
                .cloned()
                .collect::<Vec<_>>()
                .join(" -> ");
            self.diags.push(
                Diagnostic::new(
                    Code::IncludeCycle,
                    span,
                    format!("`{path_str}` is already being included"),
                )
                .label("this include closes a cycle")
                .note(format!("the cycle: {chain}"))
                .help("remove one of the includes; each file should be included once"),
            );
            return;
        }
        let before = self.items.len();
        self.file(loaded, Some(span));
        for it in &self.items[before..] {
            if matches!(it.kind, ItemKind::Scenario(_)) {
                self.diags.push(
                    Diagnostic::new(
                        Code::MissingHeader,
                        it.span,
                        "an included file cannot have a `scenario` header",
                    )
                    .secondary(span, "included here")
                    .help("keep the header in the main scenario file only"),
                );
            }
        }
        self.items
            .retain(|it| !matches!(it.kind, ItemKind::Scenario(_)) || it.span.file == FileId(0));
    }
}

/// The diagnostic for an include or `file` body that could not be read.
pub(super) fn load_error(e: LoadError, span: Span, path: &str) -> Diagnostic {
    match e {
        LoadError::NotFound => Diagnostic::new(
            Code::IncludeUnreadable,
            span,
            format!("`{path}` was not found"),
        )
        .help("paths are relative to the file that names them"),
        LoadError::Unreadable(why) => Diagnostic::new(
            Code::IncludeUnreadable,
            span,
            format!("`{path}` cannot be read: {why}"),
        ),
        LoadError::Outside => Diagnostic::new(
            Code::IncludeOutside,
            span,
            format!("`{path}` is outside the scenario's folder"),
        )
        .help("a scenario may only read files in its own folder and below it; copy the file there"),
    }
}

/// The text of a string with no `{name}` in it, or `None`.
pub(super) fn literal_text(t: &ast::Text) -> Option<String> {
    let mut s = String::new();
    for p in &t.parts {
        match p {
            ast::TextPart::Literal(l) => s.push_str(l),
            ast::TextPart::Name(_) => return None,
        }
    }
    Some(s)
}

/// `the file is larger than the limit of 2097152 bytes (2 MiB)`, or `... has
/// more than the limit of 50000 lines`.
pub(super) fn too_large_words(bytes: bool, what: &str) -> String {
    if bytes {
        format!(
            "{what} is larger than the limit of {MAX_FILE} bytes ({} MiB)",
            MAX_FILE / (1024 * 1024)
        )
    } else {
        format!("{what} has more than the limit of {MAX_LINES} lines")
    }
}
