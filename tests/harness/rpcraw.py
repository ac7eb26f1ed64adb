#!/usr/bin/env python3
"""rpcraw.py: a raw ONC RPC (RFC 5531) client for cimrpc's protocol tests.

It builds one call message field by field (so any field can be wrong on
purpose), sends it record-marked (RFC 5531 section 11) over a stream socket,
reads the reply (reassembling multi-fragment replies) and prints exactly one
line describing the outcome.  Standard library only.

Command line:

    rpcraw.py TARGET [options]        TARGET is HOST:PORT, [V6ADDR]:PORT or unix:PATH

Building the call (defaults give a valid NULL call to cimrpc, AUTH_NONE):
    --xid N  --msgtype N  --rpcvers N  --prog N  --vers N  --proc N
    --cred-flavor N  --cred-body HEX  --verf-flavor N  --verf-body HEX
Arguments (at most one):
    --args HEX               raw argument bytes
    --ping-payload-len N     an XDR opaque of N bytes: 0x00 0x01 ... 0xff 0x00 ...
    --declare-len N          only a 4-byte XDR length N, no data after it
Sending something else instead of a built call:
    --raw HEX                these exact bytes as the record body
    --fragment-header HEX    these 4 bytes as a record-marking header, nothing else
    --stream HEX             these exact bytes on the stream, no record marking
How it is sent:
    --split N                fragments of at most N bytes (multi-fragment record)
    --trickle SECONDS        sleep between bytes
    --repeat N               send it N times (xid, xid+1, ...), one reply each
    --reconnect              with --repeat: a new connection for every call
    --sent-file PATH         create PATH once everything has been sent
    --timeout S              how long to wait for the reply (default 5)

Numbers accept 0x hex.  Exit status: 0 whenever an outcome line was printed,
1 when the target could not be reached, 2 on usage errors.

Outcome lines (one per run):

    accepted SUCCESS                 success, empty results
    accepted SUCCESS <hex>           success, the result bytes in hex
    accepted PROG_UNAVAIL
    accepted PROG_MISMATCH <low> <high>
    accepted PROC_UNAVAIL
    accepted GARBAGE_ARGS
    accepted SYSTEM_ERR
    denied RPC_MISMATCH <low> <high>
    denied AUTH_ERROR <auth_stat name>   e.g. AUTH_TOOWEAK, AUTH_BADCRED
    closed                   the server closed the connection without a reply
    timeout                  no complete reply in time, connection still open
    xid-mismatch <got> <want>    a reply, but for another xid
    bad-reply <why> [<hex>]  something that is not a well-formed RPC reply

A non-null verifier in an accepted reply shows as "accepted verf=F:HEX ...".
Bytes left over after an error reply show as " trailing <hex>".  Unknown
status numbers print as their number (e.g. "accepted 9", "AUTH_STAT_42").
With --repeat, the line is the common outcome of all calls, or
"repeat K/N: <outcome>" for the first call whose outcome differs from the
first call's.

As a module: build_call(), authsys_body(), xdr_opaque(), frame(),
connect(), read_record(), describe_reply() and exchange().
"""

import argparse
import random
import socket
import struct
import sys
import time

CIMRPC_PROG = 0x20434D52
CALL, REPLY = 0, 1
MSG_ACCEPTED, MSG_DENIED = 0, 1
LAST_FRAGMENT = 0x80000000
MAX_REPLY = 64 << 20            # refuse to buffer replies larger than this

ACCEPT_STAT = {0: "SUCCESS", 1: "PROG_UNAVAIL", 2: "PROG_MISMATCH",
               3: "PROC_UNAVAIL", 4: "GARBAGE_ARGS", 5: "SYSTEM_ERR"}
REJECT_STAT = {0: "RPC_MISMATCH", 1: "AUTH_ERROR"}
AUTH_STAT = {0: "AUTH_OK", 1: "AUTH_BADCRED", 2: "AUTH_REJECTEDCRED",
             3: "AUTH_BADVERF", 4: "AUTH_REJECTEDVERF", 5: "AUTH_TOOWEAK",
             6: "AUTH_INVALIDRESP", 7: "AUTH_FAILED",
             13: "RPCSEC_GSS_CREDPROBLEM", 14: "RPCSEC_GSS_CTXPROBLEM"}


class Closed(Exception):
    """The peer closed (or reset) the connection."""


class Timeout(Exception):
    """Nothing (complete) arrived in time; the connection is still open."""


class BadReply(Exception):
    """The bytes received are not a well-formed RPC reply."""


# ----------------------------------------------------------------- XDR ----

def u32(n):
    """An XDR unsigned int (wraps modulo 2**32, so -1 is 0xffffffff)."""
    return struct.pack(">I", n & 0xFFFFFFFF)


def xdr_opaque(data):
    """XDR variable-length opaque: length, bytes, zero padding to 4."""
    return u32(len(data)) + data + b"\0" * (-len(data) % 4)


def xdr_string(text):
    return xdr_opaque(text.encode())


def ping_payload(n):
    """The payload --ping-payload-len N sends: bytes 0, 1, ..., 255, 0, ..."""
    return bytes(i & 0xFF for i in range(n))


def authsys_body(stamp=0, machinename="x", uid=0, gid=0, gids=()):
    """The body of an AUTH_SYS credential (RFC 5531 appendix A)."""
    body = u32(stamp) + xdr_string(machinename) + u32(uid) + u32(gid) + u32(len(gids))
    for g in gids:
        body += u32(g)
    return body


def build_call(xid, proc=0, prog=CIMRPC_PROG, vers=1, msgtype=CALL, rpcvers=2,
               cred_flavor=0, cred_body=b"", verf_flavor=0, verf_body=b"", args=b""):
    """An RPC call message (the record body, without record marking)."""
    return (u32(xid) + u32(msgtype) + u32(rpcvers) + u32(prog) + u32(vers) + u32(proc) +
            u32(cred_flavor) + xdr_opaque(cred_body) +
            u32(verf_flavor) + xdr_opaque(verf_body) + args)


# ------------------------------------------------------ record marking ----

def frame(body, split=None):
    """Record-mark BODY: one fragment, or fragments of at most SPLIT bytes."""
    if not split or split <= 0 or len(body) <= split:
        return u32(LAST_FRAGMENT | len(body)) + body
    out = b""
    for off in range(0, len(body), split):
        chunk = body[off:off + split]
        last = LAST_FRAGMENT if off + split >= len(body) else 0
        out += u32(last | len(chunk)) + chunk
    return out


# ------------------------------------------------------------ sockets ----

def connect(target, timeout=5.0):
    """A connected stream socket to TARGET (HOST:PORT or unix:PATH)."""
    if target.startswith("unix:"):
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        try:
            sock.connect(target[5:])
        except BaseException:
            sock.close()
            raise
        return sock
    host, sep, port = target.rpartition(":")
    if not sep or not host or not port.isdigit():
        raise ValueError("target must be HOST:PORT or unix:PATH: %r" % target)
    host = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    return socket.create_connection((host, int(port)), timeout=timeout)


def send_all(sock, data, trickle=0.0):
    """Send DATA; with TRICKLE, one byte at a time with a pause between."""
    try:
        if trickle and trickle > 0:
            for i in range(len(data)):
                if i:
                    time.sleep(trickle)
                sock.sendall(data[i:i + 1])
        else:
            sock.sendall(data)
    except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
        raise Closed()
    except socket.timeout:
        raise Timeout()


def _recv_exact(sock, n, deadline):
    buf = bytearray()
    while len(buf) < n:
        left = deadline - time.monotonic()
        if left <= 0:
            raise Timeout()
        sock.settimeout(left)
        try:
            chunk = sock.recv(min(n - len(buf), 1 << 20))
        except socket.timeout:
            raise Timeout()
        except (ConnectionResetError, ConnectionAbortedError, BrokenPipeError):
            raise Closed()
        if not chunk:
            raise Closed()
        buf += chunk
    return bytes(buf)


def read_record(sock, timeout=5.0, max_len=MAX_REPLY):
    """Read one record-marked record (any number of fragments)."""
    deadline = time.monotonic() + timeout
    body = b""
    while True:
        (word,) = struct.unpack(">I", _recv_exact(sock, 4, deadline))
        length = word & ~LAST_FRAGMENT & 0xFFFFFFFF
        if len(body) + length > max_len:
            raise BadReply("reply record larger than %d bytes" % max_len)
        body += _recv_exact(sock, length, deadline)
        if word & LAST_FRAGMENT:
            return body


# -------------------------------------------------------------- replies ----

class _Reader:
    def __init__(self, data):
        self.data, self.pos = data, 0

    def u32(self, what):
        if self.pos + 4 > len(self.data):
            raise BadReply("truncated " + what)
        (v,) = struct.unpack_from(">I", self.data, self.pos)
        self.pos += 4
        return v

    def opaque(self, what, limit=400):
        n = self.u32(what + " length")
        if n > limit or self.pos + n + (-n % 4) > len(self.data):
            raise BadReply("bad " + what + " length %d" % n)
        v = self.data[self.pos:self.pos + n]
        self.pos += n + (-n % 4)
        return v

    def rest(self):
        v = self.data[self.pos:]
        self.pos = len(self.data)
        return v


def describe_reply(body, xid=None):
    """The outcome line for reply record BODY to a call with XID (None: no check)."""
    r = _Reader(body)
    try:
        got = r.u32("xid")
        if r.u32("message type") != REPLY:
            raise BadReply("not a reply message")
        if xid is not None and got != xid & 0xFFFFFFFF:
            return "xid-mismatch %d %d" % (got, xid & 0xFFFFFFFF)
        stat = r.u32("reply_stat")
        if stat == MSG_ACCEPTED:
            flavor = r.u32("verifier flavor")
            verf = r.opaque("verifier")
            words = ["accepted"]
            if flavor != 0 or verf:
                words.append("verf=%d:%s" % (flavor, verf.hex()))
            astat = r.u32("accept_stat")
            words.append(ACCEPT_STAT.get(astat, str(astat)))
            if astat == 0:
                results = r.rest()
                if results:
                    words.append(results.hex())
            elif astat == 2:
                words += [str(r.u32("low version")), str(r.u32("high version"))]
        elif stat == MSG_DENIED:
            rstat = r.u32("reject_stat")
            words = ["denied", REJECT_STAT.get(rstat, str(rstat))]
            if rstat == 0:
                words += [str(r.u32("low version")), str(r.u32("high version"))]
            elif rstat == 1:
                why = r.u32("auth_stat")
                words.append(AUTH_STAT.get(why, "AUTH_STAT_%d" % why))
        else:
            raise BadReply("unknown reply_stat %d" % stat)
        trailing = r.rest()
        if trailing:
            words += ["trailing", trailing.hex()]
        return " ".join(words)
    except BadReply as e:
        return "bad-reply %s %s" % (str(e).replace(" ", "-"), body.hex())


def exchange(sock, data, xid=None, timeout=5.0, trickle=0.0, on_sent=None):
    """Send DATA on SOCK and return the outcome line of what comes back.
    ON_SENT, if given, is called once DATA is sent (or the send failed)."""
    try:
        try:
            send_all(sock, data, trickle)
        finally:
            if on_sent is not None:
                on_sent()
        body = read_record(sock, timeout)
    except Closed:
        return "closed"
    except Timeout:
        return "timeout"
    except BadReply as e:
        return "bad-reply %s" % str(e).replace(" ", "-")
    return describe_reply(body, xid)


# --------------------------------------------------------- command line ----

def _int(text):
    try:
        return int(text, 0)
    except ValueError:
        try:
            return int(text, 10)
        except ValueError:
            raise argparse.ArgumentTypeError("not a number: %r" % text)


def _hex(text):
    t = "".join(text.split()).replace(":", "")
    if t[:2].lower() == "0x":
        t = t[2:]
    try:
        return bytes.fromhex(t)
    except ValueError:
        raise argparse.ArgumentTypeError("not hex: %r" % text)


def _parser():
    p = argparse.ArgumentParser(
        prog="rpcraw.py", description="Send one raw ONC RPC call and print the outcome.",
        epilog="See the module docstring for the outcome lines.")
    p.add_argument("target", help="HOST:PORT or unix:PATH")
    p.add_argument("--xid", type=_int, default=None, help="default: random")
    p.add_argument("--msgtype", type=_int, default=CALL)
    p.add_argument("--rpcvers", type=_int, default=2)
    p.add_argument("--prog", type=_int, default=CIMRPC_PROG)
    p.add_argument("--vers", type=_int, default=1)
    p.add_argument("--proc", type=_int, default=0)
    p.add_argument("--cred-flavor", type=_int, default=0)
    p.add_argument("--cred-body", type=_hex, default=b"")
    p.add_argument("--verf-flavor", type=_int, default=0)
    p.add_argument("--verf-body", type=_hex, default=b"")
    p.add_argument("--args", type=_hex, default=None, help="raw argument bytes")
    p.add_argument("--ping-payload-len", type=_int, default=None, metavar="N")
    p.add_argument("--declare-len", type=_int, default=None, metavar="N")
    p.add_argument("--raw", type=_hex, default=None, help="record body to send as is")
    p.add_argument("--fragment-header", type=_hex, default=None, metavar="HEX")
    p.add_argument("--stream", type=_hex, default=None, metavar="HEX")
    p.add_argument("--split", type=_int, default=None, metavar="N")
    p.add_argument("--trickle", type=float, default=0.0, metavar="SECONDS")
    p.add_argument("--repeat", type=_int, default=1, metavar="N")
    p.add_argument("--reconnect", action="store_true")
    p.add_argument("--sent-file", default=None, metavar="PATH")
    p.add_argument("--timeout", type=float, default=5.0, metavar="S")
    return p


def main(argv=None):
    p = _parser()
    o = p.parse_args(argv)

    arg_opts = [x for x in (o.args, o.ping_payload_len, o.declare_len) if x is not None]
    send_opts = [x for x in (o.raw, o.fragment_header, o.stream) if x is not None]
    if len(arg_opts) > 1:
        p.error("--args, --ping-payload-len and --declare-len exclude each other")
    if len(send_opts) > 1:
        p.error("--raw, --fragment-header and --stream exclude each other")
    if send_opts and arg_opts:
        p.error("--raw, --fragment-header and --stream send no built call: no arguments")
    if o.fragment_header is not None and len(o.fragment_header) != 4:
        p.error("--fragment-header takes exactly 4 bytes")
    if o.split is not None and o.split <= 0:
        p.error("--split needs a positive size")
    if o.ping_payload_len is not None and o.ping_payload_len < 0:
        p.error("--ping-payload-len needs a size >= 0")
    if o.repeat < 1:
        p.error("--repeat needs a count >= 1")
    if o.timeout <= 0:
        p.error("--timeout needs a positive number of seconds")
    if not (o.target.startswith("unix:") or o.target.rpartition(":")[2].isdigit()):
        p.error("target must be HOST:PORT or unix:PATH")

    if o.ping_payload_len is not None:
        args = xdr_opaque(ping_payload(o.ping_payload_len))
    elif o.declare_len is not None:
        args = u32(o.declare_len)
    else:
        args = o.args or b""
    base_xid = o.xid if o.xid is not None else random.getrandbits(32)

    def message(i):
        """(bytes to send, expected xid) for repetition I."""
        if o.stream is not None:
            return o.stream, None
        if o.fragment_header is not None:
            return o.fragment_header, None
        if o.raw is not None:
            body = o.raw
            xid = struct.unpack(">I", body[:4])[0] if len(body) >= 4 else None
        else:
            xid = (base_xid + i) & 0xFFFFFFFF
            body = build_call(xid, proc=o.proc, prog=o.prog, vers=o.vers,
                              msgtype=o.msgtype, rpcvers=o.rpcvers,
                              cred_flavor=o.cred_flavor, cred_body=o.cred_body,
                              verf_flavor=o.verf_flavor, verf_body=o.verf_body, args=args)
        return frame(body, o.split), xid

    sock = None
    first = None
    line = None
    try:
        for i in range(o.repeat):
            if sock is None:
                try:
                    sock = connect(o.target, o.timeout)
                except (OSError, ValueError) as e:
                    print("rpcraw.py: cannot connect to %s: %s" % (o.target, e), file=sys.stderr)
                    return 1
            data, xid = message(i)
            on_sent = None
            if o.sent_file and i == o.repeat - 1:
                def on_sent():
                    with open(o.sent_file, "w"):
                        pass
            outcome = exchange(sock, data, xid, o.timeout, o.trickle, on_sent)
            if first is None:
                first = outcome
            elif outcome != first:
                line = "repeat %d/%d: %s" % (i + 1, o.repeat, outcome)
                break
            if o.reconnect or outcome in ("closed", "timeout"):
                sock.close()
                sock = None
                if not o.reconnect and i + 1 < o.repeat:
                    # The connection is gone or stuck: the remaining calls
                    # cannot be sent on it.
                    line = "repeat %d/%d: %s" % (i + 1, o.repeat, outcome)
                    break
    finally:
        if sock is not None:
            sock.close()
    print(line if line is not None else first)
    return 0


if __name__ == "__main__":
    sys.exit(main())
