//! Where a site may be written, decided before anything is written.
//!
//! A build replaces its output folder whole, so the output must never be a
//! folder that holds anything else: not the site folder, not a folder that
//! contains it, not one of its source folders (`content/`, `static/`, …), not
//! another site's or index's sources, and not a folder of someone's files
//! that Sablah did not write. [`resolve`] finds the real folder (following
//! a symbolic link such as `public -> /srv/www`, so that the link is kept
//! and the folder it names is replaced) and refuses every one of those with
//! a message that says why and what to do. It reads metadata only; it
//! creates and removes nothing.

use std::path::{Component, Path, PathBuf};

/// The folders and files of a site (or index) folder that are its sources.
pub const SOURCE_ENTRIES: &[&str] = &[
    "sablah.toml",
    "index.toml",
    "content",
    "static",
    "templates",
    "i18n",
    "themes",
];

/// The files whose presence makes a folder a site's or an index's sources.
const CONFIG_FILES: &[&str] = &["sablah.toml", "index.toml"];

/// Where the output location was asked for, to say so in a refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// `--output` on the command line (relative to the working folder).
    Flag,
    /// `output = "…"` in the configuration file (relative to its folder).
    Config(&'static str),
    /// Neither: the default, `public` beside the configuration.
    Default,
}

impl Origin {
    fn describe(self) -> String {
        match self {
            Origin::Flag => "--output".into(),
            Origin::Config(file) => format!("`output` in {file}"),
            Origin::Default => "the default output folder".into(),
        }
    }
}

/// The folder a build will replace: `target` is absolute, with every
/// symbolic link resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub target: PathBuf,
}

fn refuse(origin: Origin, asked: &Path, why: String, fix: &str) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        format!(
            "refusing to write the site to {} ({}): {why}; nothing was written or removed. {fix}",
            asked.display(),
            origin.describe()
        ),
    )
}

/// Decides where the site of `site_root` (already canonical) is written.
/// `asked` is the output as given: relative to the working folder for
/// [`Origin::Flag`], to `site_root` otherwise.
pub fn resolve(site_root: &Path, asked: &Path, origin: Origin) -> std::io::Result<Location> {
    let fix = "Choose an output folder of its own, such as `public` beside sablah.toml.";
    if asked.as_os_str().is_empty() {
        return Err(refuse(
            origin,
            asked,
            "the output is empty, which would mean the site folder itself".into(),
            fix,
        ));
    }
    let absolute = if asked.is_absolute() {
        asked.to_path_buf()
    } else if origin == Origin::Flag {
        std::env::current_dir()
            .map_err(|e| crate::output::io_at(e, "read the working folder", Path::new(".")))?
            .join(asked)
    } else {
        site_root.join(asked)
    };
    let target = real_path(&lexical(&absolute))?;
    if target.parent().is_none() {
        return Err(refuse(
            origin,
            asked,
            "that is the root of the file system".into(),
            fix,
        ));
    }
    if site_root.starts_with(&target) {
        let why = if site_root == target {
            "that is the site folder itself, with its sources".to_string()
        } else {
            format!(
                "that folder contains the site folder {}",
                site_root.display()
            )
        };
        return Err(refuse(origin, asked, why, fix));
    }
    // The site's own sources, and any other site's or index's on the way.
    for folder in target.ancestors() {
        if !CONFIG_FILES.iter().any(|f| folder.join(f).is_file()) {
            continue;
        }
        if folder == target {
            return Err(refuse(
                origin,
                asked,
                "that folder holds a sablah.toml or index.toml: it is the sources of a site".into(),
                fix,
            ));
        }
        if let Some(entry) = SOURCE_ENTRIES
            .iter()
            .find(|e| target.starts_with(folder.join(e)))
        {
            return Err(refuse(
                origin,
                asked,
                format!(
                    "that lies inside {}, the sources of the site in {}",
                    folder.join(entry).display(),
                    folder.display()
                ),
                fix,
            ));
        }
    }
    match std::fs::symlink_metadata(&target) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(crate::output::io_at(e, "read", &target)),
        Ok(meta) if !meta.is_dir() => {
            return Err(refuse(
                origin,
                asked,
                "that is a file, not a folder".into(),
                "Remove the file or choose another output folder.",
            ))
        }
        Ok(_) => {
            if !is_empty_dir(&target)? && !is_sablah_output(&target) {
                return Err(refuse(
                    origin,
                    asked,
                    "that folder holds files that Sablah did not write (it has no data/manifest.json from Sablah), and a build replaces the whole folder".into(),
                    "Choose a new or empty folder, or move those files away first.",
                ));
            }
        }
    }
    Ok(Location { target })
}

/// `.` and `..` taken out without asking the file system.
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The path with every symbolic link resolved: the longest existing prefix
/// canonicalised, the rest (not created yet) appended.
fn real_path(path: &Path) -> std::io::Result<PathBuf> {
    let mut rest = Vec::new();
    let mut existing = path.to_path_buf();
    loop {
        match std::fs::canonicalize(&existing) {
            Ok(real) => {
                let mut real = real;
                for part in rest.iter().rev() {
                    real.push(part);
                }
                return Ok(real);
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                // A dangling link is not a folder we could write into.
                if std::fs::symlink_metadata(&existing).is_ok() {
                    return Err(crate::output::io_at(
                        std::io::Error::new(
                            std::io::ErrorKind::NotFound,
                            "a symbolic link to nothing",
                        ),
                        "resolve the output folder",
                        &existing,
                    ));
                }
                match (existing.file_name(), existing.parent()) {
                    (Some(name), Some(parent)) => {
                        rest.push(name.to_os_string());
                        existing = parent.to_path_buf();
                    }
                    _ => return Err(crate::output::io_at(e, "resolve", path)),
                }
            }
            Err(e) => return Err(crate::output::io_at(e, "resolve", &existing)),
        }
    }
}

fn is_empty_dir(dir: &Path) -> std::io::Result<bool> {
    Ok(std::fs::read_dir(dir)
        .map_err(|e| crate::output::io_at(e, "read", dir))?
        .next()
        .is_none())
}

/// A folder that an earlier build or index wrote: its manifest names Sablah
/// as the generator.
pub fn is_sablah_output(dir: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 512];
    let Ok(mut f) = std::fs::File::open(dir.join("data/manifest.json")) else {
        return false;
    };
    let n = f.read(&mut head).unwrap_or(0);
    let head = String::from_utf8_lossy(&head[..n]);
    head.contains("\"generator\"") && head.contains("\"sablah ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(tmp: &Path) -> PathBuf {
        let site = tmp.join("site");
        std::fs::create_dir_all(site.join("content")).unwrap();
        std::fs::create_dir_all(site.join("static")).unwrap();
        std::fs::write(site.join("sablah.toml"), "[site]\n").unwrap();
        site.canonicalize().unwrap()
    }

    fn refused(site: &Path, asked: &str, origin: Origin) -> String {
        resolve(site, Path::new(asked), origin)
            .expect_err(asked)
            .to_string()
    }

    #[test]
    fn the_site_folder_its_parents_and_its_sources_are_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let site = site(tmp.path());
        let cfg = Origin::Config("sablah.toml");
        assert!(refused(&site, "", cfg).contains("empty"));
        assert!(refused(&site, ".", cfg).contains("site folder itself"));
        assert!(refused(&site, "content", cfg).contains("inside"));
        assert!(refused(&site, "content/x/y", cfg).contains("inside"));
        assert!(refused(&site, "static", cfg).contains("inside"));
        assert!(refused(&site, "..", cfg).contains("contains the site folder"));
        assert!(refused(&site, "public/../content", cfg).contains("inside"));
        assert!(refused(&site, site.to_str().unwrap(), Origin::Flag).contains("itself"));
        assert!(refused(&site, "/", Origin::Flag).contains("root"));
        assert!(refused(&site, "sablah.toml", cfg).contains("inside"));
    }

    #[test]
    fn a_folder_of_other_files_or_another_site_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let site = site(tmp.path());
        let other = tmp.path().join("notes");
        std::fs::create_dir_all(&other).unwrap();
        std::fs::write(other.join("keep.txt"), "mine").unwrap();
        let msg = refused(&site, other.to_str().unwrap(), Origin::Flag);
        assert!(msg.contains("did not write"), "{msg}");
        let second = tmp.path().join("second-site");
        std::fs::create_dir_all(second.join("content")).unwrap();
        std::fs::write(second.join("sablah.toml"), "").unwrap();
        assert!(refused(&site, second.to_str().unwrap(), Origin::Flag).contains("sablah.toml"));
        let inside = second.join("content/out");
        assert!(refused(&site, inside.to_str().unwrap(), Origin::Flag).contains("inside"));
        let file = tmp.path().join("a-file");
        std::fs::write(&file, "x").unwrap();
        assert!(refused(&site, file.to_str().unwrap(), Origin::Flag).contains("a file"));
    }

    #[test]
    fn new_empty_and_earlier_outputs_are_accepted() {
        let tmp = tempfile::tempdir().unwrap();
        let site = site(tmp.path());
        let cfg = Origin::Config("sablah.toml");
        assert_eq!(
            resolve(&site, Path::new("public"), cfg).unwrap().target,
            site.join("public")
        );
        std::fs::create_dir_all(site.join("empty")).unwrap();
        assert!(resolve(&site, Path::new("empty"), cfg).is_ok());
        let earlier = site.join("old");
        std::fs::create_dir_all(earlier.join("data")).unwrap();
        std::fs::write(
            earlier.join("data/manifest.json"),
            "{\n  \"manifest_version\": 1,\n  \"generator\": \"sablah 0.1.0\"\n}",
        )
        .unwrap();
        std::fs::write(earlier.join("index.html"), "x").unwrap();
        assert!(resolve(&site, Path::new("old"), cfg).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_followed_to_the_folder_it_names() {
        let tmp = tempfile::tempdir().unwrap();
        let site = site(tmp.path());
        let www = tmp.path().join("www");
        std::fs::create_dir_all(&www).unwrap();
        std::os::unix::fs::symlink(&www, site.join("public")).unwrap();
        let at = resolve(&site, Path::new("public"), Origin::Default).unwrap();
        assert_eq!(at.target, www.canonicalize().unwrap());
        // A link into the sources is refused like the sources themselves.
        std::os::unix::fs::symlink(site.join("content"), site.join("sneaky")).unwrap();
        assert!(refused(&site, "sneaky", Origin::Default).contains("inside"));
        std::os::unix::fs::symlink(tmp.path().join("nothing"), site.join("dangling")).unwrap();
        assert!(resolve(&site, Path::new("dangling"), Origin::Default).is_err());
    }
}
