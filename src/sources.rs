//! The input edge: reads a site folder into memory as a [`SourceSet`].
//!
//! Everything after this module works on values, never on the disk. Text
//! sources (`sablah.toml`, `*.toml` and `*.md` under `content/`) are read
//! whole, in parallel; other files (documents, `static/`) are only listed with
//! their size, and copied later by the output stage. Problems met while
//! reading (unreadable files, non-UTF-8 text, links that lead out of the site,
//! loops) become diagnostics; they never stop the rest of the folder from
//! being read.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostics::{Code, Diagnostic, Diagnostics};

/// The largest text source read. An input of tens of megabytes is a mistake
/// (a pasted file, a runaway export), not a citizen's comment.
pub const MAX_TEXT_BYTES: u64 = 16 * 1024 * 1024;

/// Index of a text file in a [`SourceSet`]: below [`OVERRIDE_BASE`], of
/// its `files`; from it up, of its `overrides` (templates and strings), so
/// that a theme problem points at its line too.
pub type FileId = usize;

/// The [`FileId`] of the first of a set's `overrides`.
pub const OVERRIDE_BASE: FileId = usize::MAX / 2;

/// A byte range in one text source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub file: FileId,
    pub range: Range<usize>,
}

/// A text source: its path relative to the site folder (with `/`) and text.
#[derive(Debug)]
pub struct SourceFile {
    pub path: String,
    pub text: Arc<str>,
}

/// A file that is copied, not read: a document or a static file.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Relative to the site folder, with `/`.
    pub path: String,
    pub size: u64,
    /// Where to copy it from.
    pub absolute: PathBuf,
}

/// Every source of a site, read into memory.
#[derive(Debug, Default)]
pub struct SourceSet {
    pub root: PathBuf,
    pub files: Vec<SourceFile>,
    pub assets: Vec<Asset>,
    /// Templates and translations of the site that override the theme's.
    pub overrides: Vec<SourceFile>,
    /// Paths of files that exist but could not be read (their problem is
    /// reported once; later rules must not call them missing).
    pub unreadable: Vec<String>,
}

impl SourceSet {
    /// Builds a set from in-memory files: used by tests of the stages that
    /// follow, so that they need no disk.
    pub fn from_memory(files: &[(&str, &str)]) -> SourceSet {
        SourceSet {
            root: PathBuf::new(),
            files: files
                .iter()
                .map(|(path, text)| SourceFile {
                    path: (*path).to_string(),
                    text: Arc::from(*text),
                })
                .collect(),
            assets: Vec::new(),
            overrides: Vec::new(),
            unreadable: Vec::new(),
        }
    }

    pub fn find(&self, path: &str) -> Option<FileId> {
        self.files.iter().position(|f| f.path == path)
    }

    /// The text source `id` names: one of `files`, or of `overrides`.
    pub fn text_file(&self, id: FileId) -> Option<&SourceFile> {
        match id.checked_sub(OVERRIDE_BASE) {
            Some(i) => self.overrides.get(i),
            None => self.files.get(id),
        }
    }

    /// The id of the override (a template or a strings file) at `path`.
    pub fn find_override(&self, path: &str) -> Option<FileId> {
        self.overrides
            .iter()
            .position(|f| f.path == path)
            .map(|i| OVERRIDE_BASE + i)
    }

    /// Whether a text file exists at `path`, readable or not.
    pub fn exists(&self, path: &str) -> bool {
        self.find(path).is_some() || self.unreadable.iter().any(|p| p == path)
    }

    pub fn asset(&self, path: &str) -> Option<&Asset> {
        self.assets.iter().find(|a| a.path == path)
    }
}

enum Entry {
    Ignored(String),
    Text(String, PathBuf, u64),
    Override(String, PathBuf, u64),
    Asset(Asset),
}

/// Reads the site folder `root`. The second value holds every problem met.
pub fn read_site(root: &Path) -> Result<(SourceSet, Diagnostics), std::io::Error> {
    let root = root
        .canonicalize()
        .map_err(|e| crate::diagnostics::io_at(e, "read the site folder", root))?;
    if !root.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("{} is not a folder", root.display()),
        ));
    }
    let mut diags = Diagnostics::default();
    let mut entries = Vec::new();
    if root.join("sablah.toml").is_file() {
        let meta = std::fs::metadata(root.join("sablah.toml"))?;
        entries.push(Entry::Text(
            "sablah.toml".into(),
            root.join("sablah.toml"),
            meta.len(),
        ));
    }
    for top in ["content", "static", "templates", "i18n", "themes"] {
        let dir = root.join(top);
        if !dir.exists() {
            continue;
        }
        walk(&root, &dir, top, &mut entries, &mut diags);
    }
    Ok(read_entries(root, entries, diags))
}

/// Reads one folder of the site, `folder` relative to `root` with `/`
/// (such as `content/consultations/water-tariffs`), by the same rules as
/// [`read_site`]: what `sablah serve` re-reads when files in it change.
/// The set holds that folder's files only; a missing folder gives an empty
/// set.
pub fn read_folder(root: &Path, folder: &str) -> Result<(SourceSet, Diagnostics), std::io::Error> {
    let root = root.canonicalize()?;
    let mut diags = Diagnostics::default();
    let mut entries = Vec::new();
    let dir = root.join(folder);
    let top = folder.split('/').next().unwrap_or_default();
    if dir.exists() {
        walk(&root, &dir, top, &mut entries, &mut diags);
    }
    Ok(read_entries(root, entries, diags))
}

/// Reads the text files among `entries` in parallel, keeping the order of
/// the walk, and lists the others.
fn read_entries(
    root: PathBuf,
    entries: Vec<Entry>,
    mut diags: Diagnostics,
) -> (SourceSet, Diagnostics) {
    // (is an override, file) or (path, why it could not be read).
    type Read = Result<(bool, SourceFile), (String, Box<Diagnostic>)>;
    let read: Vec<Read> = entries
        .par_iter()
        .filter_map(|e| match e {
            Entry::Text(rel, abs, size) => Some(
                read_text(rel, abs, *size)
                    .map(|f| (false, f))
                    .map_err(|d| (rel.clone(), d)),
            ),
            Entry::Override(rel, abs, size) => Some(
                read_text(rel, abs, *size)
                    .map(|f| (true, f))
                    .map_err(|d| (rel.clone(), d)),
            ),
            Entry::Asset(_) | Entry::Ignored(_) => None,
        })
        .collect();
    let mut set = SourceSet {
        root: root.clone(),
        ..SourceSet::default()
    };
    for r in read {
        match r {
            Ok((false, f)) => set.files.push(f),
            Ok((true, f)) => set.overrides.push(f),
            Err((path, d)) => {
                set.unreadable.push(path);
                diags.push(*d)
            }
        }
    }
    for e in entries {
        match e {
            Entry::Asset(a) => set.assets.push(a),
            Entry::Ignored(path) => diags.push(
                Diagnostic::warning(Code::IgnoredFile, "this file is not part of the content format and is not published")
                    .in_file(path)
                    .help("attachments of a consultation go under its files/ folder; other files do not belong in content/"),
            ),
            _ => {}
        }
    }
    set.files.sort_by(|a, b| a.path.cmp(&b.path));
    set.assets.sort_by(|a, b| a.path.cmp(&b.path));
    set.overrides.sort_by(|a, b| a.path.cmp(&b.path));
    (set, diags)
}

fn walk(root: &Path, dir: &Path, top: &str, entries: &mut Vec<Entry>, diags: &mut Diagnostics) {
    let mut walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(item) = walker.next() {
        let item = match item {
            Ok(item) => item,
            Err(err) => {
                let path = err
                    .path()
                    .map(|p| relative(root, p))
                    .unwrap_or_else(|| top.to_string());
                let (message, help) = if err.loop_ancestor().is_some() {
                    (
                        "this folder is a symbolic link to one of its own parent folders"
                            .to_string(),
                        "remove the link: a link loop would make the site infinitely deep",
                    )
                } else {
                    (
                        format!("cannot read this path: {err}"),
                        "check that the file exists and that its permissions let you read it",
                    )
                };
                diags.push(
                    Diagnostic::error(Code::Unreadable, message)
                        .in_file(path)
                        .help(help),
                );
                continue;
            }
        };
        let abs = item.path();
        let rel = relative(root, abs);
        if item.path_is_symlink() {
            match abs.canonicalize() {
                Ok(target) if target.starts_with(root) => {}
                Ok(target) => {
                    diags.push(
                        Diagnostic::error(
                            Code::LinkOutsideSite,
                            format!(
                                "this symbolic link leads out of the site folder, to {}",
                                target.display()
                            ),
                        )
                        .in_file(rel)
                        .help("copy the file into the site folder instead: Sablah never reads outside it"),
                    );
                    if item.file_type().is_dir() {
                        walker.skip_current_dir();
                    }
                    continue;
                }
                Err(err) => {
                    diags.push(
                        Diagnostic::error(Code::Unreadable, format!("broken symbolic link: {err}"))
                            .in_file(rel)
                            .help("remove the link or point it at an existing file inside the site folder"),
                    );
                    continue;
                }
            }
        }
        if !item.file_type().is_file() {
            continue;
        }
        let size = item.metadata().map(|m| m.len()).unwrap_or(0);
        let ext = abs.extension().and_then(|e| e.to_str()).unwrap_or("");
        let entry = match top {
            "content" if (ext == "md" || ext == "toml") && !in_files_folder(&rel) => {
                Entry::Text(rel, abs.to_path_buf(), size)
            }
            "content" if !in_files_folder(&rel) => Entry::Ignored(rel),
            "templates" | "i18n" => Entry::Override(rel, abs.to_path_buf(), size),
            // themes/<name>/templates|i18n|static/…; anything else there is
            // not part of a theme.
            "themes" => match rel.split('/').nth(2) {
                Some("templates" | "i18n") => Entry::Override(rel, abs.to_path_buf(), size),
                Some("static") => Entry::Asset(Asset {
                    path: rel,
                    size,
                    absolute: abs.to_path_buf(),
                }),
                _ => continue,
            },
            _ => Entry::Asset(Asset {
                path: rel,
                size,
                absolute: abs.to_path_buf(),
            }),
        };
        entries.push(entry);
    }
}

/// `content/consultations/<slug>/files/…`: attachments, copied as they are.
fn in_files_folder(rel: &str) -> bool {
    let parts: Vec<&str> = rel.split('/').collect();
    parts.len() > 4 && parts[0] == "content" && parts[1] == "consultations" && parts[3] == "files"
}

fn read_text(rel: &str, abs: &Path, size: u64) -> Result<SourceFile, Box<Diagnostic>> {
    if size > MAX_TEXT_BYTES {
        return Err(Box::new(Diagnostic::error(
            Code::FileTooLarge,
            format!(
                "this file is {:.1} MB, more than the {} MB a source file may have",
                size as f64 / 1_048_576.0,
                MAX_TEXT_BYTES / 1_048_576
            ),
        )
        .in_file(rel.to_string())
        .help("a consultation source is prose: split it, or attach the material as a document under files/")));
    }
    let bytes = std::fs::read(abs).map_err(|err| {
        Box::new(
            Diagnostic::error(Code::Unreadable, format!("cannot read this file: {err}"))
                .in_file(rel.to_string())
                .help("check that the file exists and that its permissions let you read it"),
        )
    })?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile {
            path: rel.to_string(),
            text: Arc::from(text),
        }),
        Err(err) => {
            let at = err.utf8_error().valid_up_to();
            Err(Box::new(
                Diagnostic::error(
                    Code::NotUtf8,
                    format!("this file is not UTF-8 text (invalid byte at offset {at})"),
                )
                .in_file(rel.to_string())
                .help("save the file as UTF-8 (in most editors: Save As, encoding UTF-8)"),
            ))
        }
    }
}

fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}
