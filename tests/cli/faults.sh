#!/bin/bash
# Faults, each a check: a folder that cannot be written, an output path that
# is a file, a full disk, an input changed during a run, SIGINT and SIGTERM
# mid-run, a font file missing or corrupt, a template that does not parse.
# Each gives a clear error and an exit code, leaves no temporary file, and a
# good report made earlier at the same path is still there and readable.
# Usage: tests/cli/faults.sh ./jixiao
. "$(dirname "$0")/lib.sh"
JIXIAO=$(realpath "$1")
cd "$ROOT" || exit 1
export SOURCE_DATE_EPOCH=1735603200
# the folders jixiao makes for itself (the haru engine's, --attach-data's)
export TMPDIR="$WORK/tmp"
mkdir -p "$TMPDIR"
DEPT=广州市海珠区政务服务数据管理局（本级）

# render ARGS...: sets rc; stdout in out, stderr in err
render() {
  timeout 300 "$JIXIAO" render "$@" >"$WORK/out" 2>"$WORK/err"
  rc=$?
}

# leftovers DIR: temporary files under DIR (.NAME.XXXXXX) and jixiao's
# folders in TMPDIR, one a line
leftovers() {
  find "$1" -name '.*.??????' 2>/dev/null
  find "$TMPDIR" -mindepth 1 -maxdepth 1 2>/dev/null
}

# intact FILE SUM: FILE has the SHA-256 SUM and passes qpdf --check
intact() {
  [ "$(sha256sum "$1" 2>/dev/null | cut -c1-64)" = "$2" ] && qpdf --check "$1" >/dev/null 2>&1
}

# a good report to keep
render -t targets -o "$WORK/good" input
good="$WORK/good/2024/$DEPT/targets.pdf"
sum=$(sha256sum "$good" | cut -c1-64)
if [ "$rc" = 0 ] && [ -s "$good" ]; then ok; else bad "the first report: exit $rc"; cat "$WORK/err"; fi

# ---- a folder that cannot be written (immutable: root writes anywhere) ----
folder="$WORK/good/2024/$DEPT"
if [ "$(id -u)" = 0 ]; then lock() { chattr +i "$1"; }; unlock() { chattr -i "$1"; }; else
  lock() { chmod 555 "$1"; }; unlock() { chmod 755 "$1"; }
fi
if lock "$folder" 2>/dev/null; then
  render --force -t targets -o "$WORK/good" input
  unlock "$folder"
  if [ "$rc" = 73 ] && grep -q "cannot create $folder/targets.pdf" "$WORK/err" &&
    [ -z "$(leftovers "$WORK/good")" ] && intact "$good" "$sum"; then ok; else
    bad "a folder that cannot be written: exit $rc"
    cat "$WORK/err"
  fi
else
  echo "note: cannot make a folder read-only here (chattr); not checked"
fi

# ---- the output path is a file ----
: >"$WORK/plain"
render -o "$WORK/plain" input
if [ "$rc" = 73 ] && grep -q "cannot create the folder $WORK/plain" "$WORK/err" && [ ! -s "$WORK/plain" ]; then ok; else
  bad "an output path that is a file: exit $rc"
  cat "$WORK/err"
fi

# ---- a full disk: a small tmpfs when one can be mounted, else a limit on
# the size of files (the write fails with EFBIG rather than ENOSPC) ----
small="$WORK/small"
mkdir -p "$small"
if mount -t tmpfs -o size=400k tmpfs "$small" 2>/dev/null; then
  full=mount
  render -t targets -o "$small" input
  first="$small/2024/$DEPT/targets.pdf"
  fsum=$(sha256sum "$first" | cut -c1-64)
  # fill what is left
  dd if=/dev/zero of="$small/fill" bs=4k 2>/dev/null
  render --force -t targets -o "$small" input
  if [ "$rc" = 73 ] && grep -q "cannot write $first: .*No space left on device" "$WORK/err" &&
    [ -z "$(leftovers "$small")" ] && intact "$first" "$fsum"; then ok; else
    bad "a full disk: exit $rc"
    cat "$WORK/err"
    leftovers "$small"
  fi
  umount "$small"
else
  full=ulimit
  render -t targets -o "$small" input
  first="$small/2024/$DEPT/targets.pdf"
  fsum=$(sha256sum "$first" | cut -c1-64)
  (
    trap '' XFSZ
    ulimit -f 8
    timeout 300 "$JIXIAO" render --force -t targets -o "$small" input >"$WORK/out" 2>"$WORK/err"
  )
  rc=$?
  if [ "$rc" = 73 ] && grep -q "cannot write $first" "$WORK/err" && [ -z "$(leftovers "$small")" ] &&
    intact "$first" "$fsum"; then ok; else
    bad "a file that cannot grow: exit $rc"
    cat "$WORK/err"
  fi
fi
echo "note: the full disk was a ${full}"

# ---- many documents, for stopping and changing things mid-run ----
mkdir -p "$WORK/many"
awk -v DEPTS=60 -v PROJECTS=4 -v OUT="$WORK/many" -f tests/bench/synthetic.awk /dev/null
render -j 2 -o "$WORK/m" "$WORK/many"
made=$(wc -l <"$WORK/out")
if [ "$rc" = 0 ] && [ "$made" = 60 ]; then ok; else bad "60 departments: exit $rc, $made made"; fi
(cd "$WORK/m" && find . -name '*.pdf' -exec sha256sum {} +) | sort >"$WORK/sums"

# readable DIR: each PDF under DIR that the run since WORK/since wrote
# passes qpdf --check (one older was whole before it, and a stopped run
# cannot have touched it: checking every file each time mostly timed qpdf)
readable() {
  local n=0
  while read -r f; do qpdf --check "$f" >/dev/null 2>&1 || n=$((n + 1)); done < <(find "$1" -name '*.pdf' -newer "$WORK/since")
  [ "$n" = 0 ]
}

# ours: how many workers of this jixiao (not another checkout's) are running
ours() {
  local n=0 pid
  for pid in $(pgrep -f -x "jixiao worker"); do
    [ "$(readlink "/proc/$pid/exe")" = "$JIXIAO" ] && n=$((n + 1))
  done
  echo $n
}

# stop SIGNAL -j N: a forced run over the 60 stopped a little way in
stop() {
  local sig=$1 jobs=$2
  touch "$WORK/since"
  set -m # a job of its own: a background job would otherwise ignore SIGINT
  "$JIXIAO" render --force -j "$jobs" -o "$WORK/m" "$WORK/many" >"$WORK/out" 2>"$WORK/err" &
  local pid=$!
  set +m
  sleep 1
  kill -s "$sig" "$pid"
  wait "$pid"
  rc=$?
  sleep 0.5
}
for sig in INT TERM; do
  for jobs in 1 2; do
    stop $sig $jobs
    code=$((128 + $(kill -l $sig)))
    workers=$(ours)
    if [ "$rc" = "$code" ] && [ -z "$(leftovers "$WORK/m")" ] && [ "$workers" = 0 ] && readable "$WORK/m"; then ok; else
      bad "SIG$sig at -j $jobs: exit $rc (want $code), $workers workers left"
      leftovers "$WORK/m"
      cat "$WORK/err"
    fi
  done
done
# and the haru engine, whose faces are subset into a folder of its own
touch "$WORK/since"
set -m
"$JIXIAO" render --force --engine haru --attach-data -j 1 -o "$WORK/m" "$WORK/many" >/dev/null 2>&1 &
pid=$!
set +m
sleep 1
kill -s TERM "$pid"
wait "$pid"
rc=$?
if [ "$rc" = 143 ] && [ -z "$(leftovers "$WORK/m")" ] && readable "$WORK/m"; then ok; else
  bad "SIGTERM with the haru engine: exit $rc"
  leftovers "$WORK/m"
fi

# ---- an input truncated during a run: what was read is made; the next
# run reads it again and says what is wrong with it ----
render -o "$WORK/m" "$WORK/many"
touch "$WORK/since"
(sleep 0.3 && head -c 5000 "$WORK/many/targets.csv" >"$WORK/cut" && cat "$WORK/cut" >"$WORK/many/targets.csv") &
render --force -j 2 -o "$WORK/m" "$WORK/many"
first_rc=$rc
wait
render -j 2 -o "$WORK/m" "$WORK/many"
if { [ "$first_rc" = 0 ] || [ "$first_rc" = 65 ]; } && [ "$rc" = 65 ] && grep -q "targets.csv:[0-9]*:[0-9]*: error" "$WORK/err" &&
  [ -z "$(leftovers "$WORK/m")" ] && readable "$WORK/m"; then ok; else
  bad "an input truncated during a run: exit $first_rc, then $rc"
  head -5 "$WORK/err"
fi
# an input removed: the next run names it
rm "$WORK/many/targets.csv"
render -o "$WORK/m" "$WORK/many/targets.csv" "$WORK/many/actuals.csv"
if [ "$rc" = 66 ] && grep -q "targets.csv: no such file or folder" "$WORK/err" && readable "$WORK/m"; then ok; else
  bad "an input removed: exit $rc"
  cat "$WORK/err"
fi

# ---- a font file corrupt, or missing: fontconfig passes over a file it
# cannot read, and another face would stand in without a word; jixiao
# refuses, names the face, and touches nothing ----
for fault in corrupt missing; do
  fonts="$WORK/fonts-$fault"
  cp -r fonts "$fonts"
  rm -rf "$fonts/cache"
  if [ $fault = corrupt ]; then
    for f in "$fonts"/prepared/NotoSerifCJKsc-Regular.*; do head -c 3000 "$f" >"$f.cut" && mv "$f.cut" "$f"; done
    face="'Noto Serif CJK SC' Regular"
  else
    rm -f "$fonts"/prepared/NotoSansCJKsc-Bold.*
    face="'Noto Sans CJK SC' Bold"
  fi
  JIXIAO_FONTS="$fonts" render --force -t targets -o "$WORK/good" input
  if [ "$rc" = 72 ] && grep -qF "the font $face is missing or damaged in $fonts" "$WORK/err" &&
    intact "$good" "$sum" && [ -z "$(leftovers "$WORK/good")" ]; then ok; else
    bad "a $fault font file: exit $rc"
    cat "$WORK/err"
  fi
done

# ---- a template that does not parse: nothing is touched ----
printf '[page]\nsize = A4\n[font.body\n' >"$WORK/broken.ini"
render --force -t "$WORK/broken.ini" -o "$WORK/good" input
if [ "$rc" = 64 ] && grep -q "broken.ini:3: error" "$WORK/err" && intact "$good" "$sum" && [ -z "$(leftovers "$WORK/good")" ]; then ok; else
  bad "a template that does not parse: exit $rc"
  cat "$WORK/err"
fi

finish faults
