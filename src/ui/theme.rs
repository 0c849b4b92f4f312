//! Named styles. Screens take colours from here, never from literals, and the
//! monochrome theme (for `NO_COLOR` and projectors) carries meaning with bold,
//! reverse and underline alone.

use ratatui::style::{Color, Modifier, Style};

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
}

impl Theme {
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
            selected: Style::new()
                .bg(Color::Indexed(237))
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
            wheel_current_empty: Some(Color::Indexed(238)),
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
        }
    }

    /// Colour unless the `NO_COLOR` convention asks for none.
    pub fn from_env() -> Self {
        Self::for_no_color(std::env::var_os("NO_COLOR").as_deref())
    }

    /// The theme for a value of `NO_COLOR`: set and not empty means none.
    pub fn for_no_color(value: Option<&std::ffi::OsStr>) -> Self {
        match value {
            Some(v) if !v.is_empty() => Self::monochrome(),
            _ => Self::color(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Theme;
    use std::ffi::OsStr;

    #[test]
    fn no_color_set_and_not_empty_means_monochrome() {
        assert_eq!(
            Theme::for_no_color(Some(OsStr::new("1"))),
            Theme::monochrome()
        );
        assert_eq!(Theme::for_no_color(Some(OsStr::new(""))), Theme::color());
        assert_eq!(Theme::for_no_color(None), Theme::color());
    }
}
