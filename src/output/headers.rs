//! What a host needs to serve the site well: one table of response headers,
//! written for three kinds of server.
//!
//! * [`HEADERS_FILE`] (`_headers`): Netlify, Cloudflare Pages and the static
//!   hosts that read the same format;
//! * [`NGINX_FILE`]: lines to `include` in nginx's `server { }` block;
//! * [`HTACCESS_FILE`] (`.htaccess`): Apache with `mod_headers` (and
//!   `mod_rewrite` for the compressed copies).
//!
//! The table: the pages' Content-Security-Policy as a real header (the same
//! text as the `<meta>` of `base.html`, which a header makes binding on
//! every response, feeds and data included), `X-Content-Type-Options:
//! nosniff`, `Referrer-Policy: no-referrer` (a citizen's visit to a
//! consultation is not told to the sites it links to), `charset=utf-8` on
//! every text type, and `Cache-Control: no-cache` (revalidate: statuses
//! change with the date) except for assets whose name carries a content
//! hash, which never change and are cached for a year, `immutable`.

use crate::output::FileRecord;

pub const HEADERS_FILE: &str = "_headers";
pub const NGINX_FILE: &str = "sablah.nginx.conf";
pub const HTACCESS_FILE: &str = ".htaccess";

/// Text types by extension: served with `charset=utf-8`, and compressed.
pub const TEXT_TYPES: &[(&str, &str)] = &[
    ("html", "text/html"),
    ("css", "text/css"),
    ("js", "text/javascript"),
    ("json", "application/json"),
    ("xml", "application/xml"),
    ("csv", "text/csv"),
    ("ics", "text/calendar"),
    ("txt", "text/plain"),
    ("svg", "image/svg+xml"),
];

pub const REFERRER_POLICY: &str = "no-referrer";
pub const CACHE_DEFAULT: &str = "no-cache";
pub const CACHE_IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The text type of `path`, by its extension (`SHA256SUMS` is text too).
pub fn text_type(path: &str) -> Option<&'static str> {
    if path.rsplit('/').next() == Some("SHA256SUMS") {
        return Some("text/plain");
    }
    let ext = path.rsplit_once('.')?.1;
    TEXT_TYPES
        .iter()
        .find(|(e, _)| e.eq_ignore_ascii_case(ext))
        .map(|(_, t)| *t)
}

/// Whether a file's name carries a content hash (`app.3f2a9c1b.css`,
/// `logo-0123456789abcdef.svg`): eight or more hex digits between a `.` or
/// `-` and the extension. Only such a file may be cached as immutable.
pub fn is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let Some((stem, _ext)) = name.rsplit_once('.') else {
        return false;
    };
    let Some(at) = stem.rfind(['.', '-']) else {
        return false;
    };
    let hash = &stem[at + 1..];
    hash.len() >= 8
        && hash
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

/// The header table of one site.
pub struct Table {
    /// The site's path under its host (`""` or `/sub`).
    pub base: String,
    /// On every response.
    pub all: Vec<(&'static str, String)>,
    /// Files cached for a year (paths relative to the site root).
    pub immutable: Vec<String>,
}

impl Table {
    pub fn new(base: &str, csp: Option<&str>, files: &[FileRecord]) -> Table {
        let mut all = Vec::new();
        if let Some(csp) = csp {
            all.push(("Content-Security-Policy", csp.to_string()));
        }
        all.push(("X-Content-Type-Options", "nosniff".to_string()));
        all.push(("Referrer-Policy", REFERRER_POLICY.to_string()));
        let mut immutable: Vec<String> = files
            .iter()
            .filter(|f| is_hashed(&f.path))
            .map(|f| f.path.clone())
            .collect();
        immutable.sort();
        Table {
            base: base.to_string(),
            all,
            immutable,
        }
    }

    /// `_headers`: a URL pattern, then its headers indented. Every matching
    /// rule applies, and some hosts join a header given by two rules, so
    /// `Cache-Control` is given only for the hashed files: everything else
    /// keeps the host's default, which revalidates (`max-age=0,
    /// must-revalidate` on Netlify and Cloudflare Pages).
    pub fn headers_file(&self) -> String {
        let b = &self.base;
        let mut out = String::from("# Response headers for hosts that read a _headers file (Netlify, Cloudflare Pages).\n# Written by Sablah from the same table as sablah.nginx.conf and .htaccess.\n");
        out.push_str(&format!("{b}/*\n"));
        for (k, v) in &self.all {
            out.push_str(&format!("  {k}: {v}\n"));
        }
        for (ext, mime) in TEXT_TYPES {
            out.push_str(&format!(
                "{b}/*.{ext}\n  Content-Type: {mime}; charset=utf-8\n"
            ));
        }
        out.push_str(&format!(
            "{b}/data/SHA256SUMS\n  Content-Type: text/plain; charset=utf-8\n"
        ));
        for f in &self.immutable {
            out.push_str(&format!(
                "{b}/{}\n  Cache-Control: {CACHE_IMMUTABLE}\n",
                crate::routes::encode_path(f)
            ));
        }
        out
    }

    /// nginx: lines for the `server { }` block. `add_header` in a
    /// `location` drops the server's, so the immutable locations repeat
    /// every header.
    pub fn nginx(&self) -> String {
        let b = &self.base;
        let quote = |v: &str| v.replace('\\', "\\\\").replace('"', "\\\"");
        let mut common = String::new();
        for (k, v) in &self.all {
            common.push_str(&format!("    add_header {k} \"{}\" always;\n", quote(v)));
        }
        let mut out = String::from("# Include in the server { } block that serves the site:\n#     include /path/to/site/sablah.nginx.conf;\n# Written by Sablah from the same table as _headers and .htaccess.\n\n");
        out.push_str("charset utf-8;\ncharset_types");
        for (_, mime) in TEXT_TYPES.iter().filter(|(e, _)| *e != "html") {
            out.push_str(&format!(" {mime}"));
        }
        out.push_str(";\n");
        out.push_str("# The .gz copies beside each text file (ngx_http_gzip_static_module);\n# with the ngx_brotli module, add: brotli_static on;\ngzip_static on;\n\n");
        out.push_str(&format!("location {b}/ {{\n{common}    add_header Cache-Control \"{CACHE_DEFAULT}\" always;\n}}\n"));
        out.push_str(&format!(
            "location = {b}/data/SHA256SUMS {{\n    default_type \"text/plain; charset=utf-8\";\n{common}    add_header Cache-Control \"{CACHE_DEFAULT}\" always;\n}}\n"
        ));
        out.push_str(&format!(
            "location ~ \\.ics$ {{\n    types {{ }}\n    default_type \"text/calendar; charset=utf-8\";\n{common}    add_header Cache-Control \"{CACHE_DEFAULT}\" always;\n}}\n"
        ));
        for f in &self.immutable {
            out.push_str(&format!(
                "location = {b}/{} {{\n{common}    add_header Cache-Control \"{CACHE_IMMUTABLE}\" always;\n}}\n",
                crate::routes::encode_path(f)
            ));
        }
        out
    }

    /// Apache: `.htaccess` at the site's root.
    pub fn htaccess(&self) -> String {
        let quote = |v: &str| v.replace('\\', "\\\\").replace('"', "\\\"");
        let mut out = String::from("# Apache (mod_mime, mod_headers, mod_rewrite). Written by Sablah from the\n# same table as _headers and sablah.nginx.conf.\n\nAddDefaultCharset utf-8\nAddCharset utf-8");
        for (ext, _) in TEXT_TYPES {
            out.push_str(&format!(" .{ext}"));
        }
        out.push('\n');
        for (ext, mime) in TEXT_TYPES {
            out.push_str(&format!("AddType {mime} .{ext}\n"));
        }
        out.push_str("<Files \"SHA256SUMS\">\n  ForceType \"text/plain; charset=utf-8\"\n</Files>\n\n<IfModule mod_headers.c>\n");
        for (k, v) in &self.all {
            out.push_str(&format!("  Header always set {k} \"{}\"\n", quote(v)));
        }
        out.push_str(&format!("  Header set Cache-Control \"{CACHE_DEFAULT}\"\n"));
        for f in &self.immutable {
            let name = f.rsplit('/').next().unwrap_or(f);
            let pattern: String = name
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                        c.to_string()
                    } else {
                        format!("\\{c}")
                    }
                })
                .collect();
            out.push_str(&format!(
                "  <FilesMatch \"^{pattern}$\">\n    Header set Cache-Control \"{CACHE_IMMUTABLE}\"\n  </FilesMatch>\n"
            ));
        }
        out.push_str("</IfModule>\n\n# The compressed copies: .br, else .gz, to a client that accepts them.\n<IfModule mod_rewrite.c>\n  RewriteEngine On\n  RewriteCond %{HTTP:Accept-Encoding} br\n  RewriteCond %{REQUEST_FILENAME}.br -f\n  RewriteRule ^(.*)$ $1.br [L]\n  RewriteCond %{HTTP:Accept-Encoding} gzip\n  RewriteCond %{REQUEST_FILENAME}.gz -f\n  RewriteRule ^(.*)$ $1.gz [L]\n");
        for (ext, mime) in TEXT_TYPES {
            out.push_str(&format!(
                "  RewriteRule \\.{ext}\\.br$ - [T={mime},E=no-gzip:1,E=no-brotli:1]\n  RewriteRule \\.{ext}\\.gz$ - [T={mime},E=no-gzip:1,E=no-brotli:1]\n"
            ));
        }
        out.push_str("</IfModule>\n<IfModule mod_headers.c>\n  <FilesMatch \"\\.br$\">\n    Header set Content-Encoding br\n    Header append Vary Accept-Encoding\n  </FilesMatch>\n  <FilesMatch \"\\.gz$\">\n    Header set Content-Encoding gzip\n    Header append Vary Accept-Encoding\n  </FilesMatch>\n</IfModule>\n<IfModule mod_mime.c>\n  RemoveType .gz .br\n  RemoveEncoding .gz .br\n</IfModule>\n");
        out
    }
}

/// Writes the three files from one table over `files` (everything written
/// so far).
pub fn write(
    base: &str,
    csp: Option<&str>,
    files: &[FileRecord],
    sink: &dyn crate::output::Sink,
) -> std::io::Result<()> {
    let table = Table::new(base, csp, files);
    sink.write(HEADERS_FILE, table.headers_file().as_bytes())?;
    sink.write(NGINX_FILE, table.nginx().as_bytes())?;
    sink.write(HTACCESS_FILE, table.htaccess().as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_are_told_from_plain_ones() {
        for p in [
            "theme/app.3f2a9c1b.css",
            "a/logo-0123456789abcdef.svg",
            "x.deadbeef.js",
        ] {
            assert!(is_hashed(p), "{p}");
        }
        for p in [
            "theme/sablah.css",
            "data/consultations.json",
            "a.3f2a9c1.css",
            "a.3F2A9C1B.css",
            "2026-03-01.txt",
            "deadbeef.css",
        ] {
            assert!(!is_hashed(p), "{p}");
        }
    }

    #[test]
    fn text_types_have_their_type() {
        assert_eq!(text_type("a/index.html"), Some("text/html"));
        assert_eq!(text_type("data/SHA256SUMS"), Some("text/plain"));
        assert_eq!(text_type("a.pdf"), None);
        assert_eq!(text_type("Makefile"), None);
    }
}
