//! Embeds the compiled schemas: one `include_str!` per row of `rules/schemas/catalog.tsv`,
//! so adding a schema is a row there and its file beside it.
use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let folder = Path::new(&root).join("rules/schemas");
    let catalog = folder.join("catalog.tsv");
    println!("cargo:rerun-if-changed={}", folder.display());
    let text = std::fs::read_to_string(&catalog).unwrap_or_default();
    let mut out = String::from("pub static SCHEMAS: &[(&str, &str, &str, &str)] = &[\n");
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let mut columns = line.split('\t');
        let (Some(name), Some(formats), Some(globs)) =
            (columns.next(), columns.next(), columns.next())
        else {
            panic!("rules/schemas/catalog.tsv: a row needs NAME, FORMAT and GLOBS: {line:?}");
        };
        let file = folder.join(format!("{name}.json"));
        assert!(
            file.is_file(),
            "rules/schemas/catalog.tsv names {name}.json, which is missing"
        );
        println!("cargo:rerun-if-changed={}", file.display());
        writeln!(
            out,
            "    ({name:?}, {formats:?}, {globs:?}, include_str!({:?})),",
            file.display().to_string()
        )
        .expect("writing to a String");
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("schemas.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}
