# Sourced by the end-to-end scripts: ROOT (the repository), WORK (a scratch
# folder, removed on exit unless KEEP is set), and the count of checks:
# ok, bad "why", and finish NAME at the end, which fails on any bad.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
trap 'chmod -R u+w "$WORK" 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
finish() {
  echo "$1: $pass passed, $fail failed"
  [ "$fail" = 0 ]
}
