//! Text: `{name}` interpolation, runbooks and logs, and bodies read from
//! files.

use super::*;

impl Lowerer<'_> {
    /// Lowers a runbook or log: its title and text variants.
    pub(super) fn doc(&mut self, d: &ast::DocDecl) -> Document {
        let mut variants = Vec::new();
        for v in &d.variants {
            let when = v.when.as_ref().map(|e| self.condition(e));
            let text = self.body(&v.body, TextScope::Plain);
            variants.push(Output { when, text });
        }
        Document {
            name: d.name.name.clone(),
            kind: if d.kind == ast::DocKind::Runbook {
                DocKind::Runbook
            } else {
                DocKind::Log
            },
            title: d.title.plain(),
            variants,
            span: d.name.span,
        }
    }

    /// Lowers a text body: inline text, or a file read through the loader.
    pub(super) fn body(&mut self, body: &ast::Body, scope: TextScope<'_>) -> Text {
        match body {
            ast::Body::Inline(t) => self.text(t, scope),
            ast::Body::File(path) => {
                let Some(p) = literal_text(path) else {
                    self.error(
                        Diagnostic::new(
                            Code::Syntax,
                            path.span,
                            "a file path cannot interpolate `{...}`",
                        )
                        .help("write the path literally"),
                    );
                    return Text::default();
                };
                if self.read > MAX_FILE {
                    self.read_too_much(path.span);
                    return Text::default();
                }
                let from = self.key_of(path.span.file);
                match self.loader.load(&from, &p) {
                    Ok(loaded) => self.file_text(loaded, path.span),
                    Err(e) => {
                        let mut d = load_error(e, path.span, &p);
                        if d.code == Code::IncludeUnreadable {
                            d.message = d
                                .message
                                .replace("was not found", "was not found beside the scenario");
                        }
                        self.error(d);
                        Text::default()
                    }
                }
            }
        }
    }

    /// Reports a `file` body that takes the scenario past [`MAX_FILE`].
    fn read_too_much(&mut self, span: Span) {
        self.error(
            Diagnostic::new(
                Code::FileTooLarge,
                span,
                load::too_large_words(
                    true,
                    "with this file, the scenario (its files and `file` bodies together)",
                ),
            )
            .help("a real scenario reads a few dozen kilobytes: is a body read too often?"),
        );
    }

    /// The loader key of a loaded file: its path inside the scenario's folder.
    pub(super) fn key_of(&self, file: FileId) -> String {
        self.sources
            .get(file)
            .map(|f| f.key.clone())
            .unwrap_or_default()
    }

    /// The text of a `file "..."` body: refused when too large, not UTF-8
    /// or holding control characters, since it reaches the screen as is.
    pub(super) fn file_text(&mut self, loaded: Loaded, span: Span) -> Text {
        // Each body is small, but a thousand of them need not be: what was
        // read counts, refused or not, and past the limit nothing more is.
        self.read += loaded.bytes.len();
        if loaded.bytes.len() > MAX_BODY_FILE {
            self.error(
                Diagnostic::new(
                    Code::TextTooLong,
                    span,
                    format!(
                        "the file is {} bytes; the limit is {MAX_BODY_FILE} bytes",
                        loaded.bytes.len()
                    ),
                )
                .help("shorten it: players read this on a terminal"),
            );
            return Text::default();
        }
        if self.read > MAX_FILE {
            self.read_too_much(span);
            return Text::default();
        }
        let Ok(text) = String::from_utf8(loaded.bytes) else {
            self.error(
                Diagnostic::new(
                    Code::InvalidUtf8,
                    span,
                    format!("`{}` is not valid UTF-8", loaded.name),
                )
                .help("save it as UTF-8 text"),
            );
            return Text::default();
        };
        self.bodies
            .push((loaded.name.clone(), loaded.key.clone(), text.clone()));
        let text = text.replace("\r\n", "\n");
        if let Some(c) = text.chars().find(|c| is_forbidden_char(*c) || *c == '\t')
            && c != '\t'
        {
            self.error(
                Diagnostic::new(
                    Code::ControlCharacter,
                    span,
                    format!(
                        "`{}` holds the control character U+{:04X}",
                        loaded.name, c as u32
                    ),
                )
                .help("remove it: file text reaches the player's terminal as it is"),
            );
            return Text::default();
        }
        if let Some((c, kind)) = text
            .chars()
            .find_map(|c| Some((c, crate::base::text::invisible(c)?)))
        {
            self.error(crate::lang::lines::invisible_in_text(
                span,
                format!(
                    "`{}` holds an invisible {kind}, U+{:04X}",
                    loaded.name, c as u32
                ),
            ));
        }
        Text::literal(text.replace('\t', "    "))
    }

    /// Lowers text with `{name}`s, checking each name against the values (or,
    /// in a command's output, its patterns' placeholders).
    pub(super) fn text(&mut self, t: &ast::Text, scope: TextScope<'_>) -> Text {
        let mut parts = Vec::new();
        for p in &t.parts {
            match p {
                ast::TextPart::Literal(l) => parts.push(TextPart::Literal(l.clone())),
                ast::TextPart::Name(id) => {
                    let placeholder = match scope {
                        TextScope::Command(pats, all_parsed) => {
                            !all_parsed && self.names.values.get(&id.name).is_none()
                                || pats
                                    .iter()
                                    .any(|p| p.placeholders().contains(&id.name.as_str()))
                        }
                        TextScope::Plain => false,
                    };
                    if placeholder {
                        parts.push(TextPart::Placeholder(id.name.clone()));
                        continue;
                    }
                    match (id.name.as_str(), self.names.values.get(&id.name)) {
                        (_, Some(ValueRef::Var(v))) => parts.push(TextPart::Var(v)),
                        (_, Some(ValueRef::Metric(m))) => parts.push(TextPart::Metric(m)),
                        ("now", None) => parts.push(TextPart::Now),
                        ("elapsed", None) => parts.push(TextPart::Elapsed),
                        _ if !self.diags.will_show(id.span) => {
                            // Counted, not shown: not worth the search.
                            self.error(Diagnostic::new(
                                Code::UnknownInterpolation,
                                id.span,
                                format!("unknown name `{}` in text", id.name),
                            ));
                        }
                        _ => {
                            let mut names: Vec<&str> = self.names.values.keys().collect();
                            names.extend(["now", "elapsed"]);
                            let mut ph = Vec::new();
                            if let TextScope::Command(pats, _) = scope {
                                for p in pats {
                                    ph.extend(p.placeholders());
                                }
                            }
                            names.extend(ph);
                            let near = closest(&id.name, names.iter().copied());
                            let help = near.map_or_else(|| "`{...}` shows a variable, a metric, `{now}` or `{elapsed}`; write `{{` for a literal brace".into(), |c| format!("did you mean `{{{c}}}`?"));
                            self.error(
                                Diagnostic::new(
                                    Code::UnknownInterpolation,
                                    id.span,
                                    format!("unknown name `{}` in text", id.name),
                                )
                                .label("nothing to show here")
                                .help(help)
                                .fix_opt(near),
                            );
                        }
                    }
                }
            }
        }
        Text { parts }
    }
}
