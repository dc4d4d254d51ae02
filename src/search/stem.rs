//! Light stemming: a folded word (see [`super::normalize`]) to its index
//! term. Arabic words lose a conjunction (و، ف) standing before a prefix,
//! then the article or a preposition fused with it (ال، بال، كال، فال،
//! وال، لل) and the sound feminine plural ات, then go through the Snowball
//! Arabic stemmer; other words
//! through the Snowball English stemmer. Stop words are no terms. The
//! browser does the same (`analyse.js`).

use super::normalize::{fold, is_arabic, words, MAX_WORD};
use super::snowball;

/// Folded Arabic words too common to search for (kept in step with
/// `analyse.js`).
pub const STOP_AR: &[&str] = &[
    "في",
    "من",
    "علي",
    "الي",
    "عن",
    "ان",
    "مع",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "التي",
    "الذي",
    "الذين",
    "هو",
    "هي",
    "كان",
    "كانت",
    "ما",
    "لا",
    "لم",
    "لن",
    "قد",
    "ثم",
    "او",
    "كل",
    "بين",
    "عند",
    "حتي",
    "كما",
    "ولا",
    "وهو",
    "وهي",
    "لقد",
    "انه",
    "انها",
    "به",
    "بها",
    "له",
    "لها",
    "فيه",
    "فيها",
    "منه",
    "منها",
    "عليه",
    "عليها",
    "و",
    "ف",
    "ب",
    "ل",
];

/// English stop words (kept in step with `analyse.js`).
pub const STOP_EN: &[&str] = &[
    "the", "of", "and", "to", "in", "a", "an", "is", "are", "was", "were", "be", "been", "for",
    "on", "at", "by", "with", "from", "that", "this", "these", "those", "it", "its", "as", "or",
    "not", "but", "if", "then", "than", "so", "we", "our", "you", "your", "they", "their", "he",
    "she", "his", "her", "me", "my", "us", "them", "which", "who", "what", "when", "where", "how",
    "all", "any", "can", "will", "would", "should", "could", "may", "might", "must", "do", "does",
    "did", "has", "have", "had", "there", "here", "also", "into", "about", "such", "no",
];

/// The prefixes an Arabic word loses before stemming, longest first, with
/// the fewest letters that must remain after each.
const AR_PREFIXES: &[(&str, usize)] = &[
    ("بال", 3),
    ("كال", 3),
    ("فال", 3),
    ("وال", 3),
    ("ال", 3),
    ("لل", 3),
];

/// The Arabic word without its prefixes: a conjunction before another
/// prefix, then the article (with a fused preposition).
pub fn strip_prefixes(word: &str) -> &str {
    let mut w = word;
    let len = |s: &str| s.chars().count();
    for conj in ["و", "ف"] {
        if let Some(rest) = w.strip_prefix(conj) {
            if len(rest) >= 4
                && ["ال", "لل", "بال", "كال"]
                    .iter()
                    .any(|p| rest.starts_with(p))
            {
                w = rest;
                break;
            }
        }
    }
    for (prefix, keep) in AR_PREFIXES {
        if let Some(rest) = w.strip_prefix(prefix) {
            if len(rest) >= *keep {
                return rest;
            }
        }
    }
    w
}

/// The Arabic word without the sound feminine plural ات (حافلات → حافل,
/// as حافلة stems), when three letters remain.
pub fn strip_plural(word: &str) -> &str {
    match word.strip_suffix("\u{0627}\u{062A}") {
        Some(rest) if rest.chars().count() >= 3 => rest,
        _ => word,
    }
}

/// The index term of one folded word, or `None` for a stop word or a
/// word too short or too long to search for.
pub fn term_of_folded(w: &str) -> Option<String> {
    let n = w.chars().count();
    if !(2..=MAX_WORD).contains(&n) {
        return None;
    }
    if is_arabic(w) {
        if STOP_AR.contains(&w) {
            return None;
        }
        Some(snowball::run(
            snowball::arabic::stem,
            strip_plural(strip_prefixes(w)),
        ))
    } else if w.chars().all(|c| c.is_ascii_digit()) {
        Some(w.to_string())
    } else {
        if STOP_EN.contains(&w) {
            return None;
        }
        Some(snowball::run(snowball::english::stem, w))
    }
}

/// The index term of a word as written.
pub fn term(word: &str) -> Option<String> {
    term_of_folded(&fold(word))
}

/// Every term of a text, in order, repeats kept.
pub fn terms(text: &str) -> Vec<String> {
    words(text).iter().filter_map(|w| term(w)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spelling_variants_share_a_term() {
        let same = |a: &str, b: &str| assert_eq!(term(a), term(b), "{a} / {b}");
        same("المواطنين", "والمواطنين");
        same("المياه", "الميـــاه");
        same("مَدْرَسَة", "مدرسه");
        same("إدارة", "ادارة");
        same("ٱلمياه", "المياه");
        same("tariffs", "tariff");
        same("Permits", "permit");
        same("حافلات", "حافلة");
        same("أماناً", "امان");
        assert_eq!(term("في"), None);
        assert_eq!(term("the"), None);
        assert_eq!(term("٢٠٢٦"), Some("2026".into()));
    }
}
