//! The documentation users read agrees with the program.

use sablah::diagnostics::Code;

/// Every diagnostic code has its row in the README's table, with its
/// stable name and its meaning, and the table lists no code that does not
/// exist.
#[test]
fn the_readme_lists_every_diagnostic_code() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for code in Code::ALL {
        let row = format!(
            "| {} | `{}` | {} |",
            code.code(),
            code.name(),
            code.meaning()
        );
        assert!(readme.contains(&row), "the README has no row {row}");
    }
    let listed = readme
        .lines()
        .filter(|l| {
            let b = l.as_bytes();
            l.starts_with("| ")
                && b.len() > 6
                && (b[2] == b'E' || b[2] == b'W' || b[2] == b'I')
                && b[3..6].iter().all(u8::is_ascii_digit)
        })
        .count();
    assert_eq!(
        listed,
        Code::ALL.len(),
        "the README's table has rows for unknown codes"
    );
}

/// The users' reference explains every code: a section `### CODE name`, or
/// (for the national index's codes) a row `| CODE | `name` |`.
#[test]
fn docs_diagnostics_explains_every_code() {
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/diagnostics.md"))
        .unwrap();
    for code in Code::ALL {
        let section = format!("### {} {}", code.code(), code.name());
        let row = format!("| {} | `{}` |", code.code(), code.name());
        assert!(
            docs.contains(&section) || docs.contains(&row),
            "docs/diagnostics.md does not explain {} {}",
            code.code(),
            code.name()
        );
    }
}

/// `docs/template-context.md` is the reference generated from the
/// template contract (`src/render/context.rs`): it fails when the types
/// or their doc comments changed and the file was not regenerated.
/// `SABLAH_BLESS=1 cargo test --test docs` rewrites it.
#[test]
fn docs_template_context_is_generated_from_the_code() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/template-context.md");
    let generated = sablah::render::context::reference();
    if std::env::var_os("SABLAH_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(path, &generated).unwrap();
        return;
    }
    let on_disk = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "docs/template-context.md is stale: run `SABLAH_BLESS=1 cargo test --test docs` and commit it"
    );
}
