//! Safe file names from titles a user typed. Nothing typed can make a path:
//! no separators, no `..`, no NUL, no reserved device names, bounded length.

const MAX_LEN: usize = 60;

/// Names Windows reserves for devices, whatever the extension.
const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Lowercase ASCII letters, digits and single dashes; Norwegian letters are
/// spelt out (æ -> ae, ø -> o, å -> a). Never empty, never reserved.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        let mapped: &str = match c {
            'æ' => "ae",
            'ø' | 'ö' | 'ó' | 'ò' => "o",
            'å' | 'ä' | 'á' | 'à' => "a",
            'é' | 'è' | 'ê' => "e",
            'ü' | 'ú' => "u",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => "-",
        };
        if mapped == "-" {
            if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        } else {
            out.push_str(mapped);
        }
        if out.len() >= MAX_LEN {
            break;
        }
    }
    out.truncate(MAX_LEN);
    let mut out = out.trim_matches('-').to_owned();
    if out.is_empty() {
        out = "okt".to_owned();
    }
    if RESERVED.contains(&out.as_str()) {
        out = format!("okt-{out}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn norwegian_titles_become_readable_names() {
        assert_eq!(
            slug("Skolens Instagram-konto (Ørsta)"),
            "skolens-instagram-konto-orsta"
        );
        assert_eq!(slug("Blåbær på Ærøy"), "blabaer-pa-aeroy");
    }

    #[test]
    fn hostile_titles_give_safe_names() {
        for (title, expected) in [
            ("../../etc/passwd", "etc-passwd"),
            ("CON", "okt-con"),
            ("nul", "okt-nul"),
            ("a\0b/c\\d", "a-b-c-d"),
            ("..", "okt"),
            ("", "okt"),
            ("🎉🎉", "okt"),
            ("Møte 🎉 i dag", "mote-i-dag"),
        ] {
            assert_eq!(slug(title), expected, "{title:?}");
        }
        let long = slug(&"x".repeat(300));
        assert_eq!(long.len(), 60);
    }
}
