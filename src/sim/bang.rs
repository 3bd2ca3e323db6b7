//! Bash's history expansion, the one form players use: `!!` stands for the
//! previous line of the shell's history, anywhere in a line (outside single
//! quotes). The history lives in the engine, so a replay expands the same.

/// What `!!` makes of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Bang {
    /// No `!!` in it: the line as it is.
    Plain,
    /// The line with each `!!` replaced by the previous one.
    Expanded(String),
    /// A `!!` with no history before it.
    NoEvent,
}

/// The line as the shell runs it, given `last`, the previous history line:
/// each `!!` expanded, the ends trimmed; `None` when a `!!` has no line to
/// stand for (bash's "event not found").
pub fn expand_history(line: &str, last: Option<&str>) -> Option<String> {
    let line = line.trim();
    match expand(line, last) {
        Bang::Plain => Some(line.to_string()),
        Bang::Expanded(l) => Some(l.trim().to_string()),
        Bang::NoEvent => None,
    }
}

/// Expands each `!!` in `line` to `last`, the previous history line.
pub(crate) fn expand(line: &str, last: Option<&str>) -> Bang {
    let mut out = String::new();
    let mut quoted = false;
    let mut found = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' {
            quoted = !quoted;
        }
        if c == '!' && !quoted && chars.peek() == Some(&'!') {
            chars.next();
            let Some(prev) = last else {
                return Bang::NoEvent;
            };
            out.push_str(prev);
            found = true;
        } else {
            out.push(c);
        }
    }
    if found {
        Bang::Expanded(out)
    } else {
        Bang::Plain
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bang_bang_is_the_previous_line_anywhere_outside_single_quotes() {
        assert_eq!(expand("ls", Some("x")), Bang::Plain);
        assert_eq!(
            expand("!!", Some("waf rules list")),
            Bang::Expanded("waf rules list".into())
        );
        assert_eq!(
            expand("sudo !! --yes", Some("rm x")),
            Bang::Expanded("sudo rm x --yes".into())
        );
        assert_eq!(expand("echo '!!'", Some("x")), Bang::Plain);
        assert_eq!(expand("!!", None), Bang::NoEvent);
        assert_eq!(expand("echo !", None), Bang::Plain);
    }
}
