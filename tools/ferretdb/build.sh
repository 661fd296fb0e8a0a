#!/usr/bin/env bash
# Builds the FerretDB launcher (default: bin/ferretdb-launcher) with our changes to FerretDB 1.24
# (_patch/README.md) in a copy of the module. `build.sh --test` instead runs, in that copy, our
# tests of the patched packages (_patch/tests/files.txt) and FerretDB's own tests of them.
# The originals are checked by hash first, so a FerretDB upgrade fails here instead of silently
# building the old files into the new version.
set -euo pipefail
cd "$(dirname "$0")"
out="${1:-bin/ferretdb-launcher}"
testing=false
if [ "$out" = "--test" ]; then testing=true; fi
mkdir -p bin

go mod download github.com/FerretDB/FerretDB
mod="$(go list -m -f '{{.Dir}}' github.com/FerretDB/FerretDB)"
# A copy of the module with our files in place, used through a go.mod of its own (`-modfile`), so
# the committed go.mod stays the plain one. (`go build -overlay` refuses files in the module cache.)
# A directory per build, so two builds at once never share one.
work="$(mktemp -d bin/build.XXXXXX)"
trap 'rm -rf "$work"' EXIT
src="$work/ferretdb"
cp -r "$mod" "$src"
chmod -R u+w "$src"
while read -r sum file patched; do
  [ -z "$sum" ] && continue
  actual="$(sha256sum "$mod/$file" | cut -d' ' -f1)"
  if [ "$actual" != "$sum" ]; then
    echo "FerretDB's $file is not the one _patch/$patched was made from (sha256 $actual, expected $sum): redo the patch for this version" >&2
    exit 1
  fi
  cp "_patch/$patched" "$src/$file"
done < _patch/files.txt
if $testing; then
  pkgs=()
  while read -r test dir; do
    [ -z "$test" ] && continue
    cp "_patch/tests/$test" "$src/$dir/"
    pkgs+=("./$dir/")
  done < _patch/tests/files.txt
  # The module as published has no version file; the packages that import build/version panic without one.
  go list -m -f "{{.Version}}" github.com/FerretDB/FerretDB > "$src/build/version/version.txt"
  (cd "$src" && go test -count=1 "${pkgs[@]}" ./internal/util/resource/ ./internal/backends/sqlite/...)
  exit 0
fi
cp go.mod "$work/go.mod"
cp go.sum "$work/go.sum"
printf '\nreplace github.com/FerretDB/FerretDB => ./%s\n' "$src" >> "$work/go.mod"

go build -modfile="$work/go.mod" -o "$out" .
