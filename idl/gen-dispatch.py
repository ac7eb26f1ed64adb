#!/usr/bin/env python3
"""gen-dispatch.py: build cimrpc's dispatch table from annotations in the .x.

Usage:
    gen-dispatch.py [--header OUT.h] [--table OUT.c] [--list OUT.txt] INPUT.x

INPUT.x is the rpcgen interface (idl/cimrpc.x).  It must hold exactly one
`program NAME { version NAME { ... } = N; } = N;` block; everything else
(const, struct, union, enum, typedef, %-passthrough and #-lines) is skipped,
except that the names of declared types are remembered.

Every procedure must be preceded (only whitespace between) by a doc comment:

    /**
     * Free text, copied into the header as documentation.
     * @access: none | RIGHT[, RIGHT...]
     * @session: none | required
     * @audit: none | session | read | write | method | security | config
     */
    RESTYPE PREFIX_NAME(ARGTYPE) = NUMBER;

One more key is optional:

    @reply: NAME

says the results are built in a `struct NAME` (procs/NAME.h) whose first
member is RESTYPE, and encoded and freed by `xdr_NAME`, which must put the
same bytes on the wire as xdr_RESTYPE: a handler may then hand over parts
of the reply already encoded (such as stored objects).  The handler still
receives a RESTYPE *, the first member.

RIGHT is one of enable, method_execute, full_write, partial_write,
write_provider, remote_enable, subscribe, publish, read_control, write_dac
(CIMRPC_RIGHT_* in common/rights.h).  A line of the comment that starts with
`@` holds one or more `@key: value` pairs; other lines are free text.  Each
key is required exactly once.  RESTYPE and ARGTYPE are `void` or the name of
a type declared in INPUT.x.  PREFIX is the program name minus its trailing
`PROG` (CIMRPC_PROG -> CIMRPC_); the handler for CIMRPC_PING is proc_ping.

Outputs (each optional; --table needs --header):
    --header  handler prototypes (dispatch_procs.h)
    --table   the dispatch_table[] definition (dispatch_table.c)
    --list    one line per procedure for test generators:
              NUMBER NAME ARGTYPE RESTYPE ACCESS SESSION AUDIT

Errors are printed as `FILE:LINE: error: MESSAGE`, all of them, and then the
script exits 1 without writing any output file.  Outputs are written to
temporary files and renamed into place only when everything succeeded.
"""

import argparse
import os
import re
import sys
import tempfile

RIGHT_NAMES = ("enable", "method_execute", "full_write", "partial_write",
               "write_provider", "remote_enable", "subscribe", "publish",
               "read_control", "write_dac")
RIGHTS = {r: "CIMRPC_RIGHT_" + r.upper() for r in RIGHT_NAMES}
SESSIONS = ("none", "required")
AUDITS = ("none", "session", "read", "write", "method", "security", "config")
KEYS = ("access", "session", "audit")          # required
OPTIONAL_KEYS = ("reply",)
BUILTIN_TYPES = {"int", "unsigned", "hyper", "float", "double", "quadruple",
                 "bool", "string", "opaque", "char", "short", "long"}
MAX_PROC = 4095  # the table is indexed by procedure number; keep it small
GENERATOR = "idl/gen-dispatch.py"

TOKEN_RE = re.compile(r"[A-Za-z_]\w*|0[xX][0-9a-fA-F]+|\d+|[{}()<>\[\];=,*:-]")


class Errors:
    """Collects `FILE:LINE: error: MESSAGE` lines."""

    def __init__(self, filename):
        self.filename = filename
        self.items = []

    def add(self, line, message):
        self.items.append((line, message))

    def report(self):
        for line, message in sorted(self.items, key=lambda item: item[0]):
            print(f"{self.filename}:{line}: error: {message}", file=sys.stderr)


class Fatal(Exception):
    """A syntax error after which parsing cannot continue: (line, message)."""


class Token:
    def __init__(self, text, line, doc):
        self.text, self.line, self.doc = text, line, doc

    def is_ident(self):
        return re.fullmatch(r"[A-Za-z_]\w*", self.text) is not None


class Proc:
    def __init__(self, name, line, restype, argtype, number, doc):
        self.name, self.line, self.doc = name, line, doc
        self.restype, self.argtype, self.number = restype, argtype, number
        self.short = self.handler = None
        self.rights = []          # right keywords; empty means "none"
        self.session = self.audit = None
        self.text = []            # free-text doc lines
        self.reply = None         # @reply: the struct the results live in


# ---------------------------------------------------------------- lexing

def tokenize(src, errors):
    """Split src into tokens.  A `/** */` comment followed only by
    whitespace is attached to the next token as its .doc (text, line)."""
    tokens, doc = [], None
    i, line, at_line_start = 0, 1, True
    while i < len(src):
        c = src[i]
        if c == "\n":
            line, at_line_start, i = line + 1, True, i + 1
        elif c.isspace():
            i += 1
        elif (at_line_start and c in "%#") or src.startswith("//", i):
            end = src.find("\n", i)          # passthrough, cpp or // line
            i, doc = (len(src) if end < 0 else end), None
        elif src.startswith("/*", i):
            end = src.find("*/", i + 2)
            if end < 0:
                raise Fatal(line, "unterminated comment")
            text = src[i:end + 2]
            is_doc = text.startswith("/**") and text != "/**/"
            doc = (text, line) if is_doc else None
            line += text.count("\n")
            i = end + 2
        else:
            m = TOKEN_RE.match(src, i)
            if not m:
                errors.add(line, f"unexpected character {c!r}")
                i += 1
                continue
            tokens.append(Token(m.group(), line, doc))
            doc, at_line_start, i = None, False, m.end()
    return tokens


# --------------------------------------------------------------- parsing

class Parser:
    def __init__(self, tokens, errors):
        self.toks, self.pos, self.errors = tokens, 0, errors
        self.types = set()
        self.programs = []        # (name, line, [(vname, vline, [Proc])])

    def peek(self):
        return self.toks[self.pos] if self.pos < len(self.toks) else None

    def next(self, what):
        tok = self.peek()
        if tok is None:
            last = self.toks[-1].line if self.toks else 1
            raise Fatal(last, f"unexpected end of file, expected {what}")
        self.pos += 1
        return tok

    def expect(self, text):
        tok = self.next(f"'{text}'")
        if tok.text != text:
            raise Fatal(tok.line, f"expected '{text}', found '{tok.text}'")
        return tok

    def ident(self, what):
        tok = self.next(what)
        if not tok.is_ident():
            raise Fatal(tok.line, f"expected {what}, found '{tok.text}'")
        return tok

    def until_semicolon(self):
        """Return the tokens up to the next ';' outside braces (consumed)."""
        out, depth = [], 0
        while True:
            tok = self.next("';'")
            if tok.text == "{":
                depth += 1
            elif tok.text == "}":
                depth -= 1
            elif tok.text == ";" and depth <= 0:
                return out
            out.append(tok)

    def parse(self):
        while self.peek() is not None:
            tok = self.next("a declaration")
            if tok.text == "program":
                self.program(tok)
            elif tok.text in ("struct", "union", "enum"):
                self.types.add(self.ident(f"{tok.text} name").text)
                self.until_semicolon()
            elif tok.text == "typedef":
                self.typedef(self.until_semicolon(), tok.line)
            elif tok.text == "const":
                self.until_semicolon()
            else:
                self.errors.add(tok.line, f"unexpected '{tok.text}' at top level")
                self.until_semicolon()

    def typedef(self, body, line):
        """Remember the declared name: the last identifier outside <>/[]."""
        name, depth = None, 0
        for tok in body:
            if tok.text in "{<[":
                depth += 1
            elif tok.text in "}>]":
                depth -= 1
            elif depth == 0 and tok.is_ident():
                name = tok.text
        if name is None:
            self.errors.add(line, "typedef without a name")
        else:
            self.types.add(name)

    def program(self, kw):
        name = self.ident("program name")
        versions = []   # recorded first, so a syntax error keeps what parsed
        self.programs.append((name.text, kw.line, versions))
        self.expect("{")
        while self.peek() is not None and self.peek().text == "version":
            vkw = self.next("version")
            vname = self.ident("version name")
            procs = []
            versions.append((vname.text, vkw.line, procs))
            self.expect("{")
            while self.peek() is not None and self.peek().text != "}":
                procs.append(self.procedure())
            self.expect("}")
            self.expect("=")
            self.next("version number")
            self.expect(";")
        self.expect("}")
        self.expect("=")
        self.next("program number")
        self.expect(";")

    def procedure(self):
        first, body = self.peek(), []
        while self.peek() is not None and self.peek().text not in ";}":
            body.append(self.next("';'"))
        if self.next("';'").text != ";":
            names = [t.text for t, n in zip(body, body[1:]) if n.text == "("]
            raise Fatal(body[-1].line, "missing ';' after procedure "
                        + (names[0] if names else "declaration"))
        try:
            lp = next(i for i, t in enumerate(body) if t.text == "(")
            rp = next(i for i, t in enumerate(body) if t.text == ")")
        except StopIteration:
            raise Fatal(first.line, "expected a procedure declaration "
                        "'RESTYPE NAME(ARGTYPE) = NUMBER;'") from None
        tail = body[rp + 1:]
        if lp < 2 or rp < lp or not body[lp - 1].is_ident() \
                or len(tail) != 2 or tail[0].text != "=":
            raise Fatal(first.line, "expected a procedure declaration "
                        "'RESTYPE NAME(ARGTYPE) = NUMBER;'")
        name = body[lp - 1].text
        restype, argtype = spell(body[:lp - 1]), spell(body[lp + 1:rp])
        number = self.number(tail[1], name)
        return Proc(name, first.line, restype, argtype, number, first.doc)

    def number(self, tok, name):
        text = tok.text
        if re.fullmatch(r"0[xX][0-9a-fA-F]+", text):
            return int(text, 16)
        if re.fullmatch(r"0|[1-9]\d*", text):
            return int(text)
        if re.fullmatch(r"\d+", text):
            self.errors.add(tok.line, f"procedure {name}: number {text} has a "
                            "leading zero (C reads it as octal); drop the zeros")
        else:
            self.errors.add(tok.line, f"procedure {name}: number must be "
                            f"decimal or hex, found '{text}'")
        return None


def spell(tokens):
    """Tokens back to text: 'unsigned int', 'string<>', 'a, b', 'foo *'."""
    out = ""
    for tok in tokens:
        if out and out[-1] not in "<[(" and (tok.text[0].isalnum() or
                                            tok.text[0] in "_*"):
            out += " "
        out += tok.text
    return out


# ------------------------------------------------------------ validation

def parse_annotation(proc, errors):
    """Fill proc.rights/session/audit/text from its doc comment."""
    if proc.doc is None:
        errors.add(proc.line, f"procedure {proc.name} has no annotation "
                   "comment; add /** @access: ... @session: ... @audit: ... */"
                   " before it")
        return
    text, line0 = proc.doc
    seen = {}
    for offset, raw in enumerate(text[3:-2].split("\n")):
        line = line0 + offset
        stripped = re.sub(r"^\s*\*?\s?", "", raw, count=1).rstrip()
        if not stripped.lstrip().startswith("@"):
            if re.search(r"@\w+:", stripped):
                errors.add(line, f"procedure {proc.name}: an @key: annotation "
                           "must begin its line (after the leading '*')")
            proc.text.append(stripped)
            continue
        pairs = re.split(r"@(\w+):", stripped.lstrip())
        if pairs[0].strip() or len(pairs) < 3:
            errors.add(line, f"procedure {proc.name}: malformed annotation "
                       f"'{stripped.strip()}'; expected '@key: value'")
            continue
        for key, value in zip(pairs[1::2], pairs[2::2]):
            annotation_pair(proc, key, value.strip(), line, seen, errors)
    for key in KEYS:
        if key not in seen:
            errors.add(proc.line, f"procedure {proc.name}: annotation is "
                       f"missing @{key}:")
    while proc.text and not proc.text[0]:
        proc.text.pop(0)
    while proc.text and not proc.text[-1]:
        proc.text.pop()


def annotation_pair(proc, key, value, line, seen, errors):
    where = f"procedure {proc.name}: @{key}"
    if key not in KEYS + OPTIONAL_KEYS:
        errors.add(line, f"procedure {proc.name}: unknown annotation key "
                   f"@{key} (expected @access, @session, @audit or @reply)")
        return
    if key in seen:
        errors.add(line, f"{where} given twice (first at line {seen[key]})")
        return
    seen[key] = line
    if not value:
        errors.add(line, f"{where} has an empty value")
    elif key == "access":
        proc.rights = parse_rights(value, where, line, errors)
    elif key == "reply":
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", value):
            errors.add(line, f"{where} must be a C identifier in lower case, not '{value}'")
        elif proc.restype == "void":
            errors.add(line, f"{where}: a procedure without results has no reply struct")
        else:
            proc.reply = value
    elif value not in (SESSIONS if key == "session" else AUDITS):
        allowed = ", ".join(SESSIONS if key == "session" else AUDITS)
        errors.add(line, f"{where} has unknown value '{value}' "
                   f"(expected one of: {allowed})")
    else:
        setattr(proc, key, value)


def parse_rights(value, where, line, errors):
    items = [item.strip() for item in value.split(",")]
    if items == ["none"]:
        return []
    rights = []
    for item in items:
        if item == "none":
            errors.add(line, f"{where}: 'none' cannot be combined with rights")
        elif not item:
            errors.add(line, f"{where}: empty item in '{value}'")
        elif item not in RIGHTS:
            errors.add(line, f"{where}: unknown right '{item}' (expected none "
                       f"or some of: {', '.join(RIGHTS)})")
        elif item in rights:
            errors.add(line, f"{where}: right '{item}' listed twice")
        else:
            rights.append(item)
    return rights


def check_type(proc, what, text, types, errors):
    if text == "void" or (text in types and text not in BUILTIN_TYPES):
        return
    if re.fullmatch(r"[A-Za-z_]\w*", text) and text not in BUILTIN_TYPES:
        errors.add(proc.line, f"procedure {proc.name}: {what} type '{text}' "
                   "is not declared in this file")
        return
    errors.add(proc.line, f"procedure {proc.name}: {what} type '{text}' is "
               "not supported; only void or a named type (struct, union, enum "
               "or typedef) is supported")


def validate(parser, errors, complete):
    """Check the program block and every procedure; return (prog, procs).
    When parsing stopped early (not complete), what is missing is not
    reported again, but the procedures parsed so far are still checked."""
    if not parser.programs:
        if complete:
            errors.add(1, "no program declaration found")
        return None, []
    for name, line, _ in parser.programs[1:]:
        errors.add(line, f"second program {name}: only one program is supported")
    prog, pline, versions = parser.programs[0]
    if not versions:
        if complete:
            errors.add(pline, f"program {prog} has no version")
        return prog, []
    for vname, vline, _ in versions[1:]:
        errors.add(vline, f"program {prog} has a second version {vname}; "
                   "exactly one version is supported")
    prefix = program_prefix(prog, pline, errors)
    procs = versions[0][2]
    if not procs and complete:
        errors.add(versions[0][1], f"version {versions[0][0]} has no procedures")
    for proc in procs:
        check_proc(proc, prefix, parser.types, errors)
    check_unique(procs, "number", lambda p: p.number, errors)
    check_unique(procs, "name", lambda p: p.name, errors)
    return prog, sorted(procs, key=lambda p: p.number or 0)


def check_unique(procs, what, key_of, errors):
    seen = {}
    for proc in procs:
        key = key_of(proc)
        if key is None:
            continue
        if key in seen:
            other = seen[key]
            errors.add(proc.line, f"procedure {proc.name}: duplicate procedure "
                       f"{what} {key} (also {other.name} at line {other.line})")
        else:
            seen[key] = proc


def program_prefix(prog, line, errors):
    m = re.fullmatch(r"(\w+_)PROG(RAM)?", prog)
    if not m:
        errors.add(line, f"program name {prog} must end in _PROG "
                   "(its prefix names the procedures)")
        return None
    return m.group(1)


def check_proc(proc, prefix, types, errors):
    if prefix is not None:
        if proc.name.startswith(prefix) and len(proc.name) > len(prefix):
            proc.short = proc.name[len(prefix):]
            proc.handler = "proc_" + proc.short.lower()
        else:
            errors.add(proc.line, f"procedure {proc.name}: name must start "
                       f"with the program prefix {prefix}")
    if proc.number is not None and proc.number > MAX_PROC:
        errors.add(proc.line, f"procedure {proc.name}: number {proc.number} "
                   f"is too large for the dispatch table (max {MAX_PROC})")
    check_type(proc, "result", proc.restype, types, errors)
    check_type(proc, "argument", proc.argtype, types, errors)
    parse_annotation(proc, errors)


# --------------------------------------------------------------- output

def policy_line(proc):
    return (f"access: {','.join(proc.rights) or 'none'}; "
            f"session: {proc.session}; audit: {proc.audit}")


def handler_params(proc, args="args", res="res"):
    params = ["struct call_context *ctx"]
    if proc.argtype != "void":
        params.append(f"{proc.argtype} *{args}")
    if proc.restype != "void":
        params.append(f"{proc.restype} *{res}")
    return ", ".join(params)


def render_header(procs, source, out_name):
    guard = "GEN_" + re.sub(r"\W", "_", os.path.basename(out_name)).upper()
    rpcgen_h = re.sub(r"\.x$", "", os.path.basename(source)) + ".h"
    out = [f"/* Generated by {GENERATOR} from {os.path.basename(source)}; "
           "do not edit. */",
           f"#ifndef {guard}", f"#define {guard}", "",
           f'#include "{rpcgen_h}"', '#include "rpc/dispatch_entry.h"', ""]
    for proc in procs:
        out.append("/*")
        out += [f" * {line}".rstrip().replace("/*", "/ *")
                for line in proc.text]
        out += [f" * {proc.name} = {proc.number}; {policy_line(proc)}", " */"]
        out += [f"int {proc.handler}({handler_params(proc)});", ""]
    out.append(f"#endif /* {guard} */")
    return "\n".join(out) + "\n"


def xdr_fields(typ):
    if typ == "void":
        # xdr_void is declared bool_t (void); going through void (*)(void)
        # keeps -Wcast-function-type quiet.
        return "(xdrproc_t)(void (*)(void))xdr_void", "0"
    return f"(xdrproc_t)xdr_{typ}", f"sizeof({typ})"


ENTRY = """\
    [{p.number}] = {{
        .proc = {p.number},
        .name = "{p.short}",
        .xdr_args = {xdr_args},
        .args_size = {args_size},
        .xdr_res = {xdr_res},
        .res_size = {res_size},
        .handler = dispatch_{short},
        .access = DISPATCH_ACCESS_{access},
        .rights = {rights},
        .session = DISPATCH_SESSION_{session},
        .audit = DISPATCH_AUDIT_{audit},
    }},"""


def render_table(procs, source, header_name):
    out = [f"/* Generated by {GENERATOR} from {os.path.basename(source)}; "
           "do not edit. */",
           f'#include "{os.path.basename(header_name)}"',
           '#include "common/rights.h"']
    out += [f'#include "procs/{p.reply}.h"' for p in procs if p.reply]
    out.append("")
    for proc in procs:
        call = ["ctx"]
        body = []
        for param, typ in (("args", proc.argtype), ("res", proc.restype)):
            if typ == "void":
                body.append(f"    (void){param};")
            else:
                call.append(param)
        out += [f"static int dispatch_{proc.short.lower()}(struct call_context "
                "*ctx, void *args, void *res)", "{"] + body
        out += [f"    return {proc.handler}({', '.join(call)});", "}", ""]
    out.append("const struct dispatch_entry dispatch_table[] = {")
    for proc in procs:
        xdr_args, args_size = xdr_fields(proc.argtype)
        xdr_res, res_size = xdr_fields(proc.restype)
        if proc.reply:
            xdr_res = f"(xdrproc_t)xdr_{proc.reply}"
            res_size = f"sizeof(struct {proc.reply})"
        out.append(ENTRY.format(
            p=proc, short=proc.short.lower(), xdr_args=xdr_args,
            args_size=args_size, xdr_res=xdr_res, res_size=res_size,
            access="RIGHTS" if proc.rights else "NONE",
            rights=" | ".join(RIGHTS[r] for r in proc.rights) or "0",
            session=proc.session.upper(), audit=proc.audit.upper()))
    out += ["};", "",
            "const size_t dispatch_table_size = "
            "sizeof dispatch_table / sizeof dispatch_table[0];"]
    return "\n".join(out) + "\n"


def render_list(procs):
    out = ["# NUMBER NAME ARGTYPE RESTYPE ACCESS SESSION AUDIT"]
    for p in procs:
        out.append(f"{p.number} {p.short} {p.argtype} {p.restype} "
                   f"{','.join(p.rights) or 'none'} {p.session} {p.audit}")
    return "\n".join(out) + "\n"


def write_all(outputs):
    """Write every (path, text) to a temp file beside the (symlink-resolved)
    target, then rename them all.  A target that exists but is not a regular
    file (/dev/stdout, a pipe) is written directly, last."""
    umask = os.umask(0)
    os.umask(umask)
    temps, direct = [], []
    try:
        for path, text in outputs:
            if os.path.exists(path) and not os.path.isfile(path):
                direct.append((path, text))
                continue
            target = os.path.realpath(path)
            fd, tmp = tempfile.mkstemp(dir=os.path.dirname(target),
                                       prefix="." + os.path.basename(target) + ".")
            temps.append((tmp, target))
            with os.fdopen(fd, "w") as f:
                f.write(text)
            os.chmod(tmp, 0o666 & ~umask)
        for tmp, target in temps:
            os.replace(tmp, target)
        for target, text in direct:
            with open(target, "w") as f:
                f.write(text)
    finally:
        for tmp, _ in temps:
            if os.path.exists(tmp):
                os.unlink(tmp)


def main(argv):
    ap = argparse.ArgumentParser(description="Generate cimrpc's dispatch "
                                 "table from the annotations in a .x file.")
    ap.add_argument("--header", help="write handler prototypes here")
    ap.add_argument("--table", help="write the dispatch table here")
    ap.add_argument("--list", help="write the procedure list here")
    ap.add_argument("input", help="the rpcgen .x file")
    opts = ap.parse_args(argv)
    if opts.table and not opts.header:
        ap.error("--table needs --header (the table includes it)")
    try:
        with open(opts.input, encoding="utf-8") as f:
            src = f.read()
    except (OSError, UnicodeDecodeError) as e:
        print(f"{opts.input}: error: cannot read: {e}", file=sys.stderr)
        return 1
    errors = Errors(opts.input)
    parser = Parser([], errors)
    complete = True
    try:
        parser.toks = tokenize(src, errors)
        parser.parse()
    except Fatal as e:
        errors.add(*e.args)
        complete = False
    _, procs = validate(parser, errors, complete)
    if errors.items:
        errors.report()
        print(f"{GENERATOR}: {len(errors.items)} error(s); no output written",
              file=sys.stderr)
        return 1
    outputs = []
    if opts.header:
        outputs.append((opts.header, render_header(procs, opts.input, opts.header)))
    if opts.table:
        outputs.append((opts.table, render_table(procs, opts.input, opts.header)))
    if opts.list:
        outputs.append((opts.list, render_list(procs)))
    try:
        write_all(outputs)
    except OSError as e:
        print(f"{GENERATOR}: error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
