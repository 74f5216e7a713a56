#!/bin/bash
# End-to-end checks of many reports at once: the output tree, -j, what is up
# to date, the manifest, the lock, shards, and a failure among successes.
# Usage: tests/cli/batch.sh ./jixiao
. "$(dirname "$0")/lib.sh"
JIXIAO=$(realpath "$1")
cd "$ROOT" || exit 1
export SOURCE_DATE_EPOCH=1735603200

# render ARGS...: sets rc; stdout in out, stderr in err
render() {
  timeout 300 "$JIXIAO" render "$@" >"$WORK/out" 2>"$WORK/err"
  rc=$?
}

# four departments, no actuals: OUT/未填期间/<部门>/annual.pdf each
awk -v COPIES=4 -f tests/bench/bigtable.awk input/haizhu-2024-targets.csv >"$WORK/four.csv"
render -j 1 -o "$WORK/j1" "$WORK/four.csv"
cp "$WORK/out" "$WORK/out1"
if [ "$rc" = 0 ] && [ "$(wc -l <"$WORK/out1")" = 4 ] && [ ! -s "$WORK/err" ] &&
  [ "$(find "$WORK/j1/未填期间" -name annual.pdf | wc -l)" = 4 ]; then ok; else bad "-j 1: exit $rc"; cat "$WORK/err"; fi

# ---- -j 2: the same files, the same bytes, the same order ----
render -j 2 -o "$WORK/j2" "$WORK/four.csv"
sed "s#$WORK/j2#$WORK/j1#" "$WORK/out" >"$WORK/out2"
if [ "$rc" = 0 ] && cmp -s "$WORK/out1" "$WORK/out2"; then ok; else bad "-j 2 printed other paths"; fi
same=0
while read -r f; do cmp -s "$f" "${f/$WORK\/j1/$WORK/j2}" && same=$((same + 1)); done <"$WORK/out1"
if [ "$same" = 4 ]; then ok; else bad "-j 2 gives other bytes: $same of 4 the same"; fi

# ---- the workers are handed every setting: the haru engine with the inputs
# attached gives the same bytes in worker processes as in this one ----
render -j 1 --engine haru --attach-data -o "$WORK/h1" "$WORK/four.csv"
render -j 2 --engine haru --attach-data -o "$WORK/h2" "$WORK/four.csv"
same=0
for f in "$WORK"/h1/未填期间/*/annual.pdf; do cmp -s "$f" "${f/$WORK\/h1/$WORK/h2}" && same=$((same + 1)); done
if [ "$rc" = 0 ] && [ "$same" = 4 ] && [ "$(pdfdetach -list "$WORK/h2/未填期间/$(ls "$WORK/h2/未填期间" | head -1)/annual.pdf" | head -1)" = "2 embedded files" ]; then ok; else
  bad "haru with attachments in workers: exit $rc, $same of 4 the same"
  cat "$WORK/err"
fi

# ---- the manifest: every file with its SHA-256 and pages ----
m="$WORK/j1/manifest.json"
first=$(head -1 "$WORK/out1")
sum=$(sha256sum "$first" | cut -c1-64)
pages=$(pdfinfo "$first" | sed -n 's/^Pages: *//p')
if [ "$(grep -c '"status": "made"' "$m")" = 4 ] && grep -qF "{\"path\": \"$first\", \"sha256\": \"$sum\", \"pages\": $pages}" "$m" &&
  grep -q '"sources": \[".*four.csv"\]' "$m"; then ok; else bad "manifest"; head -12 "$m"; fi

# ---- up to date: nothing made again, nothing printed ----
stamp=$(stat -c %Y "$first")
sleep 1
render -o "$WORK/j1" "$WORK/four.csv"
if [ "$rc" = 0 ] && [ ! -s "$WORK/out" ] && [ "$(stat -c %Y "$first")" = "$stamp" ] &&
  [ "$(grep -c '"status": "up to date"' "$m")" = 4 ]; then ok; else bad "second run: exit $rc, $(wc -l <"$WORK/out") printed"; fi
# an input changed: everything made from it again
sed -i 's/保障琶洲政务分中心高水平运营/保障琶洲政务分中心高质量运营/' "$WORK/four.csv"
render -o "$WORK/j1" "$WORK/four.csv"
if [ "$rc" = 0 ] && [ "$(wc -l <"$WORK/out")" = 4 ]; then ok; else bad "changed input: $(wc -l <"$WORK/out") made"; fi
# a file removed: that one made again
rm "$first"
render -o "$WORK/j1" "$WORK/four.csv"
if [ "$rc" = 0 ] && [ "$(cat "$WORK/out")" = "$first" ]; then ok; else bad "removed file: $(cat "$WORK/out")"; fi
render --force -o "$WORK/j1" "$WORK/four.csv"
if [ "$rc" = 0 ] && [ "$(wc -l <"$WORK/out")" = 4 ]; then ok; else bad "--force"; fi
# -v says what is up to date
render -v -o "$WORK/j1" "$WORK/four.csv"
if [ "$(grep -c ': up to date' "$WORK/err")" = 4 ] && grep -q "no input changed since the last run, nothing read" "$WORK/err" &&
  [ "$(grep -c '"status": "up to date"' "$WORK/j1/manifest.json")" = 4 ]; then ok; else bad "-v"; cat "$WORK/err"; fi
# an input written again (the same bytes, a new time) is read again; its
# documents, made from the same bytes, are still up to date
touch "$WORK/four.csv"
render -v -o "$WORK/j1" "$WORK/four.csv"
if [ "$rc" = 0 ] && [ ! -s "$WORK/out" ] && ! grep -q "nothing read" "$WORK/err" &&
  [ "$(grep -c ': up to date' "$WORK/err")" = 4 ]; then ok; else bad "a touched input"; cat "$WORK/err"; fi
# a table added to a folder of inputs is read
mkdir -p "$WORK/in"
cp "$WORK/four.csv" "$WORK/in/"
render -o "$WORK/fold" "$WORK/in"
render -v -o "$WORK/fold" "$WORK/in"
grep -q "nothing read" "$WORK/err" && nothing_first=1
printf '部门名称：新增局\n项目名称,总计,财政拨款,财政专户拨款,其他资金,绩效目标,绩效指标\n新项目,1.00,1.00,,,目标,"1、产出指标,数量指标,甲指标；年度指标值:1个；"\n' >"$WORK/in/new.csv"
render -v -o "$WORK/fold" "$WORK/in"
if [ "${nothing_first:-}" = 1 ] && [ "$rc" = 0 ] && ! grep -q "nothing read" "$WORK/err" &&
  [ "$(cat "$WORK/out")" = "$WORK/fold/未填期间/新增局/annual.pdf" ]; then ok; else bad "a table added to a folder"; cat "$WORK/out" "$WORK/err"; fi

# ---- one run at a time ----
if command -v flock >/dev/null; then
  flock "$WORK/j1/.jixiao.lock" sleep 2 &
  sleep 0.5
  render --force -o "$WORK/j1" "$WORK/four.csv"
  if [ "$rc" = 75 ] && grep -q "another jixiao is writing" "$WORK/err" && [ ! -s "$WORK/out" ]; then ok; else bad "locked tree: exit $rc"; fi
  render --force --wait -o "$WORK/j1" "$WORK/four.csv"
  if [ "$rc" = 0 ] && [ "$(wc -l <"$WORK/out")" = 4 ]; then ok; else bad "--wait: exit $rc"; fi
  wait
fi

# ---- shards: two halves make the whole, once ----
render --shard 1/2 -o "$WORK/s" "$WORK/four.csv"
cp "$WORK/out" "$WORK/s1"
render --shard 2/2 -o "$WORK/s" "$WORK/four.csv"
cat "$WORK/s1" "$WORK/out" | sort >"$WORK/shards"
find "$WORK/s" -name '*.pdf' | sort >"$WORK/all"
if [ "$(wc -l <"$WORK/shards")" = 4 ] && cmp -s "$WORK/shards" "$WORK/all" &&
  [ ! -s "$WORK/err" ]; then ok; else bad "shards"; cat "$WORK/shards" "$WORK/err"; fi
# … the same bytes as one run made them
same=0
while read -r f; do cmp -s "$f" "${f/$WORK\/s\//$WORK/j1/}" && same=$((same + 1)); done <"$WORK/all"
if [ "$same" = 4 ]; then ok; else bad "the shards' reports differ from one run's: $same of 4 the same"; fi
# shards into trees of their own, their manifests merged: every document once
render --shard 1/2 -o "$WORK/m1" "$WORK/four.csv"
render --shard 2/2 -o "$WORK/m2" "$WORK/four.csv"
# each department in the shard the README's rule gives it, worked out here
# with Python's hashlib: SHA-256 of the name, its first 8 bytes big-endian,
# modulo N
shard_ok() { # MANIFEST K N
  python3 - "$@" <<'PY'
import hashlib, json, sys
m, k, n = json.load(open(sys.argv[1])), int(sys.argv[2]), int(sys.argv[3])
names = [d["department"] for d in m["documents"]]
want = [x for x in names if int.from_bytes(hashlib.sha256(x.encode()).digest()[:8], "big") % n != k - 1]
sys.exit(1 if want or not names else 0)
PY
}
if shard_ok "$WORK/m1/manifest.json" 1 2 && shard_ok "$WORK/m2/manifest.json" 2 2; then ok; else
  bad "a department in another shard than its name's hash says"
fi
# a department added moves no other: the first shard's four stay where they were
awk -v COPIES=7 -f tests/bench/bigtable.awk input/haizhu-2024-targets.csv >"$WORK/seven.csv"
render --shard 1/2 -o "$WORK/m7" "$WORK/seven.csv"
if shard_ok "$WORK/m7/manifest.json" 1 2 &&
  [ -z "$(comm -23 <(grep -o '"department": "[^"]*"' "$WORK/m1/manifest.json" | sort) \
    <(grep -o '"department": "[^"]*"' "$WORK/m7/manifest.json" | sort))" ]; then ok; else
  bad "departments added moved a department out of its shard"
fi
scripts/merge-manifests "$WORK/m1/manifest.json" "$WORK/m2/manifest.json" >"$WORK/merged.json"
if [ "$(grep -c '^{"department"' "$WORK/merged.json")" = 4 ] && tail -1 "$WORK/merged.json" | grep -q '^]}$' &&
  [ "$(grep -c '},$' "$WORK/merged.json")" = 3 ]; then ok; else bad "merged manifests"; cat "$WORK/merged.json"; fi
render --shard 3/2 -o "$WORK/s" "$WORK/four.csv"
if [ "$rc" = 64 ]; then ok; else bad "--shard 3/2: $rc"; fi

# ---- a shard opens only its files ----
# six departments, each in files of its own as a province's units send them;
# the whole first, then shard 1 of 2 alone: the files of shard 2's
# departments made unreadable (as another user: root reads any file), the
# shard makes its documents from its own files, the same bytes as the whole
in_shard() { # NAME K N: whether the README's rule puts NAME in shard K of N
  python3 -c 'import hashlib,sys; n=sys.argv[1]; sys.exit(int.from_bytes(hashlib.sha256(n.encode()).digest()[:8],"big") % int(sys.argv[3]) != int(sys.argv[2]) - 1)' "$@"
}
as_other() { # COMMAND...: run as a user who is not root (root reads any file)
  if [ "$(id -u)" = 0 ]; then setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; else "$@"; fi
}
mkdir -p "$WORK/prov"
awk -v DEPTS=6 -v PROJECTS=1 -v SPLIT=1 -v OUT="$WORK/prov" -f tests/bench/synthetic.awk /dev/null
render -o "$WORK/pall" "$WORK/prov"
mkdir -p "$WORK/p1"
render --shard 1/2 -o "$WORK/p1" "$WORK/prov"
mine=0 theirs=0
for f in "$WORK"/prov/*-targets.csv; do
  d=$(basename "$f" -targets.csv)
  if in_shard "$d" 1 2; then mine=$((mine + 1)); else chmod 000 "$WORK/prov/$d"-*.csv; theirs=$((theirs + 1)); fi
done
chmod -R a+rwX "$WORK/p1"
chmod a+rx "$WORK" "$WORK/prov"
as_other "$JIXIAO" render -v --force --shard 1/2 -o "$WORK/p1" "$WORK/prov" >"$WORK/out" 2>"$WORK/err"
rc=$?
same=0
while read -r f; do cmp -s "$f" "${f/$WORK\/p1/$WORK/pall}" && same=$((same + 1)); done <"$WORK/out"
if [ "$rc" = 0 ] && [ "$mine" -gt 0 ] && [ "$theirs" -gt 0 ] && [ "$same" = "$mine" ] &&
  [ "$(wc -l <"$WORK/out")" = "$mine" ] &&
  grep -q "jixiao: 12 input files, 0 indexed now, $((2 * mine)) read in $mine groups" "$WORK/err"; then ok; else
  bad "a shard read files not its own: exit $rc, $same of $mine the same"; cat "$WORK/err"
fi
# … and the files were truly unreadable: the other shard cannot be made
as_other "$JIXIAO" render --force --shard 2/2 -o "$WORK/p1" "$WORK/prov" >"$WORK/out" 2>"$WORK/err"
rc=$?
if [ "$rc" = 74 ] && grep -q "Permission denied" "$WORK/err"; then ok; else bad "shard 2 read unreadable files: $rc"; cat "$WORK/err"; fi
chmod 644 "$WORK"/prov/*.csv
# an index cut short (a run stopped while writing it) is read as none
head -c 200 "$WORK/p1/.jixiao-index" >"$WORK/cut" && cp "$WORK/cut" "$WORK/p1/.jixiao-index"
render -v --force --shard 1/2 -o "$WORK/p1" "$WORK/prov"
same=0
while read -r f; do cmp -s "$f" "${f/$WORK\/p1/$WORK/pall}" && same=$((same + 1)); done <"$WORK/out"
if [ "$rc" = 0 ] && [ "$same" = "$mine" ] && grep -q "jixiao: 12 input files, 12 indexed now" "$WORK/err" &&
  [ "$(grep -c '^F' "$WORK/p1/.jixiao-index")" = 12 ]; then ok; else
  bad "an index cut short: exit $rc, $same of $mine the same"; cat "$WORK/err"
fi

# the index of 80 departments (160 files: two processes of 80 read them with
# -j 2, as forks) is the index one process makes, line for line, and so is
# the shard made from it
mkdir -p "$WORK/prov80"
awk -v DEPTS=80 -v PROJECTS=1 -v SPLIT=1 -v OUT="$WORK/prov80" -f tests/bench/synthetic.awk /dev/null
render -v -j 1 -t targets --shard 1/40 -o "$WORK/x1" "$WORK/prov80"
rc1=$rc
cp "$WORK/out" "$WORK/out1"
render -v -j 2 -t targets --shard 1/40 -o "$WORK/x2" "$WORK/prov80"
if [ "$rc1" = 0 ] && [ "$rc" = 0 ] && grep -q "160 input files, 160 indexed now" "$WORK/err" &&
  [ "$(grep -c '^F' "$WORK/x2/.jixiao-index")" = 160 ] && [ "$(grep -c '^D' "$WORK/x2/.jixiao-index")" = 80 ] &&
  cmp -s "$WORK/x1/.jixiao-index" "$WORK/x2/.jixiao-index" && [ -s "$WORK/out" ] &&
  [ "$(sed "s|$WORK/x1|X|" "$WORK/out1")" = "$(sed "s|$WORK/x2|X|" "$WORK/out")" ]; then ok; else
  bad "the index read by two processes: $rc1 $rc"; cat "$WORK/err"; diff "$WORK/x1/.jixiao-index" "$WORK/x2/.jixiao-index" | head
fi

# actuals that name projects without their departments, in a file of their
# own: the index finds each project's department across the other files
# (their names read back from where the index keeps them), so each shard
# reads the actuals with the targets they belong to, and the shards make
# what one run makes
mkdir -p "$WORK/bare"
printf '部门,项目名称,总计,财政拨款,绩效目标,一级指标,二级指标,三级指标,指标性质,指标值,度量单位\n甲局,甲项目,10,10,目标,产出指标,数量指标,完成数,≥,5,个\n乙局,乙项目,10,10,目标,产出指标,数量指标,完成数,≥,5,个\n' >"$WORK/bare/a.csv"
printf '部门,项目名称,总计,财政拨款,绩效目标,一级指标,二级指标,三级指标,指标性质,指标值,度量单位\n丙局,丙项目,10,10,目标,产出指标,数量指标,完成数,≥,5,个\n' >"$WORK/bare/b.csv"
printf '项目名称,三级指标,期间,实际完成值\n甲项目,完成数,2024,6\n丙项目,完成数,2024,4\n' >"$WORK/bare/z-actuals.csv"
render -t targets -o "$WORK/bw" "$WORK/bare"
sed "s|$WORK/bw/||" "$WORK/out" | sort >"$WORK/bare-all"
: >"$WORK/bare-shards"
for k in 1 2; do
  render -t targets --shard $k/2 -o "$WORK/bs" "$WORK/bare"
  sed "s|$WORK/bs/||" "$WORK/out" >>"$WORK/bare-shards"
done
sort -o "$WORK/bare-shards" "$WORK/bare-shards"
same=0
while read -r f; do cmp -s "$WORK/bw/$f" "$WORK/bs/$f" && same=$((same + 1)); done <"$WORK/bare-all"
if [ "$(wc -l <"$WORK/bare-all")" = 3 ] && cmp -s "$WORK/bare-all" "$WORK/bare-shards" && [ "$same" = 3 ] &&
  grep -qx '2024/甲局/targets.pdf' "$WORK/bare-all" && grep -qx '2024/丙局/targets.pdf' "$WORK/bare-all"; then ok; else
  bad "actuals without their departments, in shards: $same of 3 the same"; cat "$WORK/bare-all" "$WORK/bare-shards" "$WORK/err"
fi

# ---- names that make one folder name, told apart ----
printf '部门名称：甲/局\n项目名称,总计,财政拨款,财政专户拨款,其他资金,绩效目标,绩效指标\n甲,1.00,1.00,,,目标,"1、产出指标,数量指标,甲指标；年度指标值:1个；"\n部门名称：甲_局\n项目名称,总计,财政拨款,财政专户拨款,其他资金,绩效目标,绩效指标\n乙,1.00,1.00,,,目标,"1、产出指标,数量指标,乙指标；年度指标值:1个；"\n' >"$WORK/twins.csv"
render -o "$WORK/t" "$WORK/twins.csv"
if [ "$rc" = 0 ] && [ -s "$WORK/t/未填期间/甲_局/annual.pdf" ] && [ -s "$WORK/t/未填期间/甲_局-2/annual.pdf" ]; then ok; else bad "twin names: $rc"; find "$WORK/t" -name '*.pdf'; fi

# ---- one fails, the others are made ----
printf '部门名称：测试局\n项目名称,总计,财政拨款,财政专户拨款,其他资金,绩效目标,绩效指标\n龘字项目,1.00,1.00,,,目标,"1、产出指标,数量指标,甲指标；年度指标值:1个；"\n' >"$WORK/rare.csv"
render --engine haru -j 2 -o "$WORK/f" "$WORK/four.csv" "$WORK/rare.csv"
if [ "$rc" = 65 ] && [ "$(wc -l <"$WORK/out")" = 4 ] && grep -q "测试局: PDF page" "$WORK/err" &&
  grep -q "1 of 5 documents failed" "$WORK/err" && [ ! -e "$WORK/f/未填期间/测试局/annual.pdf" ] &&
  grep -q '"status": "failed"' "$WORK/f/manifest.json"; then ok; else bad "a failure among successes: exit $rc"; cat "$WORK/err"; fi

# ---- the 公文 of each department, its values from --official, in workers ----
# the same bytes from -j 2 as from -j 1; with no period, the title and the
# 正文 leave the year out rather than print "关于年度"
render -j 1 -t official --official tests/data/official/gongwen.ini -o "$WORK/o1" "$WORK/four.csv"
rc1=$rc
render -j 2 -t official --official tests/data/official/gongwen.ini -o "$WORK/o2" "$WORK/four.csv"
same=0
for f in "$WORK"/o1/未填期间/*/official.pdf; do cmp -s "$f" "${f/$WORK\/o1/$WORK/o2}" && same=$((same + 1)); done
first=$(find "$WORK/o1" -name official.pdf | sort | head -1)
pdftotext -f 1 -l 2 "$first" - | tr -d '\n ' >"$WORK/o1.txt"
if [ "$rc1" = 0 ] && [ "$rc" = 0 ] && [ "$same" = 4 ] && grep -q "海珠政数〔2025〕3号" "$WORK/o1.txt" &&
  grep -q "关于项目支出绩效自评情况的报告" "$WORK/o1.txt" && ! grep -q "年度" "$WORK/o1.txt"; then ok; else
  bad "the 公文 in workers: exit $rc1, $rc; $same of 4 the same"
  head -c 600 "$WORK/o1.txt"
fi

finish batch
