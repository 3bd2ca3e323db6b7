//! Taking the terminal and giving it back: raw mode, the alternate screen,
//! the cursor and bracketed paste, undone the same way however the UI ends
//! (quit, a signal, a panic) and around a suspend (Ctrl-Z, then `fg`), so
//! the player's shell always gets a working terminal.

use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::{cursor, execute, terminal};
use std::io::stdout;

/// Takes the terminal: raw mode, the alternate screen, no cursor, and
/// pasted text arriving whole rather than as keys that could run commands.
pub fn enter() -> std::io::Result<()> {
    // After an outside stop (SIGSTOP) the shell took raw mode away, but
    // crossterm still counts it as on and would do nothing: reset it first.
    terminal::disable_raw_mode()?;
    terminal::enable_raw_mode()?;
    execute!(stdout(), terminal::EnterAlternateScreen, cursor::Hide)?;
    // A terminal without bracketed paste ignores the request.
    let _ = execute!(stdout(), EnableBracketedPaste);
    Ok(())
}

/// Gives the terminal back. Every step is tried even when one fails (the
/// terminal may be gone, after SIGHUP).
pub fn leave() {
    let mut out = stdout();
    let _ = execute!(out, DisableBracketedPaste);
    let _ = execute!(out, cursor::Show);
    let _ = execute!(out, terminal::LeaveAlternateScreen);
    let _ = terminal::disable_raw_mode();
}

/// Gives the terminal back before a panic's message is printed, so the
/// message lands on the normal screen, readable.
pub fn leave_on_panic() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            leave();
            previous(info);
        }));
    });
}

/// Suspends as Ctrl-Z does in a shell: gives the terminal back, stops the
/// process, and takes the terminal again once `fg` continues it.
pub fn suspend(screen: &mut ratatui::DefaultTerminal) -> std::io::Result<()> {
    leave();
    crate::signals::stop_self();
    resume(screen)
}

/// Takes the terminal again after the process was stopped (by us or from
/// outside) and continued, and draws everything anew: the shell may have
/// written over the screen meanwhile. A new `Terminal` forgets what it drew;
/// `Terminal::clear` would ask the terminal where its cursor is, and the
/// answer would wait behind the thread reading keys.
pub fn resume(screen: &mut ratatui::DefaultTerminal) -> std::io::Result<()> {
    enter()?;
    execute!(stdout(), terminal::Clear(terminal::ClearType::All))?;
    *screen = ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(stdout()))?;
    Ok(())
}
