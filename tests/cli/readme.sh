#!/bin/bash
# Runs every ```console block of a Markdown file: each "$ command" line runs in
# bash from the repository root, with ./jixiao standing for the program under
# test, and what it prints must be the lines that follow it, exactly.  Usage: tests/cli/readme.sh ./jixiao README.md
. "$(dirname "$0")/lib.sh"
JIXIAO=$(realpath "$1")
DOC=$(realpath "$2")
cd "$ROOT" || exit 1

# Splits the blocks into WORK/N.cmd and WORK/N.want files.
awk -v dir="$WORK" '
  /^```console$/ { inside = 1; next }
  /^```$/ && inside { inside = 0; next }
  inside && /^\$ / { n++; print substr($0, 3) > (dir "/" n ".cmd"); printf "" > (dir "/" n ".want"); next }
  inside { print > (dir "/" n ".want") }
' "$DOC"

for cmd in "$WORK"/*.cmd; do
  [ -e "$cmd" ] || break
  n=${cmd%.cmd}
  # the examples say ./jixiao; the program under test may be another build
  timeout 60 bash -c "$(sed "s#\./jixiao#$JIXIAO#g" "$cmd")" >"$n.got" 2>&1
  if diff -u "$n.want" "$n.got" >"$n.diff"; then
    ok
  else
    bad "README example: \$ $(cat "$cmd")"
    cat "$n.diff"
  fi
done
if [ $((pass + fail)) = 0 ]; then
  echo "FAIL: no examples found in $DOC"
  exit 1
fi
finish readme
