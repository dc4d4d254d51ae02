//! `/data/social-disclaimer.<lang>.txt`: the text an agency pastes into the
//! "about" field of each of its social-media pages (the guidelines' "duty
//! clearance on its page concerning social networks"): who runs the
//! account, the publishing restrictions, the intellectual-property
//! disclaimer with Royal Decree 65/2008, and that comments may enter the
//! public record of a consultation. Written only when `[[social]]` lists an
//! account; the same text is on `/<lang>/channels/`.
//!
//! Each file is at most [`MAX_CHARS`] characters: YouTube's channel
//! description (1,000) is the smallest of the platforms' "about" fields that
//! take a paragraph (Facebook's page "About"/"Additional information" and
//! LinkedIn's "About" take more). Bios of X (160) and Instagram (150) are too
//! short for any of it: there, link to the channels page.

use fluent_bundle::FluentValue;

use crate::model::Site;
use crate::output::Sink;
use crate::render::i18n::Translations;
use crate::routes::{self, Route};

/// The longest "about" text the file may hold, in characters.
pub const MAX_CHARS: usize = 1000;

/// The disclaimer in `lang`.
pub fn disclaimer(site: &Site, tr: &Translations, lang: &str) -> String {
    let c = &site.config;
    let agency = c.agency_name(lang);
    let page = routes::absolute(site, &Route::Channels { lang: lang.into() }.path());
    let text = tr.get(
        lang,
        "social-disclaimer",
        &[
            ("agency", FluentValue::from(agency)),
            ("gender", FluentValue::from(c.gender(lang))),
            ("page", FluentValue::from(page)),
        ],
    );
    // Never longer than the platforms take: cut at a sentence if needed.
    if text.chars().count() <= MAX_CHARS {
        return text;
    }
    let cut: String = text.chars().take(MAX_CHARS).collect();
    match cut.rfind(['.', '。', '،']) {
        Some(i) => cut[..=i].to_string(),
        None => cut,
    }
}

/// Writes the file of each language.
pub fn write(site: &Site, tr: &Translations, sink: &dyn Sink) -> std::io::Result<usize> {
    if site.config.social.is_empty() {
        return Ok(0);
    }
    let langs = site.config.languages();
    for lang in &langs {
        let mut text = disclaimer(site, tr, lang);
        text.push('\n');
        sink.write(
            &Route::SocialDisclaimer { lang: lang.clone() }.path(),
            text.as_bytes(),
        )?;
    }
    Ok(langs.len())
}
