//! What a game says about its transcript as the player leaves it: where it
//! is, and the exact commands that debrief, review and resume it (or that
//! the game was not recorded). Said the same way by the terminal UI's end
//! screen, by the terminal UI on the way out, and by the plain front end.

/// The lines about the transcript at `path` (`None`: not recorded). The
/// path is made printable and, where a shell would split it, quoted, so
/// each command can be copied as it stands.
pub fn transcript_lines(path: Option<&str>) -> Vec<String> {
    let Some(path) = path else {
        return vec![
            "This game was not recorded: there is no transcript to debrief, review or resume."
                .to_string(),
        ];
    };
    let shown = crate::lang::render::printable(path);
    let p = shell_word(&shown);
    vec![
        format!("The transcript is {shown}"),
        format!("  firedrill debrief {p}    the full debrief"),
        format!("  firedrill review {p}     step through it with a mentor"),
        format!("  firedrill resume {p}     go on, if the drill was cut off"),
    ]
}

/// `s` as one word for a POSIX shell: as it is when every character is
/// safe, else in single quotes.
fn shell_word(s: &str) -> String {
    let safe = |c: char| c.is_alphanumeric() || "/._-+:,@%=~".contains(c);
    if !s.is_empty() && s.chars().all(safe) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recorded_game_names_its_path_and_the_three_commands() {
        let lines = transcript_lines(Some("/home/maya/t/cdn.fdt"));
        assert_eq!(lines[0], "The transcript is /home/maya/t/cdn.fdt");
        assert!(lines[1].starts_with("  firedrill debrief /home/maya/t/cdn.fdt "));
        assert!(lines[2].starts_with("  firedrill review /home/maya/t/cdn.fdt "));
        assert!(lines[3].starts_with("  firedrill resume /home/maya/t/cdn.fdt "));
    }

    #[test]
    fn a_path_a_shell_would_split_is_quoted() {
        let lines = transcript_lines(Some("/home/my files/it's.fdt"));
        assert!(
            lines[1].contains(r"firedrill debrief '/home/my files/it'\''s.fdt'"),
            "{}",
            lines[1]
        );
    }

    #[test]
    fn a_game_not_recorded_says_so() {
        let lines = transcript_lines(None);
        assert_eq!(lines.len(), 1);
        assert!(lines[0].contains("not recorded"));
    }
}
