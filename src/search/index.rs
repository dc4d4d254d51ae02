//! Each language's search index, built from the model and the derived
//! facts, with the same publication rules as the pages: a consultation's
//! title, summary, text and questions; its decision with the responses;
//! and the texts of published inputs whose consultation publishes them
//! (`inputs_visible`). Never a withheld input, an input of a consultation
//! that does not yet publish them, a name, an organisation or anything of
//! the front matter that the pages do not show.
//!
//! Files of `/L/search/` (all written through the [`Sink`]):
//!
//! - `index.json`: the format version, the number of documents, the first
//!   term of every term shard, the size of a display chunk, the status and
//!   topic keys, and per consultation `[first document (delta), status,
//!   topics…]` (a document belongs to the consultation whose range holds it:
//!   filters need nothing else).
//! - `t/<n>.bin`: term shards, terms in UTF-16 order (what JavaScript's `<`
//!   compares), each shard about [`SHARD_BYTES`]: per term, its UTF-8 length
//!   and bytes, the number of documents, then per document the gap from the
//!   previous document id and the term's weight in it, all as LEB128
//!   varints. A query fetches only the shards holding its terms.
//! - `d/<n>.json`: display data of [`CHUNK`] documents: kind, title, URL,
//!   the start of its text; fetched for the top results only.

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::derive::{Facts, Status};
use crate::model::{Consultation, Localized, Site};
use crate::output::Sink;
use crate::routes::Route;

use super::normalize::{each_word, fold};
use super::stem::term_of_folded;

/// The index format's version, in `index.json`.
pub const VERSION: u32 = 1;
/// The size a term shard grows to before the next begins (one term's
/// postings are never split, so a very common term's shard is larger).
pub const SHARD_BYTES: usize = 8 * 1024;
/// Documents per display chunk.
pub const CHUNK: usize = 4;
/// Characters of a document's text shown under its title.
pub const SNIPPET: usize = 160;

/// How much a word counts where it stands.
pub const W_TITLE: u32 = 10;
pub const W_SUMMARY: u32 = 4;
pub const W_BODY: u32 = 1;

/// What a search result is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Consultation,
    Decision,
    Input,
}

impl Kind {
    fn code(self) -> &'static str {
        match self {
            Kind::Consultation => "c",
            Kind::Decision => "d",
            Kind::Input => "i",
        }
    }
}

/// One searchable document: what is shown, and its terms with weights.
pub struct Doc {
    pub kind: Kind,
    /// The consultation's title (the heading of every result).
    pub title: String,
    /// The input's id, for inputs.
    pub id: Option<String>,
    pub url: String,
    pub snippet: String,
    pub terms: Vec<(Term, u32)>,
}

/// The plain text of a Markdown text: its words, without markup, raw HTML
/// or link targets (parsed, not rendered).
pub fn plain(markdown: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser, TagEnd};
    let text = crate::render::markdown::neutralise(markdown);
    let mut out = String::with_capacity(text.len());
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(&text, options) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::Heading(_)
                | TagEnd::TableCell
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_),
            ) if !out.ends_with(' ') => out.push(' '),
            _ => {}
        }
    }
    out.trim_end().to_string()
}

/// The words of a Markdown text as [`plain`] gives them, without parsing
/// the text when nothing in it can hide or add words (links, HTML,
/// entities, escapes): the markup left then is punctuation, which is no
/// word.
fn searchable(markdown: &str) -> std::borrow::Cow<'_, str> {
    // The characters `neutralise` removes all begin with one of these bytes.
    let disguised = || {
        memchr::memchr3(0xC2, 0xE1, 0xE2, markdown.as_bytes()).is_some()
            || memchr::memchr(0xEF, markdown.as_bytes()).is_some()
    };
    if markdown.contains(['[', '<', '&', '\\']) {
        std::borrow::Cow::Owned(plain(markdown))
    } else if disguised() {
        crate::render::markdown::neutralise(markdown)
    } else {
        std::borrow::Cow::Borrowed(markdown)
    }
}

/// The plain start of a Markdown text, for its snippet: only its first
/// paragraphs are parsed.
fn start_of(markdown: &str) -> String {
    let mut end = markdown.len().min(SNIPPET * 8);
    while !markdown.is_char_boundary(end) {
        end -= 1;
    }
    let cut = markdown[..end].rfind("\n\n").filter(|&i| i > SNIPPET * 2);
    plain(&markdown[..cut.unwrap_or(end)])
}

/// The first `SNIPPET` characters of `text`, cut at a space.
fn snippet(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(SNIPPET) {
        None => text.to_string(),
        Some((end, _)) => {
            let cut = text[..end]
                .rfind(' ')
                .filter(|&i| i > end / 2)
                .unwrap_or(end);
            format!("{}…", text[..cut].trim_end())
        }
    }
}

/// A term, shared between the documents that hold it.
type Term = std::sync::Arc<str>;

/// FNV-1a: terms and words are short, and SipHash's defence against
/// chosen keys is not needed for a site's own text.
#[derive(Default, Clone, Copy)]
pub struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf29ce484222325
        } else {
            self.0
        };
        for b in bytes {
            h = (h ^ u64::from(*b)).wrapping_mul(0x100000001b3);
        }
        self.0 = h;
    }
}

type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fnv>>;

thread_local! {
    /// Words already turned into terms on this thread: a site's vocabulary
    /// is small beside its text, and stemming is the costly step.
    static TERMS: std::cell::RefCell<FastMap<Box<str>, Option<Term>>> =
        std::cell::RefCell::new(FastMap::default());
}

/// Adds the terms of `text`, each weighing `weight`, to `acc`.
fn add_terms(acc: &mut FastMap<Term, u32>, text: &str, weight: u32) {
    TERMS.with(|cache| {
        let mut cache = cache.borrow_mut();
        each_word(text, |w| {
            let term = match cache.get(w) {
                Some(t) => t.clone(),
                None => {
                    let t: Option<Term> = term_of_folded(&fold(w)).map(Term::from);
                    if cache.len() > 500_000 {
                        cache.clear();
                    }
                    cache.insert(w.into(), t.clone());
                    t
                }
            };
            if let Some(t) = term {
                *acc.entry(t).or_default() += weight;
            }
        });
    });
}

fn sorted(acc: FastMap<Term, u32>) -> Vec<(Term, u32)> {
    let mut v: Vec<_> = acc.into_iter().collect();
    v.sort_unstable();
    v
}

/// The text in `lang`, else in the first language that has it (as the
/// pages show it, marked as pending translation).
fn localized<'a>(l: &'a Localized, lang: &str, langs: &[String]) -> &'a str {
    l.get(lang)
        .or_else(|| langs.iter().find_map(|x| l.get(x)))
        .map(String::as_str)
        .unwrap_or("")
}

fn in_lang<'a, T>(
    m: &'a std::collections::BTreeMap<String, T>,
    lang: &str,
    langs: &[String],
) -> Option<&'a T> {
    m.get(lang).or_else(|| langs.iter().find_map(|l| m.get(l)))
}

/// The documents of one consultation in `lang`, in index order: the
/// consultation, its decision, its published inputs.
pub fn consultation_docs(
    site: &Site,
    c: &Consultation,
    inputs_visible: bool,
    lang: &str,
) -> Vec<Doc> {
    let langs = site.config.languages();
    let base = site.config.base_path();
    let mut docs = Vec::new();
    let page = Route::Consultation {
        lang: lang.into(),
        slug: c.slug.clone(),
    }
    .url(base);
    let Some(text) = in_lang(&c.texts, lang, &langs) else {
        return docs;
    };
    let title = text.front.title.clone();
    let summary = plain(&text.front.summary);
    let body = searchable(text.body.as_str());
    let mut acc = FastMap::default();
    add_terms(&mut acc, &title, W_TITLE);
    add_terms(&mut acc, &summary, W_SUMMARY);
    add_terms(&mut acc, &body, W_BODY);
    add_terms(&mut acc, c.meta.id.get_ref(), W_SUMMARY);
    for q in &c.meta.questions {
        add_terms(&mut acc, localized(q.text.get_ref(), lang, &langs), W_BODY);
    }
    docs.push(Doc {
        kind: Kind::Consultation,
        title: title.clone(),
        id: None,
        url: page.clone(),
        snippet: snippet(&summary),
        terms: sorted(acc),
    });
    if let Some(d) = &c.decision {
        let mut acc = FastMap::default();
        let mut shown = String::new();
        if let Some(t) = in_lang(&d.texts, lang, &langs) {
            add_terms(&mut acc, &t.front.title, W_TITLE);
            let body = plain(t.body.as_str());
            add_terms(&mut acc, &body, W_BODY);
            shown = format!("{} {}", t.front.title, body);
        }
        for r in &d.meta.responses {
            let text = plain(localized(r.text.get_ref(), lang, &langs));
            add_terms(&mut acc, &text, W_BODY);
            if shown.is_empty() {
                shown = text;
            }
        }
        docs.push(Doc {
            kind: Kind::Decision,
            title: title.clone(),
            id: None,
            url: format!("{page}#decision"),
            snippet: snippet(&shown),
            terms: sorted(acc),
        });
    }
    if inputs_visible {
        for input in c.inputs.iter().filter(|i| i.is_published()) {
            // The text in the page's language: the original, or the
            // agency's translation; an input in a language the site does
            // not have is searched in every language.
            let original = input.meta.language.get_ref();
            let body = if original == lang || !langs.contains(original) {
                Some(input.body.as_str())
            } else {
                input.translations.get(lang).map(|t| t.body.as_str())
            };
            let Some(body) = body else { continue };
            let mut acc = FastMap::default();
            add_terms(&mut acc, &searchable(body), W_BODY);
            docs.push(Doc {
                kind: Kind::Input,
                title: title.clone(),
                id: Some(input.id.clone()),
                url: Route::Input {
                    lang: lang.into(),
                    slug: c.slug.clone(),
                    id: input.id.clone(),
                }
                .url(base),
                snippet: snippet(&start_of(body)),
                terms: sorted(acc),
            });
        }
    }
    docs
}

impl Doc {
    /// A document of plain-text `fields`, each with its weight, shown as
    /// `title` over the start of `shown`.
    pub fn of_fields(
        kind: Kind,
        title: String,
        url: String,
        shown: &str,
        fields: &[(&str, u32)],
    ) -> Doc {
        let mut acc = FastMap::default();
        for (text, weight) in fields {
            add_terms(&mut acc, text, *weight);
        }
        Doc {
            kind,
            title,
            id: None,
            url,
            snippet: snippet(shown),
            terms: sorted(acc),
        }
    }
}

fn varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8 & 0x7f) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// UTF-16 order, as JavaScript compares strings.
fn utf16_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

#[derive(Serialize)]
struct Meta<'a> {
    v: u32,
    docs: usize,
    chunk: usize,
    shards: Vec<&'a str>,
    status: Vec<&'static str>,
    topics: Vec<&'a str>,
    /// Per consultation: first document (gap from the previous one's),
    /// status, topics (indexes into `status` and `topics`).
    c: Vec<Vec<usize>>,
    /// The agencies' ids, when the index spans agencies (the national
    /// index); an agency's site has none.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    agencies: &'a [&'a str],
    /// Per consultation, its agency (an index into `agencies`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    a: Vec<usize>,
}

/// One consultation of an index: its documents, in index order, and what
/// the filters need.
pub struct Group {
    pub docs: Vec<Doc>,
    pub status: Status,
    /// Indexes into the index's topic keys.
    pub topics: Vec<usize>,
    /// An index into the index's agencies, when it spans agencies.
    pub agency: Option<usize>,
}

/// The files of one language's index (file under `/L/search/`, bytes)
/// over `groups`, whose topics are indexes into `topics` and agencies into
/// `agencies` (empty for one agency's site).
pub fn files_of(groups: Vec<Group>, topics: &[&str], agencies: &[&str]) -> Vec<(String, Vec<u8>)> {
    let mut meta = Meta {
        v: VERSION,
        docs: groups.iter().map(|g| g.docs.len()).sum(),
        chunk: CHUNK,
        shards: Vec::new(),
        status: Status::ALL.iter().map(|s| s.as_str()).collect(),
        topics: topics.to_vec(),
        c: Vec::with_capacity(groups.len()),
        agencies,
        a: Vec::new(),
    };
    let mut previous = 0;
    let mut first = 0;
    for g in &groups {
        let mut row = vec![
            first - previous,
            Status::ALL.iter().position(|s| *s == g.status).unwrap_or(0),
        ];
        row.extend(g.topics.iter().copied());
        meta.c.push(row);
        if !agencies.is_empty() {
            meta.a.push(g.agency.unwrap_or(0));
        }
        previous = first;
        first += g.docs.len();
    }
    let docs: Vec<Doc> = groups.into_iter().flat_map(|g| g.docs).collect();

    // Postings: term → (document, weight), documents in increasing order.
    let mut postings: FastMap<&str, Vec<(u32, u32)>> = FastMap::default();
    for (id, d) in docs.iter().enumerate() {
        for (t, w) in &d.terms {
            postings.entry(&**t).or_default().push((id as u32, *w));
        }
    }
    let mut terms: Vec<(&str, Vec<(u32, u32)>)> = postings.into_iter().collect();
    terms.par_sort_unstable_by(|a, b| utf16_cmp(a.0, b.0));
    // Each term's bytes, encoded in parallel, then cut into shards.
    let encoded: Vec<Vec<u8>> = terms
        .par_iter()
        .map(|(t, list)| {
            let mut out = Vec::with_capacity(t.len() + 2 + list.len() * 2);
            varint(&mut out, t.len() as u32);
            out.extend_from_slice(t.as_bytes());
            varint(&mut out, list.len() as u32);
            let mut last = 0;
            for &(doc, w) in list {
                varint(&mut out, doc - last);
                varint(&mut out, w.min(255));
                last = doc;
            }
            out
        })
        .collect();
    let mut files = Vec::new();
    let mut shard = Vec::new();
    for ((t, _), bytes) in terms.iter().zip(&encoded) {
        if shard.is_empty() {
            meta.shards.push(t);
        }
        shard.extend_from_slice(bytes);
        if shard.len() >= SHARD_BYTES {
            files.push((format!("t/{}.bin", files.len()), std::mem::take(&mut shard)));
        }
    }
    if !shard.is_empty() || files.is_empty() {
        files.push((format!("t/{}.bin", files.len()), shard));
    }
    let chunks: Vec<(String, Vec<u8>)> = docs
        .par_chunks(CHUNK)
        .enumerate()
        .map(|(n, chunk)| {
            let rows: Vec<serde_json::Value> = chunk
                .iter()
                .map(|d| {
                    serde_json::json!([
                        d.kind.code(),
                        d.title,
                        d.url,
                        d.snippet,
                        d.id.as_deref().unwrap_or("")
                    ])
                })
                .collect();
            (
                format!("d/{n}.json"),
                serde_json::to_vec(&rows).unwrap_or_default(),
            )
        })
        .collect();
    files.extend(chunks);
    files.push((
        "index.json".into(),
        serde_json::to_vec(&meta).unwrap_or_default(),
    ));
    files
}

/// The files of one language's index of an agency's site.
pub fn language_files(site: &Site, facts: &Facts, lang: &str) -> Vec<(String, Vec<u8>)> {
    let topics: Vec<&str> = site.config.topics.keys().map(String::as_str).collect();
    let groups: Vec<Group> = site
        .consultations
        .par_iter()
        .zip(facts.consultations.par_iter())
        .map(|(c, f)| Group {
            docs: consultation_docs(site, c, f.inputs_visible, lang),
            status: f.status,
            topics: c
                .meta
                .topics
                .iter()
                .filter_map(|t| topics.iter().position(|k| *k == t.get_ref()))
                .collect(),
            agency: None,
        })
        .collect();
    files_of(groups, &topics, &[])
}

/// Writes every language's index into `sink`.
pub fn write(site: &Site, facts: &Facts, sink: &dyn Sink) -> std::io::Result<()> {
    site.config
        .languages()
        .par_iter()
        .try_for_each(|lang| -> std::io::Result<()> {
            for (file, bytes) in language_files(site, facts, lang) {
                let route = Route::SearchIndex {
                    lang: lang.clone(),
                    file,
                };
                sink.write(&route.file(), &bytes)?;
            }
            Ok(())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_drops_markup_and_html() {
        assert_eq!(
            plain("# Title\n\nSome *text* <b>raw</b> [link](http://x.example)\n\n- a\n- b"),
            "Title Some text raw link a b"
        );
    }

    #[test]
    fn snippets_are_cut_at_a_space() {
        let long = "word ".repeat(100);
        let s = snippet(&long);
        assert!(s.ends_with("word…"), "{s}");
        assert!(s.chars().count() <= SNIPPET + 1);
    }

    #[test]
    fn unparsed_text_gives_the_words_of_parsed_text() {
        use crate::search::stem::terms as words;
        for md in [
            "# Heading\n\n*Some* **bold** _text_, `code`\n\n1. one\n2. two\n\n> quote ~~gone~~",
            "المياه | الرسوم\n---|---\nنعم | لا",
        ] {
            assert!(matches!(searchable(md), std::borrow::Cow::Borrowed(_)));
            assert_eq!(words(&searchable(md)), words(&plain(md)), "{md}");
        }
        assert_eq!(searchable("[link](http://x.example)"), "link");
    }

    #[test]
    fn varints_are_leb128() {
        let mut v = Vec::new();
        varint(&mut v, 300);
        assert_eq!(v, [0xac, 0x02]);
    }
}
