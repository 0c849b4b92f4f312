//! The report as a tagged PDF/A-2a and PDF/UA-1 document for the archive
//! and for publishing: A4, fonts embedded (Libertinus Serif, DejaVu Sans
//! Mono for signs it lacks; the files are in `fonts/`), a running header and
//! page numbers as artifacts, bookmarks for every heading, and the
//! document's metadata. Each block is tagged as what it is (`tags`):
//! headings that nest, paragraphs, lists, tables with header cells,
//! matrices as figures with a text alternative. krilla writes the PDF and
//! checks it against PDF/A-2a and PDF/UA-1; this module places the blocks
//! of `report` on pages.

use krilla::Document;
use krilla::color::rgb;
use std::collections::HashMap;

use krilla::configure::{Accessibility, Archival, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::{DateTime, Metadata};
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::tagging::{Artifact, ArtifactType, ContentTag, Identifier, SpanTag};
use krilla::text::{Font, TextDirection};
use rustybuzz::ttf_parser;

use crate::hyphen;
use crate::report::{self, Block, Matrix, Report, Table};
use crate::tags::{Kind, Tree};
use somevett_content::Library;
use somevett_domain::Outcome;

/// A4 in points.
const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const LEFT: f32 = 64.0;
const RIGHT: f32 = PAGE_W - 64.0;
const TOP: f32 = 78.0;
const BOTTOM: f32 = PAGE_H - 70.0;
const BODY: f32 = 10.5;
const SMALL: f32 = 8.5;
const LEADING: f32 = 1.32;
/// Where a word is cut at a line's end: drawn as a hyphen, read as nothing.
const SOFT_HYPHEN: &str = "\u{ad}";
/// The height of one line to sign on, with its label.
const SIGNATURE_H: f32 = 52.0;

/// The whole outcome as a PDF/A-2a (and PDF/UA-1) file.
pub fn to_pdf(outcome: &Outcome, library: &Library) -> Result<Vec<u8>, String> {
    render(&report::build(outcome, library))
}

/// The same, written on `date` (its document date).
pub fn to_pdf_on(
    outcome: &Outcome,
    library: &Library,
    date: Option<somevett_domain::date::Date>,
) -> Result<Vec<u8>, String> {
    render(&report::build_on(outcome, library, date))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Regular,
    Bold,
    Italic,
    /// DejaVu Sans Mono: signs the serif lacks.
    Fallback,
}

struct Fonts {
    faces: Vec<ttf_parser::Face<'static>>,
    krilla: Vec<Font>,
    /// Each (font, sign)'s advance in font units, None when it lacks the
    /// sign: looked up in the font once, not for every word measured.
    advances: std::cell::RefCell<std::collections::HashMap<(usize, char), Option<f32>>>,
    /// Signs no embedded font has, drawn as «?»: said when the report is
    /// written, never lost without a word.
    missing: std::cell::RefCell<std::collections::BTreeSet<char>>,
}

impl Fonts {
    fn load() -> Result<Fonts, String> {
        // Only the four fonts the report uses are in the binary (fonts/,
        // with their licences): Libertinus Serif Regular, Bold, Italic and
        // DejaVu Sans Mono for the signs Libertinus lacks.
        let data: [&'static [u8]; 4] = [
            include_bytes!("../fonts/LibertinusSerif-Regular.otf"),
            include_bytes!("../fonts/LibertinusSerif-Bold.otf"),
            include_bytes!("../fonts/LibertinusSerif-Italic.otf"),
            include_bytes!("../fonts/DejaVuSansMono.ttf"),
        ];
        let mut faces = Vec::new();
        let mut krilla = Vec::new();
        for d in data {
            faces.push(ttf_parser::Face::parse(d, 0).map_err(|e| format!("somevett: font: {e}"))?);
            krilla.push(Font::new(d.into(), 0).ok_or("somevett: fonten kan ikke leses")?);
        }
        Ok(Fonts {
            faces,
            krilla,
            advances: Default::default(),
            missing: Default::default(),
        })
    }

    /// The advance of `c` in font `i`, in units of its em, if it has the sign.
    fn advance(&self, i: usize, c: char) -> Option<f32> {
        *self.advances.borrow_mut().entry((i, c)).or_insert_with(|| {
            let face = &self.faces[i];
            let g = face.glyph_index(c)?;
            Some(f32::from(face.glyph_hor_advance(g)?) / f32::from(face.units_per_em()))
        })
    }

    fn index(style: Style) -> usize {
        match style {
            Style::Regular => 0,
            Style::Bold => 1,
            Style::Italic => 2,
            Style::Fallback => 3,
        }
    }

    /// The text split into runs each font can draw: the style's own where it
    /// has the glyph, else the fallback; a sign neither has becomes «?».
    fn runs(&self, style: Style, text: &str) -> Vec<(Style, String)> {
        let mut out: Vec<(Style, String)> = Vec::new();
        for c in text.chars() {
            if c.is_control() {
                continue;
            }
            let has = |s: Style| self.advance(Fonts::index(s), c).is_some();
            let (s, c) = if has(style) {
                (style, c)
            } else if has(Style::Fallback) {
                (Style::Fallback, c)
            } else {
                self.missing.borrow_mut().insert(c);
                (style, '?')
            };
            match out.last_mut() {
                Some((last, run)) if *last == s => run.push(c),
                _ => out.push((s, c.to_string())),
            }
        }
        out
    }

    fn width(&self, style: Style, size: f32, text: &str) -> f32 {
        self.runs(style, text)
            .iter()
            .map(|(s, run)| {
                let i = Fonts::index(*s);
                run.chars().filter_map(|c| self.advance(i, c)).sum::<f32>() * size
            })
            .sum()
    }
}

/// What a drawing operation is in the document's structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// Layout only: rules, shading (an artifact).
    Layout,
    /// The running header and the page number (an artifact).
    Page,
    /// Text of the structure leaf with this number.
    Text(usize),
    /// All of a figure (the structure leaf with this number).
    Figure(usize),
}

#[derive(Debug, Clone)]
struct Marked {
    mark: Mark,
    op: Op,
}

#[derive(Debug, Clone)]
enum Op {
    Text {
        x: f32,
        y: f32,
        style: Style,
        size: f32,
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: (u8, u8, u8),
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
    },
}

struct Layout<'f> {
    fonts: &'f Fonts,
    pages: Vec<Vec<Marked>>,
    /// The baseline area's top: where the next thing goes.
    y: f32,
    /// The document's structure so far.
    tree: Tree,
    /// What is drawn now belongs to: a leaf of `tree`, or nothing (layout).
    leaf: Option<Mark>,
    /// The bookmarks: each heading's level, text, page and place.
    outline: Vec<(u16, String, usize, f32)>,
    /// Whether what is drawn is the page's chrome (header, page number).
    chrome: bool,
}

impl<'f> Layout<'f> {
    fn new(fonts: &'f Fonts) -> Self {
        Layout {
            fonts,
            pages: vec![Vec::new()],
            y: TOP,
            tree: Tree::default(),
            leaf: None,
            outline: Vec::new(),
            chrome: false,
        }
    }

    /// Text goes to the current leaf; lines and shading are layout, except
    /// in a figure, where everything drawn is the figure.
    fn op(&mut self, op: Op) {
        let mark = match (self.chrome, self.leaf, &op) {
            (true, _, _) => Mark::Page,
            (false, Some(Mark::Figure(n)), _) => Mark::Figure(n),
            (false, Some(Mark::Text(n)), Op::Text { .. }) => Mark::Text(n),
            _ => Mark::Layout,
        };
        if let Some(page) = self.pages.last_mut() {
            page.push(Marked { mark, op });
        }
    }

    /// Draws `f` as the text (one new leaf) of a new element `kind` inside
    /// the one open.
    fn element(&mut self, kind: Kind, f: impl FnOnce(&mut Self)) {
        self.tree.open(kind);
        let leaf = self.tree.leaf();
        let before = self.leaf.replace(Mark::Text(leaf));
        f(self);
        self.leaf = before;
        self.tree.close();
    }

    /// Draws `f` as layout only: not part of the document's text (a table's
    /// header repeated on a new page).
    fn as_layout(&mut self, f: impl FnOnce(&mut Self)) {
        let before = self.leaf.take();
        f(self);
        self.leaf = before;
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Starts a new page unless `h` more points fit on this one.
    fn ensure(&mut self, h: f32) {
        if self.y + h > BOTTOM && self.y > TOP {
            self.new_page();
        }
    }

    fn text(&mut self, x: f32, baseline: f32, style: Style, size: f32, text: &str) {
        let mut x = x;
        for (s, run) in self.fonts.runs(style, text) {
            let w = self.fonts.width(s, size, &run);
            self.op(Op::Text {
                x,
                y: baseline,
                style: s,
                size,
                text: run,
            });
            x += w;
        }
    }

    /// Words with their styles filled into lines no wider than `max_w`.
    fn wrap(&self, spans: &[(Style, &str)], size: f32, max_w: f32) -> Vec<Vec<(Style, String)>> {
        let space = self.fonts.width(Style::Regular, size, " ");
        let mut lines: Vec<Vec<(Style, String)>> = vec![Vec::new()];
        let mut line_w = 0.0;
        for (style, text) in spans {
            for word in text.split_whitespace() {
                let w = self.fonts.width(*style, size, word);
                let empty = lines.last().is_none_or(|l| l.is_empty());
                if !empty && line_w + space + w > max_w {
                    lines.push(Vec::new());
                    line_w = 0.0;
                }
                // A word longer than the line is broken where Norwegian
                // breaks it (the nb patterns, `hyphen`), with a soft hyphen
                // (drawn as a hyphen; a reader's search and a screen reader
                // see the word whole); where no such place fits a whole
                // line, where it must be, two letters at least on each side.
                let mut word = word.to_owned();
                let hyphen_w = self.fonts.width(*style, size, SOFT_HYPHEN);
                while self.fonts.width(*style, size, &word) > max_w && word.chars().count() > 3 {
                    let starts_line = lines.last().is_none_or(|l| l.is_empty());
                    let room = max_w - line_w - if starts_line { 0.0 } else { space };
                    let fits = |at: usize, hyphen: bool| {
                        self.fonts.width(*style, size, &word[..at])
                            + if hyphen { hyphen_w } else { 0.0 }
                            <= room
                    };
                    let cut = match hyphen::breaks(&word)
                        .into_iter()
                        .rev()
                        .find(|b| fits(b.at, b.hyphen))
                    {
                        Some(b) => Some((b.at, b.hyphen)),
                        None if !starts_line => None,
                        None => {
                            let mut at = word.len();
                            while at > 0 && !fits(at, true) {
                                at = word[..at].char_indices().last().map_or(0, |(i, _)| i);
                            }
                            let keep = word[..at].chars().count();
                            (keep >= 2 && word.chars().count() - keep >= 2).then_some((at, true))
                        }
                    };
                    let Some((at, hyphen)) = cut else {
                        if starts_line {
                            // Not even two letters fit: the word goes whole.
                            break;
                        }
                        lines.push(Vec::new());
                        line_w = 0.0;
                        continue;
                    };
                    let rest = word[at..].to_owned();
                    if let Some(line) = lines.last_mut() {
                        let part = &word[..at];
                        line.push((
                            *style,
                            if hyphen {
                                format!("{part}{SOFT_HYPHEN}")
                            } else {
                                part.to_owned()
                            },
                        ));
                    }
                    lines.push(Vec::new());
                    line_w = 0.0;
                    word = rest;
                }
                let w = self.fonts.width(*style, size, &word);
                if let Some(line) = lines.last_mut() {
                    if !line.is_empty() {
                        line_w += space;
                    }
                    line.push((*style, word));
                }
                line_w += w;
            }
        }
        lines
    }

    /// Draws wrapped lines at `x`, starting at the current position; breaks
    /// pages between lines.
    fn flow(&mut self, spans: &[(Style, &str)], size: f32, x: f32, max_w: f32) {
        let line_h = size * LEADING;
        let space = self.fonts.width(Style::Regular, size, " ");
        for line in self.wrap(spans, size, max_w) {
            self.ensure(line_h);
            let baseline = self.y + size;
            let mut cx = x;
            for (style, word) in &line {
                self.text(cx, baseline, *style, size, word);
                cx += self.fonts.width(*style, size, word) + space;
            }
            self.y += line_h;
        }
    }

    fn gap(&mut self, h: f32) {
        self.y += h;
    }

    /// The height a block needs on the page it starts on: a table its
    /// header and first row, a figure all of it, text three lines.
    fn start_height(&self, block: &Block) -> f32 {
        let line = BODY * LEADING;
        match block {
            Block::Matrix(_) => 44.0 * 5.0 + 60.0,
            Block::Table(t) => {
                let size = if t.header.len() > 4 { 9.0 } else { 9.5 };
                let total: f32 = t.widths.iter().sum::<f32>().max(0.1);
                let rows = std::iter::once(&t.header).chain(t.rows.first());
                rows.map(|row| {
                    let lines = row
                        .iter()
                        .enumerate()
                        .map(|(i, cell)| {
                            let w =
                                t.widths.get(i).copied().unwrap_or(1.0) / total * (RIGHT - LEFT);
                            self.wrap(&[(Style::Regular, cell)], size, w - 6.0).len()
                        })
                        .max()
                        .unwrap_or(1);
                    lines as f32 * size * LEADING + 6.0
                })
                .sum::<f32>()
                .min(BOTTOM - TOP - 60.0)
            }
            Block::Fields(f) => f.len().min(3) as f32 * line,
            _ => 3.0 * line,
        }
    }

    /// A heading's bookmark and its element: level 1 is the title.
    fn heading(&mut self, asked: u16, text: &str, size: f32) {
        let level = self.tree.next_heading(asked);
        let page = self.pages.len().saturating_sub(1);
        self.outline.push((level, text.to_owned(), page, self.y));
        self.element(Kind::Heading(asked, text.to_owned()), |me| {
            me.flow(&[(Style::Bold, text)], size, LEFT, RIGHT - LEFT);
        });
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Title(t) => {
                self.gap(40.0);
                self.heading(1, t, 24.0);
                self.gap(10.0);
            }
            Block::Heading(level, t) => {
                let size = match level {
                    1 => 16.0,
                    2 => 13.0,
                    _ => 11.0,
                };
                // A heading keeps at least three lines of what follows.
                self.ensure(size * 2.0 + BODY * LEADING * 3.0);
                self.gap(if *level == 1 { 10.0 } else { 6.0 });
                // The title is level 1, so the report's level 1 is an H2.
                self.heading(u16::from(*level) + 1, t, size);
                self.gap(3.0);
            }
            Block::Para(t) => {
                self.element(Kind::Para, |me| {
                    me.flow(&[(Style::Regular, t)], BODY, LEFT, RIGHT - LEFT);
                });
                self.gap(5.0);
            }
            Block::Lead(lead, t) => {
                self.element(Kind::Para, |me| {
                    me.flow(
                        &[(Style::Bold, lead), (Style::Regular, t)],
                        BODY,
                        LEFT,
                        RIGHT - LEFT,
                    );
                });
                self.gap(5.0);
            }
            Block::Fields(fields) => {
                // Label and value pairs: a table whose labels head their rows.
                let label_w = 130.0;
                self.tree.open(Kind::Table);
                for (label, value) in fields {
                    // A row starts where its label and the value's first
                    // lines (all of it, up to three) fit: a label is never
                    // cut from its value by a page break.
                    let values =
                        self.wrap(&[(Style::Regular, value)], BODY, RIGHT - LEFT - label_w);
                    let labels = self.wrap(&[(Style::Bold, label)], BODY, label_w - 8.0);
                    let lines = labels.len().max(values.len().min(3));
                    self.ensure(BODY * LEADING * lines as f32);
                    self.tree.open(Kind::Row);
                    let top = self.y;
                    let page = self.pages.len();
                    self.element(Kind::Header(false), |me| {
                        me.flow(&[(Style::Bold, label)], BODY, LEFT, label_w - 8.0);
                    });
                    let after_label = self.y;
                    self.y = top;
                    self.element(Kind::Cell, |me| {
                        me.flow(
                            &[(Style::Regular, value)],
                            BODY,
                            LEFT + label_w,
                            RIGHT - LEFT - label_w,
                        );
                    });
                    self.tree.close();
                    if self.pages.len() == page && self.y < after_label {
                        self.y = after_label;
                    }
                    self.gap(1.5);
                }
                self.tree.close();
                self.gap(5.0);
            }
            Block::Bullets(items) => {
                self.tree.open(Kind::List);
                for item in items {
                    self.ensure(BODY * LEADING);
                    self.tree.open(Kind::Item);
                    let y = self.y;
                    self.element(Kind::Label, |me| {
                        me.text(LEFT + 4.0, y + BODY, Style::Regular, BODY, "•");
                    });
                    self.element(Kind::Body, |me| {
                        me.flow(
                            &[(Style::Regular, item)],
                            BODY,
                            LEFT + 16.0,
                            RIGHT - LEFT - 16.0,
                        );
                    });
                    self.tree.close();
                    self.gap(1.5);
                }
                self.tree.close();
                self.gap(5.0);
            }
            Block::Table(t) => self.table(t),
            Block::Matrix(m) => self.matrix(m),
            Block::Signatures(labels) => {
                self.ensure(labels.len() as f32 * SIGNATURE_H);
                for label in labels {
                    self.ensure(SIGNATURE_H);
                    self.gap(36.0);
                    let y = self.y;
                    self.op(Op::Line {
                        x1: LEFT,
                        y1: y,
                        x2: LEFT + 300.0,
                        y2: y,
                        width: 0.6,
                    });
                    self.gap(3.0);
                    self.element(Kind::Para, |me| {
                        me.flow(&[(Style::Italic, label)], SMALL, LEFT, 300.0);
                    });
                }
                self.gap(8.0);
            }
            Block::PageBreak => {
                if self.y > TOP {
                    self.new_page();
                }
            }
        }
    }

    fn table(&mut self, t: &Table) {
        let total: f32 = t.widths.iter().sum::<f32>().max(0.1);
        let full = RIGHT - LEFT;
        let widths: Vec<f32> = (0..t.header.len())
            .map(|i| t.widths.get(i).copied().unwrap_or(1.0) / total * full)
            .collect();
        let size = if t.header.len() > 4 { 9.0 } else { 9.5 };
        let pad = 3.0;
        let line_h = size * LEADING;
        let row_lines =
            |me: &Self, row: &[String], style: Style| -> Vec<Vec<Vec<(Style, String)>>> {
                row.iter()
                    .zip(&widths)
                    .map(|(cell, w)| me.wrap(&[(style, cell)], size, w - 2.0 * pad))
                    .collect()
            };
        // A row's cells: a header row's cells head their columns; `None`
        // draws the row as layout only (the header repeated on a new page).
        let draw_row = |me: &mut Self,
                        cells: &[Vec<Vec<(Style, String)>>],
                        shade: Option<(u8, u8, u8)>,
                        header: Option<bool>| {
            let n = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let h = n as f32 * line_h + 2.0 * pad;
            let top = me.y;
            if let Some(fill) = shade {
                me.op(Op::Rect {
                    x: LEFT,
                    y: top,
                    w: full,
                    h,
                    fill,
                });
            }
            if header.is_some() {
                me.tree.open(Kind::Row);
            }
            let mut x = LEFT;
            let space = me.fonts.width(Style::Regular, size, " ");
            for (lines, w) in cells.iter().zip(&widths) {
                let draw = |me: &mut Self| {
                    for (i, line) in lines.iter().enumerate() {
                        let mut cx = x + pad;
                        let baseline = top + pad + i as f32 * line_h + size;
                        for (style, word) in line {
                            me.text(cx, baseline, *style, size, word);
                            cx += me.fonts.width(*style, size, word) + space;
                        }
                    }
                };
                match header {
                    Some(true) => me.element(Kind::Header(true), draw),
                    Some(false) => me.element(Kind::Cell, draw),
                    None => me.as_layout(draw),
                }
                x += w;
            }
            if header.is_some() {
                me.tree.close();
            }
            me.op(Op::Line {
                x1: LEFT,
                y1: top + h,
                x2: RIGHT,
                y2: top + h,
                width: 0.4,
            });
            me.y = top + h;
        };
        let header = row_lines(self, &t.header, Style::Bold);
        let header_h = header.iter().map(Vec::len).max().unwrap_or(1) as f32 * line_h + 2.0 * pad;
        // Never a header alone at a page's foot: it starts where its first
        // row fits below it (a row taller than a page is split anyway).
        let first_h = t.rows.first().map_or(0.0, |row| {
            let cells = row_lines(self, row, Style::Regular);
            cells.iter().map(Vec::len).max().unwrap_or(1) as f32 * line_h + 2.0 * pad
        });
        self.ensure(header_h + first_h.min(BOTTOM - TOP - header_h - 20.0));
        self.tree.open(Kind::Table);
        draw_row(self, &header, Some((225, 230, 236)), Some(true));
        for row in &t.rows {
            let mut cells = row_lines(self, row, Style::Regular);
            let n = cells.iter().map(Vec::len).max().unwrap_or(1);
            let h = n as f32 * line_h + 2.0 * pad;
            if self.y + h > BOTTOM {
                // A row taller than a page is split between lines.
                let room = ((BOTTOM - self.y - 2.0 * pad) / line_h).floor() as usize;
                if h > BOTTOM - TOP - header_h && room > 0 {
                    let first: Vec<_> = cells
                        .iter_mut()
                        .map(|c| c.drain(..room.min(c.len())).collect())
                        .collect();
                    draw_row(self, &first, None, Some(false));
                }
                self.new_page();
                draw_row(self, &header, Some((225, 230, 236)), None);
            }
            draw_row(self, &cells, None, Some(false));
        }
        self.tree.close();
        self.gap(8.0);
    }

    /// The matrix: its title as a paragraph, then the grid as a figure
    /// whose text alternative says where each risk is and in which band.
    fn matrix(&mut self, m: &Matrix) {
        let h = 44.0 * 5.0 + 40.0;
        self.ensure(h + 20.0);
        self.element(Kind::Para, |me| {
            me.flow(&[(Style::Bold, &m.title)], 11.0, LEFT, RIGHT - LEFT);
        });
        self.gap(14.0);
        self.tree.open(Kind::Figure(m.alt.clone()));
        let leaf = self.tree.leaf();
        let before = self.leaf.replace(Mark::Figure(leaf));
        self.grid(m);
        self.leaf = before;
        self.tree.close();
    }

    fn grid(&mut self, m: &Matrix) {
        let cell = 44.0;
        let label_w = 26.0;
        let top = self.y;
        let x0 = LEFT + label_w;
        for (r, row) in m.cells.iter().enumerate() {
            for (c, cellv) in row.iter().enumerate() {
                let x = x0 + c as f32 * cell;
                let y = top + r as f32 * cell;
                let fill = match (cellv.band, cellv.top) {
                    (_, true) => (230, 120, 110),
                    (0, _) => (170, 215, 160),
                    (1, _) => (245, 230, 140),
                    _ => (245, 185, 120),
                };
                self.op(Op::Rect {
                    x,
                    y,
                    w: cell,
                    h: cell,
                    fill,
                });
                let product = u16::from(cellv.likelihood) * u16::from(cellv.consequence);
                self.text(x + 3.0, y + 9.0, Style::Regular, 7.0, &product.to_string());
                // The band in words too, not by colour alone.
                let band: String = cellv.band_name.chars().take(1).collect();
                let bw = self.fonts.width(Style::Italic, 7.0, &band);
                self.text(x + cell - bw - 3.0, y + 9.0, Style::Italic, 7.0, &band);
                if !cellv.markers.is_empty() {
                    let text = cellv.markers.join(", ");
                    let lines = self.wrap(&[(Style::Bold, &text)], 10.0, cell - 6.0);
                    for (i, line) in lines.iter().take(3).enumerate() {
                        let words: Vec<&str> = line.iter().map(|(_, w)| w.as_str()).collect();
                        self.text(
                            x + 4.0,
                            y + 22.0 + i as f32 * 11.0,
                            Style::Bold,
                            10.0,
                            &words.join(" "),
                        );
                    }
                }
            }
            let l = 5 - r;
            self.text(
                LEFT + 8.0,
                top + r as f32 * cell + cell / 2.0 + 4.0,
                Style::Regular,
                9.0,
                &l.to_string(),
            );
        }
        for i in 0..=5 {
            let d = i as f32 * cell;
            self.op(Op::Line {
                x1: x0,
                y1: top + d,
                x2: x0 + 5.0 * cell,
                y2: top + d,
                width: 0.6,
            });
            self.op(Op::Line {
                x1: x0 + d,
                y1: top,
                x2: x0 + d,
                y2: top + 5.0 * cell,
                width: 0.6,
            });
        }
        for k in 1..=5 {
            let x = x0 + (k as f32 - 0.5) * cell - 2.5;
            self.text(
                x,
                top + 5.0 * cell + 12.0,
                Style::Regular,
                9.0,
                &k.to_string(),
            );
        }
        let [likelihood, consequence] = &m.axes;
        self.text(
            x0,
            top + 5.0 * cell + 26.0,
            Style::Italic,
            8.5,
            &format!("{consequence} →"),
        );
        self.text(LEFT, top - 3.0, Style::Italic, 8.5, likelihood);
        self.y = top + 5.0 * cell + 34.0;
    }
}

/// A report laid out on A4 pages and written as PDF/A-2b.
/// A report laid out on A4 pages and written as tagged PDF/A-2a and
/// PDF/UA-1: krilla refuses to write it if either is broken.
pub fn render(r: &Report) -> Result<Vec<u8>, String> {
    render_checked(r).map(|(pdf, _)| pdf)
}

/// The same, and the signs no embedded font has (drawn as «?»), for the
/// export to say.
pub fn render_checked(r: &Report) -> Result<(Vec<u8>, Vec<char>), String> {
    let fonts = Fonts::load()?;
    let layout = lay_out(r, &fonts);
    let count = layout.pages.len();
    let configuration = ConfigurationBuilder::new()
        .with_archival_validator(Archival::A2_A)
        .with_accessibility_validator(Accessibility::UA1)
        .finish()
        .map_err(|e| format!("somevett: PDF/A: {e:?}"))?;
    let settings = krilla::SerializeSettings {
        configuration,
        enable_tagging: true,
        ..Default::default()
    };
    let mut doc = Document::new_with(settings);
    doc.set_metadata(metadata(r));
    let mut drawn: HashMap<usize, Vec<Identifier>> = HashMap::new();
    for (n, ops) in layout.pages.iter().enumerate() {
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or("somevett: sidestørrelse")?;
        let mut page = doc.start_page_with(settings);
        let mut surface = page.surface();
        let chrome = chrome(&fonts, &r.header, n, count);
        // Each run of operations with one mark is one piece of marked
        // content: a leaf's text or figure, or an artifact.
        let mut open: Option<Mark> = None;
        for marked in ops.iter().cloned().chain(chrome) {
            if open != Some(marked.mark) {
                if open.is_some() {
                    surface.end_tagged();
                }
                let id = surface.start_tagged(content_tag(marked.mark));
                if let Mark::Text(leaf) | Mark::Figure(leaf) = marked.mark {
                    drawn.entry(leaf).or_default().push(id);
                }
                open = Some(marked.mark);
            }
            draw(&mut surface, &fonts, marked.op);
        }
        if open.is_some() {
            surface.end_tagged();
        }
        surface.finish();
        page.finish();
    }
    doc.set_outline(outline(&layout.outline));
    doc.set_tag_tree(layout.tree.into_tag_tree(&mut drawn));
    let pdf = doc
        .finish()
        .map_err(|e| format!("somevett: kunne ikke lage PDF/A: {e:?}"))?;
    let missing = fonts.missing.borrow().iter().copied().collect();
    Ok((pdf, missing))
}

fn content_tag(mark: Mark) -> ContentTag<'static> {
    match mark {
        Mark::Text(_) => ContentTag::Span(SpanTag::empty()),
        Mark::Figure(_) => ContentTag::Other,
        Mark::Layout => ContentTag::Artifact(Artifact::with_kind(ArtifactType::Layout)),
        Mark::Page => ContentTag::Artifact(Artifact::with_kind(ArtifactType::PaginationOther)),
    }
}

/// The bookmarks: every heading, nested by level, pointing at its place.
fn outline(headings: &[(u16, String, usize, f32)]) -> Outline {
    // Each open level's node, to hang deeper ones under.
    let mut stack: Vec<(u16, OutlineNode)> = Vec::new();
    let mut root = Outline::new();
    let fold = |stack: &mut Vec<(u16, OutlineNode)>, root: &mut Outline, level: u16| {
        while stack.last().is_some_and(|(l, _)| *l >= level) {
            if let Some((_, node)) = stack.pop() {
                match stack.last_mut() {
                    Some((_, parent)) => parent.push_child(node),
                    None => root.push_child(node),
                }
            }
        }
    };
    for (level, text, page, y) in headings {
        fold(&mut stack, &mut root, *level);
        let to = XyzDestination::new(*page, Point::from_xy(LEFT, (*y - 4.0).max(0.0)));
        // The title and the main sections open, so their parts show.
        let node = OutlineNode::new(text.clone(), to).with_open(*level <= 2);
        stack.push((*level, node));
    }
    fold(&mut stack, &mut root, 0);
    root
}

/// The report's blocks on pages, as drawing operations, with the
/// document's structure and its bookmarks.
fn lay_out<'f>(r: &Report, fonts: &'f Fonts) -> Layout<'f> {
    let mut layout = Layout::new(fonts);
    for (i, block) in r.blocks.iter().enumerate() {
        // The approval heading, its sentence and the lines to sign stay on one page.
        let signing = r.blocks[i..].iter().take(3).find_map(|b| match b {
            Block::Signatures(labels) => Some(labels.len()),
            _ => None,
        });
        if let (Block::Heading(..), Some(n)) = (block, signing) {
            layout.ensure(80.0 + n as f32 * SIGNATURE_H);
        }
        // A heading stays with the start of what follows it (a table's
        // header and first row, a whole figure); an item's text with its
        // «Kilde» below it.
        match (block, r.blocks.get(i + 1)) {
            (Block::Heading(level, _), Some(next)) => {
                let own = if *level == 1 { 16.0 } else { 13.0 } * 2.0;
                layout.ensure(own + layout.start_height(next));
            }
            (Block::Para(t), Some(Block::Fields(f))) => {
                let lines = layout
                    .wrap(&[(Style::Regular, t)], BODY, RIGHT - LEFT)
                    .len();
                let rows = f.len().min(2) as f32;
                layout.ensure((lines as f32 + rows) * BODY * LEADING + 10.0);
            }
            _ => {}
        }
        layout.block(block);
    }
    layout
}

/// The document's metadata: title, subject, keywords, language, author and
/// its date.
fn metadata(r: &Report) -> Metadata {
    let mut metadata = Metadata::new()
        .title(r.title.clone())
        .description(r.subject.clone())
        .keywords(r.keywords.clone())
        .language(r.lang.clone())
        .creator("somevett".into())
        .producer(format!("somevett {}", env!("CARGO_PKG_VERSION")));
    if !r.author.is_empty() {
        metadata = metadata.authors(vec![r.author.clone()]);
    }
    // The document's date when it has one (the day it was written), else
    // the outcome's last change.
    if let Some(d) = r.date {
        return metadata.creation_date(
            DateTime::new(d.year().try_into().unwrap_or(2000))
                .month(d.month().try_into().unwrap_or(1))
                .day(d.day().try_into().unwrap_or(1)),
        );
    }
    let t = r.updated.to_zoned(jiff::tz::TimeZone::UTC);
    metadata.creation_date(
        DateTime::new(t.year().try_into().unwrap_or(2000))
            .month(t.month().try_into().unwrap_or(1))
            .day(t.day().try_into().unwrap_or(1))
            .hour(t.hour().try_into().unwrap_or(0))
            .minute(t.minute().try_into().unwrap_or(0))
            .second(t.second().try_into().unwrap_or(0))
            .utc_offset_hour(0)
            .utc_offset_minute(0),
    )
}

/// What every page but the first carries at its head (the running header
/// and a rule), and every page at its foot: «Side n av N».
fn chrome(fonts: &Fonts, header: &str, n: usize, count: usize) -> Vec<Marked> {
    let mut chrome = Layout::new(fonts);
    chrome.chrome = true;
    if n > 0 {
        chrome.text(LEFT, 46.0, Style::Italic, SMALL, header);
        chrome.op(Op::Line {
            x1: LEFT,
            y1: 52.0,
            x2: RIGHT,
            y2: 52.0,
            width: 0.4,
        });
    }
    let number = format!("Side {} av {count}", n + 1);
    let w = fonts.width(Style::Regular, SMALL, &number);
    chrome.text(RIGHT - w, PAGE_H - 40.0, Style::Regular, SMALL, &number);
    chrome.pages.into_iter().flatten().collect()
}

const BLACK: (u8, u8, u8) = (20, 20, 20);
const GREY: (u8, u8, u8) = (90, 90, 90);

fn color((r, g, b): (u8, u8, u8)) -> rgb::Color {
    rgb::Color::new(r, g, b)
}

/// Draws one operation on a page: small text in grey, other text in black.
fn draw(surface: &mut krilla::surface::Surface, fonts: &Fonts, op: Op) {
    match op {
        Op::Text {
            x,
            y,
            style,
            size,
            text,
        } => {
            surface.set_fill(Some(Fill {
                paint: color(if size <= SMALL { GREY } else { BLACK }).into(),
                ..Default::default()
            }));
            surface.draw_text(
                Point::from_xy(x, y),
                fonts.krilla[Fonts::index(style)].clone(),
                size,
                &text,
                false,
                TextDirection::Auto,
            );
        }
        Op::Rect { x, y, w, h, fill } => {
            let mut pb = PathBuilder::new();
            if let Some(rect) = Rect::from_xywh(x, y, w, h) {
                pb.push_rect(rect);
            }
            if let Some(path) = pb.finish() {
                surface.set_stroke(None);
                surface.set_fill(Some(Fill {
                    paint: color(fill).into(),
                    ..Default::default()
                }));
                surface.draw_path(&path);
            }
        }
        Op::Line {
            x1,
            y1,
            x2,
            y2,
            width,
        } => {
            let mut pb = PathBuilder::new();
            pb.move_to(x1, y1);
            pb.line_to(x2, y2);
            if let Some(path) = pb.finish() {
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke {
                    paint: color(GREY).into(),
                    width,
                    ..Default::default()
                }));
                surface.draw_path(&path);
                surface.set_stroke(None);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Block, Report, Table};

    fn report(blocks: Vec<Block>) -> Report {
        Report {
            title: "T".into(),
            header: "H".into(),
            author: String::new(),
            subject: String::new(),
            keywords: Vec::new(),
            updated: jiff::Timestamp::UNIX_EPOCH,
            date: None,
            lang: "nb".into(),
            blocks,
            untranslated: Vec::new(),
        }
    }

    /// The page a text is first drawn on.
    fn page_of(layout: &Layout, wanted: &str) -> Option<usize> {
        layout.pages.iter().position(|ops| {
            ops.iter()
                .any(|m| matches!(&m.op, Op::Text { text, .. } if text.contains(wanted)))
        })
    }

    /// Issue 20 (report.md §2): wherever the page ends, a heading stays with
    /// the table under it, and a table's header with its first row.
    #[test]
    fn a_heading_keeps_its_table_and_a_header_its_first_row() -> Result<(), String> {
        let fonts = Fonts::load()?;
        let table = Table {
            header: vec!["Overskrift".into(), "Kolonne".into()],
            rows: vec![vec!["Første rad ".repeat(40), "x".into()]; 3],
            widths: vec![3.0, 1.0],
        };
        // Fill the first page to every depth, and see where the heading goes.
        for fill in 20..60 {
            let mut blocks = vec![Block::Title("T".into())];
            blocks.extend((0..fill).map(|i| Block::Para(format!("Linje {i}"))));
            blocks.push(Block::Heading(1, "Tabellen".into()));
            blocks.push(Block::Table(table.clone()));
            let r = report(blocks);
            let layout = lay_out(&r, &fonts);
            let heading = page_of(&layout, "Tabellen");
            let header = page_of(&layout, "Overskrift");
            let row = page_of(&layout, "Første");
            assert_eq!(heading, header, "fill {fill}: heading apart from its table");
            assert_eq!(header, row, "fill {fill}: header apart from its first row");
        }
        Ok(())
    }

    /// A label of two lines at a page's foot went down with its second line
    /// while its value was drawn at the old height on the next page (the
    /// rich example's p. 3: «plattformen» at the top, «ja» at the foot).
    /// Wherever the page ends, a label starts on its value's page, and the
    /// value below the page's top.
    #[test]
    fn a_field_keeps_its_label_and_value_on_one_page() -> Result<(), String> {
        let fonts = Fonts::load()?;
        for fill in 20..60 {
            let mut blocks = vec![Block::Title("T".into())];
            blocks.extend((0..fill).map(|i| Block::Para(format!("Linje {i}"))));
            blocks.push(Block::Fields(vec![(
                "TikTok: ønsker plattformen fortsatt".into(),
                "javerdi".into(),
            )]));
            let layout = lay_out(&report(blocks), &fonts);
            let label = page_of(&layout, "TikTok");
            let value = page_of(&layout, "javerdi");
            assert_eq!(label, value, "fill {fill}: label apart from its value");
            let ys: Vec<f32> = layout.pages[value.unwrap_or(0)]
                .iter()
                .filter_map(|m| match &m.op {
                    Op::Text { text, y, .. }
                        if text.contains("TikTok") || text.contains("javerdi") =>
                    {
                        Some(*y)
                    }
                    _ => None,
                })
                .collect();
            assert!(
                ys.len() == 2 && (ys[0] - ys[1]).abs() < 0.1,
                "fill {fill}: label and value start on one line: {ys:?}"
            );
        }
        Ok(())
    }

    /// Report.md §2: a word too long for a narrow cell is cut where the
    /// Norwegian patterns allow, with a soft hyphen (drawn as a hyphen), so the
    /// word read back whole is the word («kommunikasjonsrådgiver» is found).
    #[test]
    fn a_long_word_is_cut_with_a_soft_hyphen() -> Result<(), String> {
        let fonts = Fonts::load()?;
        let layout = Layout::new(&fonts);
        let word = "kommunikasjonsrådgiver";
        let lines = layout.wrap(&[(Style::Regular, word)], 9.0, 45.0);
        assert!(lines.len() >= 2, "{lines:?}");
        let parts: Vec<&str> = lines.iter().flatten().map(|(_, w)| w.as_str()).collect();
        for part in &parts[..parts.len() - 1] {
            assert!(part.ends_with(SOFT_HYPHEN), "{parts:?}");
            assert!(part.trim_end_matches(SOFT_HYPHEN).chars().count() >= 2);
        }
        assert_eq!(parts.concat().replace(SOFT_HYPHEN, ""), word);
        // Cut where Norwegian cuts it (kom-mu-ni-ka-sjons-råd-gi-ver), not
        // wherever the cell ends.
        let breaks: Vec<usize> = hyphen::breaks(word).iter().map(|b| b.at).collect();
        let mut at = 0;
        for part in &parts[..parts.len() - 1] {
            at += part.trim_end_matches(SOFT_HYPHEN).len();
            assert!(
                breaks.contains(&at),
                "{parts:?} cut at {at}, not in {breaks:?}"
            );
        }
        assert!(
            fonts.missing.borrow().is_empty(),
            "the fonts draw the hyphen"
        );
        Ok(())
    }

    /// A sign no embedded font has is drawn as «?» and reported.
    #[test]
    fn a_sign_no_font_has_is_reported() -> Result<(), String> {
        let r = report(vec![Block::Title("Kamera 📷 og 中国".into())]);
        let (_, missing) = render_checked(&r)?;
        assert!(
            missing.contains(&'📷') && missing.contains(&'中'),
            "{missing:?}"
        );
        Ok(())
    }
}
