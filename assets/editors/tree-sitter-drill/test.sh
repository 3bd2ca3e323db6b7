#!/bin/sh
# The tree-sitter CLI path of the grammar's tests (CI runs the Rust test
# instead: `cargo test --manifest-path assets/editors/tree-sitter-drill/Cargo.toml`,
# which needs no CLI). This one also checks what only the CLI can: that the
# committed src/ is what grammar.js generates.
#
# 1. node check-queries.js: query node names and keywords against grammar.js;
# 2. tree-sitter generate --abi 14: fails if src/ changed (commit it then);
# 3. tree-sitter query: both highlights.scm compile against the grammar;
# 4. tree-sitter parse: every scenarios/**/*.drill and tests/corpus/ok/**/*.drill
#    parses with no ERROR or MISSING node.
#
# The CLI: $TREE_SITTER, else node_modules/.bin/tree-sitter (`npm ci`, whose
# install step downloads the binary from the project's releases), else
# `tree-sitter` on PATH (`cargo install tree-sitter-cli --version 0.27.0 --locked`).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
node "$here/check-queries.js"

ts=${TREE_SITTER:-}
if [ -z "$ts" ]; then
    if [ -x "$here/node_modules/.bin/tree-sitter" ] && "$here/node_modules/.bin/tree-sitter" --version >/dev/null 2>&1; then
        ts=$here/node_modules/.bin/tree-sitter
    else
        ts=tree-sitter
    fi
fi
if ! "$ts" --version >/dev/null 2>&1; then
    echo "test.sh: no working tree-sitter CLI ($ts); set TREE_SITTER" >&2
    exit 2
fi
echo "test.sh: $("$ts" --version)"

# A throwaway configuration: no user-wide parser directories needed.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TREE_SITTER_DIR="$work"
"$ts" init-config >/dev/null 2>&1

cd "$here"
"$ts" generate --abi 14
if ! git diff --quiet -- src; then
    echo "test.sh: src/ was not what grammar.js generates; it is regenerated now: commit it" >&2
    git diff --stat -- src >&2
    exit 1
fi

sample="$root/tests/corpus/ok/every-construct.drill"
"$ts" query -p . queries/highlights.scm "$sample" >/dev/null
"$ts" query -p . ../helix/queries/drill/highlights.scm "$sample" >/dev/null

find "$root/scenarios" "$root/tests/corpus/ok" -name '*.drill' | sort >"$work/files"
# Exits non-zero, naming each file and its ERROR/MISSING ranges, if any fails.
"$ts" parse -p . --paths "$work/files" --quiet --stat
