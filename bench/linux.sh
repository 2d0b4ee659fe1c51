#!/usr/bin/env bash
# Scan speed and memory on the Linux 6.1 source tree (1.5 GB, ~78,600 files),
# rootle against ripgrep in the same run, with a warm page cache.
#
#   bench/linux.sh [ROOTLE_BINARY]
#
# Installs and unpacks Debian's linux-source-6.1 when it is missing (never
# committed), then prints, for each tool: wall time, peak RSS, and the time
# ratio against the references:
#   - rg with 7 secret-shaped patterns;
#   - rg -f fed rootle's own patterns (those rg's engine accepts);
# plus rootle's files/hour and its findings on the tree, by rule.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
rootle=${1:-$root/build/release/rootle}
corpus_dir=${ROOTLE_BENCH_DIR:-/tmp/rootle-bench}
tree=$corpus_dir/linux-source-6.1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

need() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
for p in linux-source-6.1 ripgrep time; do
  if ! need "$p"; then
    echo "bench: installing $p" >&2
    apt-get install -y -qq "$p" >/dev/null
  fi
done
if [ ! -d "$tree" ]; then
  echo "bench: unpacking the kernel source into $corpus_dir" >&2
  mkdir -p "$corpus_dir"
  tar -xJf /usr/src/linux-source-6.1.tar.xz -C "$corpus_dir"
fi
if [ ! -x "$rootle" ]; then
  echo "bench: building rootle (release)" >&2
  cmake -S "$root" -B "$root/build/release" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$root/build/release" -j"$(nproc)" >/dev/null
  rootle=$root/build/release/rootle
fi

# Seven secret-shaped patterns, the classic ripgrep reference.
cat > "$work/seven.txt" <<'PATTERNS'
AKIA[0-9A-Z]{16}
ghp_[A-Za-z0-9]{36}
xox[baprs]-[A-Za-z0-9-]{10,}
-----BEGIN [A-Z ]*PRIVATE KEY-----
sk_live_[0-9a-zA-Z]{24,}
AIza[0-9A-Za-z_-]{35}
glpat-[0-9A-Za-z_-]{20}
PATTERNS
# rootle's own patterns, one per line, for rg -f. rg joins them into one
# alternation, so named groups become plain groups (names would clash). rg's
# default engine has no look-around, so patterns it rejects are left out and
# counted; rg -P (PCRE2) takes all of them but runs the joined alternation
# far too slowly to finish on this tree.
"$rootle" detectors --format json | /usr/bin/python3 -c '
import json, re, sys
for line in sys.stdin:
    p = json.loads(line)["pattern"]
    if "\n" not in p:
        print(re.sub(r"\(\?<([A-Za-z_][A-Za-z0-9_]*)>", "(?:", p))
' > "$work/all-patterns.txt"
: > "$work/rootle-patterns.txt"
while IFS= read -r p; do
  rc=0
  rg -q -e "$p" /dev/null 2>/dev/null || rc=$?
  [ "$rc" -eq 2 ] || printf '%s\n' "$p" >> "$work/rootle-patterns.txt"
done < "$work/all-patterns.txt"

# Runs a command with GNU time; prints "seconds max_rss_kib".
measure() {
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" > "$work/out" 2>"$work/err" || true
  tail -n 1 "$work/time"
}

# Start-up on an empty file: cold (empty prefilter cache) and cached.
: > "$work/empty"
mkdir -p "$work/cache"
millis() {
  local t0 t1
  t0=$(date +%s%N)
  "$@" > /dev/null 2>&1 || true
  t1=$(date +%s%N)
  echo $(( (t1 - t0) / 1000000 ))
}
cold_ms=$(XDG_CACHE_HOME="$work/cache" millis "$rootle" scan --no-verification "$work/empty")
warm_ms=$(XDG_CACHE_HOME="$work/cache" millis "$rootle" scan --no-verification "$work/empty")

echo "bench: warming the page cache" >&2
rg -c --no-messages -f "$work/seven.txt" "$tree" > /dev/null || true

read -r rg7_s rg7_kb < <(measure rg -c --no-messages -f "$work/seven.txt" "$tree")
read -r rgall_s rgall_kb < <(measure rg -c --no-messages -f "$work/rootle-patterns.txt" "$tree")
read -r rootle_s rootle_kb < <(measure "$rootle" scan --no-verification --no-progress \
  --format json --stats "$tree")
cp "$work/out" "$work/findings.jsonl"
files=$(grep -E '^  files' "$work/err" | awk '{print $2}')
rules=$(wc -l < "$work/rootle-patterns.txt")
all_rules=$(wc -l < "$work/all-patterns.txt")

ratio() { /usr/bin/python3 -c "import sys; a,b=map(float,sys.argv[1:]); print(f'{a/b:.2f}' if b else 'n/a')" "$1" "$2"; }
echo "tree:            $tree ($files files scanned by rootle)"
echo "machine:         $(nproc) CPUs"
echo "start-up:        ${cold_ms} ms cold (no prefilter cache), ${warm_ms} ms cached, on an empty file"
printf '%-34s %8s %12s %10s\n' "run" "wall s" "peak RSS MiB" "rootle/x"
printf '%-34s %8s %12s %10s\n' "rg, 7 patterns" "$rg7_s" "$((rg7_kb / 1024))" "$(ratio "$rootle_s" "$rg7_s")"
printf '%-34s %8s %12s %10s\n' "rg -f, $rules of rootle's $all_rules patterns" "$rgall_s" "$((rgall_kb / 1024))" "$(ratio "$rootle_s" "$rgall_s")"
printf '%-34s %8s %12s %10s\n' "rootle scan (all rules)" "$rootle_s" "$((rootle_kb / 1024))" "1.00"
/usr/bin/python3 - "$files" "$rootle_s" <<'PY'
import sys
files, secs = int(sys.argv[1] or 0), float(sys.argv[2])
print(f"rootle files/hour: {files * 3600 / secs:,.0f}" if secs else "")
PY
echo "rootle findings by rule:"
/usr/bin/python3 -c '
import collections, json, sys
c = collections.Counter(json.loads(l)["detector"] for l in open(sys.argv[1]) if l.strip())
for rule, n in c.most_common():
    print(f"  {n:6d}  {rule}")
' "$work/findings.jsonl"
echo "rootle --stats:"
sed 's/^/  /' "$work/err"
