# daemon.sh: start and stop a real cimrpcd for a test (sourced after tap.sh).
#
#   daemon_start DIR [CIMRPCD-OPTION...]
#       Start cimrpcd in the foreground (backgrounded by the shell) with
#       TCP on 127.0.0.1 and a kernel-chosen port, its local socket, pid
#       file, log and repository in DIR, Kerberos off unless the options name a
#       --keytab, plus any extra options.  Waits until it logs
#       that it started, then sets:
#         CIMRPCD_PID     the daemon's pid
#         CIMRPCD_PORT    its TCP port
#         CIMRPCD_SOCKET  its local socket path
#         CIMRPCD_LOG     its log file
#       Returns non-zero (with the log shown) if it did not start in 10 s.
#       The daemon is stopped when the test exits.
#
#   daemon_stop
#       SIGTERM and wait; returns the daemon's exit status.
#
#   daemon_grant NAMESPACE ACE...
#       Add the SDDL ACEs to NAMESPACE's descriptor, as root over the
#       local socket (cimrpc acl add).  Opening a session needs Enable
#       Account (CC), and Remote Enable (WP) over TCP, which by default
#       only Administrators hold: a test whose other callers use TCP
#       grants them first, such as
#           daemon_grant root "(A;CI;CCWP;;;AU)"
#       Returns non-zero (with cimrpc's error shown) when it fails.
#
#   CIMRPCD, CIMRPC: the binaries under test (from the build tree).

CIMRPCD="$abs_top_builddir/cimrpcd"
CIMRPC="$abs_top_builddir/cimrpc"
CIMRPCD_PID=""

daemon_start() {
    _dir=$1; shift
    CIMRPCD_SOCKET="$_dir/cimrpcd.sock"
    CIMRPCD_LOG="$_dir/cimrpcd.log"
    : > "$CIMRPCD_LOG"
    "$CIMRPCD" -f --listen 127.0.0.1:0 --socket "$CIMRPCD_SOCKET" \
        --pidfile "$_dir/cimrpcd.pid" --log "$CIMRPCD_LOG" --keytab none \
        --repository "$_dir/repository.db" "$@" &
    CIMRPCD_PID=$!
    tap_at_exit "kill $CIMRPCD_PID 2>/dev/null"
    _i=0
    while [ $_i -lt 500 ]; do
        if grep -q "started (pid $CIMRPCD_PID)" "$CIMRPCD_LOG" 2>/dev/null; then
            CIMRPCD_PORT=$(sed -n 's/.*listening on TCP .*(port \([0-9]*\)).*/\1/p' "$CIMRPCD_LOG" | head -n 1)
            return 0
        fi
        kill -0 "$CIMRPCD_PID" 2>/dev/null || break
        sleep 0.02
        _i=$((_i + 1))
    done
    echo "# cimrpcd did not start; its log:"
    sed 's/^/#   /' "$CIMRPCD_LOG"
    return 1
}

daemon_stop() {
    [ -n "$CIMRPCD_PID" ] || return 0
    kill -TERM "$CIMRPCD_PID" 2>/dev/null
    wait "$CIMRPCD_PID"
    _rc=$?
    CIMRPCD_PID=""
    return $_rc
}

daemon_grant() {
    _ns=$1; shift
    for _ace in "$@"; do
        _out=$("$CIMRPC" -H "unix:$CIMRPCD_SOCKET" acl add "$_ns" "$_ace" 2>&1) || {
            echo "# cimrpc acl add $_ns $_ace failed: $_out"
            return 1
        }
    done
}

# daemon_config NAMESPACE SECTION ARG...: change the delegated
# configuration as root (cimrpc config set NAMESPACE SECTION ARG...).
daemon_config() {
    _out=$("$CIMRPC" -H "unix:$CIMRPCD_SOCKET" config set "$@" 2>&1) || {
        echo "# cimrpc config set $* failed: $_out"
        return 1
    }
}
