#!/bin/bash
# Runs every example of the man page (the lines of its EXAMPLES section that
# start with "jixiao"), with ./jixiao standing for the program under test:
# each must succeed.  Usage: tests/cli/man.sh ./jixiao doc/jixiao.1
. "$(dirname "$0")/lib.sh"
JIXIAO=$(realpath "$1")
MAN=$(realpath "$2")
cd "$ROOT" || exit 1
# the page reads as written: man -l (when man is here) or groff must not warn
if command -v groff >/dev/null && groff -k -man -Tutf8 -ww -z "$MAN" 2>&1 | grep -q .; then
  bad "groff warns about $MAN"
fi
while IFS= read -r line; do
  cmd=${line/#jixiao/$JIXIAO}
  cmd=${cmd// output/ $WORK/out}
  if (cd "$ROOT" && eval "timeout 120 $cmd" >/dev/null 2>"$WORK/err"); then
    ok
  else
    bad "man page example: $line"
    cat "$WORK/err"
  fi
done < <(sed -n '/^\.SH EXAMPLES/,/^\.SH /p' "$MAN" | grep '^jixiao ')
[ $((pass + fail)) -gt 0 ] || { echo "FAIL: no examples in $MAN"; exit 1; }
finish man
