//! The navigation wheel drawn as a wheel: six sectors round the centre
//! question, the current one highlighted, each filled outwards as far as it
//! has been assessed. Drawn on a Canvas with half-block pixels, in a
//! coordinate space where one unit is one pixel, so the circle is round on a
//! terminal whose cells are twice as tall as wide.

use std::f64::consts::TAU;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;
use ratatui::symbols::Marker;
use ratatui::text::Line;
use ratatui::widgets::Widget;
use ratatui::widgets::canvas::{Canvas, Points};

use crate::ui::theme::Theme;

/// One sector: its label and how far it is assessed (0.0 to 1.0).
pub struct Sector<'a> {
    pub name: &'a str,
    pub progress: f64,
}

pub struct WheelShape<'a> {
    pub sectors: &'a [Sector<'a>],
    pub current: usize,
    pub centre: &'a str,
    pub theme: &'a Theme,
}

/// Columns kept free on each side for the labels.
const LABEL_ROOM: f64 = 11.0;

impl WheelShape<'_> {
    /// The radius, in pixels, that fits an area of `width` x `height` cells.
    pub fn radius(width: u16, height: u16) -> f64 {
        let by_width = f64::from(width) / 2.0 - LABEL_ROOM;
        let by_height = f64::from(height) - 1.5;
        by_width.min(by_height).max(0.0)
    }

    /// The sector a point falls in, clockwise from the top, where sector 0
    /// is centred straight up.
    fn sector_of(&self, x: f64, y: f64) -> usize {
        let n = self.sectors.len().max(1) as f64;
        let angle = x.atan2(y).rem_euclid(TAU);
        let shifted = (angle + TAU / n / 2.0).rem_euclid(TAU);
        ((shifted / (TAU / n)) as usize).min(self.sectors.len().saturating_sub(1))
    }

    fn on_boundary(&self, x: f64, y: f64, r: f64) -> bool {
        let n = self.sectors.len().max(1) as f64;
        let step = TAU / n;
        let angle = (x.atan2(y) + step / 2.0).rem_euclid(step);
        let distance = angle.min(step - angle) * r;
        distance < 0.5
    }
}

impl Widget for WheelShape<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let r_outer = Self::radius(area.width, area.height);
        if r_outer < 4.0 || self.sectors.is_empty() {
            Line::styled(self.centre, self.theme.title).render(area, buf);
            return;
        }
        let r_inner = r_outer * 0.38;
        let (w, h) = (f64::from(area.width), f64::from(area.height) * 2.0);
        // Pixels by colour: the canvas draws each group in one pass.
        let mut groups: Vec<(Color, Vec<(f64, f64)>)> = Vec::new();
        let mut push =
            |color: Color, p: (f64, f64)| match groups.iter_mut().find(|(c, _)| *c == color) {
                Some((_, ps)) => ps.push(p),
                None => groups.push((color, vec![p])),
            };
        let mut py = -h / 2.0 + 0.5;
        while py < h / 2.0 {
            let mut px = -w / 2.0 + 0.5;
            while px < w / 2.0 {
                let r = px.hypot(py);
                if r <= r_outer && r >= r_inner {
                    let s = self.sector_of(px, py);
                    let filled = (r - r_inner) / (r_outer - r_inner) <= self.sectors[s].progress;
                    let rim = r > r_outer - 0.8 || r < r_inner + 0.8;
                    let color = if rim || self.on_boundary(px, py, r) {
                        Some(self.theme.wheel_rim)
                    } else if filled {
                        Some(self.theme.sector(s, s == self.current))
                    } else if s == self.current {
                        self.theme.wheel_current_empty
                    } else {
                        None
                    };
                    if let Some(c) = color {
                        push(c, (px, py));
                    }
                }
                px += 1.0;
            }
            py += 1.0;
        }
        let n = self.sectors.len() as f64;
        let canvas = Canvas::default()
            .marker(Marker::HalfBlock)
            .x_bounds([-w / 2.0, w / 2.0])
            .y_bounds([-h / 2.0, h / 2.0])
            .paint(|ctx| {
                for (color, coords) in &groups {
                    ctx.draw(&Points {
                        coords,
                        color: *color,
                    });
                }
                ctx.layer();
                let centre_width = self.centre.chars().count() as f64;
                ctx.print(
                    -centre_width / 2.0,
                    0.0,
                    Line::styled(self.centre.to_owned(), self.theme.title),
                );
                for (i, sector) in self.sectors.iter().enumerate() {
                    let angle = i as f64 * TAU / n;
                    let (x, y) = (angle.sin() * (r_outer + 2.0), angle.cos() * (r_outer + 3.0));
                    let style = if i == self.current {
                        self.theme.tab_active
                    } else {
                        self.theme.label
                    };
                    let text = format!(" {} ", sector.name);
                    let width = text.chars().count() as f64;
                    let x = if x.abs() < 1.0 {
                        x - width / 2.0
                    } else if x < 0.0 {
                        x - width + 1.0
                    } else {
                        x
                    };
                    ctx.print(x, y, Line::styled(text, style));
                }
            });
        canvas.render(area, buf);
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
}
