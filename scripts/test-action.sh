#!/usr/bin/env bash
# Tests action.yml's run logic (scripts/github-action.sh) as GitHub would run it on a
# pull request: a bare "origin", a PR branch, GitHub's merge commit under
# refs/pull/N/merge, a shallow checkout of it as actions/checkout makes, and the
# runner's files (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY) and variables. Then each `fix`
# mode: `commit` pushes one commit of the safe fixes to the PR branch and nothing on a
# second run, falls back to a patch when the remote refuses the push or the PR comes
# from a fork; `patch` leaves the files alone and its patch applies with `git apply`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
export POCKETLINT=${POCKETLINT:-$root/target/debug/pocketlint}
[[ -x $POCKETLINT ]] || cargo build --quiet --manifest-path "$root/Cargo.toml"
action="$root/scripts/github-action.sh"

# shellcheck source=scripts/lib.sh
source "$root/scripts/lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git_sandbox "$tmp"
git config --global advice.detachedHead false

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# pull_request REPO BRANCH NUMBER MAIN ADDED: a bare $tmp/REPO.git whose main holds a
# README.md of MAIN, and a branch BRANCH that appends ADDED (both printf %b text),
# merged as GitHub merges a pull request, into refs/pull/NUMBER/merge. Leaves the
# working clone $tmp/REPO-dev as the current folder, on main.
pull_request() {
    local repo=$1 branch=$2 number=$3
    git init --quiet --bare "$tmp/$repo.git"
    git clone --quiet "file://$tmp/$repo.git" "$tmp/$repo-dev" 2>/dev/null
    cd "$tmp/$repo-dev"
    printf '%b' "$4" >README.md
    git add README.md
    git commit --quiet -m "the list"
    git push --quiet origin main
    git switch --quiet -c "$branch"
    printf '%b' "$5" >>README.md
    git commit --quiet -am "the contribution"
    git push --quiet origin "$branch"
    git switch --quiet main
    git merge --quiet --no-ff -m "Merge $branch into main" "$branch"
    git push --quiet origin "HEAD:refs/pull/$number/merge"
    git reset --quiet --hard origin/main
}

# shallow_checkout NAME REPO REF: a shallow fetch of REF from $tmp/REPO.git checked out
# in $tmp/NAME (the current folder after), as actions/checkout makes.
shallow_checkout() {
    local tracking=${3/#refs\/heads\//refs/remotes/origin/}
    tracking=${tracking/#refs\/pull\//refs/remotes/pull/}
    mkdir "$tmp/$1"
    cd "$tmp/$1"
    git init --quiet
    git remote add origin "file://$tmp/$2.git"
    git fetch --quiet --no-tags --depth=1 origin "+$3:$tracking"
    git checkout --quiet --detach "$tracking"
}

# The list on main has an old defect (line 5); the PR adds a new one (line 9).
pull_request origin contribution 1 '# List\n\n## Tools\n\n#### Editors\n\n## Shells\n' '\n## Zero\xe2\x80\x8bwidth\n'
# After the branch began, main fixes the old defect: the PR must not be blamed for it.
sed -i 's/^#### Editors/### Editors/' README.md
git commit --quiet -am "fix the heading level"
git push --quiet origin main

# What actions/checkout does on pull_request: a shallow fetch of the merge commit.
shallow_checkout ws origin refs/pull/1/merge

# run_action NAME VAR=VALUE...: runs the action's step with fresh runner files.
scenarios=0
run_action() {
    local name=$1
    shift
    scenarios=$((scenarios + 1))
    : >"$tmp/output" && : >"$tmp/summary"
    set +e
    env GITHUB_OUTPUT="$tmp/output" GITHUB_STEP_SUMMARY="$tmp/summary" RUNNER_TEMP="$tmp/runner" \
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

# output KEY: the value the step gave KEY.
output() {
    sed -n "s/^$1=//p" "$tmp/output"
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
shallow_checkout head origin refs/heads/contribution
run_action "pull request head, new findings only" GITHUB_BASE_REF=main INPUT_CHANGED_ONLY=true
[[ $code == 1 ]] || fail "a new defect must fail the step: $(cat "$tmp/stderr")"
[[ $(grep -c '^::' "$tmp/stdout") == 1 ]] ||
    fail "the defect main fixed later is not the PR's: $(cat "$tmp/stdout")"
grep -q '^::warning file=README.md,line=9,col=8,' "$tmp/stdout" || fail "the PR's finding is annotated"
cd "$tmp/ws"

# fix: suggest pipes rdjson into reviewdog (a stand-in here that keeps its input):
# heading-level's unsafe fix is a suggestion only with unsafe-fixes: true.
mkdir "$tmp/bin"
printf '#!/usr/bin/env bash\nprintf "%%s\\n" "$*" >"%s/reviewdog.args"\ncat >"%s/reviewdog.json"\n' "$tmp" "$tmp" >"$tmp/bin/reviewdog"
chmod +x "$tmp/bin/reviewdog"
for unsafe in false true; do
    PATH="$tmp/bin:$PATH" GITHUB_BASE_REF=main INPUT_FILES=README.md INPUT_UNSAFE_FIXES=$unsafe \
        bash "$action" reviewdog || fail "the reviewdog step does not fail on findings"
    grep -q -- '-f=rdjson -name=pocketlint -reporter=github-pr-review' "$tmp/reviewdog.args" ||
        fail "reviewdog reads rdjson: $(cat "$tmp/reviewdog.args")"
    python3 - "$tmp/reviewdog.json" "$unsafe" <<'PY' || fail "reviewdog gets the fixes as suggestions (unsafe-fixes: $unsafe)"
import json, sys
diagnostics = json.load(open(sys.argv[1]))["diagnostics"]
assert [d["code"]["value"] for d in diagnostics] == ["heading-level", "invisible-char"], diagnostics
assert diagnostics[1]["suggestions"] == [{"range": {"start": {"line": 9, "column": 8}, "end": {"line": 9, "column": 11}}, "text": ""}], diagnostics
unsafe = [s["text"] for s in diagnostics[0].get("suggestions", [])]
assert unsafe == (["###"] if sys.argv[2] == "true" else []), diagnostics[0]
PY
    echo "--- suggest, unsafe-fixes: $unsafe: rdjson with suggestions"
    scenarios=$((scenarios + 1))
done

# ---- fix: commit, patch ------------------------------------------------------------

# A second repository: main holds a clean list; the PR branch "typos" adds three
# defects with safe fixes (hhttps://, a trailing space, a zero-width space) and one
# whose fix is unsafe (a heading that skips a level), which no commit may apply.
pull_request list typos 2 \
    '# List\n\n## Tools\n\n- [fd](https://github.com/sharkdp/fd) - find files.\n\n## Shells\n\n- [fish](https://fishshell.com) - a shell.\n' \
    '- [zsh](hhttps://www.zsh.org) - another shell.  \n\n#### Prompts\n\n- [starship](https://starship.rs) - a prompt\xe2\x80\x8b.\n'
typos_tip=$(git rev-parse typos)
# What the safe and the unsafe fixes make of the PR's README, by the CLI itself.
mkdir "$tmp/expected" "$tmp/expected-unsafe"
git show "$typos_tip:README.md" >"$tmp/expected/README.md"
cp "$tmp/expected/README.md" "$tmp/expected-unsafe/README.md"
"$POCKETLINT" check --quiet --fix "$tmp/expected/README.md" >/dev/null || true
"$POCKETLINT" check --quiet --fix --unsafe-fixes "$tmp/expected-unsafe/README.md" >/dev/null || true
cmp -s "$tmp/expected/README.md" "$tmp/expected-unsafe/README.md" &&
    fail "the unsafe fix must make a difference for the tests below to mean anything"

# checkout_pr NAME: a shallow checkout of refs/pull/2/merge in $tmp/NAME, as
# actions/checkout makes on pull_request.
checkout_pr() {
    shallow_checkout "$1" list refs/pull/2/merge
}
pr_env=(GITHUB_BASE_REF=main GITHUB_HEAD_REF=typos GITHUB_REPOSITORY=owner/list
    PR_HEAD_REPOSITORY=owner/list GITHUB_RUN_ID=42)
remote_tip() {
    git --git-dir="$tmp/list.git" rev-parse refs/heads/typos
}

# A push the remote refuses, as GitHub refuses a token without `contents: write`.
printf '#!/bin/sh\necho "Permission to owner/list.git denied to github-actions[bot]." >&2\nexit 1\n' \
    >"$tmp/list.git/hooks/pre-receive"
chmod +x "$tmp/list.git/hooks/pre-receive"
checkout_pr refused
run_action "commit, the push refused" "${pr_env[@]}" INPUT_FIX=commit
[[ $code == 1 ]] || fail "the findings still fail the step: $(cat "$tmp/stderr")"
[[ $(remote_tip) == "$typos_tip" ]] || fail "nothing reached the branch"
[[ $(git rev-parse HEAD) == "$typos_tip" && -z $(git status --porcelain) ]] ||
    fail "the checkout is the branch's tip, unchanged, and no commit is left behind"
patch=$(output patch)
[[ -s $patch ]] || fail "a refused push leaves a patch: $(cat "$tmp/output")"
grep -q "A patch instead of a commit: the push to typos was refused: .*Permission to owner/list.git denied" \
    "$tmp/summary" || fail "the summary says why there is a patch: $(cat "$tmp/summary")"
grep -qF "gh run download 42 --repo owner/list --name pocketlint-patch && git apply pocketlint.patch" \
    "$tmp/summary" || fail "the summary gives the command that applies the patch"
git apply --check "$patch" || fail "the patch applies to the branch"
git apply "$patch"
cmp -s README.md "$tmp/expected/README.md" || fail "the patch is the safe fixes: $(cat "$patch")"
rm "$tmp/list.git/hooks/pre-receive"

checkout_pr fork
run_action "commit, a fork's pull request" "${pr_env[@]}" PR_HEAD_REPOSITORY=someone/list INPUT_FIX=commit
[[ $(remote_tip) == "$typos_tip" ]] || fail "nothing is pushed for a fork"
[[ -z $(git status --porcelain) ]] || fail "a fork's checkout is left as it was"
grep -q "A patch instead of a commit: the pull request comes from the fork someone/list" "$tmp/summary" ||
    fail "the summary says the fork is why: $(cat "$tmp/summary")"
grep -q '^::notice title=pocketlint::a patch instead of a commit: the pull request comes from the fork' \
    "$tmp/stdout" || fail "the log says it too"
patch=$(output patch)
expect_output fixed=3 "fork"
git apply "$patch"
cmp -s README.md "$tmp/expected/README.md" || fail "a fork's patch is the safe fixes"

# Files an earlier step changed: a commit would take that change along.
checkout_pr dirty
printf -- '- [nu](https://www.nushell.sh) - a shell of data.\n' >>README.md
run_action "commit, uncommitted changes" "${pr_env[@]}" INPUT_FIX=commit
[[ $(remote_tip) == "$typos_tip" ]] || fail "nothing is pushed over uncommitted changes"
grep -q "A patch instead of a commit: the files had uncommitted changes before the fixes (README.md)" \
    "$tmp/summary" || fail "the summary says why: $(cat "$tmp/summary")"
[[ $(git diff HEAD) == *"+- [nu](https://www.nushell.sh) - a shell of data."* ]] ||
    fail "the earlier step's change stays"
grep -q hhttps README.md || fail "the files are left unfixed"
grep -q '^[-+].*nushell' "$(output patch)" && fail "the patch holds only the fixes"

# unsafe-fixes, in the input or in args, is for suggest and patch: never committed.
checkout_pr commit
run_action "commit, a pull request from the repository" "${pr_env[@]}" INPUT_FIX=commit \
    INPUT_CHANGED_ONLY=true INPUT_UNSAFE_FIXES=true INPUT_ARGS=--unsafe-fixes
grep -q '^::notice title=pocketlint::fix: commit applies only the safe fixes' "$tmp/stdout" ||
    fail "unsafe-fixes with commit says it is not applied"
[[ $code == 1 ]] || fail "the heading the fixes leave fails the step: $(cat "$tmp/stderr")"
pushed=$(remote_tip)
[[ $(git --git-dir="$tmp/list.git" rev-list --count "$typos_tip..$pushed") == 1 &&
    $(git --git-dir="$tmp/list.git" rev-parse "$pushed~1") == "$typos_tip" ]] ||
    fail "exactly one commit is pushed on the branch's tip"
[[ $(git --git-dir="$tmp/list.git" diff --name-only "$typos_tip" "$pushed") == README.md ]] ||
    fail "the commit changes only the list"
git --git-dir="$tmp/list.git" show "$pushed:README.md" | cmp -s - "$tmp/expected/README.md" ||
    fail "the commit is the safe fixes, not the unsafe one: $(git --git-dir="$tmp/list.git" show "$pushed")"
[[ $(git --git-dir="$tmp/list.git" log -1 --format='%an <%ae>|%cn|%s' "$pushed") == \
    "pocketlint[bot] <pocketlint[bot]@users.noreply.github.com>|pocketlint[bot]|pocketlint: fix 3 findings" ]] ||
    fail "the commit's identity and subject: $(git --git-dir="$tmp/list.git" log -1 "$pushed")"
[[ $(git --git-dir="$tmp/list.git" log -1 --format=%b "$pushed" | grep '^- ' | paste -sd' ') == \
    "- invisible-char - trailing-space - url-invalid" ]] || fail "the message lists the rules fixed"
expect_output "commit=$pushed" "commit"
expect_output fixed=3 "commit"
expect_output remaining=1 "commit"
expect_output findings=1 "commit"
expect_output patch= "commit"
grep -q '^::warning file=README.md,line=12,col=1,.*(heading-level)' "$tmp/stdout" ||
    fail "what remains is annotated: $(cat "$tmp/stdout")"
grep -q "Pushed $pushed to \`typos\`: \*\*3 findings fixed\*\*, 1 remaining" "$tmp/summary" ||
    fail "the summary says what was pushed: $(cat "$tmp/summary")"
[[ $(output summary) == "$tmp/runner/pocketlint/summary.md" ]] ||
    fail "the summary output names the summary's file"
cmp -s "$(output summary)" "$tmp/summary" || fail "the summary file holds the step's summary"

run_action "commit, run again on its own commit" "${pr_env[@]}" INPUT_FIX=commit
[[ $(remote_tip) == "$pushed" ]] || fail "no commit on top of pocketlint's own"
grep -q "Not fixed: the head commit is pocketlint's own fix commit" "$tmp/summary" ||
    fail "the summary says why nothing was fixed"
expect_output fixed=0 "own commit"
expect_output commit= "own commit"

checkout_pr again
run_action "commit, run again by another identity" "${pr_env[@]}" INPUT_FIX=commit \
    "INPUT_COMMIT_AUTHOR=Maintainer <maintainer@example.com>"
[[ $(remote_tip) == "$pushed" ]] || fail "nothing left to fix: nothing pushed"
[[ $(git rev-parse HEAD) == "$pushed" ]] || fail "the branch's tip is checked out"
grep -q "^No fix to apply\.$" "$tmp/summary" || fail "the summary says there was nothing to fix"
expect_output fixed=0 "nothing to fix"
expect_output commit= "nothing to fix"

run_action "commit, a bad author" "${pr_env[@]}" INPUT_FIX=commit INPUT_COMMIT_AUTHOR=pocketlint
[[ $code == 2 ]] || fail "an author without an email is an error"
grep -q '^::error title=pocketlint::commit-author must read "Name <email>"' "$tmp/stdout" ||
    fail "the error says what an author looks like"

# checkout_tip NAME: a shallow checkout of the PR branch's tip before the fixes.
checkout_tip() {
    checkout_pr "$1"
    git fetch --quiet --no-tags --depth=1 origin "$typos_tip"
    git checkout --quiet --detach "$typos_tip"
}

# A scheduled run: no pull request; the fix is committed, not pushed, for a later step.
git --git-dir="$tmp/list.git" update-ref refs/heads/typos "$typos_tip"
checkout_tip schedule
run_action "commit, on a schedule" INPUT_FIX=commit
[[ $(remote_tip) == "$typos_tip" ]] || fail "a scheduled run pushes nothing"
[[ $(git rev-parse HEAD~1) == "$typos_tip" && $(output commit) == $(git rev-parse HEAD) ]] ||
    fail "a scheduled run commits locally"
git show HEAD:README.md | cmp -s - "$tmp/expected/README.md" || fail "the local commit is the safe fixes"

checkout_tip patch
echo "uncommitted, and the patch must not take it" >notes.txt
run_action "patch, with the unsafe fixes" "${pr_env[@]}" INPUT_FIX=patch INPUT_UNSAFE_FIXES=true
[[ $code == 1 ]] || fail "findings a patch would fix still fail the step: they are in the branch"
[[ $(remote_tip) == "$typos_tip" && $(git rev-parse HEAD) == "$typos_tip" ]] ||
    fail "patch commits nothing"
git diff --quiet || fail "patch leaves the files as they were"
expect_output fixed=4 "patch"
expect_output remaining=0 "patch"
expect_output findings=4 "patch"
patch=$(output patch)
[[ $patch == "$tmp/runner/pocketlint/pocketlint.patch" ]] || fail "the patch is where the upload step looks"
grep -q 'notes.txt' "$patch" && fail "the patch holds only the fixes"
git --git-dir="$tmp/list.git" worktree add --quiet --detach "$tmp/original" "$typos_tip"
git -C "$tmp/original" apply --check "$patch" || fail "the patch applies cleanly to the original"
git -C "$tmp/original" apply "$patch"
cmp -s "$tmp/original/README.md" "$tmp/expected-unsafe/README.md" ||
    fail "the patch is the fixes asked for: $(cat "$patch")"

echo "action: $scenarios scenarios passed"
