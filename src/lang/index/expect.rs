//! Which kinds of names fit at the cursor, from the words before it on its
//! line: what an editor offers as completions where a name is expected.

use super::NameKind;

const IN_CONDITION: &[NameKind] = NameKind::VALUES_AND_PLACEHOLDERS;

/// The kinds of names that fit after `line_before_cursor` (the line up to
/// the cursor, the word being typed included), or `None` where no name is
/// expected.
pub fn expected_names(line_before_cursor: &str) -> Option<Vec<NameKind>> {
    // The word being typed is not a hint: drop it.
    let typed =
        line_before_cursor.trim_end_matches(|c: char| c.is_ascii_alphanumeric() || c == '_');
    if let Some(open) = typed.rfind('{')
        && typed.rfind('}').is_none_or(|close| close < open)
        && typed.ends_with('{')
    {
        return Some(IN_CONDITION.to_vec());
    }
    if in_string(typed) {
        return None;
    }
    let trimmed = typed.trim_start();
    let indented = trimmed.len() < typed.len();
    let words: Vec<&str> = trimmed.split_whitespace().collect();
    if !typed.ends_with(char::is_whitespace) && !typed.ends_with(['#', '@', '(', '=', '<', '>']) {
        return None;
    }
    if trimmed.ends_with('#') {
        return Some(vec![NameKind::Choice]);
    }
    if trimmed == "@" {
        return Some(vec![NameKind::Person]);
    }
    let last = *words.last()?;
    let first = words.first().copied().unwrap_or("");
    let kinds: &[NameKind] = match last {
        "goto" | "call" | "interrupt" | "visited" | "opening" => &[NameKind::Scene],
        "end" => &[NameKind::Ending],
        "ending" if first == "expect" => &[NameKind::Ending],
        "action" | "herring" | "objective" if first == "expect" => &[NameKind::Rubric],
        "page" | "paged" => &[NameKind::Person],
        "start" | "stop" => &[NameKind::Effect],
        "alert" if indented => &[NameKind::Alert],
        "ack" | "resolve" | "silence" => &[NameKind::Alert],
        "ran" => &[NameKind::Command],
        "chose" => &[NameKind::Choice],
        "read" => &[NameKind::Runbook, NameKind::Log],
        "runbook" if indented => &[NameKind::Runbook],
        "log" | "logs" if indented => &[NameKind::Log],
        "viewed" | "graph" | "cpu" | "memory" | "disk" => &[NameKind::Metric],
        "on" | "login" => &[NameKind::Host],
        "host" if indented => &[NameKind::Host],
        "inject" if indented => &[NameKind::Inject],
        "set" => &[NameKind::Flag, NameKind::Var, NameKind::Enum],
        "is" => &[NameKind::EnumValue, NameKind::Placeholder],
        "if" | "when" | "while" | "and" | "or" | "not" | "only" | "done" | "met" | "taken"
        | "applies" | "whenever" => IN_CONDITION,
        "=" | "==" | "!=" | "<" | "<=" | ">" | ">=" | "+" | "-" | "(" => IN_CONDITION,
        w if w.ends_with(['=', '<', '>', '(', '+']) => IN_CONDITION,
        _ => return None,
    };
    Some(kinds.to_vec())
}

/// Whether the text ends inside a `"..."` string.
fn in_string(s: &str) -> bool {
    let mut inside = false;
    let mut escaped = false;
    for c in s.chars() {
        match c {
            '\\' if inside && !escaped => {
                escaped = true;
                continue;
            }
            '"' if !escaped => inside = !inside,
            _ => {}
        }
        escaped = false;
    }
    inside
}
