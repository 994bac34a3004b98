//! The bottom row: the search prompt while it is open, else the last message, else the keys
//! that matter in the current mode (from the key table); on the right, loading progress and
//! the count of skipped files.

use super::Scene;
use crate::text::columns::thousands;
use crate::text::fit::{typed_tail, width};
use crate::text::sanitize::sanitize_line;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub(crate) fn draw(frame: &mut Frame, scene: &Scene, area: Rect) {
    let (app, theme) = (scene.app, scene.theme);
    let mut spans: Vec<Span> = Vec::new();
    if let Some(prompt) = app.prompt() {
        // A long term scrolls, as the query does: the end, where typing happens, stays.
        let label = typed_tail(&app.prompt_label(), usize::from(area.width) / 2);
        let room = usize::from(area.width).saturating_sub(width(&label) + 1);
        let shown = typed_tail(prompt, room);
        let column = usize::from(area.x) + width(&label) + width(&shown);
        spans.push(Span::styled(label, theme.prompt(true)));
        spans.push(Span::raw(shown));
        if column < usize::from(area.right()) {
            frame.set_cursor_position(Position::new(column as u16, area.y));
        }
    } else if let Some(message) = app.message() {
        spans.push(Span::styled(sanitize_line(message), theme.message()));
    }
    let mut notes = Vec::new();
    if app.loading() {
        notes.push(format!("loading… {}", thousands(app.docs().len())));
    }
    match app.index_progress() {
        Some((done, total)) => notes.push(format!(
            "indexing text… {} of {}",
            thousands(done),
            thousands(total)
        )),
        None if app.indexing() => notes.push("indexing text…".to_string()),
        None => {}
    }
    if let Some(copies) = app.copies_progress() {
        notes.push(copies);
    }
    if !app.skipped().is_empty() {
        notes.push(format!("{} skipped (F2)", thousands(app.skipped().len())));
    }
    let note = match notes.is_empty() {
        true => String::new(),
        false => format!("{} ", notes.join("  ")),
    };
    if app.prompt().is_none() && app.message().is_none() {
        // The hints that fit beside the notes (the notes say what is going on, and stay); the
        // last hint, the help's key, is kept before any other.
        let mut hints = scene.keymap.hints(app.mode());
        let help = hints.pop();
        let shown_width = |(key, label): &(String, &str)| width(key) + 1 + width(label);
        let mut room = usize::from(area.width).saturating_sub(width(&note) + 1);
        room = room.saturating_sub(help.as_ref().map_or(0, |hint| shown_width(hint) + 2));
        let mut kept: Vec<(String, &str)> = Vec::new();
        for hint in hints {
            let needed = shown_width(&hint) + 2;
            if needed > room {
                break;
            }
            room -= needed;
            kept.push(hint);
        }
        kept.extend(help);
        for (index, (key, label)) in kept.into_iter().enumerate() {
            if index > 0 {
                spans.push(Span::raw("  "));
            }
            spans.push(Span::styled(key, theme.hint_key()));
            spans.push(Span::raw(format!(" {label}")));
        }
    }
    if !note.is_empty() {
        let used: usize = spans.iter().map(|s| width(&s.content)).sum();
        let padding = usize::from(area.width).saturating_sub(used + width(&note));
        if padding > 0 {
            spans.push(Span::raw(" ".repeat(padding)));
            spans.push(Span::styled(note, theme.counter()));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
