//! The crate's layers: no two top-level modules of `src/` import each other, directly
//! or around a circle, and the document model imports nothing but text helpers.
//!
//! Imports are read from the source (`crate::<module>` outside comments), so a new
//! circle fails here before it makes the layers harder to see.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Top-level module → the top-level modules it names through `crate::`.
type Imports = BTreeMap<String, BTreeSet<String>>;

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir)
        .expect("src/ reads")
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// The top-level module a file of `src/` belongs to (`None` for the crate root).
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let first = file.strip_prefix(src).ok()?.components().next()?;
    let name = first.as_os_str().to_str()?.trim_end_matches(".rs");
    (!matches!(name, "lib" | "main")).then(|| name.to_owned())
}

/// The top-level modules `source` names as `crate::<name>`, comments left out.
fn named_modules(source: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for line in source.lines() {
        let code = line.split("//").next().unwrap_or_default();
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if name.starts_with(|c: char| c.is_ascii_lowercase()) {
                names.insert(name);
            }
        }
    }
    names
}

fn imports() -> Imports {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut imports = Imports::new();
    for file in files {
        let Some(module) = module_of(&src, &file) else {
            continue;
        };
        let source = std::fs::read_to_string(&file).expect("source reads");
        let named = imports.entry(module.clone()).or_default();
        named.extend(named_modules(&source).into_iter().filter(|m| *m != module));
    }
    imports
}

/// A circle of imports through `module`, if `path` leads back into itself.
fn find_cycle(imports: &Imports, module: &str, path: &mut Vec<String>) -> Option<Vec<String>> {
    if let Some(start) = path.iter().position(|m| m == module) {
        let mut cycle = path[start..].to_vec();
        cycle.push(module.to_owned());
        return Some(cycle);
    }
    path.push(module.to_owned());
    for next in imports.get(module).into_iter().flatten() {
        if let Some(cycle) = find_cycle(imports, next, path) {
            return Some(cycle);
        }
    }
    path.pop();
    None
}

#[test]
fn no_import_cycle_between_top_level_modules() {
    let imports = imports();
    assert!(imports.len() > 5, "too few modules found: {imports:?}");
    for module in imports.keys() {
        if let Some(cycle) = find_cycle(&imports, module, &mut Vec::new()) {
            panic!("import cycle: {}", cycle.join(" -> "));
        }
    }
}

#[test]
fn the_document_model_imports_no_higher_layer() {
    let imports = imports();
    let document = &imports["document"];
    assert!(
        document.iter().all(|m| m == "text"),
        "document/ imports {document:?}: it may use only text helpers"
    );
}

#[test]
fn cycles_are_found() {
    let imports: Imports = [("a", "b"), ("b", "c"), ("c", "a")]
        .into_iter()
        .map(|(from, to)| (from.to_owned(), BTreeSet::from([to.to_owned()])))
        .collect();
    let cycle = find_cycle(&imports, "a", &mut Vec::new()).expect("a cycle");
    assert_eq!(cycle, ["a", "b", "c", "a"]);
    assert_eq!(
        named_modules("use crate::toc::Toc; // crate::cli\nlet x = crate::rules::RULES;"),
        BTreeSet::from(["rules".to_owned(), "toc".to_owned()])
    );
}
