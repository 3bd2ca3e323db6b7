//! Files changed on disk behind the editor's back (a `git checkout`,
//! another editor, a script): the server asks the client to report `.drill`
//! files created, changed or deleted, and says which files to check again.

use super::documents::Documents;
use super::uri;
use lsp_server::{Request, RequestId};
use lsp_types::{
    DidChangeWatchedFilesParams, DidChangeWatchedFilesRegistrationOptions, FileChangeType,
    FileSystemWatcher, GlobPattern, Registration, RegistrationParams,
};
use std::path::PathBuf;

/// The id of the one request the server sends.
const REGISTRATION: &str = "firedrill-watch-drill-files";

/// The request asking the client to report changes to `.drill` files.
pub fn registration() -> Request {
    let options = DidChangeWatchedFilesRegistrationOptions {
        watchers: vec![FileSystemWatcher {
            glob_pattern: GlobPattern::String("**/*.drill".into()),
            kind: None,
        }],
    };
    let params = RegistrationParams {
        registrations: vec![Registration {
            id: REGISTRATION.into(),
            method: "workspace/didChangeWatchedFiles".into(),
            register_options: serde_json::to_value(options).ok(),
        }],
    };
    Request::new(
        RequestId::from(REGISTRATION.to_string()),
        "client/registerCapability".into(),
        params,
    )
}

/// What changed on disk that the checks must see, and whether a file came
/// or went (which may mend or break an `include` anywhere). An open
/// document is left out: its buffer, not the disk, speaks for it.
pub fn changed(p: &DidChangeWatchedFilesParams, docs: &Documents) -> (Vec<PathBuf>, bool) {
    let mut paths = Vec::new();
    let mut came_or_went = false;
    for event in &p.changes {
        let path = uri::to_path(&event.uri);
        if docs.is_open(&path) {
            continue;
        }
        came_or_went |= event.typ != FileChangeType::CHANGED;
        paths.push(path);
    }
    (paths, came_or_went)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{FileEvent, Uri};
    use std::str::FromStr;

    fn event(path: &str, typ: FileChangeType) -> FileEvent {
        FileEvent::new(Uri::from_str(&format!("file://{path}")).unwrap(), typ)
    }

    #[test]
    fn open_documents_keep_their_buffer_and_new_files_are_noticed() {
        let mut docs = Documents::default();
        docs.open(
            Uri::from_str("file:///w/open.drill").unwrap(),
            1,
            String::new(),
        );
        let edits = DidChangeWatchedFilesParams {
            changes: vec![
                event("/w/open.drill", FileChangeType::CHANGED),
                event("/w/lib/part.drill", FileChangeType::CHANGED),
            ],
        };
        assert_eq!(
            changed(&edits, &docs),
            (vec![PathBuf::from("/w/lib/part.drill")], false)
        );
        let created = DidChangeWatchedFilesParams {
            changes: vec![event("/w/new.drill", FileChangeType::CREATED)],
        };
        assert!(changed(&created, &docs).1);
    }

    #[test]
    fn the_registration_watches_drill_files() {
        let r = registration();
        assert_eq!(r.method, "client/registerCapability");
        let text = r.params.to_string();
        assert!(text.contains("**/*.drill"), "{text}");
        assert!(text.contains("workspace/didChangeWatchedFiles"), "{text}");
    }
}
