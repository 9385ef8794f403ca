#!/usr/bin/env bash
# Every row of the speed table in one sitting: whole-process medians (hyperfine) of
# pocketlint beside the floor (a bare pulldown-cmark pass over the same files in the same
# dialect, examples/pulldown_floor.rs) and rumdl, with peak memory, the tool versions and
# the machine printed first. The README's "Speed" section quotes what this prints.
#
# Needs ../shared/corpus beside the checkout. hyperfine comes from PATH (Debian's
# `hyperfine`); rumdl from PATH, or is installed from PyPI into target/bench-venv.
# Generated inputs live in target/bench-peers/ and are reused. Takes several minutes:
# not part of .ci/run. Usage: scripts/bench-peers.sh [RUNS [BIG_RUNS]] — RUNS (default
# 10) for the small inputs, BIG_RUNS (default 3) for the tree and the 50 MB list.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
big_runs=${2:-3}
corpus=../shared/corpus
seed=$corpus/pocket-v3.3.md
[ -f "$seed" ] || { echo "missing $seed: the corpus is read from ../shared/corpus" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "missing hyperfine (apt-get install hyperfine)" >&2; exit 2; }
rumdl=$(command -v rumdl || true)
if [ -z "$rumdl" ]; then
  rumdl=target/bench-venv/bin/rumdl
  if [ ! -x "$rumdl" ]; then
    python3 -m venv target/bench-venv
    target/bench-venv/bin/pip install --quiet rumdl
  fi
fi

cargo build -q --release
cargo build -q --release --example pulldown_floor --example gen_list
bin=target/release/pocketlint
floor=target/release/examples/pulldown_floor
work=target/bench-peers
mkdir -p "$work"

# The inputs, made once: every corpus list in one file; the seed 40 times over; a tree
# of 2,000 lists (the real ones repeated, as a monorepo of lists would be); synthetic
# lists of 2,000 and 20,000 sections and one of about 50 MB (85,000 sections).
mapfile -t lists < <(find "$corpus" -name '*.md' | sort)
[ -f "$work/corpus.md" ] || cat "${lists[@]}" >"$work/corpus.md"
[ -f "$work/seed-x40.md" ] || for _ in $(seq 40); do cat "$seed"; done >"$work/seed-x40.md"
if [ ! -d "$work/tree" ]; then
  mkdir -p "$work/tree"
  mapfile -t tree_lists < <(ls "$corpus"/lists/*.md "$corpus"/pocket/*.md)
  for i in $(seq 0 1999); do
    cp "${tree_lists[$((i % ${#tree_lists[@]}))]}" "$work/tree/list-$i.md"
  done
fi
for sections in 2000 20000 85000; do
  [ -f "$work/synthetic-$sections.md" ] ||
    target/release/examples/gen_list "$sections" >"$work/synthetic-$sections.md"
done
mapfile -t tree_files < <(ls "$work"/tree/*.md)

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)
echo "machine: $(nproc) cores ($cpu), $(free -g | awk '/Mem:/ {print $2}') GB, $(uname -sr)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "versions: $($bin --version), $(rustc --version | cut -d' ' -f1-2)," \
  "pulldown-cmark $(grep -A1 '^name = "pulldown-cmark"' Cargo.lock | sed -n 's/version = "\(.*\)"/\1/p')," \
  "$("$rumdl" --version), $(hyperfine --version)"
echo "all times are medians of whole processes (in brackets: mean user + system CPU time);" \
  "pocketlint runs \`check --no-config --quiet\`, rumdl \`check --no-cache\`"

check="$bin check --no-config --quiet"
# row NAME RUNS LABEL=COMMAND...: one hyperfine call, printed as medians with each
# command's ratio to the first one's.
row() {
  local name=$1 count=$2 args=()
  shift 2
  for pair in "$@"; do args+=(-n "${pair%%=*}" "${pair#*=}"); done
  hyperfine -N --style none --warmup 1 --runs "$count" --ignore-failure \
    --export-json "$work/$name.json" "${args[@]}" >/dev/null
  python3 - "$work/$name.json" "$name" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
first = results[0]["median"]
# CPU time (user + system, means) beside the wall-time median: on a loaded machine the
# wall time waits for a core, the CPU time does not.
cells = [f"{r['command']} {r['median'] * 1000:.1f} ms" + (f" ({r['median'] / first:.2f}x)" if i else "")
         + f" [cpu {(r['user'] + r['system']) * 1000:.1f} ms]"
         for i, r in enumerate(results)]
print(f"{sys.argv[2]}: " + ", ".join(cells))
PY
}
size() { echo "$(($(cat "$@" | wc -c) / 1000)) KB"; }

echo "inputs: seed $(size "$seed"), corpus $(size "$work/corpus.md") (${#lists[@]} lists)," \
  "seed-x40 $(size "$work/seed-x40.md"), tree $(size "${tree_files[@]}") (${#tree_files[@]} files)," \
  "synthetic-85000 $(size "$work/synthetic-85000.md")"
row seed "$runs" "floor=$floor $seed" "pocketlint=$check $seed" "rumdl=$rumdl check --no-cache $seed"
row corpus "$runs" "floor=$floor $work/corpus.md" "pocketlint=$check $work/corpus.md"
row seed-x40 "$runs" "floor=$floor $work/seed-x40.md" "pocketlint=$check $work/seed-x40.md" \
  "pocketlint-1-thread=env RAYON_NUM_THREADS=1 $check $work/seed-x40.md"
row synthetic "$runs" "2000-sections=$check $work/synthetic-2000.md" \
  "20000-sections=$check $work/synthetic-20000.md"
row synthetic-50mb "$big_runs" "floor=$floor $work/synthetic-85000.md" \
  "pocketlint=$check $work/synthetic-85000.md"
row tree "$big_runs" "floor=$floor ${tree_files[*]}" "pocketlint=$check $work/tree" \
  "pocketlint-1-thread=env RAYON_NUM_THREADS=1 $check $work/tree" \
  "rumdl=$rumdl check --no-cache $work/tree"

echo "peak memory (max RSS):"
for input in "$seed" "$work/seed-x40.md" "$work/synthetic-85000.md" "$work/tree"; do
  /usr/bin/time -f "  pocketlint %M KB: $input" "$bin" check --no-config --quiet "$input" \
    >/dev/null 2>"$work/time" || true
  tail -1 "$work/time"
done
/usr/bin/time -f "  rumdl %M KB: $work/tree" "$rumdl" check --no-cache "$work/tree" \
  >/dev/null 2>"$work/time" || true
tail -1 "$work/time"

# The issue's targets, from the rows above.
python3 - "$work" <<'PY'
import json, sys
def medians(name):
    return {r["command"]: r["median"] for r in json.load(open(f"{sys.argv[1]}/{name}.json"))["results"]}
seed, corpus, big = medians("seed"), medians("corpus"), medians("seed-x40")
synthetic, tree = medians("synthetic"), medians("tree")
base = seed["pocketlint"] / seed["floor"]
print("targets:")
print(f"  seed: {base:.2f}x the floor (target <= 1.5x); rumdl / pocketlint {seed['rumdl'] / seed['pocketlint']:.1f}x (>= 10x)")
for name, row in (("corpus", corpus), ("seed-x40", big)):
    ratio = row["pocketlint"] / row["floor"]
    print(f"  {name}: {ratio:.2f}x the floor, {ratio / base:.2f}x the seed's ratio (<= 1.5x)")
print(f"  20,000 / 2,000 sections: {synthetic['20000-sections'] / synthetic['2000-sections']:.2f}x (<= 10x)")
print(f"  seed-x40 on every core / one thread: {big['pocketlint'] / big['pocketlint-1-thread']:.2f}x (<= 0.6x)")
print(f"  tree on every core / one-thread floor: {tree['pocketlint'] / tree['floor']:.2f}x (<= 1x); "
      f"rumdl / pocketlint {tree['rumdl'] / tree['pocketlint']:.1f}x (>= 10x)")
PY
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
