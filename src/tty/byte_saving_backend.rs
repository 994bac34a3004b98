//! A backend wrapper that sends fewer bytes for the same frame. ratatui sends only the cells
//! that changed, and a cursor move (`CSI row;col H`, up to 8 bytes) before each run of them;
//! scrolling text changes most cells of a row but keeps some (a space under a space), so a row
//! becomes many short runs and the moves cost more than the characters they skip. Here a gap
//! of a few unchanged cells between two changes on a row is written again instead, when that
//! is cheaper: the cells are taken from a copy of what is on screen, so nothing changes but the
//! byte count. Over SSH every byte of a keystroke's frame is latency.

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::layout::{Position, Rect, Size};
use ratatui::style::Style;
use std::io;

/// The bytes of a cursor move to the cell at (x, y): `ESC [ row ; column H`.
fn move_bytes(x: u16, y: u16) -> u16 {
    let digits = |n: u16| (u32::from(n) + 1).ilog10() as u16 + 1;
    4 + digits(x) + digits(y)
}

/// A cell of the copy whose content is not known (never drawn since the last clear).
fn unknown() -> Cell {
    let mut cell = Cell::default();
    cell.set_diff_option(CellDiffOption::Skip);
    cell
}

/// Wraps a backend; see the module's comment.
pub(crate) struct ByteSavingBackend<B: Backend> {
    inner: B,
    /// What the terminal shows, as far as this backend has drawn it.
    shown: Buffer,
}

impl<B: Backend> ByteSavingBackend<B> {
    pub(crate) fn new(inner: B) -> Self {
        ByteSavingBackend {
            inner,
            shown: Buffer::filled(Rect::ZERO, unknown()),
        }
    }

    /// Forgets what the screen shows (after a clear or a resize): no gap is rewritten from a
    /// stale copy, only cells drawn since are.
    fn forget(&mut self, area: Rect) {
        self.shown = Buffer::filled(area, unknown());
    }

    /// Whether the cell at (x, y) on screen is known and can be written again as it is, in
    /// `style` (no change of attributes): a printable ASCII character or a space.
    fn rewritable(&self, x: u16, y: u16, style: Style) -> bool {
        self.shown.cell((x, y)).is_some_and(|cell| {
            cell.diff_option == CellDiffOption::None
                && cell.symbol().len() == 1
                && cell.symbol().as_bytes()[0].is_ascii_graphic() | (cell.symbol() == " ")
                && cell.style() == style
        })
    }

    fn remember(&mut self, x: u16, y: u16, cell: &Cell) {
        if let Some(shown) = self.shown.cell_mut((x, y)) {
            *shown = cell.clone();
        }
        // A wide character covers the cells after it, which ratatui then does not send: what
        // the copy held there is no longer on screen.
        let width = unicode_width::UnicodeWidthStr::width(cell.symbol()) as u16;
        for covered in x.saturating_add(1)..x.saturating_add(width) {
            if let Some(shown) = self.shown.cell_mut((covered, y)) {
                *shown = unknown();
            }
        }
    }
}

impl<B: Backend> Backend for ByteSavingBackend<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let size = self.inner.size()?;
        if self.shown.area.as_size() != size {
            self.forget(Rect::new(0, 0, size.width, size.height));
        }
        let content: Vec<(u16, u16, &'a Cell)> = content.collect();
        // The frame's cells with the gaps worth rewriting, borrowed from the copy: no cell is
        // cloned but the ones remembered.
        let mut cells: Vec<(u16, u16, &Cell)> = Vec::with_capacity(content.len());
        // Where the cursor stands after the last cell written, and that cell's style.
        let mut after: Option<(u16, u16, Style)> = None;
        for &(x, y, cell) in &content {
            if let Some((next_x, row, style)) = after
                && row == y
                && x > next_x
                && x - next_x < move_bytes(x, y)
                && (next_x..x).all(|gap| self.rewritable(gap, y, style))
            {
                cells.extend(
                    (next_x..x).filter_map(|gap| Some((gap, y, self.shown.cell((gap, y))?))),
                );
            }
            let width = unicode_width::UnicodeWidthStr::width(cell.symbol()).max(1) as u16;
            after = Some((x.saturating_add(width), y, cell.style()));
            cells.push((x, y, cell));
        }
        let drawn = self.inner.draw(cells.into_iter());
        // The rewritten gaps are what the copy holds already.
        for (x, y, cell) in content {
            self.remember(x, y, cell);
        }
        drawn
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.forget(self.shown.area);
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.forget(self.shown.area);
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.inner.flush()
    }
}

impl<B: Backend + io::Write> io::Write for ByteSavingBackend<B> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.inner.write(bytes)
    }

    fn flush(&mut self) -> io::Result<()> {
        io::Write::flush(&mut self.inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::style::{Color, Style};
    use ratatui::text::{Line, Span};
    use ratatui::widgets::Paragraph;

    const WIDTH: u16 = 12;
    const HEIGHT: u16 = 4;

    /// A frame: rows of (text, coloured) spans.
    type Frame = Vec<Vec<(String, bool)>>;

    fn frame() -> impl Strategy<Value = Frame> {
        // One column wide: TestBackend does not model a wide character overwritten in part,
        // which a terminal blanks whole, and gaps with wide characters are never rewritten
        // (see `wide_characters_are_never_rewritten`).
        let span = ("[ ab.]{0,5}", any::<bool>());
        prop::collection::vec(prop::collection::vec(span, 0..4), HEIGHT as usize)
    }

    /// Draws `frame` and returns the screen it means.
    fn draw(terminal: &mut Terminal<impl Backend>, frame: &Frame) -> Buffer {
        let lines: Vec<Line> = frame
            .iter()
            .map(|row| {
                let spans = row.iter().map(|(text, coloured)| {
                    let style = match coloured {
                        true => Style::new().fg(Color::Red),
                        false => Style::new(),
                    };
                    Span::styled(text.clone(), style)
                });
                Line::from(spans.collect::<Vec<_>>())
            })
            .collect();
        match terminal.draw(|f| f.render_widget(Paragraph::new(lines), f.area())) {
            Ok(completed) => completed.buffer.clone(),
            Err(_) => panic!("drawing failed"),
        }
    }

    /// What a terminal would show: each visible cell's symbol and style, row by row. The cells
    /// under the right half of a wide character are not seen (TestBackend keeps whatever was
    /// written there before, a real terminal does not).
    fn visible(buffer: &Buffer) -> Vec<Vec<(String, Style)>> {
        (0..buffer.area.height)
            .map(|y| {
                let mut row = Vec::new();
                let mut x = 0;
                while x < buffer.area.width {
                    let cell = &buffer[(x, y)];
                    row.push((cell.symbol().to_string(), cell.style()));
                    x += unicode_width::UnicodeWidthStr::width(cell.symbol()).max(1) as u16;
                }
                row
            })
            .collect()
    }

    proptest! {
        /// Whatever the frames (one column wide, see `frame`) and clears, the screen ends up
        /// exactly as the last frame: the rewritten gaps only ever repeat what is there.
        #[test]
        fn the_screen_is_the_last_frame(frames in prop::collection::vec(frame(), 1..5), clear_at in 0usize..6) {
            let mut saving = Terminal::new(ByteSavingBackend::new(TestBackend::new(WIDTH, HEIGHT))).unwrap();
            let mut meant = Buffer::empty(Rect::ZERO);
            for (index, frame) in frames.iter().enumerate() {
                if index == clear_at {
                    saving.clear().unwrap();
                }
                meant = draw(&mut saving, frame);
            }
            let shown = saving.backend_mut().inner.buffer().clone();
            prop_assert_eq!(visible(&shown), visible(&meant));
        }
    }

    #[test]
    fn wide_characters_are_never_rewritten() {
        let mut terminal =
            Terminal::new(ByteSavingBackend::new(TestBackend::new(WIDTH, 1))).unwrap();
        draw(&mut terminal, &vec![vec![("a漢b".into(), false)]]);
        let saving = terminal.backend_mut();
        let like = saving.shown[(0, 0)].style();
        assert!(saving.rewritable(0, 0, like));
        assert!(!saving.rewritable(1, 0, like), "the wide character");
        assert!(!saving.rewritable(2, 0, like), "its right half");
        assert!(saving.rewritable(3, 0, like));
        // A wide character drawn over known cells leaves the one it covers unknown.
        saving.remember(3, 0, &Cell::new("漢"));
        assert!(
            !saving.rewritable(4, 0, like),
            "covered by a wide character"
        );
        // Nothing known after a clear.
        saving.clear().unwrap();
        assert!(!saving.rewritable(0, 0, like));
    }

    #[test]
    fn a_gap_shorter_than_a_cursor_move_is_written_again() {
        let mut terminal =
            Terminal::new(ByteSavingBackend::new(TestBackend::new(WIDTH, 1))).unwrap();
        draw(&mut terminal, &vec![vec![("ab ab ab".into(), false)]]);
        // Every other character changes: one run instead of four.
        draw(&mut terminal, &vec![vec![("bb bb bb".into(), false)]]);
        let row: String = (0..WIDTH)
            .filter_map(|x| {
                terminal
                    .backend_mut()
                    .shown
                    .cell((x, 0))
                    .map(|c| c.symbol().to_string())
            })
            .collect();
        assert_eq!(row.trim_end(), "bb bb bb");
        assert_eq!(move_bytes(0, 0), 6);
        assert_eq!(move_bytes(98, 8), 7);
        assert_eq!(move_bytes(99, 9), 9);
    }
}
