//! Share images: the 1200×630 PNG that a link to a consultation shows on
//! social media (`og:image`, `twitter:image`), one per consultation and
//! language, drawn at build time.
//!
//! A [`Card`] is what is drawn: the agency's name and logo, the
//! consultation's title, its status and its closing or decision date as the
//! page words them. It becomes an SVG (every text XML-escaped, bidirectional
//! controls taken out of the title, long texts wrapped and cut with an
//! ellipsis), which usvg lays out with the fonts shipped in
//! `themes/default/fonts/` (Noto Naskh Arabic and Noto Sans, OFL): text is
//! shaped by harfrust, Arabic joined and laid out right to left, and no
//! system font is ever looked up, so the same card gives the same pixels on
//! every machine. resvg rasterises it with tiny-skia; the PNG is encoded
//! with fixed settings and carries the card's [`Card::key`] in a `tEXt`
//! chunk, so a build can take the image of the previous output as it is
//! when nothing drawn changed ([`reusable`]).

use std::sync::{Arc, LazyLock};

use resvg::usvg;
use sha2::{Digest, Sha256};

pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;

/// Raised whenever the drawing changes (layout, colours, encoding): part
/// of every image's key, so that no image of an older drawing is reused.
const DRAWING: &str = "sablah share image 1";

/// The `tEXt` keyword under which an image carries its key.
const KEY_CHUNK: &str = "sablah-share-key";

macro_rules! font {
    ($name:literal) => {
        (
            $name,
            include_bytes!(concat!("../../themes/default/fonts/", $name)) as &[u8],
        )
    };
}

/// The theme's fonts, compiled into the binary (see
/// `themes/default/fonts/OFL.txt` for their licence).
pub const FONTS: &[(&str, &[u8])] = &[
    font!("NotoNaskhArabic-Regular.ttf"),
    font!("NotoNaskhArabic-Bold.ttf"),
    font!("NotoSans-Regular.ttf"),
    font!("NotoSans-Bold.ttf"),
];

const ARABIC: &str = "'Noto Naskh Arabic', 'Noto Sans'";
const LATIN: &str = "'Noto Sans', 'Noto Naskh Arabic'";

/// One font database for every image of the process, holding the shipped
/// fonts only, and the hash of their bytes (part of each key).
struct Fonts {
    db: Arc<usvg::fontdb::Database>,
    hash: [u8; 32],
}

static SHIPPED: LazyLock<Fonts> = LazyLock::new(|| {
    let mut db = usvg::fontdb::Database::new();
    let mut hash = Sha256::new();
    for (name, bytes) in FONTS {
        db.load_font_source(usvg::fontdb::Source::Binary(Arc::new(*bytes)));
        hash.update(name.as_bytes());
        hash.update(bytes);
    }
    db.set_sans_serif_family("Noto Sans");
    db.set_serif_family("Noto Sans");
    Fonts {
        db: Arc::new(db),
        hash: hash.finalize().into(),
    }
});

/// The agency's logo, as sablah.toml names it.
#[derive(Debug, Clone)]
pub struct Logo {
    pub bytes: Arc<[u8]>,
    pub kind: LogoKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogoKind {
    Svg,
    Png,
}

impl Logo {
    /// The logo at `path` (its kind from its extension), if it is an SVG
    /// or a PNG; other kinds are not drawn.
    pub fn of(path: &str, bytes: Vec<u8>) -> Option<Logo> {
        let lower = path.to_ascii_lowercase();
        let kind = if lower.ends_with(".svg") {
            LogoKind::Svg
        } else if lower.ends_with(".png") {
            LogoKind::Png
        } else {
            return None;
        };
        Some(Logo {
            bytes: bytes.into(),
            kind,
        })
    }
}

/// What one share image shows, every text already in the page's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    /// The page's language: `ar` lays the card out right to left.
    pub lang: String,
    pub rtl: bool,
    pub agency: String,
    /// The consultation's title, plain (untrusted: escaped when drawn).
    pub title: String,
    /// Whether the title itself is right-to-left (it may be shown in
    /// another language than the page's, pending translation).
    pub title_rtl: bool,
    /// The status keyword, which picks the badge's colour.
    pub status: String,
    pub status_label: String,
    /// "Closes: 31 March 2026", as the page words it.
    pub date_line: String,
}

impl Card {
    /// A hash of everything drawn: the drawing's version, the fonts, the
    /// card's texts and the logo's bytes. Two cards with the same key give
    /// the same PNG, byte for byte.
    pub fn key(&self, logo: Option<&Logo>) -> String {
        let mut h = Sha256::new();
        let mut field = |b: &[u8]| {
            h.update((b.len() as u64).to_le_bytes());
            h.update(b);
        };
        field(DRAWING.as_bytes());
        field(&SHIPPED.hash);
        field(self.lang.as_bytes());
        field(&[self.rtl as u8, self.title_rtl as u8]);
        field(self.agency.as_bytes());
        field(self.title.as_bytes());
        field(self.status.as_bytes());
        field(self.status_label.as_bytes());
        field(self.date_line.as_bytes());
        match logo {
            Some(l) => {
                field(&[1, (l.kind == LogoKind::Svg) as u8]);
                field(&l.bytes);
            }
            None => field(&[0]),
        }
        crate::output::hex(&h.finalize())
    }
}

/// `bytes` when they are a share image drawn from a card with `key`: what
/// lets a build keep the previous output's image instead of drawing it
/// again. Only the PNG's header and chunk list are read.
pub fn reusable(bytes: &[u8], key: &str) -> bool {
    png_text(bytes, KEY_CHUNK).is_some_and(|k| k == key.as_bytes())
        && png_size(bytes) == Some((WIDTH, HEIGHT))
}

/// The width and height in a PNG's `IHDR` chunk.
pub fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.len() < 24 || &bytes[..8] != b"\x89PNG\r\n\x1a\n" || &bytes[12..16] != b"IHDR" {
        return None;
    }
    let n =
        |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    Some((n(16), n(20)))
}

/// The text of the first `tEXt` chunk with `keyword`, before the image data.
fn png_text<'a>(bytes: &'a [u8], keyword: &str) -> Option<&'a [u8]> {
    let mut at = 8;
    if bytes.get(..8)? != b"\x89PNG\r\n\x1a\n" {
        return None;
    }
    while at + 8 <= bytes.len() {
        let len = u32::from_be_bytes(bytes[at..at + 4].try_into().ok()?) as usize;
        let kind = &bytes[at + 4..at + 8];
        let data = bytes.get(at + 8..at.checked_add(8 + len)?)?;
        match kind {
            b"tEXt" => {
                if let Some(text) = data
                    .strip_prefix(keyword.as_bytes())
                    .and_then(|t| t.strip_prefix(b"\0"))
                {
                    return Some(text);
                }
            }
            b"IDAT" | b"IEND" => return None,
            _ => {}
        }
        at += 12 + len;
    }
    None
}

/// Left and right margin, and the logo's box.
const MARGIN: f32 = 72.0;
const LOGO: f32 = 112.0;
const TOP: f32 = 64.0;
/// The title's block: between the header and the bottom band.
const TITLE_TOP: f32 = 216.0;
const TITLE_BOTTOM: f32 = 470.0;
const BAND_TOP: f32 = 500.0;
const TITLE_LINES: usize = 3;
/// Title sizes tried in turn: the largest at which it fits in three lines.
const TITLE_SIZES: [f32; 3] = [64.0, 54.0, 46.0];
const AGENCY_SIZE: f32 = 32.0;
const STATUS_SIZE: f32 = 28.0;
const DATE_SIZE: f32 = 30.0;
/// The size texts are measured at; widths scale with the size.
const MEASURE_SIZE: f32 = 100.0;

const INK: &str = "#1b1f23";
const MUTED: &str = "#4a5560";
const PANEL: &str = "#f3f5f7";
const ACCENT: &str = "#0b5c4a";

fn status_colour(status: &str) -> &'static str {
    match status {
        "open" => ACCENT,
        "overdue" => "#9b1c1c",
        "under-review" => "#6b3a00",
        "decided" => "#1d4f91",
        _ => MUTED,
    }
}

/// A text as it may be drawn: bidirectional controls (an override could
/// reverse the card's words) and other control characters taken out,
/// runs of white space made one space.
pub fn drawable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        let bidi = matches!(ch, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        let bad = bidi || matches!(ch, '\u{FFFE}' | '\u{FFFF}' | '\u{FEFF}');
        if ch.is_whitespace() || ch.is_control() {
            if !out.ends_with(' ') && !out.is_empty() {
                out.push(' ');
            }
        } else if !bad {
            out.push(ch);
        }
    }
    out.trim_end().to_string()
}

/// XML-escaped for text content and attribute values.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// A text to measure or draw: its words, font and weight.
struct Style {
    family: &'static str,
    bold: bool,
}

fn style(rtl: bool, bold: bool) -> Style {
    Style {
        family: if rtl { ARABIC } else { LATIN },
        bold,
    }
}

fn options(lang: &str) -> usvg::Options<'static> {
    let mut o = usvg::Options {
        fontdb: SHIPPED.db.clone(),
        font_family: "Noto Sans".into(),
        languages: vec![lang.to_string()],
        ..usvg::Options::default()
    };
    // A logo draws what it holds, never a file it names.
    o.image_href_resolver = usvg::ImageHrefResolver {
        resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
        resolve_string: Box::new(|_, _| None),
    };
    o
}

/// The widths of `texts` at [`MEASURE_SIZE`], as usvg lays them out (its
/// shaping and font fallback): one parse for all of them.
fn measure(lang: &str, texts: &[(&str, &Style)]) -> Vec<f32> {
    let mut svg =
        String::from(r#"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">"#);
    for (i, (text, s)) in texts.iter().enumerate() {
        svg.push_str(&format!(
            r#"<text id="m{i}" x="0" y="200" font-family="{}" font-weight="{}" font-size="{MEASURE_SIZE}">{}</text>"#,
            s.family,
            if s.bold { 700 } else { 400 },
            xml(text)
        ));
    }
    svg.push_str("</svg>");
    let mut widths = vec![0.0; texts.len()];
    if let Ok(tree) = usvg::Tree::from_str(&svg, &options(lang)) {
        for node in tree.root().children() {
            if let usvg::Node::Text(t) = node {
                if let Some(i) = t
                    .id()
                    .strip_prefix('m')
                    .and_then(|n| n.parse::<usize>().ok())
                {
                    if let Some(w) = widths.get_mut(i) {
                        *w = t.bounding_box().width();
                    }
                }
            }
        }
    }
    widths
}

/// The space between two words, as a share of the font size.
const SPACE: f32 = 0.26;
const ELLIPSIS: &str = "…";

/// Lines of at most `max` width (at `size`) from `words` of measured
/// `widths` (at [`MEASURE_SIZE`]), at most `lines` of them; the last one
/// cut with an ellipsis (of width `ellipsis`) when the words do not fit.
fn wrap(
    words: &[&str],
    widths: &[f32],
    ellipsis: f32,
    size: f32,
    max: f32,
    lines: usize,
) -> (Vec<String>, bool) {
    let scale = size / MEASURE_SIZE;
    let space = SPACE * size;
    let mut out: Vec<(Vec<usize>, f32)> = Vec::new();
    let mut current: (Vec<usize>, f32) = (Vec::new(), 0.0);
    for (i, w) in widths.iter().enumerate() {
        let w = w * scale;
        let wider = current.1 + if current.0.is_empty() { 0.0 } else { space } + w;
        if current.0.is_empty() || wider <= max {
            current.1 = wider;
            current.0.push(i);
        } else {
            out.push(std::mem::take(&mut current));
            current = (vec![i], w);
        }
    }
    if !current.0.is_empty() {
        out.push(current);
    }
    let cut = out.len() > lines || out.iter().any(|(_, w)| *w > max);
    if out.len() > lines {
        out.truncate(lines);
        // The last line keeps what fits before the ellipsis.
        let last = out.last_mut().expect("lines > 0");
        while last.0.len() > 1 && last.1 + ellipsis * scale > max {
            let i = last.0.pop().expect("not empty");
            last.1 -= widths[i] * scale + space;
        }
    }
    let text =
        |(ids, _): &(Vec<usize>, f32)| ids.iter().map(|&i| words[i]).collect::<Vec<_>>().join(" ");
    let mut lines: Vec<String> = out.iter().map(text).collect();
    if cut {
        // A single word wider than the line is cut by characters.
        for (line, (ids, w)) in lines.iter_mut().zip(&out) {
            if *w > max && ids.len() == 1 {
                let keep = ((line.chars().count() as f32) * (max - ellipsis * scale) / w).floor();
                *line = line.chars().take(keep.max(1.0) as usize).collect();
                line.push_str(ELLIPSIS);
            }
        }
        let shown: usize = out.iter().map(|(ids, _)| ids.len()).sum();
        if let Some(last) = lines.last_mut() {
            if shown < words.len() && !last.ends_with(ELLIPSIS) {
                last.push_str(ELLIPSIS);
            }
        }
    }
    (lines, cut)
}

/// A line wrapped in a directional isolate of its own direction, so that
/// it is ordered as its language reads whatever its first letter is.
fn isolated(text: &str, rtl: bool) -> String {
    if rtl {
        format!("\u{2067}{}\u{2069}", xml(text))
    } else {
        format!("\u{2066}{}\u{2069}", xml(text))
    }
}

/// What every card of a language shares, as an SVG document: the paper,
/// the bands and the agency's name beside the logo's place.
fn backdrop_svg(lang: &str, rtl: bool, agency: &str) -> String {
    let agency = drawable(agency);
    let bold = style(rtl, true);
    let widths = measure(lang, &[(agency.as_str(), &bold), (ELLIPSIS, &bold)]);
    let w = WIDTH as f32;
    let inner = w - 2.0 * MARGIN;
    let anchor = if rtl { "end" } else { "start" };
    let mut s = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}">"#
    );
    s.push_str(&format!(
        r#"<rect width="{WIDTH}" height="12" fill="{ACCENT}"/><rect y="{BAND_TOP}" width="{WIDTH}" height="{}" fill="{PANEL}"/>"#,
        HEIGHT as f32 - BAND_TOP
    ));
    // The agency's name beside the logo, on one line.
    let name_x = if rtl {
        w - MARGIN - LOGO - 32.0
    } else {
        MARGIN + LOGO + 32.0
    };
    let name = fit_one_line(
        &agency,
        widths[0],
        widths[1],
        AGENCY_SIZE,
        inner - LOGO - 32.0,
    );
    s.push_str(&format!(
        r#"<text x="{name_x}" y="{}" font-family="{}" font-weight="700" font-size="{AGENCY_SIZE}" fill="{INK}" text-anchor="{anchor}">{}</text>"#,
        TOP + LOGO / 2.0 + AGENCY_SIZE * 0.35,
        bold.family,
        isolated(&name, rtl)
    ));
    s.push_str("</svg>");
    s
}

/// The backdrop drawn: paper, bands, agency name and logo. Drawn once per
/// language and logo in a process and copied for each card.
fn backdrop(card: &Card, logo: Option<&Logo>) -> Arc<resvg::tiny_skia::Pixmap> {
    type Cache = std::sync::Mutex<std::collections::HashMap<String, Arc<resvg::tiny_skia::Pixmap>>>;
    static DRAWN: LazyLock<Cache> = LazyLock::new(Default::default);
    let mut h = Sha256::new();
    for part in [
        card.lang.as_bytes(),
        &[card.rtl as u8],
        card.agency.as_bytes(),
    ] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part);
    }
    if let Some(l) = logo {
        h.update([1, (l.kind == LogoKind::Svg) as u8]);
        h.update(&l.bytes);
    }
    let key = crate::output::hex(&h.finalize());
    if let Some(p) = DRAWN.lock().ok().and_then(|d| d.get(&key).cloned()) {
        return p;
    }
    let mut pixmap =
        resvg::tiny_skia::Pixmap::new(WIDTH, HEIGHT).expect("1200×630 is a valid size");
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    let svg = backdrop_svg(&card.lang, card.rtl, &card.agency);
    if let Ok(tree) = usvg::Tree::from_str(&svg, &options(&card.lang)) {
        resvg::render(
            &tree,
            resvg::tiny_skia::Transform::default(),
            &mut pixmap.as_mut(),
        );
    }
    if let Some(logo) = logo {
        draw_logo(&mut pixmap, logo, logo_at(card.rtl), &card.lang);
    }
    let pixmap = Arc::new(pixmap);
    if let Ok(mut d) = DRAWN.lock() {
        // A handful of languages and logos per process; bounded anyway.
        if d.len() > 64 {
            d.clear();
        }
        d.insert(key, pixmap.clone());
    }
    pixmap
}

/// What is drawn over the backdrop, as an SVG document: the title, the
/// status badge and the date.
pub fn svg(card: &Card) -> String {
    let title = drawable(&card.title);
    let status = drawable(&card.status_label);
    let date = drawable(&card.date_line);
    let words: Vec<&str> = title.split(' ').filter(|w| !w.is_empty()).collect();
    let title_style = style(card.title_rtl, true);
    let page_bold = style(card.rtl, true);
    let page_regular = style(card.rtl, false);
    let mut texts: Vec<(&str, &Style)> = words.iter().map(|w| (*w, &title_style)).collect();
    texts.push((ELLIPSIS, &title_style));
    texts.push((&status, &page_bold));
    texts.push((&date, &page_regular));
    let widths = measure(&card.lang, &texts);
    let n = words.len();
    let (word_widths, ellipsis) = (&widths[..n], widths[n]);
    let (status_w, date_w) = (widths[n + 1], widths[n + 2]);

    let inner = WIDTH as f32 - 2.0 * MARGIN;
    // The largest size at which the title fits; else the smallest, cut.
    let leading = if card.title_rtl { 1.5 } else { 1.25 };
    let mut chosen = None;
    for size in TITLE_SIZES {
        let (lines, cut) = wrap(&words, word_widths, ellipsis, size, inner, TITLE_LINES);
        // Naskh's tall lines: three of them at the largest size would
        // reach into the band.
        let tall = lines.len() as f32 * size * leading > TITLE_BOTTOM - TITLE_TOP;
        if !cut && !tall {
            chosen = Some((size, lines));
            break;
        }
    }
    let (size, lines) = chosen.unwrap_or_else(|| {
        let size = TITLE_SIZES[TITLE_SIZES.len() - 1];
        (
            size,
            wrap(&words, word_widths, ellipsis, size, inner, TITLE_LINES).0,
        )
    });

    let w = WIDTH as f32;
    let rtl = card.rtl;
    // x of the start edge, and the anchor that lines texts up on it.
    let start = if rtl { w - MARGIN } else { MARGIN };
    let anchor = if rtl { "end" } else { "start" };
    let mut s = String::with_capacity(4096);
    s.push_str(&format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}">"#
    ));
    // The title, centred in its block.
    let line_height = size * leading;
    let block = line_height * lines.len() as f32;
    let first = TITLE_TOP + ((TITLE_BOTTOM - TITLE_TOP) - block).max(0.0) / 2.0 + size * 0.95;
    for (i, line) in lines.iter().enumerate() {
        s.push_str(&format!(
            r#"<text x="{start}" y="{}" font-family="{}" font-weight="700" font-size="{size}" fill="{INK}" text-anchor="{anchor}">{}</text>"#,
            first + line_height * i as f32,
            title_style.family,
            isolated(line, card.title_rtl)
        ));
    }

    // The status badge, then the date.
    let badge_h = 56.0;
    let badge_y = BAND_TOP + (HEIGHT as f32 - BAND_TOP - badge_h) / 2.0;
    let badge_w = status_w * STATUS_SIZE / MEASURE_SIZE + 48.0;
    let badge_x = if rtl { w - MARGIN - badge_w } else { MARGIN };
    s.push_str(&format!(
        r#"<rect x="{badge_x}" y="{badge_y}" width="{badge_w}" height="{badge_h}" rx="28" fill="{}"/>"#,
        status_colour(&card.status)
    ));
    s.push_str(&format!(
        r##"<text x="{}" y="{}" font-family="{}" font-weight="700" font-size="{STATUS_SIZE}" fill="#ffffff" text-anchor="middle">{}</text>"##,
        badge_x + badge_w / 2.0,
        badge_y + badge_h / 2.0 + STATUS_SIZE * 0.35,
        page_bold.family,
        isolated(&status, rtl)
    ));
    let date_x = if rtl {
        badge_x - 28.0
    } else {
        badge_x + badge_w + 28.0
    };
    let date_max = inner - badge_w - 28.0;
    let date_text = fit_one_line(&date, date_w, ellipsis, DATE_SIZE, date_max);
    s.push_str(&format!(
        r#"<text x="{date_x}" y="{}" font-family="{}" font-size="{DATE_SIZE}" fill="{MUTED}" text-anchor="{anchor}">{}</text>"#,
        badge_y + badge_h / 2.0 + DATE_SIZE * 0.35,
        page_regular.family,
        isolated(&date_text, rtl)
    ));
    s.push_str("</svg>");
    s
}

/// `text` on one line of at most `max`: cut by characters with an
/// ellipsis when it is wider.
fn fit_one_line(text: &str, width: f32, ellipsis: f32, size: f32, max: f32) -> String {
    let scale = size / MEASURE_SIZE;
    if width * scale <= max {
        return text.to_string();
    }
    let count = text.chars().count() as f32;
    let keep = (count * (max - ellipsis * scale) / (width * scale))
        .floor()
        .max(1.0) as usize;
    let mut cut: String = text.chars().take(keep).collect();
    cut = cut.trim_end().to_string();
    cut.push_str(ELLIPSIS);
    cut
}

/// Where the logo is drawn: its box's top-left corner.
fn logo_at(rtl: bool) -> (f32, f32) {
    if rtl {
        (WIDTH as f32 - MARGIN - LOGO, TOP)
    } else {
        (MARGIN, TOP)
    }
}

/// The share image of `card`, as PNG bytes carrying `card`'s key.
pub fn render(card: &Card, logo: Option<&Logo>) -> Vec<u8> {
    let svg = svg(card);
    let backdrop = backdrop(card, logo);
    SCRATCH.with(|scratch| {
        let mut scratch = scratch.borrow_mut();
        let Scratch { pixmap, rgb } = &mut *scratch;
        // The backdrop copied into this thread's pixmap: a fresh 3 MB
        // buffer per image costs more in page faults than the drawing.
        let pixmap = match pixmap {
            Some(p) => {
                p.data_mut().copy_from_slice(backdrop.data());
                p
            }
            None => pixmap.insert((*backdrop).clone()),
        };
        if let Ok(tree) = usvg::Tree::from_str(&svg, &options(&card.lang)) {
            resvg::render(
                &tree,
                resvg::tiny_skia::Transform::default(),
                &mut pixmap.as_mut(),
            );
        }
        encode(pixmap, rgb, &card.key(logo))
    })
}

/// A thread's buffers, kept from one image to the next.
struct Scratch {
    pixmap: Option<resvg::tiny_skia::Pixmap>,
    rgb: Vec<u8>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = const {
        std::cell::RefCell::new(Scratch {
            pixmap: None,
            rgb: Vec::new(),
        })
    };
}

/// The logo scaled into its box, centred, keeping its proportions. A logo
/// that cannot be read is left out.
fn draw_logo(pixmap: &mut resvg::tiny_skia::Pixmap, logo: &Logo, (x, y): (f32, f32), lang: &str) {
    use resvg::tiny_skia::{FilterQuality, PixmapPaint, Transform};
    let fit = |w: f32, h: f32| {
        let k = LOGO / w.max(h).max(1.0);
        (k, x + (LOGO - w * k) / 2.0, y + (LOGO - h * k) / 2.0)
    };
    match logo.kind {
        LogoKind::Svg => {
            let Ok(tree) = usvg::Tree::from_data(&logo.bytes, &options(lang)) else {
                return;
            };
            let size = tree.size();
            let (k, dx, dy) = fit(size.width(), size.height());
            resvg::render(
                &tree,
                Transform::from_row(k, 0.0, 0.0, k, dx, dy),
                &mut pixmap.as_mut(),
            );
        }
        LogoKind::Png => {
            let Ok(image) = resvg::tiny_skia::Pixmap::decode_png(&logo.bytes) else {
                return;
            };
            let (k, dx, dy) = fit(image.width() as f32, image.height() as f32);
            let paint = PixmapPaint {
                quality: FilterQuality::Bicubic,
                ..PixmapPaint::default()
            };
            pixmap.draw_pixmap(
                0,
                0,
                image.as_ref(),
                &paint,
                Transform::from_row(k, 0.0, 0.0, k, dx, dy),
                None,
            );
        }
    }
}

/// The pixels as an opaque RGB PNG (the card's paper is opaque), with the
/// key in a `tEXt` chunk: fixed filter and compression, so the same pixels
/// always give the same bytes.
fn encode(pixmap: &resvg::tiny_skia::Pixmap, rgb: &mut Vec<u8>, key: &str) -> Vec<u8> {
    rgb.resize((WIDTH * HEIGHT * 3) as usize, 0);
    for (to, from) in rgb.chunks_exact_mut(3).zip(pixmap.data().chunks_exact(4)) {
        to.copy_from_slice(&from[..3]);
    }
    let mut out = Vec::with_capacity(128 * 1024);
    {
        let mut encoder = png::Encoder::new(&mut out, WIDTH, HEIGHT);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(png::Compression::Fast);
        encoder.set_filter(png::Filter::Sub);
        let ok = encoder
            .add_text_chunk(KEY_CHUNK.to_string(), key.to_string())
            .is_ok();
        debug_assert!(ok, "a hex key is a valid tEXt chunk");
        let mut writer = encoder.write_header().expect("writing to memory");
        writer
            .write_image_data(rgb)
            .expect("the pixels fill the image");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn card(lang: &str, title: &str) -> Card {
        let rtl = lang == "ar";
        Card {
            lang: lang.into(),
            rtl,
            agency: if rtl {
                "وزارة الموارد المائية والبيئة".into()
            } else {
                "Ministry of Water Resources and Environment".into()
            },
            title: title.into(),
            title_rtl: rtl,
            status: "open".into(),
            status_label: if rtl {
                "مفتوحة".into()
            } else {
                "Open".into()
            },
            date_line: if rtl {
                "تاريخ الإغلاق: 31 مارس 2027".into()
            } else {
                "Closes: 31 March 2027".into()
            },
        }
    }

    #[test]
    fn a_card_renders_to_a_1200_by_630_png_that_carries_its_key() {
        let c = card("en", "Groundwater well permits");
        let png = render(&c, None);
        assert_eq!(png_size(&png), Some((1200, 630)));
        assert!(reusable(&png, &c.key(None)));
        let other = card("en", "Groundwater well permits.");
        assert!(!reusable(&png, &other.key(None)));
        assert_eq!(png, render(&c, None), "the same card, the same bytes");
    }

    #[test]
    fn hostile_text_is_escaped_and_controls_are_taken_out() {
        let c = card(
            "en",
            "<script>alert(1)</script> & ]]> \u{202E}evil\u{202C} \"q\" 'a'\u{0001}",
        );
        let svg = svg(&c);
        assert!(!svg.contains("<script>"), "{svg}");
        assert!(!svg.contains("]]>"));
        assert!(!svg.contains('\u{202E}') && !svg.contains('\u{0001}'));
        assert!(svg.contains("&lt;script&gt;") && svg.contains("&amp;"));
        roxmltree::Document::parse(&svg).expect("the SVG stays well-formed");
        assert_eq!(png_size(&render(&c, None)), Some((1200, 630)));
    }

    #[test]
    fn a_long_title_is_cut_to_three_lines_with_an_ellipsis() {
        let long = "word ".repeat(200);
        let words: Vec<&str> = long.split(' ').filter(|w| !w.is_empty()).collect();
        let widths = vec![250.0; words.len()];
        let (lines, cut) = wrap(&words, &widths, 100.0, 64.0, 1056.0, 3);
        assert!(cut);
        assert_eq!(lines.len(), 3);
        assert!(lines[2].ends_with(ELLIPSIS), "{lines:?}");
        let (short, cut) = wrap(&words[..3], &widths[..3], 100.0, 64.0, 1056.0, 3);
        assert!(!cut);
        assert_eq!(short, vec!["word word word"]);
        let svg = svg(&card("ar", &"كلمة طويلة جدا ".repeat(60)));
        assert_eq!(svg.matches("font-size=\"46\"").count(), 3, "{svg}");
        assert!(svg.contains(ELLIPSIS));
    }

    #[test]
    fn measured_arabic_is_shaped_with_the_shipped_fonts() {
        // Joined forms are narrower than the isolated letters side by side.
        let bold = style(true, true);
        let w = measure("ar", &[("سلام", &bold), ("س ل ا م", &bold)]);
        assert!(w[0] > 0.0 && w[0] < w[1], "{w:?}");
    }
}

#[cfg(test)]
mod look {
    #[test]
    #[ignore]
    fn write_samples() {
        let mut c = super::tests::card(
            "ar",
            "مقترح تنظيم حصص مياه الأفلاج وتسجيلها وتوثيق عقود بيعها وإيجارها ووضع نموذج موحد لحسابات إدارات الأفلاج وتحديد الجهة التي تفصل في النزاعات",
        );
        std::fs::write("/tmp/share-ar-test.png", super::render(&c, None)).unwrap();
        c = super::tests::card(
            "en",
            "Desalinated water tariffs for homes and businesses from 2027 (decree 65/2008)",
        );
        std::fs::write("/tmp/share-en-test.png", super::render(&c, None)).unwrap();
    }
}
