//! The integrity manifest: `data/manifest.json` lists every published
//! file with its size and SHA-256, and `data/SHA256SUMS` lists the same
//! files in the format `sha256sum -c` reads. The root hash in the manifest
//! is the SHA-256 of `SHA256SUMS`, so anyone can check an archived copy of
//! the site with standard tools:
//!
//! ```text
//! cd site && sha256sum -c --quiet data/SHA256SUMS   # every file, unaltered
//! sha256sum data/SHA256SUMS                         # = root_sha256
//! ```
//!
//! Written last, over everything the build wrote. The two files cannot
//! list themselves, so they are the only published files not listed,
//! besides the compressed copies (`.gz`, `.br`) that `build` writes after
//! them: encodings of listed files, which decompress to the listed bytes.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::derive::Facts;
use crate::model::Site;
use crate::output::{hex, FileRecord, Sink};
use crate::routes;

/// The version of the manifest's shape.
pub const MANIFEST_VERSION: u32 = 1;

/// What the manifest says about the whole site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestSummary {
    pub files: usize,
    pub bytes: u64,
    pub root_sha256: String,
}

#[derive(Serialize)]
struct Manifest<'a> {
    manifest_version: u32,
    generator: String,
    base_url: &'a str,
    build_date: String,
    algorithm: &'static str,
    root_sha256: &'a str,
    root_method: String,
    file_count: usize,
    total_bytes: u64,
    files: Entries<'a>,
}

#[derive(Serialize)]
struct Entry<'a> {
    path: &'a str,
    size: u64,
    sha256: String,
}

/// Writes `SHA256SUMS` and `manifest.json` over `files` (everything
/// written before them).
pub fn write(
    site: &Site,
    facts: &Facts,
    files: &[FileRecord],
    sink: &dyn Sink,
) -> std::io::Result<ManifestSummary> {
    let listed = listed(files);
    // The checksum list, hashed as it is written: the root hash.
    let mut hasher = Sha256::new();
    sink.write_stream(routes::CHECKSUMS, &mut |w| {
        hasher = Sha256::new();
        let mut line = String::with_capacity(160);
        for f in &listed {
            line.clear();
            checksum_line(f, &mut line);
            hasher.update(line.as_bytes());
            w.write_all(line.as_bytes())?;
        }
        Ok(())
    })?;
    let root = hex(&std::mem::take(&mut hasher).finalize());
    sink.write_stream(routes::MANIFEST, &mut |w| {
        write_manifest_json(site, facts, &listed, &root, w)
    })?;
    Ok(ManifestSummary {
        files: listed.len(),
        bytes: listed.iter().map(|f| f.size).sum(),
        root_sha256: root,
    })
}

/// The files the manifest lists: all but itself and its checksum list,
/// sorted by path, byte by byte.
pub fn listed(files: &[FileRecord]) -> Vec<&FileRecord> {
    let mut list: Vec<&FileRecord> = files
        .iter()
        .filter(|f| f.path != routes::MANIFEST && f.path != routes::CHECKSUMS)
        .collect();
    list.sort_by(|a, b| a.path.as_bytes().cmp(b.path.as_bytes()));
    list.dedup_by(|a, b| a.path == b.path);
    list
}

/// `sha256sum` output for `files`: `<hash>  <path>` per line. A path with
/// a backslash, newline or carriage return is escaped as GNU coreutils
/// does (the line starts with `\`).
pub fn checksums(files: &[&FileRecord]) -> String {
    let mut out = String::with_capacity(files.len() * 100);
    for f in files {
        checksum_line(f, &mut out);
    }
    out
}

/// One line of [`checksums`], appended to `out`.
fn checksum_line(f: &FileRecord, out: &mut String) {
    let needs_escape = f.path.contains(['\\', '\n', '\r']);
    if needs_escape {
        out.push('\\');
    }
    out.push_str(&f.sha256_hex());
    out.push_str("  ");
    if needs_escape {
        out.push_str(
            &f.path
                .replace('\\', "\\\\")
                .replace('\n', "\\n")
                .replace('\r', "\\r"),
        );
    } else {
        out.push_str(&f.path);
    }
    out.push('\n');
}

/// The manifest's file list, an entry at a time as it is written.
struct Entries<'a>(&'a [&'a FileRecord]);

impl Serialize for Entries<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for f in self.0 {
            seq.serialize_element(&Entry {
                path: &f.path,
                size: f.size,
                sha256: f.sha256_hex(),
            })?;
        }
        seq.end()
    }
}

fn write_manifest_json(
    site: &Site,
    facts: &Facts,
    files: &[&FileRecord],
    root: &str,
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let m = Manifest {
        manifest_version: MANIFEST_VERSION,
        generator: super::data::generator(),
        base_url: site.config.base_url(),
        build_date: facts.build_date.iso(),
        algorithm: "sha256",
        root_sha256: root,
        root_method: format!("SHA-256 of {}, which lists every file below as sha256sum prints it (\"<sha256>  <path>\\n\"), sorted by path byte by byte; {} and {} are the only files not listed", routes::CHECKSUMS, routes::MANIFEST, routes::CHECKSUMS),
        file_count: files.len(),
        total_bytes: files.iter().map(|f| f.size).sum(),
        files: Entries(files),
    };
    serde_json::to_writer_pretty(&mut *w, &m).map_err(std::io::Error::from)?;
    w.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{fixture, MemorySink};

    #[test]
    fn root_hash_is_the_hash_of_the_checksum_list() {
        let (site, facts) = fixture::site();
        let sink = MemorySink::default();
        sink.write("b.html", b"bee").unwrap();
        sink.write("a/index.html", b"").unwrap();
        let summary = write(&site, &facts, &sink.written(), &sink).unwrap();
        assert_eq!(summary.files, 2);
        assert_eq!(summary.bytes, 3);
        let files = sink.files.lock().unwrap();
        let sums = String::from_utf8(files[routes::CHECKSUMS].clone()).unwrap();
        // sha256("") and sha256("bee"), in path order.
        let expected = format!("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  a/index.html\n{}  b.html\n", hex(&Sha256::digest(b"bee")));
        assert_eq!(sums, expected);
        assert_eq!(summary.root_sha256, hex(&Sha256::digest(sums.as_bytes())));
        let v: serde_json::Value = serde_json::from_slice(&files[routes::MANIFEST]).unwrap();
        assert_eq!(v["root_sha256"], summary.root_sha256.as_str());
        assert_eq!(v["files"][1]["path"], "b.html");
        assert_eq!(v["files"][1]["size"], 3);
    }

    #[test]
    fn a_rebuild_lists_neither_the_manifest_nor_its_checksums() {
        let a = FileRecord::of("x", b"1");
        let m = FileRecord::of(routes::MANIFEST, b"{}");
        let s = FileRecord::of(routes::CHECKSUMS, b"");
        assert_eq!(listed(&[m, a.clone(), s]), vec![&a]);
        let odd = FileRecord::of("a\\b\nc", b"");
        assert!(checksums(&[&odd]).starts_with("\\e3b0"));
        assert!(checksums(&[&odd]).ends_with("  a\\\\b\\nc\n"));
    }
}
