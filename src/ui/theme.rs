//! Named styles. Screens take colours from here, never from literals, and the
//! monochrome theme (for `NO_COLOR`, `TERM=dumb` and `--theme mono`) carries
//! meaning with bold, reverse, underline and symbols alone.
//!
//! A theme is chosen by name (`dark`, `light`, `projector`, `mono`) and drawn
//! at the colour depth the terminal has: 256-colour shades where `TERM` or
//! `COLORTERM` promise them, else the 16 colours every terminal has, else none.

use std::ffi::OsStr;

use ratatui::style::{Color, Modifier, Style};

pub use crate::config::ThemeName;

/// How many colours the terminal can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorDepth {
    /// No colour: `NO_COLOR` is set, or `TERM=dumb`.
    None,
    /// The 16 ANSI colours, whose shades the user's terminal chooses.
    Ansi16,
    /// The xterm 256-colour palette.
    Ansi256,
    /// 24-bit colour; our themes draw it with the 256-colour palette.
    TrueColor,
}

impl ColorDepth {
    /// The depth the process's environment announces.
    pub fn from_env() -> Self {
        Self::detect(
            std::env::var_os("NO_COLOR").as_deref(),
            std::env::var_os("COLORTERM").as_deref(),
            std::env::var_os("TERM").as_deref(),
        )
    }

    /// The depth for these values of `NO_COLOR`, `COLORTERM` and `TERM`.
    /// `NO_COLOR` wins (set and not empty means none, see no-color.org); then
    /// `TERM=dumb`; then `COLORTERM=truecolor|24bit`; then what `TERM` names.
    /// A plain `xterm`, `screen`, `linux` or an unset `TERM` gets 16 colours:
    /// a terminal that can do more says so in `TERM` or `COLORTERM`.
    pub fn detect(
        no_color: Option<&OsStr>,
        colorterm: Option<&OsStr>,
        term: Option<&OsStr>,
    ) -> Self {
        if no_color.is_some_and(|v| !v.is_empty()) {
            return ColorDepth::None;
        }
        let lower = |v: Option<&OsStr>| v.map(|v| v.to_string_lossy().trim().to_lowercase());
        let term = lower(term).unwrap_or_default();
        if term == "dumb" {
            return ColorDepth::None;
        }
        if matches!(lower(colorterm).as_deref(), Some("truecolor" | "24bit")) {
            return ColorDepth::TrueColor;
        }
        const TRUECOLOR_TERMS: [&str; 5] = [
            "xterm-kitty",
            "xterm-ghostty",
            "alacritty",
            "wezterm",
            "foot",
        ];
        if term.ends_with("-direct")
            || term.contains("truecolor")
            || term.contains("24bit")
            || TRUECOLOR_TERMS.contains(&term.as_str())
        {
            ColorDepth::TrueColor
        } else if term.contains("256col") {
            ColorDepth::Ansi256
        } else {
            ColorDepth::Ansi16
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub base: Style,
    pub dim: Style,
    pub title: Style,
    pub border: Style,
    pub border_focus: Style,
    pub tab: Style,
    pub tab_active: Style,
    pub selected: Style,
    /// Matched characters in search results.
    pub matched: Style,
    pub key: Style,
    pub key_label: Style,
    pub label: Style,
    pub document: Style,
    pub section: Style,
    pub tag: Style,
    pub error: Style,
    /// Risk bands, lowest to highest.
    pub band_low: Style,
    pub band_moderate: Style,
    pub band_significant: Style,
    pub band_high: Style,
    /// The wheel: sector hues (dim, and bright for the current one), the rim
    /// and the empty part of the current sector.
    pub sectors_dim: [Color; 6],
    pub sectors_bright: [Color; 6],
    pub wheel_rim: Color,
    /// None where only filled pixels can be told apart (no colour).
    pub wheel_current_empty: Option<Color>,
    /// The wheel's fill for each stance of the selected alternative:
    /// taler for, taler mot, uavklart, ikke relevant.
    pub stance_for: Color,
    pub stance_against: Color,
    pub stance_open: Color,
    pub stance_irrelevant: Color,
    /// The outline of the current sector.
    pub wheel_current: Color,
    /// A stance's symbol printed on its fill colour.
    pub stance_text: Color,
    /// False without colour: the wheel then fills sectors with their
    /// stance's symbol, and errors carry `error_prefix`.
    pub has_colour: bool,
    /// Put before error messages, so an error reads as one without colour.
    pub error_prefix: &'static str,
}

impl Theme {
    /// The theme `name` drawn at colour depth `depth`. Without colour every
    /// theme is `mono`; the projector theme keeps to the 16 bright ANSI
    /// colours at every depth, since the terminal's own 16 are tuned to it.
    pub fn new(name: ThemeName, depth: ColorDepth) -> Self {
        let rich = matches!(depth, ColorDepth::Ansi256 | ColorDepth::TrueColor);
        match (name, depth) {
            (ThemeName::Mono, _) | (_, ColorDepth::None) => Self::monochrome(),
            (ThemeName::Projector, _) => Self::projector(),
            (ThemeName::Dark, _) if rich => Self::color(),
            (ThemeName::Dark, _) => Self::dark16(),
            (ThemeName::Light, _) if rich => Self::light256(),
            (ThemeName::Light, _) => Self::light16(),
        }
    }

    /// The dark theme in 256 colours.
    pub fn color() -> Self {
        Theme {
            base: Style::new(),
            dim: Style::new().fg(Color::DarkGray),
            title: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::DarkGray),
            border_focus: Style::new().fg(Color::Cyan),
            tab: Style::new().fg(Color::Gray),
            tab_active: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            // White on blue: the dark grey this was (237) vanished on projectors.
            selected: Style::new()
                .fg(Color::White)
                .bg(Color::Indexed(24))
                .add_modifier(Modifier::BOLD),
            matched: Style::new()
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            key: Style::new().fg(Color::Black).bg(Color::Gray),
            key_label: Style::new().fg(Color::Gray),
            label: Style::new().fg(Color::Cyan),
            document: Style::new()
                .fg(Color::LightBlue)
                .add_modifier(Modifier::BOLD),
            section: Style::new().fg(Color::LightGreen),
            tag: Style::new().fg(Color::Magenta),
            error: Style::new()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            band_low: Style::new().fg(Color::Black).bg(Color::Green),
            band_moderate: Style::new().fg(Color::Black).bg(Color::Yellow),
            band_significant: Style::new().fg(Color::Black).bg(Color::Indexed(208)),
            band_high: Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
            sectors_dim: [
                Color::Indexed(24),
                Color::Indexed(29),
                Color::Indexed(94),
                Color::Indexed(90),
                Color::Indexed(58),
                Color::Indexed(25),
            ],
            sectors_bright: [
                Color::Indexed(39),
                Color::Indexed(42),
                Color::Indexed(214),
                Color::Indexed(170),
                Color::Indexed(184),
                Color::Indexed(75),
            ],
            wheel_rim: Color::Gray,
            wheel_current_empty: Some(Color::Indexed(245)),
            stance_for: Color::Indexed(35),
            stance_against: Color::Indexed(160),
            stance_open: Color::Indexed(220),
            stance_irrelevant: Color::Indexed(140),
            wheel_current: Color::Indexed(51),
            stance_text: Color::Black,
            has_colour: true,
            error_prefix: "",
        }
    }

    /// The dark theme in the 16 ANSI colours.
    pub fn dark16() -> Self {
        Theme {
            selected: Style::new()
                .fg(Color::White)
                .bg(Color::Blue)
                .add_modifier(Modifier::BOLD),
            band_significant: Style::new().fg(Color::Black).bg(Color::LightRed),
            sectors_dim: [
                Color::Blue,
                Color::Green,
                Color::Yellow,
                Color::Magenta,
                Color::Cyan,
                Color::Red,
            ],
            sectors_bright: [
                Color::LightBlue,
                Color::LightGreen,
                Color::LightYellow,
                Color::LightMagenta,
                Color::LightCyan,
                Color::LightRed,
            ],
            wheel_current_empty: Some(Color::Gray),
            stance_for: Color::Green,
            stance_against: Color::Red,
            stance_open: Color::Yellow,
            stance_irrelevant: Color::Magenta,
            wheel_current: Color::LightCyan,
            ..Self::color()
        }
    }

    /// For a light terminal, in 256 colours: dark text, pale highlights.
    pub fn light256() -> Self {
        Theme {
            base: Style::new(),
            dim: Style::new().fg(Color::Indexed(242)),
            title: Style::new()
                .fg(Color::Indexed(25))
                .add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::Indexed(246)),
            border_focus: Style::new().fg(Color::Indexed(25)),
            tab: Style::new().fg(Color::Indexed(238)),
            tab_active: Style::new()
                .fg(Color::Indexed(231))
                .bg(Color::Indexed(25))
                .add_modifier(Modifier::BOLD),
            selected: Style::new()
                .bg(Color::Indexed(153))
                .add_modifier(Modifier::BOLD),
            matched: Style::new()
                .fg(Color::Indexed(125))
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            key: Style::new().fg(Color::Indexed(231)).bg(Color::Indexed(240)),
            key_label: Style::new().fg(Color::Indexed(236)),
            label: Style::new().fg(Color::Indexed(25)),
            document: Style::new()
                .fg(Color::Indexed(19))
                .add_modifier(Modifier::BOLD),
            section: Style::new().fg(Color::Indexed(28)),
            tag: Style::new().fg(Color::Indexed(90)),
            error: Style::new()
                .fg(Color::Indexed(160))
                .add_modifier(Modifier::BOLD),
            band_low: Style::new().fg(Color::Black).bg(Color::Indexed(114)),
            band_moderate: Style::new().fg(Color::Black).bg(Color::Indexed(221)),
            band_significant: Style::new().fg(Color::Black).bg(Color::Indexed(208)),
            band_high: Style::new()
                .fg(Color::Indexed(231))
                .bg(Color::Indexed(160))
                .add_modifier(Modifier::BOLD),
            sectors_dim: [
                Color::Indexed(110),
                Color::Indexed(114),
                Color::Indexed(222),
                Color::Indexed(183),
                Color::Indexed(187),
                Color::Indexed(152),
            ],
            sectors_bright: [
                Color::Indexed(25),
                Color::Indexed(28),
                Color::Indexed(130),
                Color::Indexed(90),
                Color::Indexed(100),
                Color::Indexed(31),
            ],
            wheel_rim: Color::Indexed(240),
            wheel_current_empty: Some(Color::Indexed(245)),
            stance_for: Color::Indexed(34),
            stance_against: Color::Indexed(160),
            stance_open: Color::Indexed(214),
            stance_irrelevant: Color::Indexed(110),
            wheel_current: Color::Indexed(21),
            stance_text: Color::Black,
            has_colour: true,
            error_prefix: "",
        }
    }

    /// For a light terminal, in the 16 ANSI colours.
    pub fn light16() -> Self {
        Theme {
            base: Style::new(),
            dim: Style::new().fg(Color::DarkGray),
            title: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::DarkGray),
            border_focus: Style::new().fg(Color::Blue),
            tab: Style::new().fg(Color::Black),
            tab_active: Style::new()
                .fg(Color::White)
                .bg(Color::Blue)
                .add_modifier(Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            matched: Style::new()
                .fg(Color::Magenta)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            key: Style::new().fg(Color::White).bg(Color::Black),
            key_label: Style::new().fg(Color::Black),
            label: Style::new().fg(Color::Blue),
            document: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            section: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
            tag: Style::new().fg(Color::Magenta),
            error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            band_low: Style::new().fg(Color::Black).bg(Color::Green),
            band_moderate: Style::new().fg(Color::Black).bg(Color::Yellow),
            band_significant: Style::new().fg(Color::Black).bg(Color::LightRed),
            band_high: Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
            sectors_dim: [
                Color::Blue,
                Color::Green,
                Color::Yellow,
                Color::Magenta,
                Color::Cyan,
                Color::Red,
            ],
            sectors_bright: [
                Color::Blue,
                Color::Green,
                Color::Yellow,
                Color::Magenta,
                Color::Cyan,
                Color::Red,
            ],
            wheel_rim: Color::Black,
            wheel_current_empty: Some(Color::DarkGray),
            stance_for: Color::Green,
            stance_against: Color::Red,
            stance_open: Color::Yellow,
            stance_irrelevant: Color::Cyan,
            wheel_current: Color::Blue,
            stance_text: Color::Black,
            has_colour: true,
            error_prefix: "",
        }
    }

    /// For a projector: the bright ANSI colours only (no dark greys), bold
    /// selection in black on yellow, bold titles and keys.
    pub fn projector() -> Self {
        let bold = Modifier::BOLD;
        Theme {
            base: Style::new(),
            dim: Style::new(),
            title: Style::new().fg(Color::LightCyan).add_modifier(bold),
            border: Style::new().fg(Color::White),
            border_focus: Style::new().fg(Color::LightCyan).add_modifier(bold),
            tab: Style::new().fg(Color::White),
            tab_active: Style::new()
                .fg(Color::Black)
                .bg(Color::LightCyan)
                .add_modifier(bold),
            selected: Style::new()
                .fg(Color::Black)
                .bg(Color::LightYellow)
                .add_modifier(bold),
            matched: Style::new()
                .fg(Color::LightYellow)
                .add_modifier(bold | Modifier::UNDERLINED),
            key: Style::new()
                .fg(Color::Black)
                .bg(Color::White)
                .add_modifier(bold),
            key_label: Style::new().fg(Color::White),
            label: Style::new().fg(Color::LightCyan).add_modifier(bold),
            document: Style::new().fg(Color::LightBlue).add_modifier(bold),
            section: Style::new().fg(Color::LightGreen).add_modifier(bold),
            tag: Style::new().fg(Color::LightMagenta),
            error: Style::new().fg(Color::LightRed).add_modifier(bold),
            band_low: Style::new().fg(Color::Black).bg(Color::LightGreen),
            band_moderate: Style::new().fg(Color::Black).bg(Color::LightYellow),
            // Magenta, not a second red: two reds merge on a washed-out projector.
            band_significant: Style::new()
                .fg(Color::Black)
                .bg(Color::LightMagenta)
                .add_modifier(bold),
            band_high: Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(bold),
            sectors_dim: [
                Color::LightBlue,
                Color::LightGreen,
                Color::LightYellow,
                Color::LightMagenta,
                Color::LightCyan,
                Color::LightRed,
            ],
            sectors_bright: [
                Color::LightBlue,
                Color::LightGreen,
                Color::LightYellow,
                Color::LightMagenta,
                Color::LightCyan,
                Color::LightRed,
            ],
            wheel_rim: Color::White,
            wheel_current_empty: Some(Color::White),
            stance_for: Color::LightGreen,
            stance_against: Color::LightRed,
            stance_open: Color::LightYellow,
            stance_irrelevant: Color::LightBlue,
            wheel_current: Color::LightMagenta,
            stance_text: Color::Black,
            has_colour: true,
            error_prefix: "",
        }
    }

    pub fn monochrome() -> Self {
        let plain = Style::new();
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            base: plain,
            dim: plain,
            title: bold,
            border: plain,
            border_focus: bold,
            tab: plain,
            tab_active: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            matched: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            key: Style::new().add_modifier(Modifier::REVERSED),
            key_label: plain,
            label: bold,
            document: bold,
            section: plain,
            tag: Style::new().add_modifier(Modifier::ITALIC),
            error: bold,
            band_low: plain,
            band_moderate: plain,
            band_significant: Style::new().add_modifier(Modifier::UNDERLINED),
            band_high: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            sectors_dim: [Color::Reset; 6],
            sectors_bright: [Color::Reset; 6],
            wheel_rim: Color::Reset,
            wheel_current_empty: None,
            stance_for: Color::Reset,
            stance_against: Color::Reset,
            stance_open: Color::Reset,
            stance_irrelevant: Color::Reset,
            wheel_current: Color::Reset,
            stance_text: Color::Reset,
            has_colour: false,
            error_prefix: "Feil: ",
        }
    }

    /// The dark theme at the colour depth the environment announces.
    pub fn from_env() -> Self {
        Self::new(ThemeName::Dark, ColorDepth::from_env())
    }

    /// The theme for a value of `NO_COLOR`: set and not empty means none.
    pub fn for_no_color(value: Option<&OsStr>) -> Self {
        match value {
            Some(v) if !v.is_empty() => Self::monochrome(),
            _ => Self::color(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{ColorDepth, Theme, ThemeName};
    use ratatui::style::{Color, Style};
    use std::ffi::OsStr;

    fn depth(no_color: Option<&str>, colorterm: Option<&str>, term: Option<&str>) -> ColorDepth {
        ColorDepth::detect(
            no_color.map(OsStr::new),
            colorterm.map(OsStr::new),
            term.map(OsStr::new),
        )
    }

    #[test]
    fn no_color_set_and_not_empty_means_monochrome() {
        assert_eq!(
            Theme::for_no_color(Some(OsStr::new("1"))),
            Theme::monochrome()
        );
        assert_eq!(Theme::for_no_color(Some(OsStr::new(""))), Theme::color());
        assert_eq!(Theme::for_no_color(None), Theme::color());
    }

    #[test]
    fn the_colour_depth_follows_no_color_colorterm_and_term() {
        let cases = [
            // (NO_COLOR, COLORTERM, TERM) -> depth
            ((None, None, Some("xterm")), ColorDepth::Ansi16),
            ((None, None, Some("xterm-256color")), ColorDepth::Ansi256),
            ((None, None, Some("screen-256color")), ColorDepth::Ansi256),
            ((None, None, Some("tmux-256color")), ColorDepth::Ansi256),
            (
                (None, Some("truecolor"), Some("xterm-256color")),
                ColorDepth::TrueColor,
            ),
            ((None, Some("24bit"), Some("xterm")), ColorDepth::TrueColor),
            ((None, Some("TrueColor"), None), ColorDepth::TrueColor),
            ((None, None, Some("xterm-direct")), ColorDepth::TrueColor),
            ((None, None, Some("xterm-kitty")), ColorDepth::TrueColor),
            ((None, None, Some("linux")), ColorDepth::Ansi16),
            ((None, None, Some("screen")), ColorDepth::Ansi16),
            ((None, None, Some("vt100")), ColorDepth::Ansi16),
            ((None, None, None), ColorDepth::Ansi16),
            ((None, Some("yes"), Some("xterm")), ColorDepth::Ansi16),
            ((None, None, Some("dumb")), ColorDepth::None),
            ((None, Some("truecolor"), Some("dumb")), ColorDepth::None),
            (
                (Some("1"), Some("truecolor"), Some("xterm-256color")),
                ColorDepth::None,
            ),
            ((Some("0"), None, Some("xterm")), ColorDepth::None),
            (
                (Some(""), None, Some("xterm-256color")),
                ColorDepth::Ansi256,
            ),
        ];
        for ((no_color, colorterm, term), want) in cases {
            assert_eq!(
                depth(no_color, colorterm, term),
                want,
                "NO_COLOR={no_color:?} COLORTERM={colorterm:?} TERM={term:?}"
            );
        }
    }

    /// Every colour a theme uses, foreground and background.
    fn colours(t: &Theme) -> Vec<Color> {
        let styles = [
            t.base,
            t.dim,
            t.title,
            t.border,
            t.border_focus,
            t.tab,
            t.tab_active,
            t.selected,
            t.matched,
            t.key,
            t.key_label,
            t.label,
            t.document,
            t.section,
            t.tag,
            t.error,
            t.band_low,
            t.band_moderate,
            t.band_significant,
            t.band_high,
        ];
        let mut all: Vec<Color> = styles
            .iter()
            .flat_map(|s: &Style| [s.fg, s.bg])
            .flatten()
            .collect();
        all.extend(t.sectors_dim);
        all.extend(t.sectors_bright);
        all.extend(t.wheel_current_empty);
        all.extend([
            t.wheel_rim,
            t.stance_for,
            t.stance_against,
            t.stance_open,
            t.stance_irrelevant,
            t.wheel_current,
            t.stance_text,
        ]);
        all
    }

    fn is_ansi16(c: Color) -> bool {
        !matches!(c, Color::Indexed(_) | Color::Rgb(..))
    }

    #[test]
    fn a_16_colour_terminal_gets_only_the_16_ansi_colours() {
        for &name in ThemeName::ALL {
            let theme = Theme::new(name, ColorDepth::Ansi16);
            let wide: Vec<Color> = colours(&theme)
                .into_iter()
                .filter(|c| !is_ansi16(*c))
                .collect();
            assert!(wide.is_empty(), "{name}: {wide:?}");
        }
    }

    #[test]
    fn the_projector_theme_has_no_dark_greys_and_a_bold_selection() {
        for depth in [
            ColorDepth::Ansi16,
            ColorDepth::Ansi256,
            ColorDepth::TrueColor,
        ] {
            let t = Theme::new(ThemeName::Projector, depth);
            let all = colours(&t);
            assert!(!all.contains(&Color::DarkGray), "{all:?}");
            assert!(all.iter().all(|c| is_ansi16(*c)), "{all:?}");
            assert!(
                t.selected
                    .add_modifier
                    .contains(ratatui::style::Modifier::BOLD)
            );
        }
    }

    #[test]
    fn without_colour_every_theme_is_mono_and_mono_has_no_colour() {
        for &name in ThemeName::ALL {
            assert_eq!(Theme::new(name, ColorDepth::None), Theme::monochrome());
        }
        for depth in [
            ColorDepth::Ansi16,
            ColorDepth::Ansi256,
            ColorDepth::TrueColor,
        ] {
            assert_eq!(Theme::new(ThemeName::Mono, depth), Theme::monochrome());
        }
        let mono = Theme::monochrome();
        assert!(colours(&mono).iter().all(|c| *c == Color::Reset));
        assert!(!mono.error_prefix.is_empty());
    }

    #[test]
    fn the_themes_differ_and_rich_terminals_get_the_256_colour_shades() {
        assert_eq!(
            Theme::new(ThemeName::Dark, ColorDepth::Ansi256),
            Theme::color()
        );
        assert_eq!(
            Theme::new(ThemeName::Dark, ColorDepth::TrueColor),
            Theme::color()
        );
        let all: Vec<Theme> = [ColorDepth::Ansi16, ColorDepth::Ansi256]
            .into_iter()
            .flat_map(|d| ThemeName::ALL.iter().map(move |&n| Theme::new(n, d)))
            .collect();
        let mut distinct: Vec<&Theme> = Vec::new();
        for t in &all {
            if !distinct.contains(&t) {
                distinct.push(t);
            }
        }
        // dark and light at two depths, projector and mono at any.
        assert_eq!(distinct.len(), 6);
    }
}
