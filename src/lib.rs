//! Sablah turns an agency's consultation records (Markdown and TOML, see
//! `content-format.md`, version 1) into a bilingual transparency website.
//!
//! The crate is a pipeline; each folder is one stage, and each stage takes the
//! previous one's value and returns its own:
//!
//! 1. [`sources`]: the I/O edge that reads a site folder into memory;
//! 2. [`config`]: `sablah.toml` into a typed [`config::Config`];
//! 3. [`load`]: the source files into the immutable [`model::Site`];
//! 4. [`check`]: the rules of the content format, as [`diagnostics`];
//! 5. [`derive`]: facts computed from the model and the build date
//!    (status, statistics, timelines, who answers whom);
//! 6. [`render`]: the render plan (every page as a [`routes::Route`]), then
//!    HTML files from the theme's templates, returned, never written;
//! 7. [`output`]: the other formats and the one writer (the atomic swap).
//!
//! [`routes`] is the one table of URLs. [`pipeline`] chains the stages;
//! [`build`] and [`serve`] drive it; [`cli`] is the command-line surface.

pub mod build;
pub mod check;
pub mod cli;
pub mod config;
pub mod derive;
pub mod diagnostics;
pub mod import;
pub mod index;
pub mod load;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod progress;
pub mod render;
pub mod routes;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod sources;
pub mod toml_doc;
