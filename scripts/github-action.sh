#!/usr/bin/env bash
# The logic of action.yml, kept out of YAML so it can be tested (scripts/test-action.sh):
#   github-action.sh run       with `fix: commit` or `patch`, apply the safe fixes first
#                              (and push them, or make them a patch); then lint with
#                              annotations, a job summary and the step's outputs
#   github-action.sh reviewdog `fix: suggest`: post the fixes as suggested changes
# Inputs come as INPUT_* variables; GitHub's files and variables (GITHUB_OUTPUT,
# GITHUB_STEP_SUMMARY, GITHUB_BASE_REF, GITHUB_HEAD_REF, GITHUB_REPOSITORY, RUNNER_TEMP)
# are used as the runner sets them, and PR_HEAD_REPOSITORY names the repository a pull
# request comes from.
set -euo pipefail

pocketlint=${POCKETLINT:-pocketlint}
# action.yml's upload step uploads the patch under this name.
patch_artifact="pocketlint-patch"
default_author="pocketlint[bot] <pocketlint[bot]@users.noreply.github.com>"

# The commit a pull request's changes are measured against: the first parent of the
# merge commit actions/checkout checks out, else the tip of the base branch.
# `--changed-since` lints the files as they were at the merge base of that commit and
# HEAD, so the history a shallow clone lacks between them is fetched: for a merge
# commit one more level (its first parent is the merge base), otherwise all of it.
pr_base() {
    local parents=()
    # The commit's header ends at the first empty line; a shallow clone still has it.
    mapfile -t parents < <(git cat-file -p HEAD | sed -n '/^$/q; s/^parent //p')
    if [[ ${#parents[@]} -eq 2 ]]; then
        git merge-base "${parents[0]}" HEAD >/dev/null 2>&1 ||
            git fetch --quiet --no-tags --depth=2 origin "$(git rev-parse HEAD)" >&2
        echo "${parents[0]}"
        return
    fi
    local branch="refs/remotes/origin/${GITHUB_BASE_REF}"
    git rev-parse --verify --quiet "$branch^{commit}" >/dev/null ||
        git fetch --quiet --no-tags origin "+refs/heads/$GITHUB_BASE_REF:$branch" >&2
    if ! git merge-base "$branch" HEAD >/dev/null 2>&1 &&
        [[ $(git rev-parse --is-shallow-repository) == true ]]; then
        git fetch --quiet --no-tags --unshallow origin "$(git rev-parse HEAD)" \
            "+refs/heads/$GITHUB_BASE_REF:$branch" >&2
    fi
    echo "$branch"
}

# The `args` input and the files, as they end every command line: `lint_args`; and
# the files as git pathspecs (pocketlint's default, README.md, when none is given).
read -r -a extra <<<"${INPUT_ARGS:-}"
read -r -a files <<<"${INPUT_FILES:-}"
lint_args=("${extra[@]}" -- "${files[@]}")
pathspecs=("${files[@]}")
[[ ${#pathspecs[@]} -gt 0 ]] || pathspecs=(README.md)

unsafe_flag=()
[[ ${INPUT_UNSAFE_FIXES:-false} != true ]] || unsafe_flag=(--unsafe-fixes)

# The arguments of `pocketlint check` in output format $1 (and the flags after it),
# in `args`.
check_args() {
    args=(check --format "$1" --fail-on "${INPUT_FAIL_ON:-warning}" "${@:2}")
    if [[ ${INPUT_CHANGED_ONLY:-false} == true ]]; then
        if [[ -n ${GITHUB_BASE_REF:-} ]]; then
            args+=(--changed-since "$(pr_base)")
        else
            echo "::notice title=pocketlint::changed-only applies to pull requests; checking every line"
        fi
    fi
    if [[ ${INPUT_ONLINE:-false} == true ]]; then
        args+=(--online)
    fi
    args+=("${lint_args[@]}")
}

# ---- fix: commit and patch ---------------------------------------------------------

# Where the patch, the summary and scratch files go; kept after the step (the upload
# step and a workflow's later steps read them).
work_dir() {
    local dir="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/pocketlint"
    mkdir -p "$dir"
    echo "$dir"
}

# Applies the fixes (safe; unsafe too with the flags in $@) to the files on disk, and
# sets `fixed` and `remaining` (pocketlint's "Fixed N findings in M files (K
# remaining)"), `fixed_rules` (the rules that had such a fix) and writes
# `patch`: exactly the changes made, as a diff `git apply` takes at the repository's
# root. The files' state before (uncommitted changes included) is recorded in a
# scratch index, so the patch holds pocketlint's edits and nothing else.
apply_fixes() {
    local dir min=safe before log index code
    dir=$(work_dir)
    [[ $# -eq 0 ]] || min=unsafe
    before="$dir/before.json" log="$dir/fix.log" index="$dir/index"
    rm -f "$index"
    GIT_INDEX_FILE=$index git read-tree HEAD
    GIT_INDEX_FILE=$index git add --all -- "${pathspecs[@]}"
    code=0
    "$pocketlint" check --format json "$@" "${lint_args[@]}" >"$before" || code=$?
    [[ $code -lt 2 ]] || return "$code"
    mapfile -t fixed_rules < <(jq -r --arg min "$min" '[.diagnostics[]
        | select(.fix.applicability == "safe" or ($min == "unsafe" and .fix.applicability == "unsafe"))
        | .rule] | unique | .[]' "$before")
    code=0
    "$pocketlint" check --fix --format concise "$@" "${lint_args[@]}" >/dev/null 2>"$log" || code=$?
    if [[ $code -ge 2 ]]; then
        cat "$log" >&2
        return "$code"
    fi
    read -r fixed remaining < <(sed -n 's/^Fixed \([0-9]*\) findings\{0,1\} in .*(\([0-9]*\) remaining)$/\1 \2/p' "$log") || true
    [[ -n ${remaining:-} ]] || {
        echo "::error title=pocketlint::cannot read what --fix did: $(cat "$log")"
        return 2
    }
    patch="$dir/pocketlint.patch"
    # Whatever the user's git config says, a diff `git apply` takes at the root.
    GIT_INDEX_FILE=$index git diff --no-color --no-ext-diff --no-relative \
        --src-prefix=a/ --dst-prefix=b/ -- "${pathspecs[@]}" >"$patch"
}

# Leaves the files as they were, the fixes kept only in the patch, and tells why.
deliver_patch() {
    # The patch's paths are the repository's, whatever directory the step runs in.
    [[ -s $patch ]] && git -C "$(git rev-parse --show-toplevel)" apply --reverse "$patch"
    delivered="patch"
    reason=$1
}

# `commit`'s identity, from the commit-author input: "Name <email>".
commit_identity() {
    local author=${INPUT_COMMIT_AUTHOR:-$default_author}
    [[ $author =~ ^([^<>]*[^<>\ ])\ *\<([^<>]+)\>$ ]] || {
        echo "::error title=pocketlint::commit-author must read \"Name <email>\", not \"$author\""
        return 2
    }
    author_name=${BASH_REMATCH[1]} author_email=${BASH_REMATCH[2]}
}

# The commit message: the count in the subject, the rules fixed in the body.
commit_message() {
    local plural=s
    [[ $fixed != 1 ]] || plural=
    printf 'pocketlint: fix %s finding%s\n\n' "$fixed" "$plural"
    # shellcheck disable=SC2016 # the backticks are Markdown, not a command
    printf 'The safe fixes of `pocketlint check --fix`, by rule:\n\n'
    printf -- '- %s\n' "${fixed_rules[@]}"
}

# On a pull request, the tip of its branch, checked out (actions/checkout checks out
# GitHub's merge commit by default; the fix commit goes on the branch).
checkout_pr_head() {
    local branch="refs/remotes/origin/$GITHUB_HEAD_REF" depth=()
    [[ $(git rev-parse --is-shallow-repository) != true ]] || depth=(--depth=1)
    git fetch --quiet --no-tags "${depth[@]}" origin "+refs/heads/$GITHUB_HEAD_REF:$branch" >&2 &&
        { [[ $(git rev-parse HEAD) == $(git rev-parse "$branch") ]] ||
            git checkout --quiet --detach "$branch" >&2; }
}

# `fix: commit`. On a pull request from this repository: commit the safe fixes on its
# branch and push; on a fork's (the token cannot push there), when the files have
# changes of an earlier step, or when the push is refused: a patch instead. Not on a
# pull request (a push, a schedule): commit locally and push nothing, for a later step
# (create-pull-request) to propose. Never a commit on top of its own commit: a push
# made with a token that starts workflows would otherwise start the next round.
fix_commit() {
    commit_identity
    local pr=${GITHUB_HEAD_REF:-}
    if [[ -n $pr && -n ${PR_HEAD_REPOSITORY:-} && $PR_HEAD_REPOSITORY != "${GITHUB_REPOSITORY:-}" ]]; then
        apply_fixes
        deliver_patch "the pull request comes from the fork $PR_HEAD_REPOSITORY, which this workflow's token cannot push to"
        return
    fi
    if [[ -n $pr ]] && ! checkout_pr_head; then
        apply_fixes
        deliver_patch "the branch $pr could not be checked out to commit on"
        return
    fi
    if [[ $(git log -1 --format='%an <%ae>' HEAD) == "$author_name <$author_email>" ]]; then
        delivered="skipped"
        reason="the head commit is pocketlint's own fix commit, so no fix is committed on top of it"
        return
    fi
    local dirty
    dirty=$(git diff --name-only HEAD -- "${pathspecs[@]}")
    apply_fixes
    if [[ -n $dirty ]]; then
        deliver_patch "the files had uncommitted changes before the fixes (${dirty//$'\n'/, }), which a fix commit must not take along"
        return
    fi
    if [[ ! -s $patch ]]; then
        delivered="nothing"
        return
    fi
    git add --update -- "${pathspecs[@]}"
    commit_message | GIT_AUTHOR_NAME=$author_name GIT_AUTHOR_EMAIL=$author_email \
        GIT_COMMITTER_NAME=$author_name GIT_COMMITTER_EMAIL=$author_email git commit --quiet --file=-
    commit=$(git rev-parse HEAD)
    if [[ -z $pr ]]; then
        delivered="local"
        return
    fi
    local pushed
    if pushed=$(git push --quiet origin "HEAD:refs/heads/$pr" 2>&1); then
        delivered="pushed"
    else
        # The fixes stay in the files, out of the branch, for deliver_patch to take back.
        git reset --quiet HEAD~1
        commit=
        deliver_patch "the push to $pr was refused: $(sed 's/^ *//; s/ *$//' <<<"$pushed" | paste -sd'|' - | sed 's/|/; /g')"
    fi
}

# What the fixes did, appended to the job summary after pocketlint's own report.
fix_summary() {
    local plural=s
    [[ $fixed != 1 ]] || plural=
    echo "### Fixes"
    echo
    case $delivered in
    pushed) echo "Pushed $commit to \`$GITHUB_HEAD_REF\`: **$fixed finding$plural fixed**, $remaining remaining." ;;
    local) echo "Committed $commit (not pushed: this is no pull request): **$fixed finding$plural fixed**, $remaining remaining." ;;
    nothing) echo "No fix to apply." ;;
    skipped) echo "Not fixed: $reason." ;;
    patch)
        [[ -z $reason ]] || echo "A patch instead of a commit: $reason."
        echo
        if [[ ! -s $patch ]]; then
            echo "No fix to apply."
            return
        fi
        echo "The patch fixes **$fixed finding$plural** ($remaining would remain); the changes are those folded above."
        echo "It is the artifact \`$patch_artifact\`; to apply it, in a checkout of this branch at the repository's root:"
        echo
        echo '```sh'
        echo "gh run download ${GITHUB_RUN_ID:-RUN_ID} --repo ${GITHUB_REPOSITORY:-OWNER/REPO} --name $patch_artifact && git apply pocketlint.patch"
        echo '```'
        ;;
    esac
    if [[ ${#fixed_rules[@]} -gt 0 && $delivered != skipped && -s $patch ]]; then
        local rules
        # shellcheck disable=SC2016 # the backticks are Markdown, not a command
        rules=$(printf '`%s`, ' "${fixed_rules[@]}")
        echo
        echo "Rules fixed: ${rules%, }."
    fi
}

run() {
    local mode=${INPUT_FIX:-off}
    # What the fixes came to: off, pushed, local, nothing, skipped or patch.
    delivered="off" reason="" fixed=0 remaining="" patch="" commit="" fixed_rules=()
    case $mode in
    off | suggest) ;;
    commit)
        if [[ -n ${unsafe_flag[*]} || " ${extra[*]} " == *" --unsafe-fixes "* ]]; then
            echo "::notice title=pocketlint::fix: commit applies only the safe fixes; unsafe-fixes is for suggest and patch"
            local kept=() arg
            for arg in "${extra[@]}"; do
                [[ $arg == --unsafe-fixes ]] || kept+=("$arg")
            done
            lint_args=("${kept[@]}" -- "${files[@]}")
        fi
        fix_commit
        ;;
    patch)
        apply_fixes "${unsafe_flag[@]}"
        deliver_patch ""
        ;;
    *)
        echo "::error title=pocketlint::fix must be off, suggest, commit or patch, not \"$mode\""
        return 2
        ;;
    esac

    # The report: what remains (after a commit), or what the branch has (with a patch).
    local report_flags=() summary="" out code
    [[ $delivered != patch ]] || report_flags=("${unsafe_flag[@]}")
    if [[ ${INPUT_SUMMARY:-true} == true ]]; then
        summary="$(work_dir)/summary.md"
        : >"$summary"
        report_flags+=(--summary "$summary")
    fi
    check_args github "${report_flags[@]}"
    out=$(mktemp)
    set +e
    # The summary goes to the file given, or nowhere: not straight to the runner's.
    env -u GITHUB_STEP_SUMMARY "$pocketlint" "${args[@]}" | tee "$out"
    code=${PIPESTATUS[0]}
    set -e
    local findings
    findings=$(grep -cE '^::(error|warning|notice) ' "$out" || true)
    rm -f "$out"
    if [[ -n $summary && $delivered != off ]]; then
        { echo && fix_summary; } >>"$summary"
    fi
    if [[ -n $summary && -n ${GITHUB_STEP_SUMMARY:-} ]]; then
        cat "$summary" >>"$GITHUB_STEP_SUMMARY"
    fi
    # A workflow command's data escapes `%` (and line breaks, which the reason has none of).
    [[ -z $reason || $delivered != patch ]] ||
        echo "::notice title=pocketlint::a patch instead of a commit: ${reason//%/%25}"
    [[ $delivered == patch && -s $patch ]] || patch=""
    {
        echo "findings=$findings"
        echo "exit-code=$code"
        echo "fixed=$fixed"
        echo "remaining=${remaining:-$findings}"
        echo "commit=$commit"
        echo "patch=$patch"
        echo "summary=$summary"
    } >>"${GITHUB_OUTPUT:?}"
    return "$code"
}

reviewdog_run() {
    check_args rdjson "${unsafe_flag[@]}"
    # pocketlint's exit code is the run step's business: here only reviewdog's counts.
    { "$pocketlint" "${args[@]}" || true; } |
        reviewdog -f=rdjson -name=pocketlint -reporter="${INPUT_REVIEWDOG_REPORTER:-github-pr-review}" \
            -filter-mode=added -fail-level=none
}

case ${1:-} in
run) run ;;
reviewdog) reviewdog_run ;;
*)
    echo "usage: $0 run|reviewdog" >&2
    exit 2
    ;;
esac
