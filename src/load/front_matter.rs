//! Splits a Markdown file into its TOML front matter and its body.
//!
//! Front matter is TOML between two lines that hold only `+++`, at the very
//! top of the file (the Zola convention). A UTF-8 byte order mark before it
//! is tolerated. Returns byte ranges so that positions in the TOML map back
//! to lines of the Markdown file.

use std::ops::Range;

#[derive(Debug, PartialEq, Eq)]
pub struct Split {
    /// The TOML between the fences.
    pub front: Range<usize>,
    pub body: Range<usize>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Problem {
    /// The file does not start with `+++`.
    Missing,
    /// The opening `+++` at this range is never closed.
    Unclosed(Range<usize>),
}

/// Splits `text`. A file without front matter is `Err(Missing)`.
pub fn split(text: &str) -> Result<Split, Problem> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[start..];
    let first_end = rest.find('\n').map(|i| i + 1).unwrap_or(rest.len());
    if rest[..first_end].trim_end() != "+++" {
        return Err(Problem::Missing);
    }
    let front_start = start + first_end;
    let mut pos = front_start;
    while pos < text.len() {
        let line_end = text[pos..]
            .find('\n')
            .map(|i| pos + i + 1)
            .unwrap_or(text.len());
        if text[pos..line_end].trim_end() == "+++" {
            return Ok(Split {
                front: front_start..pos,
                body: line_end..text.len(),
            });
        }
        pos = line_end;
    }
    Err(Problem::Unclosed(start..start + 3))
}

/// The body of a file whose front matter is optional.
pub fn body_of(text: &str) -> Range<usize> {
    match split(text) {
        Ok(s) => s.body,
        Err(_) => {
            if text.starts_with('\u{feff}') {
                3..text.len()
            } else {
                0..text.len()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let t = "+++\ntitle = \"x\"\n+++\nBody\n";
        let s = split(t).unwrap();
        assert_eq!(&t[s.front.clone()], "title = \"x\"\n");
        assert_eq!(&t[s.body.clone()], "Body\n");
    }

    #[test]
    fn crlf_and_bom_are_tolerated() {
        let t = "\u{feff}+++\r\ntitle = \"x\"\r\n+++\r\nBody";
        let s = split(t).unwrap();
        assert_eq!(&t[s.body], "Body");
    }

    #[test]
    fn missing_and_unclosed_are_told_apart() {
        assert_eq!(split("Body only"), Err(Problem::Missing));
        assert_eq!(split("+++\ntitle = 1\n"), Err(Problem::Unclosed(0..3)));
        assert_eq!(split(""), Err(Problem::Missing));
    }
}
