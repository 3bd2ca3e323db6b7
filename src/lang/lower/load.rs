//! Loading: reads the main file and its includes through the caller's
//! [`Loader`](crate::lang::Loader), parses each, and reports cycles, depth
//! and unreadable files.

use super::*;

pub(super) fn load_into(
    file: Loaded,
    included_at: Option<Span>,
    loader: &dyn Loader,
    sources: &mut SourceMap,
    diags: &mut Vec<Diagnostic>,
    items: &mut Vec<ast::Item>,
    stack: &mut Vec<String>,
) {
    let Loaded { name, key, bytes } = file;
    if bytes.len() > MAX_FILE {
        let id = sources.add_keyed(name, key, "");
        diags.push(
            Diagnostic::new(
                Code::FileTooLarge,
                included_at.unwrap_or(Span::new(id, 0, 0)),
                format!("the file is larger than the limit of {MAX_FILE} bytes (16 MiB)"),
            )
            .help("split the scenario into files joined with `include`"),
        );
        return;
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            // Point at the bad byte in the lossy text (replacement chars are 3 bytes).
            let shown_at = String::from_utf8_lossy(&e.as_bytes()[..at]).len();
            let id = sources.add_keyed(name, key, lossy);
            diags.push(
                Diagnostic::new(
                    Code::InvalidUtf8,
                    Span::new(id, shown_at, shown_at + 3),
                    format!("the file is not valid UTF-8 (first bad byte at offset {at})"),
                )
                .label("not UTF-8")
                .help("save the file as UTF-8 text; is it really a .drill scenario?"),
            );
            return;
        }
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    let blank = text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with("//"));
    // Parse before handing the text to the source map, to avoid copying it.
    let id = sources.next_id();
    let parsed = if blank {
        Vec::new()
    } else {
        parse_file(id, &text, diags)
    };
    sources.add_keyed(name, key.clone(), text);
    if blank {
        if included_at.is_none() {
            diags.push(
                Diagnostic::new(Code::EmptyFile, Span::new(id, 0, 0), "the scenario file is empty")
                    .help("start with a `scenario` header with a `title`, `start` and `duration`; docs/language.md shows one"),
            );
        }
        return;
    }
    stack.push(key.clone());
    for item in parsed {
        match &item.kind {
            ItemKind::Include(path) => {
                let span = path.span;
                let Some(path_str) = literal_text(path) else {
                    diags.push(
                        Diagnostic::new(
                            Code::Syntax,
                            span,
                            "an include path cannot interpolate `{...}`",
                        )
                        .help("write the path literally"),
                    );
                    continue;
                };
                // The stack holds the main file too: the depth of this include is its length.
                if stack.len() > MAX_INCLUDE_DEPTH {
                    diags.push(
                        Diagnostic::new(Code::IncludeTooDeep, span, format!("includes are nested more than {MAX_INCLUDE_DEPTH} deep"))
                            .help("include shared libraries from the main scenario instead of from each other"),
                    );
                    continue;
                }
                match loader.load(&key, &path_str) {
                    Ok(loaded) => {
                        if let Some(pos) = stack.iter().position(|k| *k == loaded.key) {
                            let chain = stack[pos..]
                                .iter()
                                .chain(std::iter::once(&loaded.key))
                                .cloned()
                                .collect::<Vec<_>>()
                                .join(" -> ");
                            diags.push(
                                Diagnostic::new(
                                    Code::IncludeCycle,
                                    span,
                                    format!("`{path_str}` is already being included"),
                                )
                                .label("this include closes a cycle")
                                .note(format!("the cycle: {chain}"))
                                .help(
                                    "remove one of the includes; each file should be included once",
                                ),
                            );
                            continue;
                        }
                        let before = items.len();
                        load_into(loaded, Some(span), loader, sources, diags, items, stack);
                        for it in &items[before..] {
                            if matches!(it.kind, ItemKind::Scenario(_)) {
                                diags.push(
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
                        items.retain(|it| {
                            !matches!(it.kind, ItemKind::Scenario(_)) || it.span.file == FileId(0)
                        });
                    }
                    Err(e) => diags.push(load_error(e, span, &path_str)),
                }
            }
            _ => items.push(item),
        }
    }
    stack.pop();
}

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
