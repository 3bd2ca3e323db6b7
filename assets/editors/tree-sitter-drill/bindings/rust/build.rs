//! Compiles the generated parser, src/parser.c (`tree-sitter generate` writes
//! it; it is committed, so building needs no tree-sitter CLI). Trimmed from
//! what `tree-sitter init` writes: this grammar has no external scanner and
//! one query file.

fn main() {
    let src_dir = std::path::Path::new("src");

    let mut c_config = cc::Build::new();
    c_config.std("c11").include(src_dir);

    #[cfg(target_env = "msvc")]
    c_config.flag("-utf-8");

    let parser_path = src_dir.join("parser.c");
    c_config.file(&parser_path);
    println!("cargo:rerun-if-changed={}", parser_path.display());

    c_config.compile("tree-sitter-drill");
}
