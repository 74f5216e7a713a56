#!/bin/bash
# Runs every example of the man page (the lines of its EXAMPLES section that
# start with "jixiao"), with ./jixiao standing for the program under test:
# each must succeed.  Usage: tests/cli/man.sh ./jixiao doc/jixiao.1
set -u
JIXIAO=$(realpath "$1")
MAN=$(realpath "$2")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 1
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
pass=0
fail=0
# the page reads as written: man -l (when man is here) or groff must not warn
if command -v groff >/dev/null && groff -k -man -Tutf8 -ww -z "$MAN" 2>&1 | grep -q .; then
  echo "FAIL: groff warns about $MAN"
  fail=$((fail + 1))
fi
while IFS= read -r line; do
  cmd=${line/#jixiao/$JIXIAO}
  cmd=${cmd// output/ $WORK/out}
  if (cd "$ROOT" && eval "timeout 120 $cmd" >/dev/null 2>"$WORK/err"); then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL: man page example: $line"
    cat "$WORK/err"
  fi
done < <(sed -n '/^\.SH EXAMPLES/,/^\.SH /p' "$MAN" | grep '^jixiao ')
[ $((pass + fail)) -gt 0 ] || { echo "FAIL: no examples in $MAN"; exit 1; }
echo "man: $pass passed, $fail failed"
[ "$fail" = 0 ]
