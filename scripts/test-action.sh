#!/usr/bin/env bash
# Tests action.yml's run logic (scripts/github-action.sh) as GitHub would run it on a
# pull request: a bare "origin", a PR branch, GitHub's merge commit under
# refs/pull/1/merge, a shallow checkout of it as actions/checkout makes, and the
# runner's files (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY) and GITHUB_BASE_REF.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
export POCKETLINT=${POCKETLINT:-$root/target/debug/pocketlint}
[[ -x $POCKETLINT ]] || cargo build --quiet --manifest-path "$root/Cargo.toml"
action="$root/scripts/github-action.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export GIT_AUTHOR_NAME=Test GIT_AUTHOR_EMAIL=test@example.com
export GIT_COMMITTER_NAME=Test GIT_COMMITTER_EMAIL=test@example.com
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=$tmp/gitconfig
git config --global init.defaultBranch main
git config --global advice.detachedHead false

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# The list on main has an old defect (line 5); the PR adds a new one (line 9).
git init --quiet --bare "$tmp/origin.git"
git clone --quiet "file://$tmp/origin.git" "$tmp/dev" 2>/dev/null
cd "$tmp/dev"
printf '# List\n\n## Tools\n\n#### Editors\n\n## Shells\n' >README.md
git add README.md
git commit --quiet -m "the list"
git push --quiet origin main
git switch --quiet -c contribution
printf '\n## Zero\xe2\x80\x8bwidth\n' >>README.md
git commit --quiet -am "add a section"
git switch --quiet main
git merge --quiet --no-ff -m "Merge contribution into main" contribution
git push --quiet origin HEAD:refs/pull/1/merge
git reset --quiet --hard origin/main
git push --quiet origin contribution
# After the branch began, main fixes the old defect: the PR must not be blamed for it.
sed -i 's/^#### Editors/### Editors/' README.md
git commit --quiet -am "fix the heading level"
git push --quiet origin main

# What actions/checkout does on pull_request: a shallow fetch of the merge commit.
mkdir "$tmp/ws"
cd "$tmp/ws"
git init --quiet
git remote add origin "file://$tmp/origin.git"
git fetch --quiet --no-tags --depth=1 origin +refs/pull/1/merge:refs/remotes/pull/1/merge
git checkout --quiet --detach refs/remotes/pull/1/merge

# run_action NAME VAR=VALUE...: runs the action's step with fresh runner files.
run_action() {
    local name=$1
    shift
    : >"$tmp/output" && : >"$tmp/summary"
    set +e
    env GITHUB_OUTPUT="$tmp/output" GITHUB_STEP_SUMMARY="$tmp/summary" \
        INPUT_FILES=README.md "$@" bash "$action" run >"$tmp/stdout" 2>"$tmp/stderr"
    code=$?
    set -e
    echo "--- $name: exit $code"
    # Indented, so a CI log read by a GitHub runner does not take them as commands.
    sed 's/^/    /' "$tmp/stdout"
}

expect_output() {
    grep -qxF "$1" "$tmp/output" || fail "$2: GITHUB_OUTPUT lacks $1: $(cat "$tmp/output")"
}

run_action "pull request, new findings only" GITHUB_BASE_REF=main INPUT_CHANGED_ONLY=true
[[ $code == 1 ]] || fail "a new defect must fail the step: $(cat "$tmp/stderr")"
[[ $(grep -c '^::' "$tmp/stdout") == 1 ]] || fail "only the PR's finding is annotated"
grep -q '^::warning file=README.md,line=9,col=8,.*title=pocketlint (invisible-char)::' "$tmp/stdout" ||
    fail "the annotation points at line 9"
expect_output findings=1 "changed-only"
expect_output exit-code=1 "changed-only"
# shellcheck disable=SC2016 # the backticks are Markdown, not a command
grep -q '^1 finding already at the merge base with `[0-9a-f]\{40\}` hidden\.$' "$tmp/summary" ||
    fail "the summary counts the hidden finding: $(cat "$tmp/summary")"
grep -q '<details><summary>' "$tmp/summary" || fail "the summary folds the fix diff"

run_action "pull request, every line" GITHUB_BASE_REF=main INPUT_CHANGED_ONLY=false
[[ $code == 1 ]] || fail "findings fail the step"
expect_output findings=2 "every line"

run_action "fail-on error" GITHUB_BASE_REF=main INPUT_FAIL_ON=error
[[ $code == 0 ]] || fail "warnings pass with fail-on error"
expect_output exit-code=0 "fail-on error"

run_action "push, changed-only has no base" INPUT_CHANGED_ONLY=true INPUT_SUMMARY=false
[[ $code == 1 ]] || fail "a push checks every line"
grep -q '^::notice title=pocketlint::changed-only applies to pull requests' "$tmp/stdout" ||
    fail "changed-only without a base says so"
expect_output findings=2 "push"
[[ ! -s $tmp/summary ]] || fail "summary: false writes no summary"

run_action "extra args" INPUT_ARGS="--select heading-level"
expect_output findings=1 "args"

# A workflow that checks out the PR's head instead: a shallow clone of the branch,
# whose merge base with main must be fetched.
mkdir "$tmp/head"
cd "$tmp/head"
git init --quiet
git remote add origin "file://$tmp/origin.git"
git fetch --quiet --no-tags --depth=1 origin +refs/heads/contribution:refs/remotes/origin/contribution
git checkout --quiet --detach refs/remotes/origin/contribution
run_action "pull request head, new findings only" GITHUB_BASE_REF=main INPUT_CHANGED_ONLY=true
[[ $code == 1 ]] || fail "a new defect must fail the step: $(cat "$tmp/stderr")"
[[ $(grep -c '^::' "$tmp/stdout") == 1 ]] ||
    fail "the defect main fixed later is not the PR's: $(cat "$tmp/stdout")"
grep -q '^::warning file=README.md,line=9,col=8,' "$tmp/stdout" || fail "the PR's finding is annotated"
cd "$tmp/ws"

# reviewdog: true pipes rdjson into reviewdog (a stand-in here that keeps its input).
mkdir "$tmp/bin"
printf '#!/usr/bin/env bash\nprintf "%%s\\n" "$*" >"%s/reviewdog.args"\ncat >"%s/reviewdog.json"\n' "$tmp" "$tmp" >"$tmp/bin/reviewdog"
chmod +x "$tmp/bin/reviewdog"
PATH="$tmp/bin:$PATH" GITHUB_BASE_REF=main INPUT_FILES=README.md bash "$action" reviewdog ||
    fail "the reviewdog step does not fail on findings"
grep -q -- '-f=rdjson -name=pocketlint -reporter=github-pr-review' "$tmp/reviewdog.args" ||
    fail "reviewdog reads rdjson: $(cat "$tmp/reviewdog.args")"
python3 - "$tmp/reviewdog.json" <<'PY' || fail "reviewdog gets the fixes as suggestions"
import json, sys
diagnostics = json.load(open(sys.argv[1]))["diagnostics"]
assert [d["code"]["value"] for d in diagnostics] == ["heading-level", "invisible-char"], diagnostics
assert diagnostics[1]["suggestions"] == [{"range": {"start": {"line": 9, "column": 8}, "end": {"line": 9, "column": 11}}, "text": ""}], diagnostics
PY
echo "--- reviewdog: rdjson with suggestions"

echo "action: 7 passed, 0 failed"
