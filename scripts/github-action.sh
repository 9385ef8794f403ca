#!/usr/bin/env bash
# The logic of action.yml, kept out of YAML so it can be tested (tests/action.sh):
#   github-action.sh run       lint with annotations, a job summary, outputs
#   github-action.sh reviewdog post the fixes as suggested changes through reviewdog
# Inputs come as INPUT_* variables; GitHub's files and variables (GITHUB_OUTPUT,
# GITHUB_PATH, GITHUB_STEP_SUMMARY, GITHUB_BASE_REF) are used as the runner sets them.
set -euo pipefail

pocketlint=${POCKETLINT:-pocketlint}

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

# The arguments of `pocketlint check` in output format $1, in `args`.
check_args() {
    args=(check --format "$1" --fail-on "${INPUT_FAIL_ON:-warning}")
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
    local extra=() files=()
    read -r -a extra <<<"${INPUT_ARGS:-}"
    read -r -a files <<<"${INPUT_FILES:-}"
    args+=("${extra[@]}" -- "${files[@]}")
}

run() {
    check_args github
    if [[ ${INPUT_SUMMARY:-true} != true ]]; then
        unset GITHUB_STEP_SUMMARY
    fi
    local out code
    out=$(mktemp)
    set +e
    "$pocketlint" "${args[@]}" | tee "$out"
    code=${PIPESTATUS[0]}
    set -e
    {
        echo "findings=$(grep -cE '^::(error|warning|notice) ' "$out" || true)"
        echo "exit-code=$code"
    } >>"${GITHUB_OUTPUT:?}"
    rm -f "$out"
    return "$code"
}

reviewdog_run() {
    check_args rdjson
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
