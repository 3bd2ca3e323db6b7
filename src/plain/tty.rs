//! The plain game's prompt on a terminal. The player's line is edited in raw
//! mode, with the keys of every field (`game::typing`) and a shell's history,
//! and whatever the game prints while a line is half typed goes above it:
//! the line is cleared, the text printed, and the prompt and the typed text
//! drawn again. Off a terminal (pipes, scripts, tests) none of this is used:
//! lines are read as they come (see `plain::input`).

use super::input::MAX_LINE;
use crate::game::typing;
use crate::signals::Caught;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyCode, KeyEvent, KeyModifiers,
};
use ratatui::crossterm::{execute, terminal};
use std::io::{self, BufRead, Read, Write};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;
use tui_input::{Input, InputRequest};

/// What the player is asked when Ctrl-D is pressed on an empty line.
pub const LEAVE: &str = "Leave the drill? y leaves, any other key goes back ";

/// The bottom line of the terminal: the game's prompt and the player's line.
struct Screen {
    out: Box<dyn Write + Send>,
    /// The game's text after its last line break (its prompt), held back
    /// to be drawn with the line.
    prompt: Vec<u8>,
    /// The game flushed since it last wrote: the prompt held is complete,
    /// and text the game writes next replaces it (a new prompt follows).
    flushed: bool,
    line: Input,
    /// The prompt and the line are on screen, below the game's last output.
    drawn: bool,
    /// The terminal's width, in columns.
    width: u16,
}

type Shared = Arc<Mutex<Screen>>;

fn lock(s: &Shared) -> MutexGuard<'_, Screen> {
    // A thread that panicked mid-draw leaves a line to redraw, nothing worse.
    s.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Writes `text` with each line break as the terminal needs it in raw mode.
fn write_lines(out: &mut dyn Write, text: &[u8]) -> io::Result<()> {
    for (i, part) in text.split(|b| *b == b'\n').enumerate() {
        if i > 0 {
            out.write_all(b"\r\n")?;
        }
        out.write_all(part)?;
    }
    Ok(())
}

impl Screen {
    /// Clears the drawn line, leaving the cursor at its start.
    fn erase(&mut self) -> io::Result<()> {
        if self.drawn {
            self.out.write_all(b"\r\x1b[2K")?;
            self.drawn = false;
        }
        Ok(())
    }

    /// Draws the prompt and the line on the bottom row, scrolled sideways
    /// so the cursor shows (a line never wraps, so one row is all to clear).
    fn draw(&mut self) -> io::Result<()> {
        let prompt = String::from_utf8_lossy(&self.prompt).into_owned();
        let room = usize::from(self.width.max(2)) - 1;
        let prompt: String = prompt.chars().take(room / 2).collect();
        let room = room - prompt.chars().count();
        let cursor = self.line.cursor();
        let start = (cursor + 1).saturating_sub(room);
        let shown: String = self.line.value().chars().skip(start).take(room).collect();
        let column = prompt.chars().count() + cursor - start;
        let mut bytes = Vec::new();
        bytes.extend_from_slice(b"\r\x1b[2K");
        bytes.extend_from_slice(prompt.as_bytes());
        bytes.extend_from_slice(shown.as_bytes());
        bytes.push(b'\r');
        if column > 0 {
            bytes.extend_from_slice(format!("\x1b[{column}C").as_bytes());
        }
        self.out.write_all(&bytes)?;
        self.drawn = true;
        self.out.flush()
    }

    /// Ends the line on screen (Enter, `^C`): it stays above, as typed.
    fn end_line(&mut self, mark: &str) -> io::Result<String> {
        self.line.handle(InputRequest::GoToEnd);
        self.draw()?;
        self.out.write_all(mark.as_bytes())?;
        self.out.write_all(b"\r\n")?;
        self.drawn = false;
        Ok(self.line.value_and_reset())
    }
}

/// The game's output on a terminal: printed above the line being typed.
pub struct Out(Shared);

impl std::fmt::Debug for Out {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Out")
    }
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut s = lock(&self.0);
        if std::mem::take(&mut s.flushed) {
            s.prompt.clear();
        }
        s.erase()?;
        match buf.iter().rposition(|b| *b == b'\n') {
            Some(i) => {
                let mut text = std::mem::take(&mut s.prompt);
                text.extend_from_slice(&buf[..=i]);
                write_lines(&mut s.out, &text)?;
                s.prompt = buf[i + 1..].to_vec();
            }
            None => s.prompt.extend_from_slice(buf),
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let mut s = lock(&self.0);
        s.flushed = true;
        s.draw()
    }
}

/// What a key made of the line.
enum Step {
    Line(String),
    /// The player left (Ctrl-D on an empty line, confirmed), or a signal came.
    End,
    Editing,
}

/// The player's lines, edited on the terminal, as input the game reads.
pub struct Editor {
    screen: Shared,
    history: Vec<String>,
    /// Where Up/Down are in the history.
    back: Option<usize>,
    ready: Vec<u8>,
    pos: usize,
    ended: bool,
    caught: Caught,
}

impl std::fmt::Debug for Editor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Editor")
            .field("history", &self.history.len())
            .finish_non_exhaustive()
    }
}

/// Raw mode and bracketed paste while it lives; the terminal as it was
/// once it is dropped, and before a panic's message.
pub struct Raw {
    screen: Shared,
}

impl std::fmt::Debug for Raw {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Raw")
    }
}

impl Drop for Raw {
    fn drop(&mut self) {
        let mut s = lock(&self.screen);
        // A line left on screen (a signal came mid-typing) ends first, so
        // the shell's prompt starts on a line of its own.
        if s.drawn && !(s.prompt.is_empty() && s.line.value().is_empty()) {
            let _ = s.out.write_all(b"\r\n");
            let _ = s.out.flush();
            s.drawn = false;
        }
        give_back();
    }
}

fn give_back() {
    let _ = execute!(io::stdout(), DisableBracketedPaste);
    let _ = terminal::disable_raw_mode();
}

/// Takes the terminal for line editing: the raw mode guard, the player's
/// lines, and the writer the game prints through. The editor ends its
/// input when an ending signal is caught (`caught`).
pub fn start(caught: Caught) -> io::Result<(Raw, Editor, Out)> {
    let screen = Arc::new(Mutex::new(Screen {
        out: Box::new(io::stdout()),
        prompt: Vec::new(),
        flushed: false,
        line: Input::default(),
        drawn: false,
        width: terminal::size().map_or(80, |(w, _)| w),
    }));
    give_back_on_panic();
    terminal::enable_raw_mode()?;
    // A terminal without bracketed paste ignores the request.
    let _ = execute!(io::stdout(), EnableBracketedPaste);
    let editor = Editor {
        screen: screen.clone(),
        history: Vec::new(),
        back: None,
        ready: Vec::new(),
        pos: 0,
        ended: false,
        caught,
    };
    Ok((
        Raw {
            screen: screen.clone(),
        },
        editor,
        Out(screen),
    ))
}

/// Gives the terminal back before a panic's message is printed.
fn give_back_on_panic() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            give_back();
            previous(info);
        }));
    });
}

impl Editor {
    /// The next key press, or `None` once a signal ended the input.
    fn next_key(&self) -> io::Result<Option<KeyEvent>> {
        loop {
            if self.caught.get().is_some() {
                return Ok(None);
            }
            if !event::poll(Duration::from_millis(50))? {
                continue;
            }
            match event::read()? {
                Event::Key(k) if k.is_press() => return Ok(Some(k)),
                Event::Paste(text) => {
                    let mut s = lock(&self.screen);
                    for c in text.chars().filter_map(typing::pasted) {
                        if s.line.value().len() + c.len_utf8() <= MAX_LINE {
                            s.line.handle(InputRequest::InsertChar(c));
                        }
                    }
                    s.draw()?;
                }
                Event::Resize(w, _) => {
                    let mut s = lock(&self.screen);
                    s.width = w;
                    s.draw()?;
                }
                _ => {}
            }
        }
    }

    /// Reads keys until a line is entered or the input ends.
    fn read_line(&mut self) -> io::Result<Option<String>> {
        while let Some(k) = self.next_key()? {
            match self.key(k)? {
                Step::Line(l) => return Ok(Some(l)),
                Step::End => return Ok(None),
                Step::Editing => {}
            }
        }
        Ok(None)
    }

    fn key(&mut self, k: KeyEvent) -> io::Result<Step> {
        let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
        let alt = k.modifiers.contains(KeyModifiers::ALT);
        let mut s = lock(&self.screen);
        match k.code {
            KeyCode::Enter => {
                let line = s.end_line("")?;
                self.back = None;
                if !line.trim().is_empty() {
                    self.history.push(line.clone());
                }
                return Ok(Step::Line(line));
            }
            // As in bash: the line is dropped, and a fresh prompt drawn.
            KeyCode::Char('c') if ctrl => {
                s.end_line("^C")?;
                self.back = None;
            }
            KeyCode::Char('d') if ctrl && s.line.value().is_empty() => {
                drop(s);
                return self.ask_to_leave();
            }
            KeyCode::Char('l') if ctrl => s.out.write_all(b"\x1b[2J\x1b[H")?,
            KeyCode::Char('z') if ctrl => {
                s.erase()?;
                give_back();
                crate::signals::stop_self();
                terminal::enable_raw_mode()?;
            }
            KeyCode::Up if !ctrl && !alt => {
                let Some(pos) = self.back.map_or(self.history.len(), |p| p).checked_sub(1) else {
                    return Ok(Step::Editing);
                };
                self.back = Some(pos);
                s.line = Input::new(self.history[pos].clone());
            }
            KeyCode::Down if !ctrl && !alt => {
                let next = self.back.map(|p| p + 1);
                self.back = next.filter(|p| *p < self.history.len());
                let text = self.back.map(|p| self.history[p].clone());
                s.line = Input::new(text.unwrap_or_default());
            }
            code => match typing::request(code, ctrl, alt) {
                Some(InputRequest::InsertChar(c))
                    if s.line.value().len() + c.len_utf8() > MAX_LINE =>
                {
                    s.out.write_all(b"\x07")?;
                }
                Some(req) => {
                    s.line.handle(req);
                }
                None => {}
            },
        }
        s.draw()?;
        Ok(Step::Editing)
    }

    /// Ctrl-D on an empty line: leaving asks first, as the terminal UI does.
    fn ask_to_leave(&mut self) -> io::Result<Step> {
        {
            let mut s = lock(&self.screen);
            s.end_line("")?;
            s.out.write_all(LEAVE.as_bytes())?;
            s.out.flush()?;
        }
        let key = self.next_key()?;
        let mut s = lock(&self.screen);
        let yes = key.is_none_or(|k| matches!(k.code, KeyCode::Char('y' | 'Y')));
        s.out.write_all(if yes { b"y\r\n" } else { b"\r\n" })?;
        if yes {
            s.prompt.clear();
            return Ok(Step::End);
        }
        s.draw()?;
        Ok(Step::Editing)
    }
}

impl Read for Editor {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        crate::signals::read_buffered(self, buf)
    }
}

impl BufRead for Editor {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pos >= self.ready.len() && !self.ended {
            match self.read_line()? {
                Some(line) => {
                    self.ready = line.into_bytes();
                    self.ready.push(b'\n');
                    self.pos = 0;
                }
                None => self.ended = true,
            }
        }
        Ok(&self.ready[self.pos.min(self.ready.len())..])
    }

    fn consume(&mut self, amount: usize) {
        self.pos = (self.pos + amount).min(self.ready.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A screen writing into memory, as a terminal of `width` columns.
    fn screen(width: u16) -> (Shared, Arc<Mutex<Vec<u8>>>) {
        #[derive(Clone)]
        struct Mem(Arc<Mutex<Vec<u8>>>);
        impl Write for Mem {
            fn write(&mut self, b: &[u8]) -> io::Result<usize> {
                self.0.lock().unwrap().extend_from_slice(b);
                Ok(b.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mem = Arc::new(Mutex::new(Vec::new()));
        let s = Arc::new(Mutex::new(Screen {
            out: Box::new(Mem(mem.clone())),
            prompt: Vec::new(),
            flushed: false,
            line: Input::default(),
            drawn: false,
            width,
        }));
        (s, mem)
    }

    fn editor(s: &Shared) -> Editor {
        Editor {
            screen: s.clone(),
            history: Vec::new(),
            back: None,
            ready: Vec::new(),
            pos: 0,
            ended: false,
            caught: Caught::default(),
        }
    }

    fn taken(mem: &Arc<Mutex<Vec<u8>>>) -> String {
        String::from_utf8(std::mem::take(&mut *mem.lock().unwrap())).unwrap()
    }

    fn press(e: &mut Editor, keys: &str) -> Option<String> {
        let mut line = None;
        for c in keys.chars() {
            let k = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
            if let Step::Line(l) = e.key(k).unwrap() {
                line = Some(l);
            }
        }
        line
    }

    fn key(e: &mut Editor, code: KeyCode, mods: KeyModifiers) -> Step {
        e.key(KeyEvent::new(code, mods)).unwrap()
    }

    fn value(s: &Shared) -> (String, usize) {
        let s = lock(s);
        (s.line.value().to_string(), s.line.cursor())
    }

    #[test]
    fn an_event_mid_typing_goes_above_the_line_and_the_line_comes_back() {
        let (s, mem) = screen(80);
        let mut out = Out(s.clone());
        let mut e = editor(&s);
        write!(out, "> ").unwrap();
        out.flush().unwrap();
        press(&mut e, "df -");
        taken(&mem);
        writeln!(out, "[10:02:00 T+2m] PAGE: disk").unwrap();
        out.flush().unwrap();
        write!(out, "> ").unwrap();
        out.flush().unwrap();
        assert_eq!(
            taken(&mem),
            "\r\x1b[2K[10:02:00 T+2m] PAGE: disk\r\n\r\x1b[2Kdf -\r\x1b[4C\r\x1b[2K\r\x1b[2K> df -\r\x1b[6C"
        );
        assert_eq!(press(&mut e, "h"), None);
        assert_eq!(
            key(&mut e, KeyCode::Enter, KeyModifiers::NONE).line(),
            Some("df -h".into())
        );
        assert!(taken(&mem).ends_with("> df -h\r\x1b[7C\r\n"));
    }

    #[test]
    fn editing_keys_and_history() {
        let (s, _mem) = screen(80);
        let mut e = editor(&s);
        press(&mut e, "abc");
        key(&mut e, KeyCode::Left, KeyModifiers::NONE);
        press(&mut e, "X");
        assert_eq!(value(&s), ("abXc".into(), 3));
        key(&mut e, KeyCode::Home, KeyModifiers::NONE);
        assert_eq!(value(&s).1, 0);
        key(&mut e, KeyCode::Char('e'), KeyModifiers::CONTROL);
        assert_eq!(value(&s).1, 4);
        key(&mut e, KeyCode::Char('a'), KeyModifiers::CONTROL);
        key(&mut e, KeyCode::Char('k'), KeyModifiers::CONTROL);
        assert_eq!(value(&s).0, "");
        press(&mut e, "tail /var/log");
        key(&mut e, KeyCode::Char('w'), KeyModifiers::CONTROL);
        assert_eq!(value(&s).0, "tail /var/");
        key(&mut e, KeyCode::Char('u'), KeyModifiers::CONTROL);
        assert_eq!(value(&s).0, "");
        press(&mut e, "ack");
        key(&mut e, KeyCode::Backspace, KeyModifiers::NONE);
        assert_eq!(value(&s).0, "ac");
        press(&mut e, "k");
        key(&mut e, KeyCode::Enter, KeyModifiers::NONE);
        press(&mut e, "look");
        key(&mut e, KeyCode::Enter, KeyModifiers::NONE);
        key(&mut e, KeyCode::Up, KeyModifiers::NONE);
        assert_eq!(value(&s).0, "look");
        key(&mut e, KeyCode::Up, KeyModifiers::NONE);
        key(&mut e, KeyCode::Up, KeyModifiers::NONE);
        assert_eq!(value(&s).0, "ack");
        key(&mut e, KeyCode::Down, KeyModifiers::NONE);
        assert_eq!(value(&s).0, "look");
        key(&mut e, KeyCode::Down, KeyModifiers::NONE);
        assert_eq!(value(&s).0, "");
    }

    #[test]
    fn ctrl_c_drops_the_line_and_draws_the_prompt_again() {
        let (s, mem) = screen(80);
        let mut out = Out(s.clone());
        let mut e = editor(&s);
        write!(out, "> ").unwrap();
        out.flush().unwrap();
        press(&mut e, "rm -rf");
        taken(&mem);
        assert!(matches!(
            key(&mut e, KeyCode::Char('c'), KeyModifiers::CONTROL),
            Step::Editing
        ));
        assert_eq!(value(&s).0, "");
        assert_eq!(
            taken(&mem),
            "\r\x1b[2K> rm -rf\r\x1b[8C^C\r\n\r\x1b[2K> \r\x1b[2C"
        );
    }

    #[test]
    fn a_long_line_scrolls_sideways_on_one_row() {
        let (s, mem) = screen(12);
        let mut out = Out(s.clone());
        let mut e = editor(&s);
        write!(out, "> ").unwrap();
        out.flush().unwrap();
        press(&mut e, "0123456789abc");
        assert!(taken(&mem).ends_with("\r\x1b[2K> 56789abc\r\x1b[10C"));
    }

    #[test]
    fn a_line_is_bounded() {
        let (s, mem) = screen(80);
        let mut e = editor(&s);
        press(&mut e, &"x".repeat(MAX_LINE + 3));
        assert_eq!(value(&s).0.len(), MAX_LINE);
        assert!(taken(&mem).contains('\x07'));
    }

    impl Step {
        fn line(self) -> Option<String> {
            match self {
                Step::Line(l) => Some(l),
                _ => None,
            }
        }
    }
}
