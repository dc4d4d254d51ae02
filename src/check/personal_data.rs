//! Personal-data guard: finds personal data in citizens' inputs before a
//! consultation site is published.
//!
//! # What it finds
//!
//! * **Social-media handles** (`@someone`, `@محمد_علي`): an `@` that
//!   follows no letter, digit or `.`/`/`, then 1–30 letters (Latin or
//!   Arabic), digits, `_` or `.` (not ending in `.`), as X, Instagram,
//!   TikTok, Telegram and the other platforms spell a user name. A handle is
//!   a name: it is found like an e-mail address, except where it is a name
//!   that may be shown (the `allow` list holds the agency's own accounts and
//!   the authors who agreed to be named, compared without case and `@`).
//!   The `@` of an e-mail address, and anything inside a URL, is not one.
//! * **E-mail addresses** with an ASCII local part and an ASCII domain that
//!   ends in a dot and an alphabetic TLD (`ahmed@mail.om`).
//! * **Telephone numbers** written with Western (`0-9`), Arabic-Indic
//!   (`٠-٩`) or Eastern Arabic-Indic (`۰-۹`) digits, with single spaces,
//!   dashes or dots between digit groups:
//!   * Omani numbers with the country code: `+968`/`00968`/`968` followed by
//!     exactly 8 digits starting with 2, 7 or 9;
//!   * 8-digit local numbers starting with 2, 7 or 9 (`24 123456`,
//!     `9123-4567`, `7123.4567`);
//!   * international numbers: `+` or `00`, then a country code and 7–14 more
//!     digits (8–17 digits in all after the prefix).
//! * **Civil ID and passport numbers**: a standalone run of 9 or more
//!   consecutive digits, and a standalone token of one or two upper-case Latin
//!   letters followed by 6–9 digits (`A1234567`, `PA123456`); and a number
//!   of 6–10 digits written within a few words after "civil ID", "civil
//!   number", "civil no.", "civil card", "الرقم المدني", "رقم مدني" or
//!   "البطاقة المدنية" (`civil ID: 12345678`), which is how an 8-digit civil
//!   number is told from an ordinary count.
//! * **IBANs**: two upper-case letters, two check digits and 11–30
//!   alphanumerics, written compactly or in groups of four separated by single
//!   spaces, reported only when the ISO 13616 mod-97 checksum validates.
//! * **Payment card numbers**: 13–19 digits, unbroken or grouped by spaces or
//!   dashes in fours (or 4-6-4 / 4-6-5), reported only when the Luhn check
//!   passes. A card number takes precedence over the civil-ID rule.
//!
//! # What it deliberately does not find
//!
//! * Obfuscated e-mails (`ahmed at mail dot om`), numbers in parentheses
//!   (`(+968) ...`), numbers spelled out in words, names and addresses.
//! * 8-digit numbers that do not start with 2, 7 or 9 and follow no civil-ID
//!   keyword (an 8-digit civil number cannot be told from an ordinary count
//!   without one).
//! * Anything inside a URL (`https://…`, `www.…`) except e-mail addresses:
//!   long numeric path segments there are record identifiers, not people.
//! * Ordinary numbers: dates (`2026-03-01`, `01/03/2026`, `21.03.2026`,
//!   `20260301`), times, decree numbers (`65/2008`), amounts with thousands
//!   separators (`2,450,000`, `24 500 000`) or three-decimal baisa
//!   (`24500.500`), percentages, years and year ranges (`2019-2026`,
//!   `2026 2027`), version numbers and input ids (`i-0042`,
//!   `MOH-2020-00002`).
//! * Reference and budget numbers of up to 8 digits right after their
//!   keyword ("budget line 7100-2250", "Ref. 91234567", "decree no. …",
//!   "بند الموازنة …", "رقم المرجع …"): not telephone numbers.
//! * Partial tokens: a digit run glued to letters (`MOH-2020-0002`,
//!   `AB1234567890`), to `:` or the Arabic decimal/thousands separators is
//!   never matched in part; the whole token is classified or left alone.
//!
//! All patterns are compiled for the `regex` crate, whose searches run in
//! linear time; the post-processing is linear in the size of the text too.

use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

/// The kind of personal data a [`Finding`] reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PersonalDataKind {
    Email,
    Handle,
    Phone,
    NationalId,
    Iban,
    CardNumber,
}

impl PersonalDataKind {
    /// A short phrase for build messages ("... looks like an e-mail address").
    pub fn describe(self) -> &'static str {
        match self {
            PersonalDataKind::Email => "an e-mail address",
            PersonalDataKind::Handle => "a social-media handle (a name)",
            PersonalDataKind::Phone => "a telephone number",
            PersonalDataKind::NationalId => "a civil ID or passport number",
            PersonalDataKind::Iban => "an IBAN",
            PersonalDataKind::CardNumber => "a payment card number",
        }
    }
}

/// One piece of personal data found by [`scan`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: PersonalDataKind,
    /// Byte range into the scanned text.
    pub range: Range<usize>,
}

/// A letter, digit or `_` of a handle: Latin, Arabic-script letters and
/// Arabic-Indic digits (platforms that take display names, and users who
/// write a mention in Arabic).
const HANDLE_CHAR: &str = "[A-Za-z0-9_\u{0621}-\u{063A}\u{0641}-\u{064A}\u{0660}-\u{0669}\u{066E}-\u{06D3}\u{06F0}-\u{06F9}]";

/// Digits of the three systems accepted in numbers.
const DIGIT: &str = "[0-9\u{0660}-\u{0669}\u{06F0}-\u{06F9}]";
/// Upper-case letters and digits, as found in an IBAN.
const IBAN_CHAR: &str = "[A-Z0-9\u{0660}-\u{0669}\u{06F0}-\u{06F9}]";

/// Longest digit count any grouped kind can have (a card number).
const MAX_GROUPED_DIGITS: usize = 19;

struct Patterns {
    email: Regex,
    handle: Regex,
    url: Regex,
    iban: Regex,
    civil_id: Regex,
    reference: Regex,
    number: Regex,
    passport: Regex,
}

/// Words that announce a civil number: "civil ID", "civil number", "civil
/// no.", "civil card", "الرقم المدني", "رقم مدني", "البطاقة المدنية".
const CIVIL_KEYWORD: &str = r"(?i:\bcivil[\s\-]*(?:id(?:entity)?|no\b\.?|num(?:ber)?|card)(?:[\s\-]*(?:card|number|no\b\.?))?)|(?:ال)?رقم\s*(?:ال)?مدني|(?:ال)?بطاقة\s*(?:ال)?مدنية";

/// Words that announce a reference or budget number, not a person's:
/// "budget line 7100-2250", "Ref. 91234567", "decree no. 2412-3456",
/// "بند الموازنة 7100-2250", "رقم المرجع …".
const REFERENCE_KEYWORD: &str = r"(?i:\b(?:budget(?:\s+(?:line|item|code|head))?|line\s+item|account\s+code|cost\s+cent(?:re|er)|ref(?:erence)?|decree|decision|circular|tender|contract|invoice|file|article|clause|item|law)\b)|\b(?:ال)?(?:بند|موازنة|ميزانية|مرجع|مرسوم|قرار|مناقصة|عقد|تعميم|مادة|فاتورة)\b";

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let compile = |p: &str| Regex::new(p).expect("personal-data pattern compiles");
        Patterns {
            email: compile(
                r"[A-Za-z0-9_%+\-][A-Za-z0-9._%+\-]*@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}",
            ),
            url: compile(r#"(?i:https?://|ftp://|www\.)[^\s<>"]+"#),
            handle: compile(&format!(
                "@{HANDLE_CHAR}(?:[.]?{HANDLE_CHAR}){{0,29}}"
            )),
            iban: compile(&format!(
                "[A-Z]{{2}}{DIGIT}{{2}}(?:(?: {IBAN_CHAR}{{4}}){{2,8}}(?: {IBAN_CHAR}{{1,3}})?|{IBAN_CHAR}{{11,30}})"
            )),
            // The keyword, at most a few words, then the number (6 to 10
            // digits, in groups of at least two).
            civil_id: compile(&format!(
                r"(?:{CIVIL_KEYWORD})[^\n0-9\u{{0660}}-\u{{0669}}\u{{06F0}}-\u{{06F9}}]{{0,24}}?(?P<n>{DIGIT}{{2,}}(?:[ \-]{DIGIT}{{2,}})*)"
            )),
            // The keyword, then only punctuation or "no."/"number"/"رقم".
            reference: compile(&format!(
                r"(?:{REFERENCE_KEYWORD})[\s:#.]*(?:(?i:no\b|number\b|num\b|رقم)[\s:#.]*)?(?P<n>{DIGIT}+(?:[\-./ ]{DIGIT}+)*)"
            )),
            number: compile(&format!(r"\+?{DIGIT}+(?:[\-. \u{{00A0}}]{DIGIT}+)*")),
            passport: compile(&format!("[A-Z]{{1,2}}{DIGIT}{{6,9}}")),
        }
    })
}

/// Scans `text`; strings equal to an entry of `allow` (exact match of the
/// matched text, after trimming) are not reported. Findings sorted by range
/// start, no overlaps.
pub fn scan(text: &str, allow: &[String]) -> Vec<Finding> {
    let p = patterns();
    let mut scanner = Scanner {
        text,
        allow,
        claimed: Claimed::default(),
        findings: Vec::new(),
    };
    scanner.emails(&p.email);
    scanner.urls(&p.url);
    scanner.handles(&p.handle);
    scanner.ibans(&p.iban);
    scanner.civil_ids(&p.civil_id);
    scanner.references(&p.reference);
    scanner.numbers(&p.number);
    scanner.passports(&p.passport);
    let mut findings = scanner.findings;
    findings.sort_by_key(|f| f.range.start);
    findings
}

/// Masks a matched string for logs: keep the first and last character (for
/// e-mails: first char of local part and the domain's TLD), replace the rest
/// of letters/digits with '•', keep separators. E.g. "ahmed@mail.om" ->
/// "a••••@••••.om", "+968 9123 4567" -> "+••• •••• •••7".
pub fn mask(matched: &str) -> String {
    if let Some(at) = matched.rfind('@') {
        let (local, domain) = (&matched[..at], &matched[at + 1..]);
        if let (false, Some(dot)) = (local.is_empty(), domain.rfind('.')) {
            let mut out = String::with_capacity(matched.len() * 2);
            for (i, c) in local.chars().enumerate() {
                out.push(if i == 0 { c } else { hide(c) });
            }
            out.push('@');
            out.extend(domain[..dot].chars().map(hide));
            out.push_str(&domain[dot..]);
            return out;
        }
    }
    let last = matched.chars().count().saturating_sub(1);
    matched
        .chars()
        .enumerate()
        .map(|(i, c)| if i == 0 || i == last { c } else { hide(c) })
        .collect()
}

/// Masks every letter and digit of `matched` (separators kept): what a
/// report's snippet shows in place of the personal data it points at.
pub fn mask_all(matched: &str) -> String {
    matched.chars().map(hide).collect()
}

fn hide(c: char) -> char {
    if c.is_alphanumeric() {
        return '•';
    }
    c
}

/// Ranges already taken by a finding (reported or allowed), an IBAN-shaped
/// token or a URL; later rules never match inside them.
#[derive(Default)]
struct Claimed {
    /// Sorted by start, non-overlapping.
    ranges: Vec<Range<usize>>,
    pending: Vec<Range<usize>>,
}

impl Claimed {
    fn overlaps(&self, r: &Range<usize>) -> bool {
        let i = self.ranges.partition_point(|x| x.end <= r.start);
        i < self.ranges.len() && self.ranges[i].start < r.end
    }

    fn add(&mut self, r: Range<usize>) {
        self.pending.push(r);
    }

    /// Merges the ranges added by the rule that just ran.
    fn commit(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let mut all = std::mem::take(&mut self.ranges);
        all.append(&mut self.pending);
        all.sort_by_key(|r| r.start);
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(all.len());
        for r in all {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        self.ranges = merged;
    }
}

struct Scanner<'a> {
    text: &'a str,
    allow: &'a [String],
    claimed: Claimed,
    findings: Vec<Finding>,
}

impl Scanner<'_> {
    fn report(&mut self, kind: PersonalDataKind, range: Range<usize>) {
        let matched = self.text[range.clone()].trim();
        let allowed = |a: &String| match kind {
            // Platforms compare handles without case; `@` may be left out.
            PersonalDataKind::Handle => {
                let bare = |h: &str| h.trim().trim_start_matches('@').to_lowercase();
                bare(a) == bare(matched)
            }
            _ => a.trim() == matched,
        };
        if !self.allow.iter().any(allowed) {
            self.findings.push(Finding {
                kind,
                range: range.clone(),
            });
        }
        self.claimed.add(range);
    }

    fn emails(&mut self, re: &Regex) {
        let text = self.text;
        for m in re.find_iter(text) {
            let before_ok = char_before(text, m.start())
                .is_none_or(|c| !(c.is_ascii_alphanumeric() || "_%+-".contains(c)));
            let after_ok = char_after(text, m.end())
                .is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'));
            if before_ok && after_ok {
                self.report(PersonalDataKind::Email, m.range());
            }
        }
        self.claimed.commit();
    }

    /// `@handle` mentions, outside e-mail addresses and URLs (claimed
    /// before): the `@` must not follow a letter, digit, `.`, `/` or `@`.
    fn handles(&mut self, re: &Regex) {
        let text = self.text;
        for m in re.find_iter(text) {
            let before_ok = char_before(text, m.start())
                .is_none_or(|c| !(c.is_alphanumeric() || "._/@+-%".contains(c)));
            // A handle glued to more handle-like text (`@a@b`) is not one.
            let after_ok = char_after(text, m.end()).is_none_or(|c| c != '@');
            // `@10` is a time or a count, not a user name.
            let named = m.as_str()[1..].chars().any(|c| !c.is_numeric());
            if before_ok && after_ok && named && !self.claimed.overlaps(&m.range()) {
                self.report(PersonalDataKind::Handle, m.range());
            }
        }
        self.claimed.commit();
    }

    fn urls(&mut self, re: &Regex) {
        for m in re.find_iter(self.text) {
            self.claimed.add(m.range());
        }
        self.claimed.commit();
    }

    fn ibans(&mut self, re: &Regex) {
        let text = self.text;
        for m in re.find_iter(text) {
            let range = m.range();
            // Group boundaries inside the match: the IBAN may start at a
            // later group ("AB12 OM88 0180 …") and a following upper-case
            // word may have been taken as a trailing group.
            let spaces: Vec<usize> = m
                .as_str()
                .match_indices(' ')
                .map(|(i, _)| range.start + i)
                .collect();
            let starts = std::iter::once(range.start)
                .chain(spaces.iter().map(|&i| i + 1))
                .filter(|&s| starts_iban(&text[s..]))
                .filter(|&s| !char_before(text, s).is_some_and(is_word));
            let mut valid = None;
            let mut shaped = false;
            'starts: for start in starts {
                // Longest first.
                let ends = std::iter::once(range.end).chain(spaces.iter().rev().copied());
                for end in ends.filter(|&e| e > start) {
                    let r = start..end;
                    if char_after(text, end).is_some_and(is_word) || self.claimed.overlaps(&r) {
                        continue;
                    }
                    let compact = normalize_iban(&text[r.clone()]);
                    if !(15..=34).contains(&compact.len()) {
                        continue;
                    }
                    shaped = true;
                    if iban_checksum_ok(&compact) {
                        valid = Some(r);
                        break 'starts;
                    }
                }
            }
            if let Some(r) = valid {
                self.report(PersonalDataKind::Iban, r);
            } else if shaped && !self.claimed.overlaps(&range) {
                // An IBAN-shaped token with a bad checksum: not reported, and
                // its digit groups are not re-read as a card or a phone.
                self.claimed.add(range);
            }
        }
        self.claimed.commit();
    }

    /// A number right after "civil ID" (and its variants) is a civil
    /// number, whatever its length from 6 to 10 digits: with the keyword an
    /// eight-digit number is no longer an ordinary count.
    fn civil_ids(&mut self, re: &Regex) {
        let text = self.text;
        for caps in re.captures_iter(text) {
            let Some(n) = caps.name("n") else { continue };
            let range = n.range();
            let atoms = parse_atoms(range.start, n.as_str());
            let digits: String = atoms.iter().map(|a| a.digits.as_str()).collect();
            let groups: Vec<usize> = atoms
                .iter()
                .flat_map(|a| a.groups.iter().copied())
                .collect();
            let looks_like_date = digits.len() == 8 && ordinary_eight(&digits, &groups);
            if (6..=10).contains(&digits.len())
                && !looks_like_date
                && !glued_before(text, range.start)
                && !glued_after(text, range.end)
                && !self.claimed.overlaps(&range)
            {
                self.report(PersonalDataKind::NationalId, range);
            }
        }
        self.claimed.commit();
    }

    /// A number of at most eight digits right after a reference or budget
    /// keyword is claimed, not reported: "budget line 7100-2250" is not a
    /// telephone number. Longer runs are still read (a 20-digit "ref" may
    /// well be an account or an ID).
    fn references(&mut self, re: &Regex) {
        let text = self.text;
        for caps in re.captures_iter(text) {
            let Some(n) = caps.name("n") else { continue };
            let range = n.range();
            let digits = n
                .as_str()
                .chars()
                .filter(|&c| digit_value(c).is_some())
                .count();
            if digits <= 8 && !self.claimed.overlaps(&range) {
                self.claimed.add(range);
            }
        }
        self.claimed.commit();
    }

    fn numbers(&mut self, re: &Regex) {
        let text = self.text;
        for m in re.find_iter(text) {
            // Every number kind has at least 8 digits.
            if m.as_str()
                .chars()
                .filter(|&c| digit_value(c).is_some())
                .count()
                < 8
            {
                continue;
            }
            let mut atoms = parse_atoms(m.start(), m.as_str());
            if glued_before(text, m.start()) {
                atoms[0].tainted = true;
            }
            if let (true, Some(last)) = (glued_after(text, m.end()), atoms.last_mut()) {
                last.tainted = true;
            }
            for atom in &mut atoms {
                if self.claimed.overlaps(&(atom.start..atom.end)) {
                    atom.tainted = true;
                }
            }
            self.number_candidate(&atoms);
        }
        self.claimed.commit();
    }

    /// Finds, left to right, the longest runs of space-separated atoms that
    /// classify as a number kind.
    fn number_candidate(&mut self, atoms: &[Atom]) {
        // Buffers reused for every start: the digits and group lengths of
        // atoms[i..], and one checkpoint per possible end.
        let mut digits = String::new();
        let mut groups = Vec::new();
        let mut ends: Vec<(usize, Span)> = Vec::new();
        let mut i = 0;
        while i < atoms.len() {
            if atoms[i].tainted {
                i += 1;
                continue;
            }
            digits.clear();
            groups.clear();
            ends.clear();
            let mut span = Span {
                atoms: 0,
                digits: 0,
                groups: 0,
                has_dot: false,
                decimal: false,
                plus: atoms[i].plus,
            };
            for (j, atom) in atoms.iter().enumerate().skip(i) {
                if atom.tainted || (j > i && digits.len() + atom.digits.len() > MAX_GROUPED_DIGITS)
                {
                    break;
                }
                digits.push_str(&atom.digits);
                groups.extend_from_slice(&atom.groups);
                span.atoms += 1;
                span.digits = digits.len();
                span.groups = groups.len();
                span.has_dot |= atom.has_dot;
                span.decimal |= atom.decimal;
                ends.push((j + 1, span));
            }
            let hit = ends.iter().rev().find_map(|(e, span)| {
                classify(&digits[..span.digits], &groups[..span.groups], span).map(|k| (k, *e))
            });
            match hit {
                Some((kind, e)) => {
                    self.report(kind, atoms[i].start..atoms[e - 1].end);
                    i = e;
                }
                None => i += 1,
            }
        }
    }

    fn passports(&mut self, re: &Regex) {
        let text = self.text;
        for m in re.find_iter(text) {
            let range = m.range();
            if !glued_before(text, range.start)
                && !glued_after(text, range.end)
                && !self.claimed.overlaps(&range)
            {
                self.report(PersonalDataKind::NationalId, range);
            }
        }
        self.claimed.commit();
    }
}

/// A run of digit groups joined by dashes or dots; atoms are separated by
/// single spaces.
struct Atom {
    /// Byte range, including a leading '+'.
    start: usize,
    end: usize,
    plus: bool,
    /// ASCII digits.
    digits: String,
    groups: Vec<usize>,
    has_dot: bool,
    /// Looks like a decimal amount: one dot followed by at most 3 digits.
    decimal: bool,
    /// Glued to a neighbouring token or inside an already claimed range.
    tainted: bool,
}

fn parse_atoms(offset: usize, s: &str) -> Vec<Atom> {
    let mut atoms = Vec::new();
    let mut current: Option<Atom> = None;
    let mut dots = 0;
    let mut group_len = 0;
    let finish = |atom: &mut Atom, group_len: usize, dots: usize| {
        atom.groups.push(group_len);
        atom.decimal = dots == 1 && atom.groups.len() == 2 && group_len <= 3;
    };
    for (i, c) in s.char_indices() {
        let pos = offset + i;
        if let Some(d) = digit_value(c) {
            let atom = current.get_or_insert_with(|| Atom {
                start: pos,
                end: pos,
                plus: false,
                digits: String::new(),
                groups: Vec::new(),
                has_dot: false,
                decimal: false,
                tainted: false,
            });
            atom.digits.push(char::from(b'0' + d));
            atom.end = pos + c.len_utf8();
            group_len += 1;
        } else if c == '+' {
            current = Some(Atom {
                start: pos,
                end: pos + 1,
                plus: true,
                digits: String::new(),
                groups: Vec::new(),
                has_dot: false,
                decimal: false,
                tainted: false,
            });
        } else if c == '-' || c == '.' {
            if let Some(atom) = current.as_mut() {
                atom.groups.push(group_len);
                if c == '.' {
                    atom.has_dot = true;
                    dots += 1;
                }
            }
            group_len = 0;
        } else if let Some(mut atom) = current.take() {
            // A space separates atoms.
            finish(&mut atom, group_len, dots);
            atoms.push(atom);
            group_len = 0;
            dots = 0;
        }
    }
    if let Some(mut atom) = current.take() {
        finish(&mut atom, group_len, dots);
        atoms.push(atom);
    }
    atoms
}

/// What [`classify`] needs to know about a run of atoms besides its digits
/// and group lengths.
#[derive(Clone, Copy)]
struct Span {
    atoms: usize,
    digits: usize,
    groups: usize,
    has_dot: bool,
    decimal: bool,
    plus: bool,
}

/// Classifies a run of atoms as a number kind, if it is one.
fn classify(digits: &str, groups: &[usize], span: &Span) -> Option<PersonalDataKind> {
    use PersonalDataKind::{CardNumber, NationalId, Phone};
    let n = digits.len();
    let first = digits.as_bytes().first().copied()?;

    if span.plus {
        return international_ok(digits).then_some(Phone);
    }
    if !span.has_dot
        && first != b'0'
        && (13..=19).contains(&n)
        && card_grouping(groups)
        && luhn_ok(digits)
    {
        return Some(CardNumber);
    }
    if digits.strip_prefix("00").is_some_and(international_ok) {
        return Some(Phone);
    }
    let all_groups_ok = groups.iter().all(|&g| g >= 2) && !span.decimal;
    if n == 8
        && matches!(first, b'2' | b'7' | b'9')
        && all_groups_ok
        && !ordinary_eight(digits, groups)
    {
        return Some(Phone);
    }
    if n == 11 && digits.starts_with("968") && omani_subscriber(&digits[3..]) && all_groups_ok {
        return Some(Phone);
    }
    if span.atoms == 1 && groups.len() == 1 && n >= 9 {
        return Some(NationalId);
    }
    None
}

/// Digits after a `+` or `00`: country code and 7–14 more digits; for Oman
/// exactly 8 subscriber digits.
fn international_ok(digits: &str) -> bool {
    if digits.starts_with('0') {
        return false;
    }
    match digits.strip_prefix("968") {
        Some(rest) => omani_subscriber(rest),
        None => (8..=17).contains(&digits.len()),
    }
}

fn omani_subscriber(digits: &str) -> bool {
    digits.len() == 8 && matches!(digits.as_bytes()[0], b'2' | b'7' | b'9')
}

/// 8 digits starting with 2/7/9 that read as a date, a year followed by
/// another number, or an amount in thousands.
fn ordinary_eight(digits: &str, groups: &[usize]) -> bool {
    let num = |r: Range<usize>| digits[r].parse::<u32>().unwrap_or(0);
    let year = |y: u32| (1900..=2099).contains(&y);
    let day_month = |a: u32, b: u32| (1..=31).contains(&a) && (1..=12).contains(&b);
    match groups {
        // 2026-03-01, 2026 1234, 2019-2026
        [4, _, ..] if year(num(0..4)) => true,
        // 21.03.2026, 03-21-2026
        [2, 2, 4] => {
            year(num(4..8)) && (day_month(num(0..2), num(2..4)) || day_month(num(2..4), num(0..2)))
        }
        // 20260301, 21032026
        [8] => {
            (year(num(0..4)) && day_month(num(6..8), num(4..6)))
                || (year(num(4..8)) && day_month(num(0..2), num(2..4)))
        }
        // 24 500 000
        [lead, rest @ ..] => {
            *lead <= 3
                && rest.len() >= 2
                && rest.iter().all(|&g| g == 3)
                && digits[digits.len() - 3..].bytes().all(|b| b == b'0')
        }
        [] => false,
    }
}

fn card_grouping(groups: &[usize]) -> bool {
    match groups {
        [_] | [4, 6, 4] | [4, 6, 5] => true,
        [head @ .., last] => head.iter().all(|&g| g == 4) && (1..=4).contains(last),
        [] => false,
    }
}

fn luhn_ok(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            // Every second digit from the right is doubled, and the digits
            // of the product are added.
            let d = u32::from(b - b'0') * (1 + (i as u32 % 2));
            d / 10 + d % 10
        })
        .sum();
    sum.is_multiple_of(10)
}

/// Whether `s` starts with two upper-case letters and two digits.
fn starts_iban(s: &str) -> bool {
    let mut c = s.chars();
    let letter = |c: Option<char>| c.is_some_and(|c| c.is_ascii_uppercase());
    let digit = |c: Option<char>| c.and_then(digit_value).is_some();
    letter(c.next()) && letter(c.next()) && digit(c.next()) && digit(c.next())
}

fn normalize_iban(s: &str) -> String {
    s.chars()
        .filter(|c| *c != ' ')
        .map(|c| digit_value(c).map_or(c, |d| char::from(b'0' + d)))
        .collect()
}

/// ISO 13616 / ISO 7064 mod-97-10 check on a compact upper-case IBAN.
fn iban_checksum_ok(iban: &str) -> bool {
    let (head, tail) = iban.split_at(4);
    let mut rem: u32 = 0;
    for c in tail.chars().chain(head.chars()) {
        rem = match c {
            '0'..='9' => (rem * 10 + (c as u32 - '0' as u32)) % 97,
            'A'..='Z' => (rem * 100 + (c as u32 - 'A' as u32 + 10)) % 97,
            _ => return false,
        };
    }
    rem == 1
}

/// The value of a Western, Arabic-Indic or Eastern Arabic-Indic digit.
fn digit_value(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '\u{0660}'..='\u{0669}' => Some((c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => Some((c as u32 - 0x06F0) as u8),
        _ => None,
    }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn char_before(text: &str, pos: usize) -> Option<char> {
    text[..pos].chars().next_back()
}

fn char_after(text: &str, pos: usize) -> Option<char> {
    text[pos..].chars().next()
}

/// Whether `adjacent` (next to a match) joins it to `beyond` into one
/// token: `i-0042`, `/reports/123456789`, `10:30`, `٣٫٥`.
fn joins(adjacent: char, beyond: Option<char>) -> bool {
    match beyond {
        Some(b) if digit_value(b).is_some() => matches!(adjacent, ':' | '\u{066B}' | '\u{066C}'),
        Some(b) if b.is_alphabetic() => matches!(adjacent, '-' | '/' | '@' | '\'' | '_'),
        _ => false,
    }
}

/// Number of digits at the start of `s`.
fn leading_digits(s: &str) -> usize {
    s.chars().take_while(|&c| digit_value(c).is_some()).count()
}

/// A comma between digits joins a number only as a thousands separator
/// (`2,450,000`), so `91234567,98765432` stays two numbers.
fn glued_before(text: &str, start: usize) -> bool {
    match char_before(text, start) {
        None => false,
        Some(c) if is_word(c) => true,
        Some(',') => {
            char_before(text, start - 1).is_some_and(|b| digit_value(b).is_some())
                && leading_digits(&text[start..]) == 3
        }
        Some(c) => joins(c, char_before(text, start - c.len_utf8())),
    }
}

fn glued_after(text: &str, end: usize) -> bool {
    match char_after(text, end) {
        None => false,
        Some(c) if is_word(c) => true,
        Some(',') => leading_digits(&text[end + 1..]) == 3,
        Some(c) => joins(c, char_after(text, end + c.len_utf8())),
    }
}

#[cfg(test)]
mod tests {
    use super::PersonalDataKind::{CardNumber, Email, Handle, Iban, NationalId, Phone};
    use super::*;

    /// The (kind, matched text) pairs found in `text`, checking ranges.
    fn found(text: &str) -> Vec<(PersonalDataKind, &str)> {
        found_allowing(text, &[])
    }

    fn found_allowing<'a>(text: &'a str, allow: &[&str]) -> Vec<(PersonalDataKind, &'a str)> {
        let allow: Vec<String> = allow.iter().map(|s| s.to_string()).collect();
        let findings = scan(text, &allow);
        for pair in findings.windows(2) {
            assert!(pair[0].range.end <= pair[1].range.start, "{findings:?}");
        }
        findings
            .iter()
            .map(|f| {
                let s = text.get(f.range.clone()).expect("range on char boundaries");
                assert_eq!(s, s.trim(), "range must not include spaces");
                (f.kind, s)
            })
            .collect()
    }

    #[test]
    fn describes_kinds() {
        assert_eq!(Email.describe(), "an e-mail address");
        assert_eq!(Handle.describe(), "a social-media handle (a name)");
        assert_eq!(Phone.describe(), "a telephone number");
        assert_eq!(NationalId.describe(), "a civil ID or passport number");
        assert_eq!(Iban.describe(), "an IBAN");
        assert_eq!(CardNumber.describe(), "a payment card number");
    }

    #[test]
    fn handles_are_names_but_not_emails_or_urls() {
        assert_eq!(
            found("As @salim_99 said, and @مريم.ع too."),
            vec![(Handle, "@salim_99"), (Handle, "@مريم.ع")]
        );
        // The `@` of an e-mail address or inside a URL is no handle.
        assert_eq!(
            found("write to ahmed@mail.om"),
            vec![(Email, "ahmed@mail.om")]
        );
        assert!(found("see https://x.com/@someone/status/1 and www.t.me/@abc").is_empty());
        assert!(found("user@localhost, at @10 or @ noon, a.@b").is_empty());
        // Allowed: compared without case and with or without `@`.
        assert!(found_allowing("Thanks @MWRE_Oman!", &["@mwre_oman"]).is_empty());
        assert!(found_allowing("ask @salim", &["salim"]).is_empty());
        assert_eq!(
            found_allowing("ask @salim2", &["salim"]),
            vec![(Handle, "@salim2")]
        );
    }

    #[test]
    fn email_in_english_and_arabic() {
        assert_eq!(
            found("Write to ahmed.al-balushi+consult@mail.gov.om, thanks."),
            vec![(Email, "ahmed.al-balushi+consult@mail.gov.om")]
        );
        assert_eq!(
            found("راسلوني على ahmed@mail.om من فضلكم"),
            vec![(Email, "ahmed@mail.om")]
        );
        assert_eq!(
            found("البريد:salim_99@example.com."),
            vec![(Email, "salim_99@example.com")]
        );
    }

    #[test]
    fn no_email_without_tld_or_at() {
        // No e-mail address here; `@handle` alone is a handle (a name).
        assert_eq!(
            found("ahmed@localhost and @handle and a@b.c"),
            vec![(Handle, "@handle")]
        );
    }

    #[test]
    fn omani_phone_western_digits() {
        let text = "Call +968 9123 4567 or 00968-2412-3456 or 96891234567.";
        assert_eq!(
            found(text),
            vec![
                (Phone, "+968 9123 4567"),
                (Phone, "00968-2412-3456"),
                (Phone, "96891234567")
            ]
        );
    }

    #[test]
    fn local_phone_formats() {
        let text = "Numbers: 24 123456, 9123-4567, 7123.4567 and 91234567.";
        assert_eq!(
            found(text),
            vec![
                (Phone, "24 123456"),
                (Phone, "9123-4567"),
                (Phone, "7123.4567"),
                (Phone, "91234567")
            ]
        );
    }

    #[test]
    fn phone_arabic_indic_digits() {
        assert_eq!(found("اتصل بي على ٩١٢٣٤٥٦٧"), vec![(Phone, "٩١٢٣٤٥٦٧")]);
        assert_eq!(
            found("هاتفي +٩٦٨ ٩١٢٣ ٤٥٦٧ شكراً"),
            vec![(Phone, "+٩٦٨ ٩١٢٣ ٤٥٦٧")]
        );
        assert_eq!(found("رقمي ۹۱۲۳-۴۵۶۷"), vec![(Phone, "۹۱۲۳-۴۵۶۷")]);
        assert_eq!(found("المنزل ٢٤ ١٢٣٤٥٦،"), vec![(Phone, "٢٤ ١٢٣٤٥٦")]);
    }

    #[test]
    fn international_phone() {
        let text = "UK office +44 20 7946 0958; US 001 202 555 0147.";
        assert_eq!(
            found(text),
            vec![(Phone, "+44 20 7946 0958"), (Phone, "001 202 555 0147")]
        );
        // Luhn-valid, but card numbers never start with 0.
        assert_eq!(found("0096891234567"), vec![(Phone, "0096891234567")]);
        // Too short after the country code.
        assert!(found("+44 1234").is_empty());
    }

    #[test]
    fn omani_country_code_takes_exactly_eight_digits() {
        assert_eq!(
            found("+968 9123 4567 24 hours"),
            vec![(Phone, "+968 9123 4567")]
        );
    }

    #[test]
    fn phones_separated_by_slash_or_comma() {
        assert_eq!(
            found("91234567/98765432,24123456"),
            vec![
                (Phone, "91234567"),
                (Phone, "98765432"),
                (Phone, "24123456")
            ]
        );
    }

    #[test]
    fn thousands_groups_are_not_split_off() {
        // "1" starts the amount 1,250,000: 0000 0000 9123 1 (Luhn-valid) is
        // not a 13-digit card.
        assert!(found("0000 0000 9123 1,250,000").is_empty());
        assert!(found("24 123,456 and 2412,345,678").is_empty());
    }

    #[test]
    fn national_id_digit_runs() {
        assert_eq!(
            found("Civil number 123456789."),
            vec![(NationalId, "123456789")]
        );
        assert_eq!(
            found("الرقم المدني ١٢٣٤٥٦٧٨٩"),
            vec![(NationalId, "١٢٣٤٥٦٧٨٩")]
        );
        assert_eq!(found("۱۲۳۴۵۶۷۸۹۰"), vec![(NationalId, "۱۲۳۴۵۶۷۸۹۰")]);
        // 8 digits not starting with 2/7/9: not reported without a keyword.
        assert!(found("12345678").is_empty());
    }

    #[test]
    fn long_token_classified_whole() {
        // A 20-digit run is one ID-like token, never a phone inside it.
        assert_eq!(
            found("ref 91234567912345679123"),
            vec![(NationalId, "91234567912345679123")]
        );
        // Digits glued to letters are not matched in part.
        assert!(found("code AB1234567890 and x91234567 and 91234567z").is_empty());
    }

    #[test]
    fn passport_tokens() {
        assert_eq!(
            found("Passport A1234567, PA123456 or B١٢٣٤٥٦٧."),
            vec![
                (NationalId, "A1234567"),
                (NationalId, "PA123456"),
                (NationalId, "B١٢٣٤٥٦٧")
            ]
        );
        assert!(found("XYZ1234567 A12345 ISO9001 COVID19").is_empty());
    }

    #[test]
    fn iban_valid_and_invalid() {
        let valid = "Pay to OM88 0180 0000 0123 4567 890 please";
        assert_eq!(found(valid), vec![(Iban, "OM88 0180 0000 0123 4567 890")]);
        let compact = "IBAN: OM880180000001234567890.";
        assert_eq!(found(compact), vec![(Iban, "OM880180000001234567890")]);
        let wrong = "Pay to OM81 0180 0000 0123 4567 890 please";
        assert!(found(wrong).is_empty(), "{:?}", found(wrong));
        let gb = "GB82 WEST 1234 5698 7654 32 THANKS";
        assert_eq!(found(gb), vec![(Iban, "GB82 WEST 1234 5698 7654 32")]);
        let gb_wrong = "GB83 WEST 1234 5698 7654 32";
        assert!(found(gb_wrong).is_empty());
        // A leading upper-case token taken as a group is skipped.
        assert_eq!(
            found("AB12 OM88 0180 0000 0123 4567 890"),
            vec![(Iban, "OM88 0180 0000 0123 4567 890")]
        );
    }

    #[test]
    fn iban_in_arabic_sentence() {
        assert_eq!(
            found("حسابي OM88 0180 0000 0123 4567 890 في البنك"),
            vec![(Iban, "OM88 0180 0000 0123 4567 890")]
        );
    }

    #[test]
    fn card_numbers_luhn() {
        assert_eq!(
            found("Visa 4111 1111 1111 1111 exp"),
            vec![(CardNumber, "4111 1111 1111 1111")]
        );
        assert!(found("Visa 4111 1111 1111 1112 exp").is_empty());
        assert_eq!(
            found("4111-1111-1111-1111"),
            vec![(CardNumber, "4111-1111-1111-1111")]
        );
        assert_eq!(
            found("Amex 3782 822463 10005"),
            vec![(CardNumber, "3782 822463 10005")]
        );
        // Unbroken: the card rule wins over the ID rule.
        assert_eq!(
            found("5500005555555559"),
            vec![(CardNumber, "5500005555555559")]
        );
        assert_eq!(
            found("بطاقتي ٤١١١ ١١١١ ١١١١ ١١١١"),
            vec![(CardNumber, "٤١١١ ١١١١ ١١١١ ١١١١")]
        );
        // Unbroken and failing Luhn: a long ID-like run.
        assert_eq!(
            found("4111111111111112"),
            vec![(NationalId, "4111111111111112")]
        );
    }

    #[test]
    fn allow_list() {
        let text = "Ministry hotline +968 2412 3456, mine 9123 4567, info@moh.gov.om";
        assert_eq!(
            found_allowing(text, &[" +968 2412 3456 ", "info@moh.gov.om"]),
            vec![(Phone, "9123 4567")]
        );
        // The allowed number is not re-read in part.
        assert!(found_allowing("+968 2412 3456", &["+968 2412 3456"]).is_empty());
        // Exact match only.
        assert_eq!(
            found_allowing("+968 2412 3456", &["2412 3456"]),
            vec![(Phone, "+968 2412 3456")]
        );
    }

    #[test]
    fn ranges_are_byte_ranges() {
        let text = "السلام ahmed@mail.om و ٩١٢٣٤٥٦٧ و A1234567";
        let findings = scan(text, &[]);
        let expected = ["ahmed@mail.om", "٩١٢٣٤٥٦٧", "A1234567"];
        assert_eq!(findings.len(), expected.len());
        for (f, e) in findings.iter().zip(expected) {
            assert_eq!(&text[f.range.clone()], e);
            assert_eq!(f.range.start, text.find(e).unwrap());
            assert_eq!(f.range.end, f.range.start + e.len());
        }
    }

    #[test]
    fn findings_sorted_without_overlap() {
        let text = "OM88 0180 0000 0123 4567 890 a@b.om 4111111111111111 +968 9123 4567 A1234567";
        let findings = scan(text, &[]);
        let kinds: Vec<_> = findings.iter().map(|f| f.kind).collect();
        assert_eq!(kinds, vec![Iban, Email, CardNumber, Phone, NationalId]);
        for pair in findings.windows(2) {
            assert!(pair[0].range.end <= pair[1].range.start);
        }
    }

    #[test]
    fn masks() {
        assert_eq!(mask("ahmed@mail.om"), "a••••@••••.om");
        assert_eq!(mask("+968 9123 4567"), "+••• •••• •••7");
        assert_eq!(mask("a.b@x-y.gov.om"), "a.•@•-•.•••.om");
        assert_eq!(mask("4111-1111-1111-1111"), "4•••-••••-••••-•••1");
        assert_eq!(
            mask("OM88 0180 0000 0123 4567 890"),
            "O••• •••• •••• •••• •••• ••0"
        );
        assert_eq!(mask("٩١٢٣٤٥٦٧"), "٩••••••٧");
        assert_eq!(mask("A1234567"), "A••••••7");
        assert_eq!(mask("ab"), "ab");
        assert_eq!(mask(""), "");
    }

    #[test]
    fn no_false_positives_on_ordinary_text() {
        let text = "\
The consultation opened on 2026-03-01 (01/03/2026, ٢٠٢٦-٠٣-٠١, 1 March 2026) at 10:30 \
and closes on 21.03.2026 at 23:59:59. Inputs i-001, i-0042 and MOH-2020-00002, MOH-2020-0002 \
were received under Royal Decree 65/2008 (٦٥/٢٠٠٨), Royal Decree 132/2008, Decree 6/2022 and \
Decision 34/2024. The budget is 1,250,000 rials, a fee of 0.750 OMR, a 3.5 million grant, a \
balance of 12,345.678 and a payment of 24500.500 rials; 24 500 000 rials were allocated in total. \
Support reached 45% (٤٥٪) in 2026, up over 2019–2026 and 2019-2026 and 2024 2025 2026 2027; \
in 2026 2500 people replied. Version 1.2.3 of the ISBN 978-3-16-148410-0 report is at \
https://www.example.gov.om/reports/2026/annual-review and https://x.com/moh/status/1234567890123456789 \
and www.example.om/item/123456789. Oman's population is 5,106,626 and 2,450,000 \
live in cities; the date 20260301 and 21032026 were noted. Page 9 of 12, items 3-7, \
section 4.2.1, 7 days, 24 hours, 12 months.
بدأت الاستشارة في ٢٠٢٦-٠٣-٠١ الساعة ١٠:٣٠ وفق المرسوم السلطاني رقم ٦٥/٢٠٠٨ والقرار ٣٤/٢٠٢٤. \
بلغت الميزانية ١٬٢٥٠٬٠٠٠ ريال و٠٫٧٥٠ ريال عماني، ووصلت نسبة التأييد إلى ٤٥٪ في عام ٢٠٢٦ \
خلال الفترة ٢٠١٩–٢٠٢٦. عدد السكان ٥,١٠٦,٦٢٦ نسمة. المدخل i-0042 والمدخل MOH-2020-00002.";
        let hits = found(text);
        assert!(hits.is_empty(), "false positives: {hits:?}");
    }

    #[test]
    fn dates_and_years_are_not_phones() {
        for s in [
            "2026-03-01",
            "2026.03.01",
            "2026 03 01",
            "21-03-2026",
            "29 03 2026",
            "20260301",
            "25032026",
            "2019-2026",
            "2026 2500",
            "٢٠٢٦-٠٣-٠١",
        ] {
            assert!(found(s).is_empty(), "{s}: {:?}", found(s));
        }
    }

    #[test]
    fn large_input_completes() {
        let words = [
            "consultation",
            "المواطن",
            "2026",
            "rials",
            "1,250,000",
            "i-0042",
            "www",
            "@",
            "+",
            "٤٥٪",
            "a.b",
            "OM12",
            "9123",
            "A12",
            "--",
            "x@y",
            "0000",
        ];
        let mut text = String::with_capacity(10 * 1024 * 1024 + 64);
        let mut state: u32 = 12345;
        while text.len() < 10 * 1024 * 1024 {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            text.push_str(words[(state >> 16) as usize % words.len()]);
            text.push(if state & 0x8000 == 0 { ' ' } else { '.' });
        }
        let findings = scan(&text, &[]);
        for f in &findings {
            assert!(text.get(f.range.clone()).is_some());
        }
        // Long runs of digits and separators too.
        let digits = "1 ".repeat(200_000) + &"9".repeat(200_000);
        assert_eq!(scan(&digits, &[]).len(), 1);
    }

    #[test]
    fn an_eight_digit_civil_number_after_its_keyword_is_found() {
        for text in [
            "My civil ID 12345678 is on file.",
            "civil ID: 91234567",
            "Civil number 12345678.",
            "civil no. 12345678",
            "الرقم المدني 12345678",
            "الرقم المدني: ١٢٣٤٥٦٧٨",
            "رقم مدني ۱۲۳۴۵۶۷۸ وشكرا",
            "البطاقة المدنية رقم 12345678",
            "رقم البطاقة المدنية 2345 6789",
        ] {
            let f = found(text);
            assert_eq!(f.len(), 1, "{text}: {f:?}");
            assert_eq!(f[0].0, NationalId, "{text}: {f:?}");
            assert!(
                f[0].1.chars().all(|c| c.is_numeric() || c == ' '),
                "{text}: {f:?}"
            );
        }
        // Without its keyword an eight-digit number is still a count.
        assert!(found("We counted 12345678 litres.").is_empty());
        // A date or a year after the keyword is not a civil number.
        assert!(found("civil ID cards since 2026-03-01").is_empty());
    }

    #[test]
    fn budget_and_reference_numbers_are_not_phone_numbers() {
        for text in [
            "budget line 7100-2250",
            "Budget line 7100-2250 covers it.",
            "account code 2250 7100",
            "reference 9123-4567 of the ministry",
            "Ref. 91234567",
            "decree no. 2412-3456",
            "بند الموازنة 7100-2250",
            "البند 7100-2250 من الميزانية",
            "رقم المرجع ٩١٢٣٤٥٦٧",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
        // The keyword covers its own number, not the next one.
        assert_eq!(
            found("budget line 7100-2250; call me on 9123-4567"),
            vec![(Phone, "9123-4567")]
        );
    }
}
