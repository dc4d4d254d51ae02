//! Text to search terms, the same way at build time (here) and in the
//! browser (`themes/default/static/search/analyse.js`, which
//! `tests/search.rs` holds to the same output on a word list).
//!
//! A text is put in Unicode compatibility form (NFKC: Arabic presentation
//! forms and ligatures become letters), cut into words (runs of letters,
//! digits and combining marks), and each word is folded: lower case; the
//! alef forms (أ إ آ ٱ ٲ ٳ) become ا, alef maqsura ى and Farsi yeh ی become
//! ي, keheh ک becomes ك, taa marbuta ة becomes ه; tashkeel (every combining
//! mark) and tatweel go, and so does the alef of a final tanween al-fath
//! (اً); Arabic-Indic and Persian digits become 0–9.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Words longer than this (in characters) are not indexed: no one types them.
pub const MAX_WORD: usize = 40;

/// Whether `c` belongs to a word (JS: `[\p{Alphabetic}\p{N}\p{M}]`).
/// ASCII and the Arabic letters, marks and digits are answered without the
/// Unicode tables (the same answer, sooner: most of a site's text).
pub fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        '\0'..='\x7f' => false,
        '\u{0621}'..='\u{065F}' | '\u{0660}'..='\u{0669}' => true,
        _ => c.is_alphabetic() || c.is_numeric() || is_combining_mark(c),
    }
}

/// Whether NFKC could change what [`fold`] makes of `c`'s words: not for
/// ASCII, nor for the Arabic letters and marks that neither decompose nor
/// compose (NFKC may reorder marks, which folding drops). The marks that
/// compose with a letter before them (madda, hamza above and below) and
/// the letters with compatibility forms (ٵ–ٸ) need it.
fn nfkc_matters(c: char) -> bool {
    !matches!(c, '\0'..='\x7f' | '\u{0600}'..='\u{0652}' | '\u{0656}'..='\u{0674}' | '\u{0679}'..='\u{06FF}')
}

/// Calls `each` with every word of `text` in NFKC, unfolded.
pub fn each_word(text: &str, mut each: impl FnMut(&str)) {
    let owned;
    let text = if !text.chars().any(nfkc_matters) {
        text
    } else {
        owned = text.nfkc().collect::<String>();
        &owned
    };
    for w in text.split(|c: char| !is_word_char(c)) {
        if !w.is_empty() {
            each(w);
        }
    }
}

/// The text in NFKC, cut into its words, unfolded.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_word(text, |w| out.push(w.to_string()));
    out
}

/// One word folded: see the module's documentation.
pub fn fold(word: &str) -> String {
    let mut lower = word.to_lowercase();
    // The alef that carries tanween al-fath (أماناً) is no letter of the word.
    for ending in ["\u{0627}\u{064B}", "\u{064B}\u{0627}"] {
        if lower.ends_with(ending) && lower.chars().count() > 3 {
            lower.truncate(lower.len() - ending.len());
        }
    }
    let mut out = String::with_capacity(lower.len());
    for c in lower.chars() {
        match c {
            '\u{0623}' | '\u{0625}' | '\u{0622}' | '\u{0671}' | '\u{0672}' | '\u{0673}' => {
                out.push('\u{0627}')
            }
            '\u{0649}' | '\u{06CC}' => out.push('\u{064A}'),
            '\u{06A9}' => out.push('\u{0643}'),
            '\u{0629}' => out.push('\u{0647}'),
            '\u{0640}' => {}
            '\u{0660}'..='\u{0669}' => out.push(char::from(b'0' + (c as u32 - 0x0660) as u8)),
            '\u{06F0}'..='\u{06F9}' => out.push(char::from(b'0' + (c as u32 - 0x06F0) as u8)),
            c if is_combining_mark(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Whether a folded word is Arabic (any letter of the Arabic block).
pub fn is_arabic(word: &str) -> bool {
    word.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alef_forms_maqsura_marbuta_tashkeel_tatweel_and_digits_fold() {
        assert_eq!(fold("أإآٱ"), "اااا");
        assert_eq!(fold("مستشفى"), "مستشفي");
        assert_eq!(fold("المدرسة"), "المدرسه");
        assert_eq!(fold("مُوَاطِنٌ"), "مواطن");
        assert_eq!(fold("مـــاء"), "ماء");
        assert_eq!(fold("٢٠٢٦"), "2026");
        assert_eq!(fold("۲۰۲۶"), "2026");
        assert_eq!(fold("Water"), "water");
        assert_eq!(fold("أماناً"), "امان");
    }

    #[test]
    fn the_quick_answers_agree_with_the_unicode_tables() {
        for c in ('\0'..='\u{07FF}').chain(['\u{FEFB}', '\u{FDF2}']) {
            let slow = c.is_alphabetic() || c.is_numeric() || is_combining_mark(c);
            assert_eq!(is_word_char(c), slow, "{c:?}");
        }
    }

    #[test]
    fn text_without_the_characters_nfkc_changes_is_left_as_it_is() {
        let safe: Vec<char> = ('\0'..='\u{07FF}').filter(|&c| !nfkc_matters(c)).collect();
        for &c in &safe {
            assert_eq!(
                c.to_string().nfkc().collect::<String>(),
                c.to_string(),
                "{c:?}"
            );
        }
        // Nor does composition change the folded word of a letter and a mark.
        for a in '\u{0621}'..='\u{064A}' {
            for b in safe.iter().filter(|c| is_combining_mark(**c)) {
                let w = format!("{a}{b}");
                assert_eq!(fold(&w.nfkc().collect::<String>()), fold(&w), "{w:?}");
            }
        }
        assert!(nfkc_matters('\u{0654}') && nfkc_matters('\u{FEFB}'));
    }

    #[test]
    fn presentation_forms_become_letters_and_words_split_on_punctuation() {
        // ﻻ (U+FEFB) is lam-alef; NFKC makes it two letters.
        assert_eq!(words("ﻻ، water-tariffs"), vec!["لا", "water", "tariffs"]);
        assert_eq!(words("2026/03"), vec!["2026", "03"]);
    }
}
