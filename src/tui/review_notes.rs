//! Mentor notes in review: pinned to the moment on screen, several to a
//! moment and by several mentors, each edited and deleted by its author
//! only, stepped through with the note keys, and drawn wrapped in a box at
//! the foot of the panes with what could not be read of the notes files.

use super::app::{App, Overlay};
use super::command::{Command, Context};
use super::review::Review;
use crate::record::debrief::Note;
use crate::sim::eval::format_offset;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

impl App {
    /// Pins a note to the moment under review (an empty one is dropped),
    /// or, `editing` one of the reviewer's own, changes its words.
    pub(super) fn pin_note(&mut self, text: &str, editing: Option<usize>) {
        if let Some(r) = &mut self.review
            && !text.is_empty()
        {
            match editing {
                Some(i) if r.is_mine(i) => {
                    text.clone_into(&mut r.notes[i].text);
                    r.selected = Some(i);
                }
                Some(_) => {}
                None => {
                    let note = Note {
                        at: r.at,
                        text: text.to_string(),
                        author: r.me.clone(),
                    };
                    // After the notes already at this moment.
                    let i = r.notes.partition_point(|n| n.at <= r.at);
                    r.notes.insert(i, note);
                    r.selected = Some(i);
                }
            }
            r.changed = true;
        }
        self.notice = self.review.as_ref().map(Review::position);
    }

    /// The reviewer's name and notes when they changed since the last
    /// call, for the front end to write to the reviewer's notes file.
    pub fn take_my_notes(&mut self) -> Option<(String, Vec<Note>)> {
        let r = self.review.as_mut()?;
        std::mem::take(&mut r.changed).then(|| (r.me.clone(), r.mine()))
    }

    /// Goes to the next (or previous) note: the next one at this moment,
    /// else the first at the next moment that has any.
    pub(super) fn step_note(&mut self, forward: bool) {
        let Some(r) = &mut self.review else { return };
        let here = r.here();
        let pos = r.selected.and_then(|s| here.iter().position(|i| *i == s));
        let within = match pos {
            Some(k) if forward => here.get(k + 1).copied(),
            Some(k) => k.checked_sub(1).and_then(|k| here.get(k).copied()),
            None => None,
        };
        // Notes are kept in time order.
        let target = within.or_else(|| {
            let all = 0..r.notes.len();
            if forward {
                all.into_iter().find(|i| r.note_moment(*i) > r.pos)
            } else {
                let before = all.clone().rfind(|i| r.note_moment(*i) < r.pos)?;
                // The first note of that moment.
                let m = r.note_moment(before);
                all.into_iter().find(|i| r.note_moment(*i) == m)
            }
        });
        let Some(i) = target else {
            self.notice = Some(format!("{}  (no note further that way)", r.position()));
            return;
        };
        let pos = r.note_moment(i);
        if pos != r.pos {
            r.go(pos);
            self.show_moment();
        }
        if let Some(r) = &mut self.review {
            r.selected = Some(i);
        }
        self.notice = self.review.as_ref().map(Review::position);
    }

    /// Opens the selected note for editing, or deletes it: the reviewer's
    /// own only.
    pub(super) fn change_note(&mut self, delete: bool) {
        let Some(r) = &mut self.review else { return };
        let Some(i) = r.selected.filter(|i| r.here().contains(i)) else {
            self.notice = Some(format!("{}  (no note selected here)", r.position()));
            return;
        };
        if !r.is_mine(i) {
            let who = crate::base::printable::printable(&r.notes[i].author);
            let who = if who.is_empty() {
                "an earlier mentor".into()
            } else {
                who
            };
            self.notice = Some(format!(
                "{}  (that note is {who}'s: only its author changes it)",
                r.position()
            ));
            return;
        }
        if delete {
            r.notes.remove(i);
            r.selected = r.here().first().copied();
            r.changed = true;
            let at = format_offset(r.at);
            self.notice = Some(format!("{}  (your note at {at} is deleted)", r.position()));
        } else {
            let text = r.notes[i].text.clone();
            self.overlay = Some(Overlay::Note(super::overlay::note::Note::editing(i, &text)));
        }
    }
}

/// The notes at the moment on screen (each author's name first, the
/// selected one marked, long ones wrapped by display width) and what could
/// not be read of the notes files, in a box at the foot of the panes. At
/// most a third of them: the game stays in view.
pub fn render(app: &App, r: &Review, f: &mut Frame, body: Rect) {
    let th = app.config.theme;
    let width = usize::from(body.width.saturating_sub(2)).max(1);
    let mut lines: Vec<Line> = Vec::new();
    for p in &r.problems {
        let text = format!("! {}", crate::base::printable::printable(p));
        for l in crate::base::text::wrap_to_fit(&text, width) {
            lines.push(Line::styled(l, Style::new().fg(th.page)));
        }
    }
    for i in r.here() {
        let n = &r.notes[i];
        let mark = if r.selected == Some(i) { "> " } else { "  " };
        let who = if n.author.is_empty() {
            "an earlier mentor"
        } else {
            &n.author
        };
        let text = crate::base::printable::printable(&format!("{who}: {}", n.text));
        let style = if r.selected == Some(i) {
            Style::new().add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        };
        let rows = crate::base::text::wrap_to_fit(&text, width.saturating_sub(2).max(1));
        for (k, l) in rows.into_iter().enumerate() {
            let lead = if k == 0 { mark } else { "  " };
            lines.push(Line::styled(format!("{lead}{l}"), style));
        }
    }
    if lines.is_empty() {
        return;
    }
    let most = (body.height / 3).max(3);
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX).min(most);
    let area = Rect {
        y: body.y + body.height.saturating_sub(height),
        height,
        ..body
    };
    f.render_widget(Clear, area);
    // Editing and deleting are named where the notes are (the hint bar is full).
    let keys = |c| app.config.keymap.keys(Context::Review, c);
    let title = format!(
        " Notes at {}  ({} edits, {} deletes yours) ",
        format_offset(r.at),
        keys(Command::EditNote),
        keys(Command::DeleteNote)
    );
    let frame = super::view::block(&th, &title, true);
    let inner = frame.inner(area);
    f.render_widget(frame, area);
    f.render_widget(Paragraph::new(lines), inner);
}
