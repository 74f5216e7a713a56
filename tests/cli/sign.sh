#!/bin/bash
# Signed reports (--sign, --cert, --chain, --sign-pass-file), checked with
# what a recipient has: poppler's pdfsig, and OpenSSL's own CMS verifier on
# the bytes /ByteRange names.  A test CA and keys are made here by openssl.
# Usage: tests/cli/sign.sh ./jixiao
. "$(dirname "$0")/lib.sh"
JIXIAO=$(realpath "$1")
cd "$ROOT" || exit 1

# ---- a CA, a signer with an encrypted key, an ECDSA signer ----
K="$WORK/pki"
mkdir -p "$K"
(
  cd "$K" || exit 1
  openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 30 -utf8 \
    -subj "/CN=测试根证书/O=jixiao test" -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign"
  openssl req -newkey rsa:2048 -keyout signer.key -passout pass:s3cret -out signer.csr -utf8 \
    -subj "/CN=广州市海珠区政务服务数据管理局/O=海珠区"
  printf 'keyUsage=critical,digitalSignature,nonRepudiation\n' >ext.cnf
  openssl x509 -req -in signer.csr -CA ca.pem -CAkey ca.key -out signer.pem -days 30 \
    -set_serial 2 -extfile ext.cnf
  openssl ecparam -name prime256v1 -genkey -noout -out ec.key
  openssl req -new -key ec.key -out ec.csr -subj "/CN=EC signer"
  openssl x509 -req -in ec.csr -CA ca.pem -CAkey ca.key -out ec.pem -days 30 -set_serial 3
  # SM2 (GB/T 38540's curve): OpenSSL 3.0 makes the key, not a CMS with it
  openssl genpkey -algorithm SM2 -out sm2.key
  openssl req -new -key sm2.key -out sm2.csr -subj "/CN=SM2 signer" -sm3
  openssl x509 -req -in sm2.csr -signkey sm2.key -out sm2.pem -days 30 -sm3
  printf 's3cret\n' >pass
  printf 'wrong\n' >wrong
) >"$WORK/pki.log" 2>&1 || { bad "openssl could not make the test keys"; cat "$WORK/pki.log"; }
# the signing time: now, as the certificates made above are valid from then
export SOURCE_DATE_EPOCH
SOURCE_DATE_EPOCH=$(date +%s)
SIGN=(--sign "$K/signer.key" --cert "$K/signer.pem" --chain "$K/ca.pem" --sign-pass-file "$K/pass")
DEPT='广州市海珠区政务服务数据管理局（本级）'

# verified PDF: pdfsig says the signature is valid, over the whole file
verified() {
  pdfsig "$1" >"$WORK/sig" 2>&1
  grep -q "Signature Validation: Signature is Valid" "$WORK/sig" && grep -q "Total document signed" "$WORK/sig"
}

# ---- either engine: valid, the whole file, SHA-256, CAdES ----
for engine in cairo haru; do
  timeout 120 "$JIXIAO" render -q --engine "$engine" "${SIGN[@]}" -o "$WORK/$engine" input >/dev/null 2>"$WORK/err"
  rc=$?
  f="$WORK/$engine/2024/$DEPT/annual.pdf"
  if [ "$rc" = 0 ] && verified "$f" && grep -q "Signing Hash Algorithm: SHA-256" "$WORK/sig" &&
    grep -q "Signature Type: ETSI.CAdES.detached" "$WORK/sig" &&
    grep -q "Signer Certificate Common Name: 广州市海珠区政务服务数据管理局" "$WORK/sig"; then ok; else
    bad "$engine: not a valid signature (exit $rc)"
    cat "$WORK/err" "$WORK/sig"
  fi
  # an incremental update: the report as it was written, then the signature
  if qpdf --check "$f" >/dev/null 2>&1 && [ "$(grep -ac '^%%EOF' "$f")" -ge 2 ]; then ok; else bad "$engine: not a whole PDF plus an update"; fi
done
f="$WORK/cairo/2024/$DEPT/annual.pdf"

# ---- the CMS, read and verified by OpenSSL over the /ByteRange bytes ----
python3 - "$f" "$WORK" <<'PY'
import re, sys
d = open(sys.argv[1], "rb").read()
r = [int(x) for x in re.findall(rb"/ByteRange \[(\d+) (\d+) (\d+) (\d+)\]", d)[-1]]
open(sys.argv[2] + "/signed.bin", "wb").write(d[r[0]:r[0] + r[1]] + d[r[2]:r[2] + r[3]])
hexed = d[r[0] + r[1] + 1:r[2] - 1]
cms = bytes.fromhex(hexed.decode())
# the padding cut by the DER length, not by stripping zeros: a signature
# may end in a zero byte of its own
n = cms[1] & 0x7F if cms[1] & 0x80 else 0
size = 2 + n + (int.from_bytes(cms[2:2 + n], "big") if n else cms[1])
open(sys.argv[2] + "/cms.der", "wb").write(cms[:size])
PY
openssl cms -cmsout -print -inform DER -in "$WORK/cms.der" >"$WORK/cms.txt" 2>&1
if grep -q "id-smime-aa-signingCertificateV2" "$WORK/cms.txt" && grep -q "messageDigest" "$WORK/cms.txt" &&
  grep -q "algorithm: sha256" "$WORK/cms.txt"; then ok; else bad "the CMS lacks signing-certificate-v2, messageDigest or SHA-256"; head -40 "$WORK/cms.txt"; fi
if openssl cms -verify -binary -inform DER -in "$WORK/cms.der" -content "$WORK/signed.bin" \
  -CAfile "$K/ca.pem" -purpose any -out /dev/null 2>"$WORK/v"; then ok; else bad "openssl cms -verify: $(cat "$WORK/v")"; fi

# ---- a byte changed in the signed range: no longer valid ----
python3 -c "
import sys
d = bytearray(open(sys.argv[1], 'rb').read()); d[2000] ^= 1
open(sys.argv[2], 'wb').write(d)" "$f" "$WORK/changed.pdf"
pdfsig "$WORK/changed.pdf" >"$WORK/sig" 2>&1
if grep -q "Signature Validation: Digest Mismatch" "$WORK/sig"; then ok; else bad "a changed byte still verifies"; cat "$WORK/sig"; fi

# ---- the manifest: the signed file's digest, and who signed it ----
sum=$(sha256sum "$f" | cut -d' ' -f1)
pages=$(pdfinfo "$f" | sed -n 's/^Pages: *//p')
if grep -qF "\"sha256\": \"$sum\", \"pages\": $pages, \"signed_by\": \"O=海珠区,CN=广州市海珠区政务服务数据管理局\"" "$WORK/cairo/manifest.json"; then ok; else
  bad "manifest.json has no signed_by with the signed file's digest"
  head -c 800 "$WORK/cairo/manifest.json"
fi

# ---- the same bytes again, and from worker processes ----
timeout 120 "$JIXIAO" render -q -j 2 "${SIGN[@]}" -o "$WORK/again" input >/dev/null 2>&1
if cmp -s "$f" "$WORK/again/2024/$DEPT/annual.pdf"; then ok; else bad "a signed report differs from one run to the next"; fi
# the passphrase from the environment, an ECDSA key (its DER length varies)
JIXIAO_SIGN_PASS=s3cret timeout 120 "$JIXIAO" render -q --sign "$K/signer.key" --cert "$K/signer.pem" -t targets -o "$WORK/env" input >/dev/null 2>&1
if verified "$WORK/env/2024/$DEPT/targets.pdf"; then ok; else bad "JIXIAO_SIGN_PASS: not signed"; fi
timeout 120 "$JIXIAO" render -q --sign "$K/ec.key" --cert "$K/ec.pem" -t targets -o "$WORK/ec" input >/dev/null 2>&1
if verified "$WORK/ec/2024/$DEPT/targets.pdf"; then ok; else bad "ECDSA: not valid"; cat "$WORK/sig"; fi

# ---- refused before anything is written ----
# refused CODE MESSAGE ARGS...: exit CODE, MESSAGE on stderr, no output folder
refused() {
  local code=$1 message=$2
  shift 2
  rm -rf "$WORK/no"
  timeout 60 "$JIXIAO" render -q "$@" -o "$WORK/no" input >/dev/null 2>"$WORK/err"
  rc=$?
  if [ "$rc" = "$code" ] && grep -qF -- "$message" "$WORK/err" && [ ! -e "$WORK/no" ]; then ok; else
    bad "$message: exit $rc (wanted $code)"
    cat "$WORK/err"
    ls "$WORK/no" 2>/dev/null
  fi
}
refused 65 "wrong passphrase" --sign "$K/signer.key" --cert "$K/signer.pem" --sign-pass-file "$K/wrong"
refused 65 "it is encrypted: give its passphrase with --sign-pass-file" --sign "$K/signer.key" --cert "$K/signer.pem"
refused 65 "the private key is not the key of the certificate" --sign "$K/ec.key" --cert "$K/signer.pem"
refused 66 "cannot read the private key" --sign "$K/none.key" --cert "$K/signer.pem"
refused 66 "cannot read the certificate" --sign "$K/ec.key" --cert "$K/none.pem"
refused 66 "--sign-pass-file" --sign "$K/signer.key" --cert "$K/signer.pem" --sign-pass-file "$K/none"
refused 64 "--sign KEY.pem and --cert CERT.pem go together" --sign "$K/ec.key"
refused 65 "OpenSSL cannot sign a CMS with this key" --sign "$K/sm2.key" --cert "$K/sm2.pem"
# the certificates are valid for 30 days from now: 31 days on they have expired
SOURCE_DATE_EPOCH=$((SOURCE_DATE_EPOCH + 31 * 86400)) refused 65 "the certificate is expired" --sign "$K/ec.key" --cert "$K/ec.pem"
SOURCE_DATE_EPOCH=$((SOURCE_DATE_EPOCH - 86400)) refused 65 "the certificate is not yet valid" --sign "$K/ec.key" --cert "$K/ec.pem"

finish sign
