#!/usr/bin/env bash
# Fuzzes one target with AFL++ on stable Rust (cargo-fuzz needs nightly).
#
#   scripts/fuzz.sh TARGET SECONDS [SEED_DIR...]
#
# TARGET is `check` (arbitrary bytes: never a panic; every rule, every report format)
# `fix` (safe and unsafe fixes change only their edits, converge, a second pass is a
# no-op) or `render` (the input behind 33k CJK characters on a line: every format, and
# human output at the place the others give); all check the properties in src/fuzz.rs. The run uses one core, starts from
# fuzz/seeds plus the Markdown files under 64 KB in each SEED_DIR (e.g. ../shared/corpus),
# keeps its state in target/fuzz/out/TARGET, and exits 1 if it found a crash or a hang.
# Minimise a finding with the `cargo afl tmin` line printed for it, fix the bug, and add
# the minimised input to tests/fixtures/fuzz/ (tests/fuzz_regressions.rs replays it).
#
# cargo-afl and its AFL++ build are installed once into target/fuzz-tools (about 2.5
# minutes cold); the instrumented build goes to target/fuzz (about 10 minutes cold on
# two shared cores). That is why CI does not run AFL++: .ci/run has about 4 minutes to
# spare. CI's `cargo test` replays tests/fixtures/fuzz/ and fuzz/seeds/ and runs the same
# properties on generated input with proptest (tests/fuzz_regressions.rs).
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ $# -lt 2 || ! "$1" =~ ^(check|fix|render)$ || ! "$2" =~ ^[0-9]+$ ]]; then
    sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
fi
target=$1
seconds=$2
shift 2

root=$PWD
tools="$root/target/fuzz-tools"
export CARGO_TARGET_DIR="$root/target/fuzz"
# cargo-afl keeps its AFL++ build under $XDG_DATA_HOME/afl.rs.
export XDG_DATA_HOME="$tools/xdg"
# `cargo afl` finds cargo-afl on PATH.
export PATH="$tools/cargo/bin:$PATH"
CARGO_AFL_VERSION=0.18.2

if [[ "$(cargo afl --version 2>/dev/null)" != "cargo-afl $CARGO_AFL_VERSION "* ]]; then
    echo "installing cargo-afl $CARGO_AFL_VERSION into $tools" >&2
    cargo install --quiet --locked --root "$tools/cargo" --version "$CARGO_AFL_VERSION" cargo-afl
fi
# AFL++ itself, built once per Rust toolchain.
if ! compgen -G "$XDG_DATA_HOME/afl.rs/rustc-$(rustc --version | cut -d' ' -f2)-*/*/afl/bin/afl-fuzz" >/dev/null; then
    cargo afl config --build
fi

(cd fuzz && cargo afl build --quiet --locked --release --bin "$target")

seeds="$CARGO_TARGET_DIR/seeds/$target"
out="$CARGO_TARGET_DIR/out/$target"
rm -rf "$seeds" "$out"
mkdir -p "$seeds" "$(dirname "$out")"
cp fuzz/seeds/* "$seeds/"
for dir in "$@"; do
    find "$dir" -name '*.md' -size -64k -exec cp -t "$seeds/" {} +
done

# One core (the machine is shared), no UI, no core-dump or CPU-governor set-up needed.
AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
    AFL_NO_AFFINITY=1 \
    cargo afl fuzz -V "$seconds" -t 2000 -i "$seeds" -o "$out" \
    "$CARGO_TARGET_DIR/release/$target" >"$out.log" 2>&1 || {
    tail -n 30 "$out.log" >&2
    exit 2
}

stats="$out/default/fuzzer_stats"
grep -E '^(execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs) ' "$stats"
found=$(find "$out/default/crashes" "$out/default/hangs" -type f -name 'id:*' | sort)
if [[ -n "$found" ]]; then
    echo "$target: AFL++ found $(wc -l <<<"$found") crashes or hangs; minimise each with" >&2
    echo "(PATH and XDG_DATA_HOME as set in this script; the first ten shown):" >&2
    head -n 10 <<<"$found" | while IFS= read -r input; do
        echo "  cargo afl tmin -i '$input' -o min.md $CARGO_TARGET_DIR/release/$target" >&2
    done
    exit 1
fi
echo "$target: no crash or hang in $seconds s"
