#!/bin/bash
# Checks the ACSL corpus: gcc output, sanitizer runs, certa output, bad/ syntax.
# Usage: tests/acsl/check.sh [NAME...]   (run from anywhere; NAME without .c)
here=$(cd "$(dirname "$0")" && pwd)
certa=${CERTA:-$here/../../.venv/bin/certa}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
cd "$here/ok"
names=("$@")
[ ${#names[@]} -eq 0 ] && names=($(ls *.c | sed 's/\.c$//'))
for n in "${names[@]}"; do
  gcc -O0 -w -x c "$n.c" -o "$tmp/a" && "$tmp/a" > "$tmp/gcc.out" || { echo "FAIL gcc $n"; fail=1; }
  cmp -s "$tmp/gcc.out" "$n.out" || { echo "FAIL gcc-output $n"; fail=1; }
  gcc -O2 -w -fsanitize=address,undefined -fno-sanitize-recover=all -x c "$n.c" -o "$tmp/s" \
    && "$tmp/s" > "$tmp/san.out" 2> "$tmp/san.err" || { echo "FAIL sanitizer $n"; fail=1; }
  cmp -s "$tmp/san.out" "$n.out" || { echo "FAIL sanitizer-output $n"; fail=1; }
  "$certa" run "$n.c" > "$tmp/c.out" 2> "$tmp/c.err" && cmp -s "$tmp/c.out" "$n.out" \
    || echo "DIFF certa (annotated) $n: $(grep -m1 error "$tmp/c.err")"
  sed -e 's#/\*@#/* @#g' -e 's#//@#// @#g' "$n.c" > "$tmp/$n.c"
  "$certa" run "$tmp/$n.c" > "$tmp/c.out" 2> "$tmp/c.err" && cmp -s "$tmp/c.out" "$n.out" \
    || { echo "FAIL certa (plain) $n"; fail=1; }
done
if [ $# -eq 0 ]; then
  cd "$here/bad"
  for f in *.c; do
    head -1 "$f" | grep -Eq '^// expect: [0-9]+: ' || { echo "FAIL expect-line $f"; fail=1; }
    gcc -fsyntax-only -w "$f" || { echo "FAIL syntax $f"; fail=1; }
  done
fi
[ $fail = 0 ] && echo "all checks passed"
exit $fail
