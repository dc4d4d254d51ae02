//! The cache of last good copies: one folder per source, named by its id
//! (a checked slug, so it never leaves the cache folder), holding the copy
//! and `meta.json` (its harvest date, SHA-256 and validators).
//!
//! Only a copy that passed every check is stored, so a failing source
//! keeps the copy it had. Each file is written to a temporary name and
//! renamed over the old one: a run killed half-way leaves either copy
//! whole, and a copy whose hash disagrees with its `meta.json` is ignored.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::model::Date;
use crate::output::hex;

use super::harvest::Validators;

pub const DATA_FILE: &str = "consultations.json";
pub const META_FILE: &str = "meta.json";

/// What the cache knows of a copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// Where it came from, as index.toml said.
    pub source: String,
    /// The day it was fetched, or last confirmed by a `304`.
    #[serde(deserialize_with = "super::model::iso_date")]
    pub harvested: Date,
    pub sha256: String,
    #[serde(flatten)]
    pub validators: Validators,
}

/// A copy read back from the cache.
#[derive(Debug)]
pub struct Cached {
    pub meta: Meta,
    pub bytes: Vec<u8>,
}

pub struct Cache {
    root: PathBuf,
}

impl Cache {
    pub fn new(root: PathBuf) -> Cache {
        Cache { root }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The copy of source `id` as stored (its bytes are what the union
    /// republishes).
    pub fn data_path(&self, id: &str) -> PathBuf {
        self.dir(id).join(DATA_FILE)
    }

    fn dir(&self, id: &str) -> PathBuf {
        debug_assert!(super::config::is_slug(id));
        self.root.join(id)
    }

    /// The copy of source `id`, if the cache holds a whole one.
    pub fn get(&self, id: &str) -> Option<Cached> {
        let dir = self.dir(id);
        let meta: Meta = serde_json::from_slice(&std::fs::read(dir.join(META_FILE)).ok()?).ok()?;
        let bytes = std::fs::read(dir.join(DATA_FILE)).ok()?;
        (hex(&Sha256::digest(&bytes)) == meta.sha256).then_some(Cached { meta, bytes })
    }

    /// Stores a good copy of source `id`.
    pub fn put(&self, id: &str, bytes: &[u8], meta: &Meta) -> std::io::Result<()> {
        let dir = self.dir(id);
        std::fs::create_dir_all(&dir)
            .map_err(|e| crate::diagnostics::io_at(e, "create the cache folder", &dir))?;
        atomic_write(&dir.join(DATA_FILE), bytes)?;
        let meta = serde_json::to_vec_pretty(meta).map_err(std::io::Error::other)?;
        atomic_write(&dir.join(META_FILE), &meta)
    }

    /// Writes a new copy of `id` beside the cached one, under a temporary
    /// name, and returns that name: [`Cache::commit_staged`] puts it in
    /// place once the copy is kept; a copy refused is removed; one left by
    /// a killed run is overwritten by the next (same name) or ignored.
    pub fn stage(&self, id: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
        let dir = self.dir(id);
        std::fs::create_dir_all(&dir)
            .map_err(|e| crate::diagnostics::io_at(e, "create the cache folder", &dir))?;
        let path = dir.join(format!(".{DATA_FILE}.staged"));
        std::fs::write(&path, bytes)
            .map_err(|e| crate::diagnostics::io_at(e, "write the new copy", &path))?;
        Ok(path)
    }

    /// Puts a copy written by [`Cache::stage`] in place, with its meta.
    pub fn commit_staged(&self, id: &str, staged: &Path, meta: &Meta) -> std::io::Result<()> {
        let dir = self.dir(id);
        let data = dir.join(DATA_FILE);
        std::fs::rename(staged, &data)
            .map_err(|e| crate::diagnostics::io_at(e, "put in place the new copy", &data))?;
        let meta = serde_json::to_vec_pretty(meta).map_err(std::io::Error::other)?;
        atomic_write(&dir.join(META_FILE), &meta)
    }

    /// Records that the copy of `id` was confirmed current on `date` (a
    /// `304`), keeping its body.
    pub fn touch(&self, id: &str, meta: &Meta) -> std::io::Result<()> {
        let dir = self.dir(id);
        let meta = serde_json::to_vec_pretty(meta).map_err(std::io::Error::other)?;
        atomic_write(&dir.join(META_FILE), &meta)
    }
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        // No fsync: a copy torn by a power cut fails its hash against
        // meta.json and is ignored (see Cache::get), and a fsync per file
        // cost more than the rest of the harvest.
        f.write_all(bytes)?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(|e| crate::diagnostics::io_at(e, "write the cached copy", path))
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_round_trips_and_a_torn_one_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path().to_path_buf());
        assert!(cache.get("mwre").is_none());
        let meta = Meta {
            source: "x".into(),
            harvested: Date::parse("2026-12-01").unwrap(),
            sha256: sha256_hex(b"{}"),
            validators: Validators {
                etag: Some("\"a\"".into()),
                last_modified: None,
            },
        };
        cache.put("mwre", b"{}", &meta).unwrap();
        let got = cache.get("mwre").unwrap();
        assert_eq!(got.bytes, b"{}");
        assert_eq!(got.meta, meta);
        std::fs::write(dir.path().join("mwre").join(DATA_FILE), b"{ torn").unwrap();
        assert!(cache.get("mwre").is_none());
    }
}
