# tap.sh: TAP helpers for cimrpc's shell tests (sourced, not executed).
#
# A test script sources this file, declares its plan with tap_plan, and
# reports each check with tap_ok / tap_fail / tap_check.  Output follows
# the Test Anything Protocol read by automake's tap-driver.sh.
#
# Missing dependencies: tap_require CMD... skips the whole test normally,
# but when CI is set (CI=true) a missing dependency is a failure, so CI
# can never go green by skipping.
#
# Scratch space: tap_tmpdir prints a fresh directory under the build tree
# (tests/tmp/), removed on exit unless KEEP_TMP is set.

: "${abs_top_builddir:=$(pwd)}"
: "${abs_top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
tap_count=0
tap_failed=0
tap_cleanups=""

# tap_plan N: announce N checks.
tap_plan() { echo "1..$1"; }

# tap_ok DESCRIPTION: record a passing check.
tap_ok() { tap_count=$((tap_count + 1)); echo "ok $tap_count - $*"; }

# tap_fail DESCRIPTION [DETAIL...]: record a failing check; DETAIL lines are
# printed as TAP diagnostics.
tap_fail() {
    tap_count=$((tap_count + 1)); tap_failed=$((tap_failed + 1))
    echo "not ok $tap_count - $1"; shift
    for line in "$@"; do printf '%s\n' "$line" | sed 's/^/# /'; done
}

# tap_check DESCRIPTION CMD [ARG...]: run CMD; pass when it exits 0.  The
# command's output is shown as diagnostics when it fails.
tap_check() {
    desc=$1; shift
    if out=$("$@" 2>&1); then tap_ok "$desc"
    else tap_fail "$desc" "command: $*" "$out"; fi
}

# tap_check_fails DESCRIPTION CMD [ARG...]: pass when CMD exits non-zero.
tap_check_fails() {
    desc=$1; shift
    if out=$("$@" 2>&1); then tap_fail "$desc" "command succeeded: $*" "$out"
    else tap_ok "$desc"; fi
}

# tap_skip_all REASON: skip the whole test (a failure under CI).
tap_skip_all() {
    if [ -n "${CI:-}" ]; then
        echo "1..1"; echo "not ok 1 - required dependency missing in CI: $*"; exit 1
    fi
    echo "1..0 # SKIP $*"; exit 0
}

# tap_require CMD...: skip the whole test unless every CMD is on PATH.
tap_require() {
    for cmd in "$@"; do
        command -v "$cmd" >/dev/null 2>&1 || PATH="$PATH:/usr/sbin:/sbin" command -v "$cmd" >/dev/null 2>&1 ||
            tap_skip_all "$cmd not found (run scripts/install-deps)"
    done
}

# tap_bail REASON: abort the test run for this script.
tap_bail() { echo "Bail out! $*"; exit 1; }

# tap_at_exit CMD: run CMD (a string, evaluated) when the script exits.
tap_at_exit() { tap_cleanups="$1; $tap_cleanups"; }

_tap_exit() {
    rc=$?
    eval "$tap_cleanups" >/dev/null 2>&1 || true
    exit $rc
}
trap _tap_exit EXIT
trap 'exit 130' INT TERM

# tap_tmpdir NAME VAR: create a scratch directory under the build tree and
# store its path in the variable VAR (no subshell, so cleanup is registered).
tap_tmpdir() {
    mkdir -p "$abs_top_builddir/tests/tmp"
    _d=$(mktemp -d "$abs_top_builddir/tests/tmp/$1.XXXXXX") || tap_bail "cannot create scratch directory"
    if [ -z "${KEEP_TMP:-}" ]; then tap_at_exit "rm -rf '$_d'"; fi
    eval "$2=\$_d"
}

# tap_done: exit non-zero when any check failed (the plan is checked by the driver).
tap_done() { [ "$tap_failed" -eq 0 ]; exit $?; }
