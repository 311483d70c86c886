#!/usr/bin/env python3
"""Differential fuzzing of the string library's patterns: string.find, match, gmatch and gsub, the engine against
Debian's lua5.2 (or any two of engine, lua5.2, lua5.1).

Generates calls from a grammar of patterns (classes and their complements, sets with ranges, classes, ']', '-' and
'^' inside and unterminated, anchors in and out of place, the four quantifiers, nested, empty, position, unclosed
and unopened captures, back-references %0-%9, %b and %f complete and cut short, escapes, a trailing '%') over
subjects drawn from the pattern's own bytes and special ones ('\\0', bytes >= 128, newlines, empty), with init
(negative, 0, past the end, fractional, huge), plain, gsub's string, table and function replacements and its
limit n (table replacements with __index too), gmatch with anchors and empty matches, and calls at Lua's bounds
(32 captures, 200 nested items) and with numbers for strings. Each call runs protected and prints its results or its error
message exactly (strings with every control and non-ASCII byte as \\ddd, numbers as the conformance harness shows
them); the batch runs once per interpreter (the engine through bin/james-lua-run, one JVM per batch) and every
call whose line differs is printed with both answers.

Usage: patfuzz.py [--pair A,B] [--dialect 5.1] COUNT SEED [WORKDIR]
  A, B: engine, lua5.2, lua5.1 (default lua5.2,engine). --dialect 5.1 generates only calls a Lua 5.0/5.1 script
  could make (no %g, no '\\0' in patterns, no %0 in patterns, no invalid '%x' in replacements), for comparing
  lua5.1 with lua5.2. Needs lua5.2 (lua5.1) and the engine's CLI jar (mvn package -pl lua-engine). The same seed
  writes the same calls. Calls are written in batches of 1,000, one script each; a batch that the engine's 10 s bound
on a main chunk cuts short (a loaded machine) runs on from its first call unanswered.
"""
import os
import random
import re
import subprocess
import sys
import tempfile

import fuzzlua

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
ENGINE = os.path.join(REPO, "bin", "james-lua-run")
BATCH = 1000

PRELUDE = r'''
local floor, frexp, abs, huge = math.floor, math.frexp, math.abs, math.huge
local char, concat, select, type, pcall = string.char, table.concat, select, type, pcall
local unpack = table.unpack or unpack
''' + fuzzlua.NUMBERS + r'''-- byte by byte, without the pattern functions under test
local function quoted(s)
  local parts = {}
  for i = 1, #s do
    local b = s:byte(i)
    if b < 32 or b >= 127 or b == 34 or b == 92 then parts[i] = "\\" .. digits(b) else parts[i] = char(b) end
  end
  return '"' .. concat(parts) .. '"'
end
function SHOW(v)
  local t = type(v)
  if t == "number" then return number(v) end
  if t == "string" then return quoted(v) end
  if t == "nil" or t == "boolean" then return tostring(v) end
  return t
end
local function pack(...) return {n = select("#", ...), ...} end
local function showAll(r, from)
  local parts = {}
  for i = from, r.n do parts[#parts + 1] = SHOW(r[i]) end
  return concat(parts, ", ")
end
function R(id, f)
  local r = pack(pcall(f))
  print(id .. (r[1] and " = " or " ! ") .. showAll(r, 2))
end
-- every match of a gmatch (at most 25), each as its captures
function G(s, p)
  local it = string.gmatch(s, p)
  local out = {}
  for i = 1, 25 do
    local r = pack(it())
    if r.n == 0 or r[1] == nil then break end
    out[i] = showAll(r, 1)
  end
  return concat(out, " | ")
end
'''

CLASSES = "acdglpsuwx"
CLASSES51 = "acdlpsuwxz"
PUNCT = "().%+-*?[]^$"
LITERALS = "abAB1 x.-\n"
SUBJECT_BYTES = ["a", "b", "A", "B", "1", "9", " ", "x", ".", "-", "(", ")", "[", "]", "%", "^", "$", "\n", "\t",
                 "\0", "\200", "\255", "\195\169", "_", "@", "<", ">"]


class Grammar:
    def __init__(self, dialect):
        self.d51 = dialect == "5.1"
        self.classes = CLASSES51 if self.d51 else CLASSES + "z"

    def literal(self):
        c = random.choice(LITERALS + ("" if self.d51 else "\0") + "\200\255")
        return c

    def cls(self):
        r = random.random()
        if r < 0.35:
            return self.literal()
        if r < 0.5:
            return "."
        if r < 0.8:
            c = random.choice(self.classes)
            return "%" + (c.upper() if random.random() < 0.3 else c)
        if r < 0.95:
            return "%" + random.choice(PUNCT + "@,/<>~")
        return "%" + random.choice("qyjkmnotv")  # letters that name no class: the letter itself

    def set_member(self):
        r = random.random()
        if r < 0.3:
            return random.choice("abxAB19 .\n" + ("" if self.d51 else "\0") + "\200")
        if r < 0.5:
            a = random.choice("a0A \200")
            b = random.choice("zc9Z\255a-")
            return a + "-" + b
        if r < 0.7:
            c = random.choice(self.classes)
            return "%" + (c.upper() if random.random() < 0.3 else c)
        if r < 0.85:
            return "%" + random.choice("]-^%[.")
        return random.choice("-^[]%")

    def set(self):
        s = "["
        if random.random() < 0.3:
            s += "^"
        if random.random() < 0.1:
            s += "]"
        for _ in range(random.randrange(0, 4)):
            s += self.set_member()
        r = random.random()
        if r < 0.06:
            return s  # unterminated
        if r < 0.09:
            return s + "%"  # ends inside the set
        return s + "]"

    def single(self):
        return self.set() if random.random() < 0.25 else self.cls()

    def item(self, depth):
        r = random.random()
        if r < 0.45:
            q = random.choice(["", "", "", "*", "+", "-", "?"])
            return self.single() + q
        if r < 0.6 and depth < 3:
            inner = self.items(depth + 1, random.randrange(0, 3))
            k = random.random()
            if k < 0.1:
                return "()"
            if k < 0.15:
                return "(" + inner  # unclosed
            if k < 0.2:
                return inner + ")"  # unopened
            return "(" + inner + ")"
        if r < 0.68:
            return "%" + random.choice("123" if self.d51 else "0123456789" if random.random() < 0.3 else "123")
        if r < 0.76:
            k = random.random()
            if k < 0.8:
                return "%b" + random.choice(["()", "[]", "<>", "ab", "aa", "((", "\0\200" if not self.d51 else "xy"])
            if k < 0.9:
                return "%b" + random.choice("(a")
            return "%b"
        if r < 0.84:
            if random.random() < 0.9:
                return "%f" + self.set()
            return "%f" + random.choice(["", "a", "%a"])
        if r < 0.9:
            return random.choice(["^", "$"])
        return self.single()

    def items(self, depth, n):
        return "".join(self.item(depth) for _ in range(n))

    def pattern(self):
        p = ""
        if random.random() < 0.25:
            p += "^"
        p += self.items(0, random.randrange(0, 5))
        r = random.random()
        if r < 0.15:
            p += "$"
        elif r < 0.18:
            p += "%"
        return p

    def subject(self, pattern):
        if random.random() < 0.08:
            return ""
        # bytes of the pattern itself make matches likely
        pool = SUBJECT_BYTES + [c for c in pattern if c not in "%"] * 2
        return "".join(random.choice(pool) for _ in range(random.randrange(0, 14)))


def lua(s):
    out = []
    for c in s:
        b = ord(c)
        if c in "\"\\" or b < 32 or b >= 127:
            out.append("\\%03d" % b)
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def init_value(subject):
    n = len(subject)
    return random.choice(["1", "2", "0", "-1", "-2", "-100", str(n), str(n + 1), str(n + 2), "1.5", "-1.5", "2.9",
                          "2^31", "2^53", "1e100", "-2^63", "-1e100", "'2'", "' 3 '", "nil", "0/0", "1/0", "-1/0",
                          "'x'", "{}"])


def replacement(dialect51):
    r = random.random()
    if r < 0.45:
        parts = []
        for _ in range(random.randrange(0, 4)):
            k = random.random()
            if k < 0.4:
                parts.append(random.choice(["x", "<", ">", "-", "", "\200", "\n"]))
            elif k < 0.8:
                parts.append("%" + random.choice("0123456789"))
            elif k < 0.9:
                parts.append("%%")
            elif not dialect51:
                parts.append("%" + random.choice("ax.\0"))
        if random.random() < 0.05 and not dialect51:
            parts.append("%")
        return lua("".join(parts))
    if r < 0.5:
        return random.choice(["1", "2.5", "-0", "1e100", "2^53"])
    if r < 0.7:
        entries = []
        for key in random.sample(["a", "b", "A", "1", "x", " ", "", "(", "ab"], 3):
            entries.append(f"[{lua(key)}] = " + random.choice(["'R'", "false", "1", "2.5", "{}", "true", "''", "'%1'"]))
        if random.random() < 0.3:
            entries.append("[1] = 'ONE'")
        table = "{" + ", ".join(entries) + "}"
        if random.random() < 0.2:
            index = random.choice(["function(t, k) return type(k) == 'string' and k:upper() or k end",
                                   "function(t, k) return nil end", "{a = 'IA', [2] = 'I2'}",
                                   "function(t, k) error('index', 0) end"])
            return f"setmetatable({table}, {{__index = {index}}})"
        return table
    if r < 0.95:
        return random.choice([
            "function(c, d) return c end", "function(c) return (c or '') .. '!' end", "function() return false end",
            "function() return nil end", "function() end", "function() return 7 end", "function() return 0.5 end",
            "function() return {} end", "function() return true end", "function(...) return select('#', ...) end",
            "function(a, b) return b end", "function(c) return tostring(c):upper() end",
            "function() return 'a', 'b' end", "function() error('repl', 0) end", "function(c) return type(c) end",
            "string.upper", "string.len", "function() return '%1' end"])
    return random.choice(["true", "nil", "false"])


def stress_call():
    """Bounds and coercions: capture counts about Lua's 32, nesting about its 200 levels, numbers for strings."""
    k = random.choice([1, 2, 30, 31, 32, 33, 40])
    depth = random.choice([10, 98, 99, 100, 101, 150, 198, 199, 200, 201, 202, 250])
    forms = [
        f"string.find('abc', string.rep('()', {k}))",
        f"string.match('aaa', string.rep('(', {k}) .. 'a' .. string.rep(')', {k}))",
        f"select('#', string.match(string.rep('a', 40), string.rep('(a)', {k})))",
        f"string.gsub('ab', string.rep('()', {k}), '%9')",
        f"string.match(string.rep('a', 300), string.rep('a?', {depth}))",
        f"string.match(string.rep('a', 300), string.rep('a-', {depth}) .. '$')",
        f"string.find(string.rep('a', 300), string.rep('(', {depth}) .. string.rep(')', {depth}))",
        f"string.find(string.rep('x', {depth}), string.rep('%f[x]x', {depth}))",
        f"string.gsub(string.rep('ab', 30), '(a)(b)', '%2%1', {k})",
        f"string.find(string.rep('a', {k}), string.rep('.-', 4) .. 'b')",
        f"G(string.rep('a', {k}), '^a*')",
        f"G(string.rep('ab', {k}), 'a*')",
        random.choice(["string.find(12345, 34)", "string.find(1.5, '.', 1, true)", "string.match(1e100, '%d+')",
                       "string.gsub(1.5, '%.', ',')", "string.gsub(-0.0, '0', 1)", "string.gsub(255, '%d', 1.5)",
                       "string.gsub('a.b', '.', 2^53)", "string.find('x1e+100', 1e100)", "string.match('2', 2)",
                       "string.gsub('abc', '', '-', 2^31)", "('x'):rep(3):gsub('x', '%0%0')",
                       "string.gsub('hello world', '(o)', {o = 1e15})", "string.gsub('a', 'a', {a = -0.0})",
                       "string.gsub('abc', '%w', function(c) return 2^63 end)", "string.find('a\0b', '\0', 1, true)",
                       "string.find('abc', 'b', 2^63)", "string.find('abc', 'b', -2^63)"]),
    ]
    return random.choice(forms)


def call(g):
    if random.random() < 0.06:
        return stress_call()
    p = g.pattern()
    s = g.subject(p)
    ls, lp = lua(s), lua(p)
    fn = random.random()
    if fn < 0.3:
        r = random.random()
        if r < 0.5:
            return f"string.find({ls}, {lp})"
        if r < 0.8:
            return f"string.find({ls}, {lp}, {init_value(s)})"
        plain = random.choice(["true", "false", "nil", "1", "0"])
        return f"string.find({ls}, {lp}, {init_value(s)}, {plain})"
    if fn < 0.5:
        if random.random() < 0.6:
            return f"string.match({ls}, {lp})"
        return f"string.match({ls}, {lp}, {init_value(s)})"
    if fn < 0.65:
        return f"G({ls}, {lp})"
    if fn < 0.97:
        repl = replacement(g.d51)
        if random.random() < 0.6:
            return f"string.gsub({ls}, {lp}, {repl})"
        n = random.choice(["0", "1", "2", "-1", "1.5", "2^53", "nil", "'1'", "1e100", "'x'", "-1e100", "0/0"])
        return f"string.gsub({ls}, {lp}, {repl}, {n})"
    # arguments of the wrong type
    bad = random.choice(["nil", "{}", "true", "12", "1.5"])
    f = random.choice(["find", "match", "gmatch", "gsub"])
    extra = ", 'x'" if f == "gsub" else ""
    if random.random() < 0.5:
        return f"string.{f}({bad}, {lp}{extra})"
    return f"string.{f}({ls}, {bad}{extra})"


def calls(count, seed, dialect):
    random.seed(seed)
    g = Grammar(dialect)
    return [call(g) for _ in range(count)]


def script(batch, answered=()):
    """One line per call, an empty one for a call answered already, so that a call's line (in its errors) stays."""
    out = [PRELUDE]
    for i, c in batch:
        out.append("" if i in answered else f"R({i}, function() return {c} end)")
    return "\n".join(out) + "\n"


def run_with(runner, name, workdir):
    if runner == "engine":
        luaout = os.path.join(workdir, "LUA.OUT")
        if os.path.exists(luaout):
            os.remove(luaout)
        p = subprocess.run(["timeout", "600", ENGINE, name], cwd=workdir, capture_output=True)
        if p.returncode != 0:
            print(f"engine failed on {name}: {p.stdout[-2000:]!r} {p.stderr[-2000:]!r}")
        return open(luaout, "rb").read() if os.path.exists(luaout) else b""
    return subprocess.run(["timeout", "600", runner, name], cwd=workdir, capture_output=True).stdout


def answers(runner, batch, name, workdir):
    """Every call's line; a batch cut short (the engine's main chunk has 10 s, a loaded machine may need more) runs
    on from the first call unanswered. A call unanswered twice is left unanswered (a difference), the rest run on."""
    got = {}
    skipped = set()
    first = None
    while True:
        with open(os.path.join(workdir, name), "w", encoding="latin-1") as f:
            f.write(script(batch, skipped | set(got)))
        got.update(lines(run_with(runner, name, workdir)))
        missing = [i for i, c in batch if i not in got and i not in skipped]
        if not missing:
            return got
        if missing[0] == first:
            skipped.add(first)
        first = missing[0]


def lines(out):
    d = {}
    for line in out.decode("latin-1").splitlines():
        m = re.match(r"^(\d+) [=!] ", line)
        if m:
            d[int(m.group(1))] = line
    return d


def main(argv):
    pair = ["lua5.2", "engine"]
    dialect = "5.2"
    while argv and argv[0].startswith("--"):
        if argv[0] == "--pair":
            pair = argv[1].split(",")
        elif argv[0] == "--dialect":
            dialect = argv[1]
        else:
            sys.exit(__doc__)
        argv = argv[2:]
    if len(argv) < 2:
        sys.exit(__doc__)
    count, seed = int(argv[0]), int(argv[1])
    workdir = argv[2] if len(argv) > 2 else tempfile.mkdtemp(prefix="patfuzz-")
    os.makedirs(workdir, exist_ok=True)
    every = calls(count, seed, dialect)
    differences = 0
    answered = 0
    for start in range(0, count, BATCH):
        batch = list(enumerate(every))[start:start + BATCH]
        name = f"patfuzz-{seed}-{start}.lua"
        a, b = (answers(r, batch, name, workdir) for r in pair)
        answered += len(a)
        for i, c in batch:
            if a.get(i) != b.get(i):
                differences += 1
                print(f"--- #{i}: {c}\n  {pair[0]}: {a.get(i)}\n  {pair[1]}: {b.get(i)}")
    print(f"seed {seed}: {count} calls, {answered} answered by {pair[0]}, {differences} differences ({pair[0]} vs {pair[1]})")


if __name__ == "__main__":
    main(sys.argv[1:])
