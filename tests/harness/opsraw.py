#!/usr/bin/env python3
"""opsraw.py: the CIM operations procedures, called raw over the local socket.

Usage: opsraw.py unix:PATH

Runs a fixed scenario against a cimrpcd whose local socket is PATH, as the
caller running it (the tests run as root, an Administrator), and prints
TAP lines (no plan: the caller counts them).  Each call is built with
rpcraw.py's helpers; results are decoded only as far as the checks need
(the WBEM code, the reason, and leading fields).  Standard library only.
"""

import struct
import sys
import os

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rpcraw  # noqa: E402

u32 = rpcraw.u32
xstr = rpcraw.xdr_string
T_UINT32, T_STRING = 7, 13
PUT_CREATE_OR_UPDATE, PUT_CREATE, PUT_UPDATE = 0, 1, 2
n_test = 0
failures = 0


def ok(cond, what, detail=""):
    global n_test, failures
    n_test += 1
    print("%s %d - %s" % ("ok" if cond else "not ok", n_test, what))
    if not cond:
        failures += 1
        if detail:
            print("#   " + detail.replace("\n", "\n#   "))


class Reader:
    def __init__(self, data):
        self.d, self.i = data, 0

    def u32(self):
        v = struct.unpack(">I", self.d[self.i:self.i + 4])[0]
        self.i += 4
        return v

    def u64(self):
        v = struct.unpack(">Q", self.d[self.i:self.i + 8])[0]
        self.i += 8
        return v

    def string(self):
        n = self.u32()
        s = self.d[self.i:self.i + n].decode()
        self.i += n + (-n % 4)
        return s


class Client:
    def __init__(self, target):
        self.sock = rpcraw.connect(target)
        self.xid = 1000

    def call(self, proc, args):
        self.xid += 1
        rpcraw.send_all(self.sock, rpcraw.frame(rpcraw.build_call(self.xid, proc=proc,
                                                                  args=args)))
        r = Reader(rpcraw.read_record(self.sock))
        r.u32()  # xid
        assert r.u32() == 1 and r.u32() == 0, "not an accepted reply"
        r.u32()
        r.string()  # verifier
        stat = r.u32()
        assert stat == 0, "accept_stat %d" % stat
        return r

    def status(self, proc, args):
        """(code, reason or None, reader positioned after the code)"""
        r = self.call(proc, args)
        code = r.u32()
        return code, (r.string() if code != 0 else None), r


def scalar(t, v):
    if t == T_UINT32:
        return u32(t) + struct.pack(">Q", v)
    return u32(t) + xstr(v)


def value(t, v):
    return u32(t) + u32(0) + u32(0) + u32(1) + scalar(t, v)


def instance(cls, props):
    body = xstr(cls) + u32(len(props))
    for name, t, v in props:
        body += xstr(name) + value(t, v)
    return body


def selection(keys_only=False, names=None):
    body = u32(1 if keys_only else 0) + u32(1 if names is not None else 0)
    names = names or []
    body += u32(len(names)) + b"".join(xstr(n) for n in names)
    return body


def main():
    c = Client(sys.argv[1])
    # OPEN_SESSION on root/cimv2: nspace, authn, imp, strict, privileges, info
    r = c.call(3, xstr("root/cimv2") + u32(0) + u32(0) + u32(0) + u32(0) + xstr("opsraw"))
    code = r.u32()
    ok(code == 0, "a session opens on root/cimv2 over the local socket")
    sid = struct.pack(">Q", r.u64())

    code, why, r = c.status(5, sid + xstr("root") + u32(0))
    names = [r.string() for _ in range(r.u32())] if code == 0 else []
    ok(code == 0 and "root/cimv2" in names and "root/wmi" in names,
       "NS_LIST root: its children", "%x %s %s" % (code, why, names))

    code, why, _ = c.status(6, sid + xstr("opstest"))
    ok(code == 0, "NS_CREATE a namespace relative to the session's", "%x %s" % (code, why))
    code, why, r = c.status(5, sid + xstr("") + u32(1))
    names = [r.string() for _ in range(r.u32())] if code == 0 else []
    ok(code == 0 and names == ["root/cimv2/opstest"],
       "NS_LIST the session's namespace: the new child", "%x %s %s" % (code, why, names))
    code, why, _ = c.status(6, sid + xstr("opstest"))
    ok(code == 0x80041019 and "already exists" in why,
       "NS_CREATE again: ALREADY_EXISTS with a reason", "%x %s" % (code, why))
    code, why, _ = c.status(6, sid + xstr("root/no/such"))
    ok(code != 0 and "root/no" in why, "NS_CREATE under a missing parent names it",
       "%x %s" % (code, why))
    code, why, _ = c.status(6, sid + xstr("bad name!"))
    ok(code == 0x8004100E, "NS_CREATE with a bad name: INVALID_NAMESPACE", "%x %s" % (code, why))

    code, why, r = c.status(8, sid + xstr("CIM_ManagedElement"))
    ok(code == 0 and r.string() == "CIM_ManagedElement", "CLASS_GET a shipped class",
       "%x %s" % (code, why))
    code, why, _ = c.status(8, sid + xstr("No_Such_Class"))
    ok(code == 0x80041002 and "No_Such_Class" in why, "CLASS_GET a missing class: NOT_FOUND",
       "%x %s" % (code, why))

    # CLASS_PUT Test_Ops { [Key] string Id; uint32 Size; } as a cim_class
    def prop(name, t, key):
        quals = u32(0)
        if key:
            quals = u32(1) + xstr("Key") + u32(1) + u32(0) + u32(0) + u32(1) + u32(1) + u32(1) \
                + u32(0x6) + u32(0)
        null = u32(t) + u32(0) + u32(1) + u32(0)
        return xstr(name) + u32(t) + struct.pack(">i", -1) + xstr("") + null + quals + \
            xstr("Test_Ops") + u32(0)
    cls = xstr("Test_Ops") + xstr("") + u32(0) + u32(2) + prop("Id", T_STRING, True) + \
        prop("Size", T_UINT32, False) + u32(0)
    code, why, _ = c.status(9, sid + cls + u32(PUT_CREATE))
    ok(code == 0, "CLASS_PUT creates a class", "%x %s" % (code, why))
    code, why, _ = c.status(9, sid + cls + u32(7))
    ok(code == 0x80041008, "CLASS_PUT with an unknown mode: INVALID_PARAMETER",
       "%x %s" % (code, why))

    inst = instance("Test_Ops", [("Id", T_STRING, "a'b\" OR 1=1 --"), ("Size", T_UINT32, 7)])
    code, why, r = c.status(12, sid + inst + u32(PUT_CREATE))
    path = r.string() if code == 0 else None
    ok(code == 0 and path == 'Test_Ops.Id="a\'b\\" OR 1=1 --"',
       "INSTANCE_PUT answers the relative path (a key like SQL is just a string)",
       "%x %s %s" % (code, why, path))
    code, why, _ = c.status(12, sid + inst + u32(PUT_CREATE))
    ok(code == 0x80041019, "INSTANCE_PUT create again: ALREADY_EXISTS", "%x %s" % (code, why))

    code, why, r = c.status(11, sid + xstr(path) + selection())
    got = r.string() if code == 0 else None
    cls_name = r.string() if code == 0 else None
    nprops = r.u32() if code == 0 else 0
    ok(code == 0 and got == path and cls_name == "Test_Ops" and nprops == 2,
       "INSTANCE_GET by the path it answered: path, class, both properties",
       "%x %s %s %s %d" % (code, why, got, cls_name, nprops))
    code, why, r = c.status(11, sid + xstr(path) + selection(keys_only=True))
    if code == 0:
        r.string()
        r.string()
        nprops = r.u32()
        first = r.string()
    ok(code == 0 and nprops == 1 and first == "Id", "INSTANCE_GET keys only: just the key",
       "%x %s" % (code, why))
    code, why, _ = c.status(11, sid + xstr(path) + selection(names=["Colour"]))
    ok(code == 0x80041008 and "Colour" in why,
       "INSTANCE_GET with an unknown property in the list: INVALID_PARAMETER",
       "%x %s" % (code, why))
    code, why, _ = c.status(11, sid + xstr('Test_Ops.Id="nobody"') + selection())
    ok(code == 0x80041002, "INSTANCE_GET a missing instance: NOT_FOUND", "%x %s" % (code, why))
    code, why, _ = c.status(11, sid + xstr('Test_Ops.Id="x') + selection())
    ok(code == 0x8004103A, "INSTANCE_GET a malformed path: INVALID_OBJECT_PATH",
       "%x %s" % (code, why))
    code, why, _ = c.status(11, sid + xstr('root/other:Test_Ops.Id="x"') + selection())
    ok(code == 0x8004103A and "open a session on root/other" in why,
       "INSTANCE_GET in another namespace is refused with what to do", "%x %s" % (code, why))

    code, why, _ = c.status(17, sid + xstr(path) + xstr("Nothing") + u32(0))
    ok(code == 0x8004102E, "EXEC_METHOD of a missing method: INVALID_METHOD",
       "%x %s" % (code, why))
    code, why, _ = c.status(17, sid + xstr("No_Such_Class") + xstr("Run") + u32(0))
    ok(code == 0x80041010 and "No_Such_Class" in why, "EXEC_METHOD of a missing class: "
       "INVALID_CLASS", "%x %s" % (code, why))
    code, why, _ = c.status(17, sid + xstr(path) + xstr("Nothing") + u32(1) +
                            xstr("Arg") + value(T_UINT32, 1))
    ok(code == 0x8004102E, "a missing method is reported before its parameters",
       "%x %s" % (code, why))
    code, why, _ = c.status(17, sid + xstr("__SystemSecurity=@") + xstr("GetSD") + u32(0))
    ok(code == 0, "EXEC_METHOD GetSD on __SystemSecurity=@: served by cimrpcd itself "
       "(a static class's method answers PROVIDER_NOT_CAPABLE: cli-ops.test)",
       "%x %s" % (code, why))

    code, why, _ = c.status(13, sid + xstr(path))
    ok(code == 0, "INSTANCE_DELETE", "%x %s" % (code, why))
    code, why, _ = c.status(13, sid + xstr(path))
    ok(code == 0x80041002, "INSTANCE_DELETE again: NOT_FOUND", "%x %s" % (code, why))
    code, why, _ = c.status(10, sid + xstr("Test_Ops"))
    ok(code == 0, "CLASS_DELETE", "%x %s" % (code, why))
    code, why, _ = c.status(7, sid + xstr("opstest"))
    ok(code == 0, "NS_DELETE", "%x %s" % (code, why))
    code, why, _ = c.status(7, sid + xstr("root"))
    ok(code == 0x80041008 and "holds the session's namespace" in why,
       "NS_DELETE of a namespace above the session's is refused", "%x %s" % (code, why))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
