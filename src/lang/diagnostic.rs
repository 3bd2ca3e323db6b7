//! Diagnostics: a stable code, a severity, a message in domain words, labelled
//! spans and a `help:` with the fix. Renderers live in `render`.

use super::source::Span;
pub use crate::base::words::closest;
use serde::Serialize;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

macro_rules! codes {
    ($( $variant:ident = $code:literal, $sev:ident, $title:literal; )*) => {
        /// Every diagnostic the checker can emit. Codes are stable: a code is
        /// never reused for another meaning (see docs/diagnostics.md).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $( $variant, )* }

        impl Code {
            pub const ALL: &'static [Code] = &[ $( Code::$variant, )* ];

            /// The code as printed: `FD0107`.
            pub fn as_str(self) -> &'static str {
                match self { $( Code::$variant => $code, )* }
            }

            pub fn severity(self) -> Severity {
                match self { $( Code::$variant => Severity::$sev, )* }
            }

            /// A short title, as used in the catalogue.
            pub fn title(self) -> &'static str {
                match self { $( Code::$variant => $title, )* }
            }

            pub fn parse(s: &str) -> Option<Code> {
                let s = s.trim().to_ascii_uppercase();
                Code::ALL.iter().copied().find(|c| c.as_str() == s)
            }
        }
    };
}

codes! {
    InvalidUtf8 = "FD0001", Error, "file is not valid UTF-8";
    FileTooLarge = "FD0002", Error, "file too large";
    NestingTooDeep = "FD0003", Error, "nesting too deep";
    TextTooLong = "FD0004", Error, "text too long";
    IncludeTooDeep = "FD0005", Error, "includes nested too deeply";
    ControlCharacter = "FD0006", Error, "control character in text";
    TabIndent = "FD0007", Error, "tab in indentation";
    BadIndent = "FD0008", Error, "unexpected indentation";
    UnterminatedBlock = "FD0009", Error, "unterminated text block";
    Syntax = "FD0010", Error, "syntax error";
    UnknownKeyword = "FD0011", Error, "unknown or misplaced keyword";
    BadLiteral = "FD0012", Error, "malformed value";
    UnterminatedString = "FD0013", Error, "unterminated string";
    MissingHeader = "FD0014", Error, "missing or repeated scenario header";
    IncludeUnreadable = "FD0015", Error, "included file cannot be read";
    IncludeOutside = "FD0016", Error, "include leaves the scenario folder";
    IncludeCycle = "FD0017", Error, "include cycle";
    EmptyFile = "FD0018", Error, "empty scenario file";
    MissingProperty = "FD0019", Error, "missing required property";
    RepeatedProperty = "FD0020", Error, "property given twice";
    InvisibleInName = "FD0021", Error, "invisible character in a name";
    InvisibleInText = "FD0022", Warning, "invisible character in text";
    DuplicateId = "FD0101", Error, "duplicate name";
    UnknownVariable = "FD0102", Error, "unknown variable";
    UnknownMetric = "FD0103", Error, "unknown metric";
    UnknownAlert = "FD0104", Error, "unknown alert";
    UnknownPerson = "FD0105", Error, "unknown person";
    UnknownCommand = "FD0106", Error, "unknown command";
    UnknownScene = "FD0107", Error, "unknown scene";
    UnknownEnding = "FD0108", Error, "unknown ending";
    UnknownRunbook = "FD0109", Error, "unknown runbook or log";
    UnknownEffect = "FD0110", Error, "unknown effect";
    UnknownChoice = "FD0111", Error, "unknown choice";
    UnknownRubricItem = "FD0112", Error, "unknown rubric item";
    UnknownInterpolation = "FD0113", Error, "unknown name in text";
    UnknownEnumValue = "FD0114", Error, "unknown enum value";
    UnknownInject = "FD0115", Error, "unknown inject";
    UnknownHost = "FD0116", Error, "unknown host";
    UnknownRole = "FD0117", Error, "unknown kind of role";
    UnmatchedStep = "FD0118", Error, "test step that matches nothing";
    BadOptionalWords = "FD0120", Error, "malformed optional words in a pattern";
    TypeMismatch = "FD0201", Error, "values of different kinds";
    UnitMismatch = "FD0202", Error, "unit mismatch";
    NotACondition = "FD0203", Error, "not a condition";
    BadPattern = "FD0204", Error, "malformed command pattern";
    NotPageable = "FD0205", Error, "person cannot be paged";
    OutOfRange = "FD0206", Error, "value outside the metric's range";
    MisplacedStatement = "FD0207", Error, "statement not allowed here";
    UnknownPlaceholderWord = "FD0208", Error, "placeholder compared with a word it can never be";
    PlaceholderMisused = "FD0209", Error, "placeholder used as a value";
    LevelNotANumber = "FD0213", Error, "effect level that is not a number";
    AlwaysApplies = "FD0214", Error, "rubric item that always applies";
    UnreachableScene = "FD0301", Warning, "unreachable scene";
    DeadEnd = "FD0302", Warning, "scene that can neither go on nor end";
    UnreachableEnding = "FD0303", Warning, "ending no path reaches";
    Unused = "FD0304", Warning, "declared but never used";
    AlertNeverFires = "FD0305", Warning, "alert that can never fire";
    ShadowedPattern = "FD0306", Warning, "command pattern shadowed by an earlier one";
    AfterDuration = "FD0307", Warning, "time after the scenario's duration";
    ReturnWithoutCall = "FD0308", Warning, "return from a scene that is never called";
    UnreachableOutput = "FD0309", Warning, "output that is never shown";
    StoryLoop = "FD0310", Error, "story loop that nothing stops";
    GuardedStoryLoop = "FD0311", Warning, "story loop only conditions stop";
    RecursiveCall = "FD0312", Error, "scenes that call each other round";
    EarlyRubric = "FD0313", Warning, "rubric entry met before the first symptom";
    UnnamedHidden = "FD0314", Warning, "hidden command the story never names";
    MisspeltProperty = "FD0315", Warning, "misspelt property read as narration";
    UnusedProgram = "FD0316", Warning, "program block no command shares";
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A span with a message: the primary label says what is wrong there, the
/// secondary ones point at related places ("first defined here").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
    pub primary: bool,
}

/// One finding of the checker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub labels: Vec<Label>,
    pub help: Option<String>,
    pub notes: Vec<String>,
    /// A replacement an editor may apply as a quick fix: the help's
    /// "did you mean" made mechanical.
    pub fix: Option<Fix>,
}

/// Replace the text at `span` with `with` (one edit, in one file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub span: Span,
    pub with: String,
}

impl Diagnostic {
    /// A diagnostic of `code` at `span`, with the code's default severity.
    pub fn new(code: Code, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.severity(),
            message: message.into(),
            labels: vec![Label {
                span,
                message: String::new(),
                primary: true,
            }],
            help: None,
            notes: Vec::new(),
            fix: None,
        }
    }

    /// Text under the primary span's underline.
    pub fn label(mut self, message: impl Into<String>) -> Self {
        if let Some(first) = self.labels.first_mut() {
            first.message = message.into();
        }
        self
    }

    pub fn secondary(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
            primary: false,
        });
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn help_opt(mut self, help: Option<String>) -> Self {
        if help.is_some() {
            self.help = help;
        }
        self
    }

    /// Offers replacing the primary span with `with`, as help says "did
    /// you mean `with`?".
    pub fn fix(mut self, with: impl Into<String>) -> Self {
        self.fix = Some(Fix {
            span: self.span(),
            with: with.into(),
        });
        self
    }

    /// [`fix`](Self::fix) when there is a suggestion.
    pub fn fix_opt(self, with: Option<&str>) -> Self {
        match with {
            Some(w) => self.fix(w),
            None => self,
        }
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// The primary span (every diagnostic has one).
    pub fn span(&self) -> Span {
        self.labels.first().map(|l| l.span).unwrap_or_default()
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// "did you mean `x`?" for a misspelt name, from the names in scope.
pub fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(wrong, candidates).map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_parse_back() {
        let mut seen = std::collections::HashSet::new();
        for c in Code::ALL {
            assert!(seen.insert(c.as_str()), "duplicate {c}");
            assert_eq!(Code::parse(c.as_str()), Some(*c));
            assert_eq!(Code::parse(&c.as_str().to_lowercase()), Some(*c));
        }
    }

    #[test]
    fn suggests_near_names_only() {
        assert_eq!(closest("triagee", ["triage", "diagnose"]), Some("triage"));
        assert_eq!(closest("zzz", ["triage", "diagnose"]), None);
        assert_eq!(closest("fxi", ["fix", "help", "date"]), Some("fix"));
        assert_eq!(
            closest("postmortm", ["postmortem", "person"]),
            Some("postmortem")
        );
        assert_eq!(closest("ab", ["xy", "cd"]), None);
    }
}
