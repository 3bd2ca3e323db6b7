#!/bin/sh
# Parses every shipped .drill file (scenarios/**, tests/corpus/ok/**) with the
# tree-sitter CLI and fails if any parse tree has an ERROR or MISSING node.
#
# The CLI is the one pinned in package.json (`npm ci` installs it; its install
# step downloads the binary). Set TREE_SITTER to use another binary of the same
# version, e.g. one from `cargo install tree-sitter-cli --version 0.27.0 --locked`.
# Set GENERATE=1 to regenerate src/ from grammar.js first.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
node "$here/check-queries.js"
root=$(cd "$here/../../.." && pwd)
ts=${TREE_SITTER:-$here/node_modules/.bin/tree-sitter}
if ! "$ts" --version >/dev/null 2>&1; then
    echo "test.sh: no working tree-sitter CLI at $ts (run npm ci, or set TREE_SITTER)" >&2
    exit 2
fi
cd "$here"
if [ "${GENERATE:-0}" = 1 ] || [ ! -f src/parser.c ]; then
    "$ts" generate
fi
# The queries must compile against the generated grammar.
sample="$root/tests/corpus/ok/every-construct.drill"
"$ts" query queries/highlights.scm "$sample" >/dev/null
"$ts" query ../helix/queries/drill/highlights.scm "$sample" >/dev/null
out=$(mktemp)
trap 'rm -f "$out"' EXIT
passed=0
failed=0
for f in $(find "$root/scenarios" "$root/tests/corpus/ok" -name '*.drill' | sort); do
    if ! "$ts" parse "$f" >"$out" 2>&1; then
        : # the CLI exits non-zero on errors; the grep below reports them
    fi
    if grep -qE '\((ERROR|MISSING)' "$out" || grep -qE '^(error|Error)' "$out"; then
        failed=$((failed + 1))
        echo "FAIL ${f#"$root"/}"
        grep -nE '\((ERROR|MISSING)|^(error|Error)' "$out" | head -5
    else
        passed=$((passed + 1))
    fi
done
echo "tree-sitter-drill: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
