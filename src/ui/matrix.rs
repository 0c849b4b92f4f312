//! The 5x5 risk matrix: likelihood up, consequence across, each cell in its
//! band's style, with the numbered markers of assessed risks (`n` before
//! measures, `n'` after). Without colour the band's initial and `!` for the
//! top band carry the meaning.

use crate::ui::cells;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::domain::risk::{BandColor, MatrixPoint, Scales, cell_markers};
use crate::ui::theme::Theme;

pub struct RiskMatrix<'a> {
    pub scales: &'a Scales,
    pub points: &'a [MatrixPoint],
    pub theme: &'a Theme,
    /// The voices' spread before measures (format 8): a risk's label with
    /// the range of S and of K its voices gave, marked `(n)` in each cell
    /// of the range.
    pub ranges: &'a [VoiceRange],
}

/// A risk's voices before measures: S from `likelihood.0` to `.1`, K from
/// `consequence.0` to `.1`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoiceRange {
    pub label: String,
    pub likelihood: (u8, u8),
    pub consequence: (u8, u8),
}

impl VoiceRange {
    fn holds(&self, likelihood: u8, consequence: u8) -> bool {
        (self.likelihood.0..=self.likelihood.1).contains(&likelihood)
            && (self.consequence.0..=self.consequence.1).contains(&consequence)
    }
}

/// Columns taken by the likelihood labels on the left.
const LABEL_WIDTH: u16 = 4;

impl Widget for RiskMatrix<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let steps = 5u16;
        if area.width < LABEL_WIDTH + steps * 3 || area.height < steps + 2 {
            Line::styled("(for lite plass til matrisen)", self.theme.dim).render(area, buf);
            return;
        }
        let cell_w = (area.width - LABEL_WIDTH) / steps;
        let cell_h = ((area.height - 2) / steps).max(1);
        let header = Line::from(vec![
            Span::styled("S\\K ", self.theme.label),
            Span::styled(
                (1..=steps)
                    .map(|k| format!("{:^w$}", k, w = cell_w as usize))
                    .collect::<String>(),
                self.theme.label,
            ),
        ]);
        header.render(Rect { height: 1, ..area }, buf);
        for row in 0..steps {
            let likelihood = (steps - row) as u8;
            let y = area.y + 1 + row * cell_h;
            Span::styled(format!("{likelihood:>2}  "), self.theme.label).render(
                Rect {
                    x: area.x,
                    y,
                    width: LABEL_WIDTH,
                    height: 1,
                },
                buf,
            );
            for col in 0..steps {
                let consequence = (col + 1) as u8;
                let cell = Rect {
                    x: area.x + LABEL_WIDTH + col * cell_w,
                    y,
                    width: cell_w.saturating_sub(1),
                    height: cell_h,
                };
                self.render_cell(cell, likelihood, consequence, buf);
            }
        }
        let legend_y = area.y + 1 + steps * cell_h;
        if legend_y < area.bottom() {
            let ranges = if self.ranges.is_empty() {
                ""
            } else {
                ", (n) = stemmenes spenn før tiltak"
            };
            Line::styled(
                format!("n = før tiltak, n' = etter tiltak (restrisiko){ranges}"),
                self.theme.dim,
            )
            .render(
                Rect {
                    y: legend_y,
                    height: 1,
                    ..area
                },
                buf,
            );
        }
        if legend_y + 1 < area.bottom() {
            self.band_legend().render(
                Rect {
                    y: legend_y + 1,
                    height: 1,
                    ..area
                },
                buf,
            );
        }
    }
}

impl RiskMatrix<'_> {
    /// What the cells' letters mean, each in its band's style: `L Lav  M
    /// Moderat  B Betydelig  H! Høy`.
    fn band_legend(&self) -> Line<'_> {
        let mut spans = Vec::new();
        for (i, band) in self.scales.bands.iter().enumerate() {
            if i > 0 {
                spans.push(Span::raw("  "));
            }
            spans.push(Span::styled(
                format!(" {} ", band_mark(self.scales, band.min)),
                self.theme.band(band.color),
            ));
            spans.push(Span::styled(format!(" {}", band.name), self.theme.dim));
        }
        Line::from(spans)
    }

    fn render_cell(&self, cell: Rect, likelihood: u8, consequence: u8, buf: &mut Buffer) {
        let value = likelihood * consequence;
        let band = self.scales.band(value);
        let style = band.map_or(self.theme.base, |b| self.theme.band(b.color));
        buf.set_style(cell, style);
        let mut markers = cell_markers(self.points, likelihood, consequence);
        for r in self
            .ranges
            .iter()
            .filter(|r| r.holds(likelihood, consequence))
        {
            markers.push(format!("({})", r.label));
        }
        let markers = markers.join(" ");
        let text = format!("{} {markers}", band_mark(self.scales, value));
        let mut lines = wrap_words(&text, cell.width as usize);
        lines.truncate(cell.height as usize);
        for (i, line) in lines.into_iter().enumerate() {
            Line::styled(line, style.patch(Style::new())).render(
                Rect {
                    y: cell.y.saturating_add(cells::count(i)),
                    height: 1,
                    ..cell
                },
                buf,
            );
        }
    }
}

/// A band's mark in the cells: its initial, and `!` for the top band.
fn band_mark(scales: &Scales, value: u8) -> String {
    let initial: String = scales
        .band(value)
        .and_then(|b| b.name.chars().next())
        .map(String::from)
        .unwrap_or_default();
    let flag = if scales.is_top(value) { "!" } else { "" };
    format!("{initial}{flag}")
}

/// Greedy word wrap by char count (cell text is ASCII digits and marks).
/// `text` wrapped at spaces to `width` columns; a word longer than that
/// keeps a line of its own, uncut.
fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let options = textwrap::Options::new(width.max(1)).break_words(false);
    let lines: Vec<String> = textwrap::wrap(text, options)
        .into_iter()
        .map(std::borrow::Cow::into_owned)
        .collect();
    if lines.is_empty() {
        vec![String::new()]
    } else {
        lines
    }
}

impl Theme {
    /// The style of a band's cells.
    pub fn band(&self, color: BandColor) -> Style {
        match color {
            BandColor::Green => self.band_low,
            BandColor::Yellow => self.band_moderate,
            BandColor::Orange => self.band_significant,
            BandColor::Red => self.band_high,
        }
    }
}
