#!/bin/bash
# `make install` with PREFIX and DESTDIR: the program, templates, fonts, man
# page and bash completion land under DESTDIR, and the staged program finds
# its templates and fonts beside itself (no environment variable) and
# renders the sample.  Usage: tests/cli/install.sh
. "$(dirname "$0")/lib.sh"

# a make of its own: not the flags of the make that runs the tests
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$ROOT" install PREFIX=/opt/jixiao DESTDIR="$WORK/stage" >"$WORK/log" 2>&1
rc=$?
S="$WORK/stage/opt/jixiao"
if [ "$rc" = 0 ] && [ -x "$S/bin/jixiao" ] && [ -s "$S/share/jixiao/templates/annual.ini" ] &&
  [ -s "$S/share/jixiao/fonts/fonts.conf" ] && [ -s "$S/share/man/man1/jixiao.1" ] &&
  grep -q "/opt/jixiao/share/jixiao/templates" "$S/share/bash-completion/completions/jixiao"; then ok; else bad "make install: exit $rc"; tail "$WORK/log"; fi
# the staged program: its data found beside it, not in the source tree
cd "$ROOT/input" || exit 1
env -u JIXIAO_TEMPLATES -u JIXIAO_FONTS HOME="$WORK" SOURCE_DATE_EPOCH=1735603200 \
  "$S/bin/jixiao" render -q -t targets -o "$WORK/out" . >"$WORK/out.txt" 2>"$WORK/err"
rc=$?
if [ "$rc" = 0 ] && pdftotext "$(cat "$WORK/out.txt")" - 2>/dev/null | grep -q "项目支出绩效目标表"; then ok; else bad "staged render: exit $rc"; cat "$WORK/err"; fi
# the completion offers the commands and the shipped templates
if bash -c "source /usr/share/bash-completion/bash_completion 2>/dev/null; source '$S/share/bash-completion/completions/jixiao'; complete -p jixiao" >/dev/null 2>&1; then ok; else bad "completion does not load"; fi

finish install
