//! The navigation wheel drawn as a wheel: six sectors between spokes round
//! «Hva gjør du?», labels outside the rim, the current sector outlined (and
//! shaded while it is not assessed), and each sector filled by the selected
//! alternative's stance on it, with the stance's symbol on the fill and a
//! legend below. Without colour the fill is a pattern of the symbol.
//!
//! Drawn cell by cell with half blocks: a cell holds two pixels, one above
//! the other, so one unit is one column across and half a row down, and the
//! circle is round on a terminal whose cells are twice as tall as wide.

use crate::ui::cells;
use std::f64::consts::TAU;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::domain::wheel::Stance;
use crate::ui::theme::Theme;

/// One sector: its label and the selected alternative's stance on it.
pub struct Sector<'a> {
    pub name: &'a str,
    pub stance: Option<Stance>,
}

pub struct WheelShape<'a> {
    pub sectors: &'a [Sector<'a>],
    pub current: usize,
    pub centre: &'a str,
    /// The alternative whose stances fill the sectors, named under the wheel.
    pub alternative: Option<&'a str>,
    pub theme: &'a Theme,
}

/// Rows kept free above and below the rim for the labels.
const LABEL_ROWS: f64 = 2.0;

/// The legend's words, in the order the stances cycle.
const LEGEND: [(Stance, &str); 4] = [
    (Stance::TalerFor, "for"),
    (Stance::TalerMot, "mot"),
    (Stance::Uavklart, "uavklart"),
    (Stance::IkkeRelevant, "ikke relevant"),
];

/// What a pixel of the wheel shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pixel {
    Outside,
    /// The rims and the spokes; `current` on the current sector's outline.
    Line {
        current: bool,
    },
    Inside(usize),
}

/// The wheel's size inside its area, in pixels.
struct Geometry {
    width: f64,
    rows: u16,
    r_outer: f64,
    r_inner: f64,
}

impl WheelShape<'_> {
    /// The largest radius, in pixels, at which the wheel and its labels fit
    /// `width` x `rows` cells. A label's padding may fall off the edge.
    pub fn radius(&self, width: u16, rows: u16) -> f64 {
        let (w, h) = (f64::from(width), f64::from(rows));
        let mut r = (h - 2.0 * LABEL_ROWS).min(w / 2.0).floor();
        while r >= 4.0 {
            let fits = self.sectors.iter().enumerate().all(|(i, sector)| {
                let text = sector.name.chars().count() as f64 + 2.0;
                let (x, _) = self.label_at(w, h, r, i, text);
                x >= -1.0 && x + text <= w + 1.0
            });
            if fits {
                return r;
            }
            r -= 0.5;
        }
        0.0
    }

    /// Where sector `i`'s label, `text` columns wide with its padding,
    /// starts: (column, row) from the top-left. Labels at the top and the
    /// bottom are centred beyond the rim; those at the sides sit just clear
    /// of the rim at their row, so the wheel can take the width it has.
    fn label_at(&self, width: f64, rows: f64, r: f64, i: usize, text: f64) -> (f64, f64) {
        let angle = i as f64 * self.step();
        let y = angle.cos() * (r + 3.0);
        let row = (rows - y) / 2.0;
        let centre = width / 2.0;
        if angle.sin().abs() < 0.5 {
            return (centre + angle.sin() * (r + 2.0) - text / 2.0, row);
        }
        // The rim's reach across the label's row, which spans a pixel either way.
        let reach = (r * r - (y.abs() - 1.0).max(0.0).powi(2)).max(0.0).sqrt();
        if angle.sin() > 0.0 {
            (centre + reach, row)
        } else {
            (centre - reach - text, row)
        }
    }

    fn step(&self) -> f64 {
        TAU / self.sectors.len().max(1) as f64
    }

    /// The pixel at (x, y) from the centre, y upwards; sector 0 is centred
    /// straight up and the others follow clockwise.
    fn pixel(&self, g: &Geometry, x: f64, y: f64) -> Pixel {
        let r = x.hypot(y);
        if r > g.r_outer || r < g.r_inner {
            return Pixel::Outside;
        }
        let n = self.sectors.len();
        let step = self.step();
        // The angle from the start of the sector the pixel is in.
        let from_start = (x.atan2(y) + step / 2.0).rem_euclid(TAU);
        let sector = cells::whole(from_start / step).min(n - 1);
        let within = from_start - sector as f64 * step;
        let rim = r > g.r_outer - 1.0 || r < g.r_inner + 1.0;
        if rim {
            return Pixel::Line {
                current: sector == self.current,
            };
        }
        if within.min(step - within) * r < 0.6 {
            let neighbour = if within < step / 2.0 {
                (sector + n - 1) % n
            } else {
                (sector + 1) % n
            };
            return Pixel::Line {
                current: sector == self.current || neighbour == self.current,
            };
        }
        Pixel::Inside(sector)
    }

    fn line_colour(&self, current: bool) -> Color {
        if current {
            self.theme.wheel_current
        } else {
            self.theme.wheel_rim
        }
    }

    /// A pixel's colour in a colour theme; None where it shows nothing.
    fn colour(&self, p: Pixel) -> Option<Color> {
        match p {
            Pixel::Outside => None,
            Pixel::Line { current } => Some(self.line_colour(current)),
            Pixel::Inside(s) if self.theme.has_colour => {
                self.sectors[s].stance.map(|st| self.theme.stance(st))
            }
            Pixel::Inside(_) => None,
        }
    }

    fn draw_disc(&self, g: &Geometry, area: Rect, buf: &mut Buffer) {
        let rows = f64::from(g.rows);
        for row in 0..g.rows {
            for col in 0..area.width {
                let x = f64::from(col) + 0.5 - g.width / 2.0;
                let top_y = rows - (2.0 * f64::from(row) + 0.5);
                let top = self.pixel(g, x, top_y);
                let bottom = self.pixel(g, x, top_y - 1.0);
                let cell = &mut buf[(area.x + col, area.y + row)];
                match (top, bottom) {
                    (Pixel::Inside(s), Pixel::Inside(t)) if s == t => {
                        self.draw_interior(s, (col + row) % 2 == 0, cell);
                    }
                    // Without colour the current sector's outline is drawn thick.
                    (Pixel::Line { current: true }, _) | (_, Pixel::Line { current: true })
                        if !self.theme.has_colour =>
                    {
                        cell.set_symbol("█");
                    }
                    _ => match (self.colour(top), self.colour(bottom)) {
                        (None, None) => {}
                        (Some(t), None) => {
                            cell.set_symbol("▀").set_fg(t);
                        }
                        (None, Some(b)) => {
                            cell.set_symbol("▄").set_fg(b);
                        }
                        (Some(t), Some(b)) if t == b => {
                            cell.set_symbol("█").set_fg(t);
                        }
                        (Some(t), Some(b)) => {
                            cell.set_symbol("▀").set_fg(t).set_bg(b);
                        }
                    },
                }
            }
        }
    }

    /// A cell wholly inside sector `s`: its stance's colour, or without
    /// colour its symbol on every other cell; the current sector, while not
    /// assessed, is shaded.
    fn draw_interior(&self, s: usize, on_pattern: bool, cell: &mut ratatui::buffer::Cell) {
        let current = s == self.current;
        match self.sectors[s].stance {
            Some(st) if self.theme.has_colour => {
                cell.set_symbol("█").set_fg(self.theme.stance(st));
            }
            Some(st) if on_pattern => {
                let style = if current {
                    Style::new().add_modifier(Modifier::BOLD)
                } else {
                    Style::new()
                };
                cell.set_symbol(st.symbol()).set_style(style);
            }
            Some(_) => {}
            None if current => {
                cell.set_symbol("░")
                    .set_fg(self.theme.wheel_current_empty.unwrap_or(Color::Reset));
            }
            None => {}
        }
    }

    /// A point `radius` pixels out from the centre at sector `i`'s middle, as
    /// (column, row) offsets from the area's top-left, possibly negative.
    fn at(&self, g: &Geometry, i: usize, dx: f64, dy: f64) -> (f64, f64) {
        let angle = i as f64 * self.step();
        let x = g.width / 2.0 + angle.sin() * dx;
        let row = (f64::from(g.rows) - angle.cos() * dy) / 2.0;
        (x, row)
    }

    /// Each filled sector's symbol in the middle of its fill, in colour
    /// themes (the pattern carries it without colour), so a stance never
    /// rests on telling red from green.
    fn draw_symbols(&self, g: &Geometry, area: Rect, buf: &mut Buffer) {
        if !self.theme.has_colour {
            return;
        }
        let middle = (g.r_inner + g.r_outer) / 2.0;
        for (i, sector) in self.sectors.iter().enumerate() {
            let Some(st) = sector.stance else { continue };
            // Where the ring is wide, the stance's words too: «+ taler for».
            let text = if g.r_outer - g.r_inner >= 16.0 {
                format!("{} {}", st.symbol(), st.label())
            } else {
                st.symbol().to_owned()
            };
            let (x, row) = self.at(g, i, middle, middle);
            let x = x - (text.chars().count() / 2) as f64;
            if x < 0.0 || row < 0.0 || x >= f64::from(area.width) || row >= f64::from(g.rows) {
                continue;
            }
            let (col, row) = (cells::floor(x), cells::floor(row));
            buf.set_stringn(
                area.x + col,
                area.y + row,
                &text,
                usize::from(area.width - col),
                self.swatch(st),
            );
        }
    }

    fn swatch(&self, st: Stance) -> Style {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        if self.theme.has_colour {
            bold.fg(self.theme.stance_text).bg(self.theme.stance(st))
        } else {
            bold
        }
    }

    fn draw_labels(&self, g: &Geometry, area: Rect, buf: &mut Buffer) {
        for (i, sector) in self.sectors.iter().enumerate() {
            let text = format!(" {} ", sector.name);
            let width = text.chars().count() as f64;
            let (x, row) = self.label_at(g.width, f64::from(g.rows), g.r_outer, i, width);
            let style = if i == self.current {
                self.theme.tab_active
            } else {
                self.theme.label
            };
            // A padding space that falls off the left edge is dropped.
            let (text, x) = if x < 0.0 {
                (&text[1..], x + 1.0)
            } else {
                (text.as_str(), x)
            };
            let (col, row) = (cells::round(x), cells::floor(row));
            if row < g.rows && col < area.width {
                buf.set_stringn(
                    area.x + col,
                    area.y + row,
                    text,
                    usize::from(area.width - col),
                    style,
                );
            }
        }
    }

    /// «Hva gjør du?» in the hole, over two lines if the hole is narrow.
    fn draw_centre(&self, g: &Geometry, area: Rect, buf: &mut Buffer) {
        let room = cells::whole(2.0 * g.r_inner - 1.0).max(1);
        let lines = textwrap::wrap(self.centre, room);
        let top = (g.rows / 2).saturating_sub(cells::count(lines.len()).saturating_sub(1) / 2);
        for (i, line) in lines.iter().enumerate() {
            let width = textwrap::core::display_width(line) as f64;
            let x = cells::round(g.width / 2.0 - width / 2.0);
            let y = top.saturating_add(cells::count(i));
            if y < g.rows && x < area.width {
                buf.set_stringn(
                    area.x + x,
                    area.y + y,
                    line,
                    usize::from(area.width - x),
                    self.theme.title,
                );
            }
        }
    }

    /// Under the wheel: whose stances fill it, and what each fill means.
    fn legend(&self) -> Vec<Line<'_>> {
        let mut lines = Vec::new();
        if let Some(name) = self.alternative {
            lines.push(Line::from(vec![
                Span::styled("Alternativ: ", self.theme.label),
                Span::styled(name, self.theme.base),
            ]));
        }
        let mut spans = Vec::new();
        for (i, (st, word)) in LEGEND.iter().enumerate() {
            let gap = if i + 1 < LEGEND.len() { "  " } else { "" };
            spans.push(Span::styled(st.symbol(), self.swatch(*st)));
            spans.push(Span::styled(format!(" {word}{gap}"), self.theme.base));
        }
        lines.push(Line::from(spans));
        lines
    }
}

impl Widget for WheelShape<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let legend = self.legend();
        let legend_rows: u16 = legend
            .iter()
            .map(|l| cells::count(l.width()).div_ceil(area.width.max(1)))
            .sum();
        let wheel_rows = area.height.saturating_sub(legend_rows);
        let r_outer = self.radius(area.width, wheel_rows);
        if r_outer < 4.0 || self.sectors.is_empty() {
            Line::styled(self.centre, self.theme.title).render(area, buf);
            return;
        }
        let g = Geometry {
            width: f64::from(area.width),
            rows: wheel_rows,
            r_outer,
            r_inner: r_outer * 0.45,
        };
        self.draw_disc(&g, area, buf);
        self.draw_symbols(&g, area, buf);
        self.draw_labels(&g, area, buf);
        self.draw_centre(&g, area, buf);
        Paragraph::new(legend).wrap(Wrap { trim: true }).render(
            Rect {
                y: area.y + wheel_rows,
                height: legend_rows,
                ..area
            },
            buf,
        );
    }
}

impl Theme {
    /// A sector's colour: its own hue, brighter when it is the current one.
    pub fn sector(&self, index: usize, current: bool) -> Color {
        let palette = if current {
            &self.sectors_bright
        } else {
            &self.sectors_dim
        };
        palette[index % palette.len()]
    }

    /// The wheel's fill for a stance.
    pub fn stance(&self, stance: Stance) -> Color {
        match stance {
            Stance::TalerFor => self.stance_for,
            Stance::TalerMot => self.stance_against,
            Stance::Uavklart => self.stance_open,
            Stance::IkkeRelevant => self.stance_irrelevant,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::theme::{ColorDepth, ThemeName};

    const NAMES: [&str; 6] = ["Jus", "Identitet", "Moral", "Omdømme", "Økonomi", "Etikk"];
    const STANCES: [Option<Stance>; 6] = [
        Some(Stance::TalerFor),
        Some(Stance::TalerMot),
        Some(Stance::Uavklart),
        Some(Stance::IkkeRelevant),
        None,
        None,
    ];

    /// The wheel as the 80x24 and 200x60 screens give it room.
    const SIZES: [(u16, u16); 2] = [(44, 20), (116, 56)];

    fn sectors() -> Vec<Sector<'static>> {
        NAMES
            .iter()
            .zip(STANCES)
            .map(|(name, stance)| Sector { name, stance })
            .collect()
    }

    fn shape<'a>(sectors: &'a [Sector<'a>], theme: &'a Theme, current: usize) -> WheelShape<'a> {
        WheelShape {
            sectors,
            current,
            centre: "Hva gjør du?",
            alternative: Some("Ikke være til stede"),
            theme,
        }
    }

    fn draw(theme: &Theme, current: usize, (w, h): (u16, u16)) -> Buffer {
        let area = Rect::new(0, 0, w, h);
        let mut buf = Buffer::empty(area);
        shape(&sectors(), theme, current).render(area, &mut buf);
        buf
    }

    fn text(buf: &Buffer) -> String {
        let mut out = String::new();
        for y in 0..buf.area.height {
            for x in 0..buf.area.width {
                out.push_str(buf[(x, y)].symbol());
            }
            out.push('\n');
        }
        out
    }

    /// Rows of the disc (the legend takes two) and the outer radius.
    fn geometry((w, h): (u16, u16)) -> (u16, f64) {
        let rows = h - 2;
        (
            rows,
            shape(&sectors(), &Theme::monochrome(), 0).radius(w, rows),
        )
    }

    /// A cell's middle as (angle clockwise from the top, distance from the
    /// centre) in pixels.
    fn polar(size: (u16, u16), col: u16, row: u16) -> (f64, f64) {
        let (rows, _) = geometry(size);
        let x = f64::from(col) + 0.5 - f64::from(size.0) / 2.0;
        let y = f64::from(rows) - 2.0 * f64::from(row) - 1.0;
        (x.atan2(y).rem_euclid(TAU), x.hypot(y))
    }

    /// The cells well inside sector `i`: near its middle, clear of the lines.
    fn sector_cells(buf: &Buffer, size: (u16, u16), i: usize) -> Vec<&ratatui::buffer::Cell> {
        let (rows, r) = geometry(size);
        let middle = i as f64 * TAU / 6.0;
        let mut cells = Vec::new();
        for row in 0..rows {
            for col in 0..size.0 {
                let (angle, dist) = polar(size, col, row);
                let off = (angle - middle + TAU / 2.0).rem_euclid(TAU) - TAU / 2.0;
                if off.abs() < TAU / 24.0 && dist > r * 0.45 + 2.0 && dist < r - 2.0 {
                    cells.push(&buf[(col, row)]);
                }
            }
        }
        cells
    }

    #[test]
    fn six_sectors_between_spokes_with_labels_outside_the_rim() {
        for theme in [Theme::monochrome(), Theme::color(), Theme::projector()] {
            for size in SIZES {
                let buf = draw(&theme, 0, size);
                let (rows, r) = geometry(size);
                let screen = text(&buf);
                for name in NAMES {
                    let (row, line) = screen
                        .lines()
                        .enumerate()
                        .find(|(_, l)| l.contains(&format!(" {name} ")))
                        .unwrap_or_default();
                    let col = line.find(name).map_or(0, |b| line[..b].chars().count());
                    for c in 0..name.chars().count() {
                        let (_, dist) = polar(size, cells::count(col + c), cells::count(row));
                        assert!(dist > r, "{name} inside the rim:\n{screen}");
                    }
                }
                for i in 0..6 {
                    // Every spoke is drawn, at each distance from hub to rim.
                    let angle = (i as f64 - 0.5) * TAU / 6.0;
                    for k in 1..4 {
                        let d = r * 0.45 + (r * 0.55) * f64::from(k) / 4.0;
                        let x = f64::from(size.0) / 2.0 + angle.sin() * d;
                        let row = (f64::from(rows) - angle.cos() * d) / 2.0;
                        let cell = &buf[(cells::floor(x), cells::floor(row))];
                        assert!(
                            ["█", "▀", "▄"].contains(&cell.symbol()),
                            "{size:?}: spoke {i} missing at {d:.1}:\n{screen}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn the_question_is_in_the_centre() {
        for size in SIZES {
            let buf = draw(&Theme::color(), 0, size);
            let (rows, _) = geometry(size);
            let screen = text(&buf);
            let centre_row = screen
                .lines()
                .nth(usize::from(rows / 2))
                .unwrap_or_default();
            assert!(centre_row.contains("Hva gjør"), "{size:?}:\n{screen}");
            let col = centre_row
                .find("Hva")
                .map_or(0, |b| centre_row[..b].chars().count());
            let middle = usize::from(size.0) / 2;
            assert!(col < middle && middle < col + 8, "{size:?}:\n{screen}");
        }
    }

    #[test]
    fn in_colour_each_sector_is_filled_with_its_stance_colour_and_symbol() {
        for name in [ThemeName::Dark, ThemeName::Light, ThemeName::Projector] {
            for depth in [ColorDepth::Ansi16, ColorDepth::Ansi256] {
                let theme = Theme::new(name, depth);
                for size in SIZES {
                    let buf = draw(&theme, 5, size);
                    for (i, stance) in STANCES.iter().enumerate() {
                        let cells = sector_cells(&buf, size, i);
                        assert!(cells.len() > 2, "{size:?} {i}");
                        let shows =
                            |symbol: &str| cells.iter().filter(|c| c.symbol() == symbol).count();
                        match stance {
                            Some(st) => {
                                let colour = theme.stance(*st);
                                assert!(
                                    cells.iter().all(|c| c.fg == colour || c.bg == colour),
                                    "{name} {size:?} sector {i}"
                                );
                                assert_eq!(shows(st.symbol()), 1, "{name} {size:?} sector {i}");
                            }
                            None if i == 5 => assert_eq!(shows("░"), cells.len()),
                            None => assert_eq!(shows(" "), cells.len(), "{name} {i}"),
                        }
                    }
                    // The current sector's outline has its own colour.
                    let outline = buf
                        .content()
                        .iter()
                        .filter(|c| c.fg == theme.wheel_current || c.bg == theme.wheel_current)
                        .count();
                    assert!(outline > 10, "{name}: {outline}");
                }
            }
        }
    }

    #[test]
    fn without_colour_stances_show_as_patterns_and_the_current_sector_as_shade() {
        let theme = Theme::monochrome();
        for size in SIZES {
            let buf = draw(&theme, 4, size);
            let screen = text(&buf);
            for (i, stance) in STANCES.iter().enumerate() {
                let symbols: String = sector_cells(&buf, size, i)
                    .iter()
                    .map(|c| c.symbol())
                    .collect();
                let pattern = match stance {
                    Some(st) => st.symbol(),
                    None if i == 4 => "░",
                    None => "",
                };
                let other = symbols.replace(pattern, "").replace(' ', "");
                assert!(
                    symbols.contains(pattern) && other.is_empty(),
                    "sector {i}: {symbols:?}\n{screen}"
                );
            }
            assert!(
                buf.content()
                    .iter()
                    .all(|c| c.fg == Color::Reset && c.bg == Color::Reset),
                "no colour at all"
            );
            // The legend explains the symbols; the current label is reversed.
            assert!(screen.contains("+ for  − mot  ? uavklart  · ikke relevant"));
            let reversed: String = buf
                .content()
                .iter()
                .filter(|c| c.modifier.contains(Modifier::REVERSED))
                .map(|c| c.symbol())
                .collect();
            assert_eq!(reversed, " Økonomi ");
        }
    }

    #[test]
    fn any_size_draws_without_panic_and_a_tiny_one_keeps_the_question() {
        for size in [(1, 1), (20, 5), (10, 30), (200, 3), (30, 12)] {
            let buf = draw(&Theme::color(), 2, size);
            if size == (20, 5) {
                assert!(text(&buf).starts_with("Hva gjør du?"), "{}", text(&buf));
            }
        }
    }
}
