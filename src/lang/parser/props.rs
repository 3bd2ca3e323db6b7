//! Block properties as data. Each block kind has one table saying which lines
//! it takes, whether each may be given once or many times, and how each is
//! read. One driver walks a block's lines against its table, so the "given
//! twice" check, the "not part of" diagnostic and its did-you-mean
//! suggestions all come from the same place as the reading itself.

use super::{DocBody, FileBody, HostBody, Parser, Rule, SOURCE, first_word};
use crate::lang::ast::*;
use crate::lang::diagnostic::{Code, Diagnostic};
use crate::lang::lines::Node;
use crate::lang::source::Span;

/// Reads one property line into the block being built.
pub(super) type Read<T> = fn(&mut Parser<'_>, &Node, &mut T);

/// How often a property may be given in one block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Count {
    /// A second one is reported (FD0020) and skipped.
    Once,
    /// Each line adds one more (aliases, outputs, rubric entries...).
    Many,
}

/// One property of a block kind.
pub(super) struct Prop<T: 'static> {
    /// The first word of its line.
    pub word: &'static str,
    /// Its name in "`NAME` is given twice" (`when paged`, `only if`...).
    pub name: &'static str,
    /// How the list of what a block takes shows it; `None` leaves it out.
    pub shown: Option<&'static str>,
    pub count: Count,
    /// `None`: accepted here but read elsewhere (`source` notes are read by
    /// the item that owns the block).
    pub read: Option<Read<T>>,
    /// Whether `read` reads the lines indented below the property's line;
    /// when it does not, the first of them is reported (FD0008) rather than
    /// dropped.
    pub lines: bool,
}

impl<T> Prop<T> {
    /// A property given at most once.
    pub const fn once(word: &'static str, read: Read<T>) -> Self {
        Prop {
            word,
            name: word,
            shown: Some(word),
            count: Count::Once,
            read: Some(read),
            lines: false,
        }
    }

    /// A property that may be repeated, each line adding one more.
    pub const fn many(word: &'static str, read: Read<T>) -> Self {
        Prop {
            word,
            name: word,
            shown: Some(word),
            count: Count::Many,
            read: Some(read),
            lines: false,
        }
    }

    /// `source "..."` notes, which the owning item collects itself.
    pub const fn source() -> Self {
        Prop {
            word: SOURCE,
            name: SOURCE,
            shown: Some(SOURCE),
            count: Count::Many,
            read: None,
            lines: false,
        }
    }

    /// The same property, named `name` when it is given twice.
    pub const fn called(mut self, name: &'static str) -> Self {
        self.name = name;
        self
    }

    /// The same property, its reader reading the lines indented below it
    /// (`when paged`, rubric entries, `responders`).
    pub const fn with_lines(mut self) -> Self {
        self.lines = true;
        self
    }

    /// The same property, listed as `shown` (or left out of the list).
    pub const fn shown(mut self, shown: Option<&'static str>) -> Self {
        self.shown = shown;
        self
    }
}

/// What a line that is none of a block's properties is.
pub(super) enum Other<T> {
    /// A mistake: reported with the table's words as suggestions.
    Unknown,
    /// Narration (runbooks, logs, endings); anything else is a mistake.
    Prose(fn(&mut T, Text)),
    /// A statement the block runs (commands, choices).
    Actions(fn(&mut T, Action)),
    /// A playthrough step (tests).
    Steps(fn(&mut T, TestStep)),
}

/// The table of one block kind.
pub(super) struct Block<T: 'static> {
    /// The block in diagnostics: "`x` is not part of {what}".
    pub what: &'static str,
    pub props: &'static [Prop<T>],
    pub other: Other<T>,
}

impl<T> Block<T> {
    /// The words the block takes, as its diagnostics list them.
    pub fn shown(&self) -> Vec<&'static str> {
        self.props.iter().filter_map(|p| p.shown).collect()
    }
}

/// The once-only properties given so far in a block, with where.
#[derive(Debug, Default)]
pub(super) struct Given(Vec<(&'static str, Span)>);

impl Given {
    /// Whether the property named `name` was given.
    pub fn has(&self, name: &str) -> bool {
        self.0.iter().any(|(n, _)| *n == name)
    }
}

/// Words to suggest when a line fits nowhere: either a fixed list or a
/// block's table, which is only turned into a list when a mistake needs it
/// (statement lines in commands and choices pass through here on every line).
pub(super) trait Listing {
    /// The words, in the order the diagnostics list them.
    fn words(&self) -> Vec<&'static str>;
}

impl Listing for [&'static str] {
    /// The words, in the order the diagnostics list them.
    fn words(&self) -> Vec<&'static str> {
        self.to_vec()
    }
}

impl<T> Listing for Block<T> {
    /// The words, in the order the diagnostics list them.
    fn words(&self) -> Vec<&'static str> {
        self.shown()
    }
}

impl Parser<'_> {
    /// Reads the lines indented under `node` into `out` following `block`'s
    /// table, and returns the once-only properties that were given (some
    /// blocks check afterwards that a required one was).
    pub(super) fn read_props<T>(&mut self, node: &Node, block: &Block<T>, out: &mut T) -> Given {
        let mut given = Given::default();
        let nodes = &node.children;
        let mut i = 0;
        while i < nodes.len() {
            let child = &nodes[i];
            let text = self.text_of(child);
            let word = first_word(text);
            let Some(prop) = block
                .props
                .iter()
                .find(|p| starts_with_words(text, word, p.word))
            else {
                self.other_line(block, nodes, &mut i, out);
                continue;
            };
            i += 1;
            if prop.count == Count::Once && !self.once(&mut given, prop.name, child) {
                continue;
            }
            if let Some(read) = prop.read {
                read(self, child, out);
            }
            if !prop.lines {
                let what = format!("the `{}` line", prop.shown.unwrap_or(prop.word));
                self.no_children(child, &what);
            }
        }
        given
    }

    /// Reads `nodes[*i]`, a line that is none of the block's properties, as
    /// the block's table says, and advances `i` past it (an `if` takes its
    /// `else` with it).
    fn other_line<T>(&mut self, block: &Block<T>, nodes: &[Node], i: &mut usize, out: &mut T) {
        let node = &nodes[*i];
        match block.other {
            Other::Actions(add) => {
                if let Some(a) = self.action_at(nodes, i, block.what, block) {
                    add(out, a);
                }
                return;
            }
            Other::Prose(add) => match self.prose(node) {
                Some(t) => {
                    self.check_misspelt(node, block.what, block);
                    add(out, t);
                }
                None => self.unknown_in(node, block.what, &block.shown()),
            },
            Other::Steps(add) => {
                if let Some(step) = self.test_step(node) {
                    add(out, step);
                }
                self.no_children(node, "a test step");
            }
            Other::Unknown => self.unknown_in(node, block.what, &block.shown()),
        }
        *i += 1;
    }

    /// Records that a once-only property was given; reports it if it
    /// already was, so the first one stays in force.
    fn once(&mut self, given: &mut Given, name: &'static str, node: &Node) -> bool {
        let span = node.line.span();
        if let Some((_, first)) = given.0.iter().find(|(n, _)| *n == name) {
            let first = *first;
            self.error(
                Diagnostic::new(
                    Code::RepeatedProperty,
                    span,
                    format!("`{name}` is given twice"),
                )
                .secondary(first, "first given here")
                .help("keep one of them"),
            );
            return false;
        }
        given.0.push((name, span));
        true
    }
}

/// Whether a line whose first word is `first` begins with a property's
/// `word`, which may be several words (`root cause words`): a longer one is
/// listed before the shorter one it begins with.
fn starts_with_words(line: &str, first: &str, word: &str) -> bool {
    if !word.contains(' ') {
        return word == first;
    }
    let mut line_words = line.split_whitespace();
    word.split(' ').all(|w| line_words.next() == Some(w))
}

/// The scenario header: what the scenario is and how it runs.
pub(super) const SCENARIO: Block<ScenarioHeader> = Block {
    what: "the scenario header",
    props: &[
        Prop::once("title", |p, n, h| h.title = p.string_prop(n)),
        Prop::once("summary", |p, n, h| {
            h.summary = p.text_or_block(n, Rule::string_prop);
        }),
        Prop::once("difficulty", |p, n, h| h.difficulty = p.ident_prop(n)),
        Prop::once("minutes", |p, n, h| h.minutes = p.quantity_prop(n)),
        Prop::once("tags", |p, n, h| {
            if let Some(tags) = p.tags(n) {
                h.tags = tags;
            }
        }),
        Prop::once("role", |p, n, h| {
            if let Some((kind, text)) = p.role_prop(n) {
                h.role_kind = kind;
                h.role = text;
            }
        }),
        Prop::once("start", |p, n, h| {
            if let Some(s) = p.start_time(n) {
                h.start = Some(s);
            }
        }),
        Prop::once("duration", |p, n, h| h.duration = p.duration_prop(n)),
        Prop::once("speed", |p, n, h| h.speed = p.quantity_prop(n)),
        Prop::once("seed", |p, n, h| h.seed = p.quantity_prop(n)),
        Prop::once("cost", |p, n, h| h.cost = p.duration_prop(n)),
        Prop::once("opening", |p, n, h| h.opening = p.ident_prop(n)),
        Prop::once("briefing", |p, n, h| {
            h.briefing = p.text_or_block(n, Rule::string_prop);
        }),
        Prop::once("user", |p, n, h| h.user = p.ident_prop(n)),
        Prop::once("host", |p, n, h| h.host = p.ident_prop(n)),
        Prop::source(),
    ],
    other: Other::Unknown,
};

/// The postmortem a scenario was written from.
pub(super) const POSTMORTEM: Block<Postmortem> = Block {
    what: "the postmortem block",
    props: &[
        Prop::once("company", |p, n, pm| pm.company = p.string_prop(n)),
        Prop::once("date", |p, n, pm| {
            if let Some(d) = p.date_prop(n) {
                pm.date = Some(d);
            }
        }),
        Prop::once("title", |p, n, pm| pm.title = p.string_prop(n)),
        Prop::once("url", |p, n, pm| pm.url = p.string_prop(n)),
        Prop::source(),
    ],
    other: Other::Unknown,
};

/// A metric: its shape at rest and the effects that move it.
pub(super) const METRIC: Block<MetricDecl> = Block {
    what: "a metric",
    props: &[
        Prop::once("unit", |p, n, m| {
            if let Some(u) = p.unit_prop(n) {
                m.unit = Some(u);
            }
        }),
        Prop::once("baseline", |p, n, m| m.baseline = p.quantity_prop(n)),
        Prop::once("noise", |p, n, m| m.noise = p.quantity_prop(n)),
        Prop::once("daily", |p, n, m| {
            if let Some(d) = p.daily_prop(n) {
                m.daily = Some(d);
            }
        }),
        Prop::once("range", |p, n, m| {
            if let Some(r) = p.range_prop(n) {
                m.range = Some(r);
            }
        }),
        Prop::once("recover", |p, n, m| m.recover = p.duration_prop(n)),
        Prop::many("effect", |p, n, m| m.effects.extend(p.effect(n))),
        Prop::source(),
    ],
    other: Other::Unknown,
};

/// An alert: when it fires and what it says.
pub(super) const ALERT: Block<AlertDecl> = Block {
    what: "an alert",
    props: &[
        Prop::once("when", |p, n, a| a.when = p.when_line(n)),
        Prop::once("severity", |p, n, a| a.severity = p.ident_prop(n)),
        Prop::once("summary", |p, n, a| a.summary = p.string_prop(n)),
        Prop::once("runbook", |p, n, a| a.runbook = p.ident_prop(n)),
        Prop::source(),
    ],
    other: Other::Unknown,
};

/// A person the player can page.
pub(super) const PERSON: Block<PersonDecl> = Block {
    what: "a person",
    props: &[
        Prop::once("role", |p, n, who| who.role = p.string_prop(n)),
        Prop::once("team", |p, n, who| {
            if let Some(t) = p.team_prop(n) {
                who.team = t;
            }
        }),
        Prop::once("pageable", |p, n, who| who.pageable = p.bare(n)),
        Prop::once("when", |p, n, who: &mut PersonDecl| {
            who.when_paged = p.when_paged(n);
        })
        .called("when paged")
        .with_lines(),
        Prop::source(),
    ],
    other: Other::Unknown,
};

/// A shell command the player can run; other lines are what running it does.
pub(super) const COMMAND: Block<CommandDecl> = Block {
    what: "a command",
    props: &[
        Prop::many("alias", |p, n, c| c.patterns.extend(p.string_prop(n))),
        Prop::once("takes", |p, n, c| c.takes = p.duration_prop(n)),
        Prop::once("risky", |p, n, c| c.risky = p.bare(n)),
        Prop::once("destructive", |p, n, c| c.destructive = p.bare(n)),
        Prop::once("hidden", |p, n, c| c.hidden = p.bare(n)),
        Prop::once("rollback", |p, n, c| c.rollback = p.bare(n)),
        Prop::once("standalone", |p, n, c| c.standalone = p.bare(n)),
        Prop::many("reads", |p, n, c: &mut CommandDecl| {
            c.reads.extend(p.reads_log(n));
        })
        .shown(Some("reads log")),
        Prop::many("output", |p, n, c| c.outputs.extend(p.variant(n))),
        Prop::source(),
    ],
    other: Other::Actions(|c, a| c.actions.push(a)),
};

/// Outputs a program's commands share.
pub(super) const PROGRAM: Block<ProgramDecl> = Block {
    what: "a program",
    props: &[Prop::many("output", |p, n, c: &mut ProgramDecl| {
        c.outputs.extend(p.variant(n));
    })],
    other: Other::Unknown,
};

/// A choice in a scene; other lines are what choosing it does.
pub(super) const CHOICE: Block<Choice> = Block {
    what: "a choice",
    props: &[
        Prop::once("only", |p, n, c: &mut Choice| {
            c.only_if = p.cond_line(n, Rule::only_if_prop, Some("if"));
        })
        .called("only if"),
        Prop::once("takes", |p, n, c| c.takes = p.duration_prop(n)),
        Prop::many(SOURCE, |p, n, c| c.sources.extend(p.string_prop(n))),
    ],
    other: Other::Actions(|c, a| c.actions.push(a)),
};

/// An ending; other lines are its narration.
pub(super) const ENDING: Block<EndingDecl> = Block {
    what: "an ending",
    props: &[
        Prop::once("outcome", |p, n, e| {
            if let Some(o) = p.outcome_prop(n) {
                e.outcome = Some(o);
            }
        }),
        Prop::source(),
    ],
    other: Other::Prose(|e, t| e.text.push(t)),
};

/// A hint: when it is offered; other lines are its text.
pub(super) const HINT: Block<HintDecl> = Block {
    what: "a hint",
    props: &[
        Prop::once("when", |p, n, h| h.when = p.when_line(n)),
        Prop::source(),
    ],
    other: Other::Prose(|h, t| h.text.push(t)),
};

/// What a runbook or a log is made of; other lines are its prose.
const DOC_PROPS: &[Prop<DocBody>] = &[
    Prop::many("text", |p, n, d| d.variants.extend(p.variant(n))),
    Prop::many("file", |p, n, d| {
        if let Some(t) = p.string_prop(n) {
            d.variants.push(Variant {
                when: None,
                span: n.line.span(),
                body: Body::File(t),
            });
        }
    }),
    Prop::source(),
];

/// A runbook the player can read.
pub(super) const RUNBOOK: Block<DocBody> = Block {
    what: "a runbook",
    props: DOC_PROPS,
    other: Other::Prose(|d, t| d.prose.push(t)),
};

/// A log the player can read.
pub(super) const LOG: Block<DocBody> = Block {
    what: "a log",
    props: DOC_PROPS,
    other: Other::Prose(|d, t| d.prose.push(t)),
};

/// A URL `curl` answers.
pub(super) const URL: Block<DocBody> = Block {
    what: "a URL",
    props: DOC_PROPS,
    other: Other::Prose(|d, t| d.prose.push(t)),
};

/// A host: who the player is there, and what its tools read.
pub(super) const HOST: Block<HostBody> = Block {
    what: "a host",
    props: &[
        Prop::once("user", |p, n, h| h.user = p.ident_prop(n)),
        Prop::once("dir", |p, n, h| h.dir = p.string_prop(n)),
        Prop::once("cpu", |p, n, h| h.cpu = p.ident_prop(n)),
        Prop::once("memory", |p, n, h| h.memory = p.ident_prop(n)),
        Prop::once("disk", |p, n, h| h.disk = p.ident_prop(n)),
        Prop::many("process", |p, n, h| h.processes.extend(p.variant(n))),
        Prop::source(),
    ],
    other: Other::Unknown,
};

/// A file: where it is, and what it holds; other lines are its prose.
pub(super) const FILE: Block<FileBody> = Block {
    what: "a file",
    props: &[
        Prop::many("host", |p, n, f| f.hosts.extend(p.ident_prop(n))),
        Prop::once("log", |p, n, f| f.log = p.ident_prop(n)),
        Prop::many("text", |p, n, f| f.doc.variants.extend(p.variant(n))),
        Prop::many("file", |p, n, f| {
            if let Some(t) = p.string_prop(n) {
                f.doc.variants.push(Variant {
                    when: None,
                    span: n.line.span(),
                    body: Body::File(t),
                });
            }
        }),
        Prop::source(),
    ],
    other: Other::Prose(|f, t| f.doc.prose.push(t)),
};

/// The debrief: the root cause, the rubric and the responders' timeline.
pub(super) const DEBRIEF: Block<DebriefDecl> = Block {
    what: "the debrief",
    props: &[
        Prop::once("root cause words", |p, n, d: &mut DebriefDecl| {
            d.cause_words = p.cause_words(n);
        }),
        Prop::once("root", |p, n, d: &mut DebriefDecl| {
            if let Some(t) = p.root_cause(n) {
                d.root_cause = Some(t);
            }
        })
        .called("root cause")
        .shown(Some("root cause")),
        Prop::many("key", rubric_entry)
            .shown(Some("key action"))
            .with_lines(),
        Prop::many("red", rubric_entry)
            .shown(Some("red herring"))
            .with_lines(),
        Prop::many("objective", rubric_entry).with_lines(),
        Prop::once("responders", |p, n, d: &mut DebriefDecl| {
            d.responders.extend(p.responders(n));
        })
        .with_lines(),
        Prop::source().shown(None),
    ],
    other: Other::Unknown,
};

/// Reads one rubric entry of the debrief; its first word says which kind.
fn rubric_entry(p: &mut Parser<'_>, n: &Node, d: &mut DebriefDecl) {
    d.items.extend(p.rubric_item(n));
}

/// `applies when C`, on any rubric entry: the paths it is judged on.
const APPLIES: Prop<RubricItem> = Prop::once("applies", |p, n, r: &mut RubricItem| {
    r.applies = p.rubric_cond(n);
})
.called("applies when");

/// A key action: done when a condition holds, ideally by a time.
pub(super) const KEY_ACTION: Block<RubricItem> = Block {
    what: "a rubric entry",
    props: &[
        Prop::once("done", |p, n, r: &mut RubricItem| r.cond = p.rubric_cond(n)).called("when"),
        Prop::once("by", |p, n, r| {
            if let Some(by) = p.by_prop(n) {
                r.by = Some(by);
            }
        }),
        Prop::once("marks", |p, n, r| r.marks = p.ident_prop(n)),
        Prop::once("why", |p, n, r| {
            r.why = p.text_or_block(n, Rule::string_prop);
        }),
        APPLIES,
        Prop::many(SOURCE, |p, n, r| r.sources.extend(p.string_prop(n))),
    ],
    other: Other::Unknown,
};

/// A red herring: taken when a condition holds.
pub(super) const RED_HERRING: Block<RubricItem> = Block {
    what: "a rubric entry",
    props: &[
        Prop::once("taken", |p, n, r: &mut RubricItem| {
            r.cond = p.rubric_cond(n);
        })
        .called("when"),
        Prop::once("why", |p, n, r| {
            r.why = p.text_or_block(n, Rule::string_prop);
        }),
        APPLIES,
        Prop::many(SOURCE, |p, n, r| r.sources.extend(p.string_prop(n))),
    ],
    other: Other::Unknown,
};

/// A learning objective: met when a condition holds.
pub(super) const OBJECTIVE: Block<RubricItem> = Block {
    what: "a rubric entry",
    props: &[
        Prop::once("met", |p, n, r: &mut RubricItem| r.cond = p.rubric_cond(n)).called("when"),
        Prop::once("why", |p, n, r| {
            r.why = p.text_or_block(n, Rule::string_prop);
        }),
        APPLIES,
        Prop::many(SOURCE, |p, n, r| r.sources.extend(p.string_prop(n))),
    ],
    other: Other::Unknown,
};

/// A playthrough test; other lines are the player's steps.
pub(super) const TEST: Block<TestDecl> = Block {
    what: "a test",
    props: &[
        Prop::once("seed", |p, n, t| t.seed = p.quantity_prop(n)),
        Prop::source(),
        Prop::many("expect", |p, n, t| t.expects.extend(p.expectation(n))),
        Prop::many("hypothesis", |p, n, t: &mut TestDecl| {
            if let Some(h) = p.hypothesis_step(n) {
                t.hypotheses.push((t.steps.len(), h));
            }
        }),
    ],
    other: Other::Steps(|t, s| t.steps.push(s)),
};

/// The words a line inside a block may start with, from the tables above
/// (and the statement keywords where a block runs statements): for editor
/// completion. `path` holds the first words of the enclosing block lines,
/// outermost first: `["metric"]`, `["scene", "*"]`, `["debrief", "key"]`.
/// Empty when no line of its own may be written there.
pub fn line_words(path: &[&str]) -> Vec<&'static str> {
    let actions = || super::ACTION_KEYWORDS.to_vec();
    let with_actions = |mut words: Vec<&'static str>| {
        words.extend_from_slice(super::ACTION_KEYWORDS);
        words
    };
    match path {
        [] => super::TOP_KEYWORDS.to_vec(),
        [.., "if" | "else" | "after" | "fallback"] | ["person", "when"] => actions(),
        ["scene", "*" | "+", ..] => with_actions(CHOICE.shown()),
        ["scene", ..] => with_actions(vec![SOURCE, "fallback"]),
        ["debrief", "key", ..] => KEY_ACTION.shown(),
        ["debrief", "red", ..] => RED_HERRING.shown(),
        ["debrief", "objective", ..] => OBJECTIVE.shown(),
        [top] => top_words(top),
        _ => Vec::new(),
    }
}

/// The words of a top-level block's own lines.
fn top_words(top: &str) -> Vec<&'static str> {
    let mut words = match top {
        "scenario" => SCENARIO.shown(),
        "postmortem" => POSTMORTEM.shown(),
        "metric" => METRIC.shown(),
        "alert" => ALERT.shown(),
        "person" => PERSON.shown(),
        "command" => COMMAND.shown(),
        "program" => PROGRAM.shown(),
        "runbook" => RUNBOOK.shown(),
        "log" => LOG.shown(),
        "url" => URL.shown(),
        "host" => HOST.shown(),
        "file" => FILE.shown(),
        "hint" => HINT.shown(),
        "ending" => ENDING.shown(),
        "debrief" => DEBRIEF.shown(),
        "test" => TEST.shown(),
        "at" | "every" | "when" | "whenever" | "inject" => return super::ACTION_KEYWORDS.to_vec(),
        _ => return Vec::new(),
    };
    if top == "command" {
        words.extend_from_slice(super::ACTION_KEYWORDS);
    }
    words
}

/// The words every block's property lines start with (each multi-word
/// property as written, `root cause words`), for editor tools that
/// highlight or complete them: the tables above are the one list.
pub fn property_words() -> Vec<&'static str> {
    fn words<T>(b: &Block<T>) -> impl Iterator<Item = &'static str> + '_ {
        b.props.iter().map(|p| p.word)
    }
    let mut all: Vec<&'static str> = words(&SCENARIO)
        .chain(words(&POSTMORTEM))
        .chain(words(&METRIC))
        .chain(words(&ALERT))
        .chain(words(&PERSON))
        .chain(words(&COMMAND))
        .chain(words(&PROGRAM))
        .chain(words(&CHOICE))
        .chain(words(&ENDING))
        .chain(words(&HINT))
        .chain(words(&RUNBOOK))
        .chain(words(&LOG))
        .chain(words(&URL))
        .chain(words(&HOST))
        .chain(words(&FILE))
        .chain(words(&DEBRIEF))
        .chain(words(&KEY_ACTION))
        .chain(words(&RED_HERRING))
        .chain(words(&OBJECTIVE))
        .chain(words(&TEST))
        .collect();
    all.sort_unstable();
    all.dedup();
    all
}
