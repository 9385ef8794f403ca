#!/usr/bin/env bash
# Whole-process timings of pocketlint against the pulldown-cmark floor, rumdl and
# markdownlint-cli2 on the same files, with hyperfine; prints the ratios.
#
# Needs: hyperfine (Debian), rumdl (PyPI or cargo), markdownlint-cli2 (npm), and
# ../shared/corpus beside the checkout. Usage: scripts/bench-peers.sh [RUNS [TREE_RUNS]]
# The tree of 2,000 files takes markdownlint-cli2 minutes a run, so it gets fewer runs
# (TREE_RUNS, default 2, no warm-up).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
tree_runs=${2:-2}
for tool in hyperfine rumdl markdownlint-cli2; do
  command -v "$tool" >/dev/null || { echo "missing $tool: see the header of $0" >&2; exit 2; }
done
seed=../shared/corpus/pocket-v3.3.md
[ -f "$seed" ] || { echo "missing $seed" >&2; exit 2; }

cargo build -q --release --example pulldown_floor --example gen_list
bin=target/release/pocketlint
cargo build -q --release
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A tree of 2,000 list files: the real lists repeated, as a monorepo of lists would be.
mkdir -p "$work/tree"
mapfile -t lists < <(ls ../shared/corpus/lists/*.md ../shared/corpus/pocket/*.md)
for i in $(seq 0 1999); do
  cp "${lists[$((i % ${#lists[@]}))]}" "$work/tree/list-$i.md"
done
target/release/examples/gen_list 2000 > "$work/synthetic-2000.md"
target/release/examples/gen_list 20000 > "$work/synthetic-20000.md"
echo '{"config": {"default": true}}' > "$work/.markdownlint-cli2.jsonc"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"

measure() { # name, runs, warm-up runs, then commands: floor pocketlint rumdl markdownlint
  local name=$1 runs=$2 warmup=$3; shift 3
  hyperfine -N --warmup "$warmup" --runs "$runs" --export-json "$work/$name.json" --ignore-failure \
    -n floor "$1" -n pocketlint "$2" -n rumdl "$3" -n markdownlint-cli2 "$4" >/dev/null
  python3 - "$work/$name.json" "$name" <<'PY'
import json, sys
results = {r["command"]: r["mean"] for r in json.load(open(sys.argv[1]))["results"]}
p = results["pocketlint"]
print(f"{sys.argv[2]}: " + ", ".join(f"{k} {v*1000:.1f} ms" for k, v in results.items()))
print(f"  pocketlint / floor {p / results['floor']:.2f}x; rumdl / pocketlint {results['rumdl'] / p:.1f}x; "
      f"markdownlint-cli2 / pocketlint {results['markdownlint-cli2'] / p:.0f}x")
PY
}

measure seed "$runs" 3 \
  "target/release/examples/pulldown_floor $seed" \
  "$bin check --no-config --quiet $seed" \
  "rumdl check --no-cache $seed" \
  "markdownlint-cli2 $seed"

measure tree-2000 "$tree_runs" 0 \
  "sh -c 'target/release/examples/pulldown_floor $work/tree/*.md'" \
  "$bin check --no-config --quiet $work/tree" \
  "rumdl check --no-cache $work/tree" \
  "markdownlint-cli2 $work/tree/*.md"

pair() { # runs, label of the first, label of the second, then the two commands
  local runs=$1 first=$2 second=$3; shift 3
  hyperfine -N --warmup 1 --runs "$runs" --ignore-failure --export-json "$work/pair.json" \
    "$1" "$2" >/dev/null
  python3 - "$work/pair.json" "$first" "$second" <<'PY'
import json, sys
a, b = (r["mean"] for r in json.load(open(sys.argv[1]))["results"])
print(f"  {sys.argv[2]} {a*1000:.1f} ms, {sys.argv[3]} {b*1000:.1f} ms: {max(a, b)/min(a, b):.2f}x")
PY
}

echo "threads (pocketlint on the tree; rayon uses one thread a core):"
pair "$tree_runs" "1 thread" "every core" \
  "env RAYON_NUM_THREADS=1 $bin check --no-config --quiet $work/tree" \
  "$bin check --no-config --quiet $work/tree"

echo "scaling (pocketlint, synthetic lists, 10x the size):"
pair "$runs" "2,000 sections" "20,000 sections" \
  "$bin check --no-config --quiet $work/synthetic-2000.md" \
  "$bin check --no-config --quiet $work/synthetic-20000.md"

echo "peak memory (max RSS):"
for target in "$seed" "$work/tree" "$work/synthetic-20000.md"; do
  /usr/bin/time -f "  %M KB  pocketlint check $target" "$bin" check --no-config --quiet "$target" \
    >/dev/null 2>"$work/time" || true
  tail -1 "$work/time"
done
