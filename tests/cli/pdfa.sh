#!/bin/bash
# PDF/A-1b as a real validator judges it: Apache PDFBox Preflight 2.0
# (Debian's libpdfbox2-java) on every `--engine haru --pdfa` file of every
# template on the sample, of the untrusted names of untrusted.sh, of a
# report of 100 projects and of a signed report, all in one run of Preflight; its report is printed
# for a file it rejects.  The same report without --pdfa must be rejected:
# the check can fail.
# Usage: tests/cli/pdfa.sh ./jixiao
. "$(dirname "$0")/lib.sh"
JIXIAO=$(realpath "$1")
cd "$ROOT" || exit 1
export SOURCE_DATE_EPOCH=1735603200

JARS="preflight pdfbox2 fontbox2 xmpbox commons-logging javax.activation jaxb-api"
CP=""
for j in $JARS; do
  if [ ! -f "/usr/share/java/$j.jar" ]; then
    bad "no /usr/share/java/$j.jar: run scripts/bootstrap"
    finish pdfa
    exit
  fi
  CP="$CP${CP:+:}/usr/share/java/$j.jar"
done

# render NAME ARGS...: a --pdfa report into $WORK/NAME, its PDFs listed
: >"$WORK/list"
render() {
  local name=$1
  shift
  if timeout 300 "$JIXIAO" render -q --engine haru "$@" -o "$WORK/$name" >/dev/null 2>"$WORK/$name.err"; then
    ok
  else
    bad "$name: render failed"
    cat "$WORK/$name.err"
  fi
  find "$WORK/$name" -name '*.pdf' | sort >>"$WORK/list"
}
render annual --pdfa input
render monthly --pdfa -t monthly --period 2024-09 input
render targets --pdfa -t targets input
render official --pdfa -t official --official tests/data/official/gongwen.ini input
mkdir -p "$WORK/in" "$WORK/syn"
python3 tests/cli/evil.py "$WORK/in/evil.csv"
render untrusted --pdfa "$WORK/in/evil.csv"
awk -v DEPTS=1 -v PROJECTS=100 -v OUT="$WORK/syn" -f tests/bench/synthetic.awk /dev/null
# its targets report (72 pages) here; its annual report (536 pages, half a
# minute of Preflight) with PDFA_FULL=1, as make bench runs it
render hundred --pdfa -t targets "$WORK/syn"
[ -n "${PDFA_FULL:-}" ] && render hundred-annual --pdfa "$WORK/syn"
# signed (sign.sh checks the signature): still PDF/A-1b
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$WORK/key.pem" -out "$WORK/cert.pem" -days 2 \
  -subj "/CN=jixiao test" >/dev/null 2>&1
SOURCE_DATE_EPOCH=$(date +%s) render signed --pdfa --sign "$WORK/key.pem" --cert "$WORK/cert.pem" input
# the same sample without --pdfa: no XMP, no output intent
render plain input

# Preflight's group mode: one XML report for the list, each file's entry in
# the list's order
(cd "$WORK" && timeout 600 java -Xmx2g -XX:+UseParallelGC -cp "$CP" org.apache.pdfbox.preflight.Validator_A1b xml group list >/dev/null 2>"$WORK/preflight.err")
XML="$WORK/list.preflight.xml"
n=$(wc -l <"$WORK/list")
if [ -s "$XML" ] && [ "$(xmllint --xpath 'count(/preflights/preflight)' "$XML" 2>/dev/null)" = "$n" ]; then ok; else
  bad "Preflight gave no report of the $n files"
  grep -v WARNING "$WORK/preflight.err" | head -20
fi
i=0
while read -r f; do
  i=$((i + 1))
  valid=$(xmllint --xpath "string(/preflights/preflight[$i]/isValid)" "$XML" 2>/dev/null)
  case $f in
  "$WORK/plain/"*)
    if [ "$valid" = false ]; then ok; else bad "$f: without --pdfa, Preflight said '$valid'"; fi
    ;;
  *)
    if [ "$valid" = true ]; then ok; else
      bad "${f#"$WORK"/}: not PDF/A-1b"
      xmllint --xpath "/preflights/preflight[$i]" "$XML" 2>/dev/null
      echo
    fi
    ;;
  esac
done <"$WORK/list"
# the CIDSet of each font (which Preflight finds, but does not read) is the
# CIDs its CIDToGIDMap gives a glyph, and CID 0; the CapHeight of a Latin
# face is under its ascent (the capitals' height, not the ascent libharu
# falls back on), read back from the file with qpdf
f=$(grep "/annual/" "$WORK/list" | head -1)
qpdf --json=2 --json-key=qpdf --json-stream-data=inline --decode-level=generalized "$f" >"$WORK/q.json" 2>/dev/null
if python3 - "$WORK/q.json" >"$WORK/cidset" 2>&1 <<'PY'; then ok; else bad "CIDSet or CapHeight wrong"; cat "$WORK/cidset"; fi
import base64, json, sys
objs = json.load(open(sys.argv[1]))["qpdf"][1]
def value(ref):
    o = objs["obj:" + ref]
    return o["value"] if "value" in o else o["stream"]["dict"]
def data(ref):
    return base64.b64decode(objs["obj:" + ref]["stream"]["data"])
fonts = 0
for key, o in objs.items():
    v = o.get("value", o.get("stream", {}).get("dict"))
    if not isinstance(v, dict) or v.get("/Subtype") != "/CIDFontType2":
        continue
    fonts += 1
    m = data(v["/CIDToGIDMap"])
    mapped = {0} | {i // 2 for i in range(0, len(m), 2) if m[i] or m[i + 1]}
    desc = value(v["/FontDescriptor"])
    bits = data(desc["/CIDSet"])
    inset = {i for i in range(len(bits) * 8) if bits[i // 8] & (0x80 >> (i % 8))}
    if inset != mapped:
        sys.exit(f"{v['/BaseFont']}: CIDSet {len(inset)} CIDs, the map {len(mapped)}")
    if "Liberation" in v["/BaseFont"] and not 0 < desc["/CapHeight"] < desc["/Ascent"]:
        sys.exit(f"{v['/BaseFont']}: CapHeight {desc['/CapHeight']}, Ascent {desc['/Ascent']}")
if fonts < 4:
    sys.exit(f"only {fonts} CID fonts")
PY

# the files in the list: the sample's four templates', the signed and the
# plain one, one a department of the untrusted input (five), the 100 projects
if [ "$n" -ge 12 ]; then ok; else bad "only $n files validated"; fi

finish pdfa
