// Text to search terms, exactly as the build does (src/search/normalize.rs
// and src/search/stem.rs; tests/search.rs holds the two to the same output).
import ArabicStemmer from "./stem-ar.js";
import EnglishStemmer from "./stem-en.js";

export const MAX_WORD = 40;

export const STOP_AR = new Set([
  "في", "من", "علي", "الي", "عن", "ان", "مع", "هذا", "هذه", "ذلك", "تلك", "التي", "الذي",
  "الذين", "هو", "هي", "كان", "كانت", "ما", "لا", "لم", "لن", "قد", "ثم", "او", "كل", "بين",
  "عند", "حتي", "كما", "ولا", "وهو", "وهي", "لقد", "انه", "انها", "به", "بها", "له", "لها",
  "فيه", "فيها", "منه", "منها", "عليه", "عليها", "و", "ف", "ب", "ل",
]);

export const STOP_EN = new Set([
  "the", "of", "and", "to", "in", "a", "an", "is", "are", "was", "were", "be", "been", "for",
  "on", "at", "by", "with", "from", "that", "this", "these", "those", "it", "its", "as", "or",
  "not", "but", "if", "then", "than", "so", "we", "our", "you", "your", "they", "their", "he",
  "she", "his", "her", "me", "my", "us", "them", "which", "who", "what", "when", "where", "how",
  "all", "any", "can", "will", "would", "should", "could", "may", "might", "must", "do",
  "does", "did", "has", "have", "had", "there", "here", "also", "into", "about", "such", "no",
]);

const AR_PREFIXES = [["بال", 3], ["كال", 3], ["فال", 3], ["وال", 3], ["ال", 3], ["لل", 3]];
const WORD = /[\p{Alphabetic}\p{N}\p{M}]+/gu;
const MARK = /\p{M}/u;

const length = (s) => [...s].length;
const arabic = new ArabicStemmer();
const english = new EnglishStemmer();

/** The text in NFKC, cut into its words, unfolded. */
export function words(text) {
  return text.normalize("NFKC").match(WORD) || [];
}

/** One word folded: lower case, alef forms, maqsura, marbuta, marks, tatweel, digits. */
export function fold(word) {
  let lower = word.toLowerCase();
  // The alef that carries tanween al-fath (أماناً) is no letter of the word.
  for (const ending of ["\u0627\u064b", "\u064b\u0627"]) {
    if (lower.endsWith(ending) && length(lower) > 3) lower = lower.slice(0, -ending.length);
  }
  let out = "";
  for (const c of lower) {
    const u = c.codePointAt(0);
    if (u === 0x623 || u === 0x625 || u === 0x622 || u === 0x671 || u === 0x672 || u === 0x673) out += "\u0627";
    else if (u === 0x649 || u === 0x6cc) out += "\u064a";
    else if (u === 0x6a9) out += "\u0643";
    else if (u === 0x629) out += "\u0647";
    else if (u === 0x640) continue;
    else if (u >= 0x660 && u <= 0x669) out += String.fromCharCode(48 + u - 0x660);
    else if (u >= 0x6f0 && u <= 0x6f9) out += String.fromCharCode(48 + u - 0x6f0);
    else if (MARK.test(c)) continue;
    else out += c;
  }
  return out;
}

export function isArabic(word) {
  for (const c of word) {
    const u = c.codePointAt(0);
    if (u >= 0x600 && u <= 0x6ff) return true;
  }
  return false;
}

/** The Arabic word without a conjunction before a prefix, then the article. */
export function stripPrefixes(word) {
  let w = word;
  for (const conj of ["و", "ف"]) {
    if (w.startsWith(conj)) {
      const rest = w.slice(conj.length);
      if (length(rest) >= 4 && ["ال", "لل", "بال", "كال"].some((p) => rest.startsWith(p))) {
        w = rest;
        break;
      }
    }
  }
  for (const [prefix, keep] of AR_PREFIXES) {
    if (w.startsWith(prefix)) {
      const rest = w.slice(prefix.length);
      if (length(rest) >= keep) return rest;
    }
  }
  return w;
}

/** The Arabic word without the sound feminine plural ات, when three letters remain. */
export function stripPlural(word) {
  if (word.endsWith("\u0627\u062a")) {
    const rest = word.slice(0, -2);
    if (length(rest) >= 3) return rest;
  }
  return word;
}

/** The index term of a folded word, or null. */
export function termOfFolded(w) {
  const n = length(w);
  if (n < 2 || n > MAX_WORD) return null;
  if (isArabic(w)) {
    if (STOP_AR.has(w)) return null;
    return arabic.stemWord(stripPlural(stripPrefixes(w)));
  }
  if (/^[0-9]+$/.test(w)) return w;
  if (STOP_EN.has(w)) return null;
  return english.stemWord(w);
}

export function term(word) {
  return termOfFolded(fold(word));
}

/** Every term of a text, in order. */
export function terms(text) {
  return words(text).map(term).filter((t) => t !== null);
}

/** What a word being typed may still become: its folded form without prefixes. */
export function partial(word) {
  const w = fold(word);
  return isArabic(w) ? stripPrefixes(w) : w;
}
