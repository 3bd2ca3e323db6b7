//! The built-in scenario library, embedded in the binary at build time (see
//! `build.rs`), and a [`Loader`] that reads includes and assets from it.

use crate::lang::{self, LoadError, Loaded, Loader};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/library.rs"));
}

/// Name shown for embedded files, so diagnostics say where they come from.
const PREFIX: &str = "<built-in>/";

/// A built-in scenario: its id and the path of its main file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuiltIn {
    pub id: &'static str,
    pub key: &'static str,
}

/// The main scenario files of the library (top-level `.drill` files), by id.
/// The tutorial comes first: it is where a new hire starts.
pub fn builtins() -> Vec<BuiltIn> {
    let mut all: Vec<BuiltIn> = embedded::FILES
        .iter()
        .filter(|(k, _)| !k.contains('/') && k.ends_with(".drill"))
        .map(|(k, _)| BuiltIn {
            id: k.trim_end_matches(".drill"),
            key: k,
        })
        .collect();
    all.sort_by_key(|b| (b.id != "tutorial", b.id));
    all
}

pub fn find(id: &str) -> Option<BuiltIn> {
    builtins().into_iter().find(|b| b.id == id)
}

fn file(key: &str) -> Option<&'static [u8]> {
    embedded::FILES
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, b)| *b)
}

/// The main file of a built-in, ready for [`lang::check`].
pub fn main_file(b: BuiltIn) -> Loaded {
    Loaded {
        name: format!("{PREFIX}{}", b.key),
        key: b.key.to_string(),
        bytes: file(b.key).map(<[u8]>::to_vec).unwrap_or_default(),
    }
}

/// Reads includes and `file "..."` bodies of built-in scenarios.
#[derive(Debug, Clone, Copy, Default)]
pub struct EmbeddedLoader;

impl Loader for EmbeddedLoader {
    fn load(&self, from: &str, path: &str) -> Result<Loaded, LoadError> {
        let key = lang::join_inside(from, path)?;
        let bytes = file(&key).ok_or(LoadError::NotFound)?;
        Ok(Loaded {
            name: format!("{PREFIX}{key}"),
            key,
            bytes: bytes.to_vec(),
        })
    }
}

/// Checks a built-in scenario.
pub fn check(b: BuiltIn) -> lang::Checked {
    lang::check(main_file(b), &EmbeddedLoader)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ships_the_two_first_scenarios() {
        let ids: Vec<_> = builtins().iter().map(|b| b.id).collect();
        assert!(ids.contains(&"tutorial"), "{ids:?}");
        assert!(ids.contains(&"cloudflare-2019-waf"), "{ids:?}");
    }
}
