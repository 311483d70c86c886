-- Corners of the library a script meets: patterns, %q, table functions and their errors, error values and
-- levels, tracebacks, os.time/os.date with tables, comparisons and numbers as text.
dofile("harness.lua")

-- patterns
T("string.find($)", {"'a\\0b\\0c', '%z', 3", "'x^y', '^', 2, true", "'x^y', 'x^'", "'[x]', '[[]'", "'a-b', '-'",
  "'ab', 'a-b'", "'aab', 'a-b'", "'hello', '()', 3", "'hello', 'l()l()'", "'f(a, (b))', '%b()', 2",
  "'abc', '%f[%z]'", "'abc', '%f[^%z]'", "'foo bar', '%f[%S]%S+$'", "'a\\nb', '.+'", "'aaa', 'a?a?a?a'",
  "'abc', '[%]]'", "'a]', '[]]'", "'a^', '[%^]'", "'a^', '[^^]'", "'-', '[a-]'", "'b', '[a-]'", "'x', '[]'",
  "'x', '[^]'", "'abc', '%b'", "'abc', '%ba'", "'abc', '%f'", "'abc', '%fa'", "'abc', '(a'", "'abc', 'a)'",
  "'abc', '%9'", "'AbC', '%u+'", "'abc', '', 4", "'abc', '', 5", "'abc', 'c', -1", "'abc', 'a', -10",
  "'abc', 'b', 2^40", "'abc', '.', '2'"})
T("string.match($)", {"'  x  ', '^%s*(.-)%s*$'", "'2026-12-05T10:20:30', '(%d+)-(%d+)-(%d+)T(%d+):(%d+):(%d+)'",
  "'user@example.com', '^([^@]+)@(.+)$'", "'<a><b>', '<(.-)>'", "'<a><b>', '<(.*)>'", "'key: value', '^(%w+):%s*(.*)$'",
  "'Subject: Re: hi', '^Subject:%s*(.*)'", "'abc', '()b()'", "'abc', '((a)(b))'", "'a.b', '^(.-)%.(.*)$'",
  "'x', '(x)(y?)'", "'hello world', '%f[%w]%w+$'", "'[tag] text', '^%[(.-)%]%s*(.*)'", "'aaa', '^(a-)a$'",
  "'\\r\\n', '^\\r?\\n$'", "'%d', '%%d'", "'abc', '[a-c]+'", "'ABC', '[a-c]+'", "'a1_b', '[%w_]+'"})
T("string.gsub($)", {"'abc', '', '-'", "'abc', '.-', '-'", "'abc', 'b*', '-'", "'hello world', '%f[%w]%w', string.upper",
  "'a,b,,c', ',', ';', 2", "'abc', '%w', '%%%0'", "'abc', '(%w)', '%1%1', 0", "'abc', '(%w)', '%1', -1",
  "'abc', 'b', '%9'", "'x', 'x', '%'", "'$1', '%$', '%%'", "'a b', '%s', '%%s'", "'abc', '(b)', {b = 'B'}",
  "'abc', '(b)()', '%2'", "'one two', '(%w+)', string.len", "'abc', '', ''", "'\\0a\\0', '%z', 'Z'",
  "'abc', '.', {a = 1.5}", "'hello', 'l', '%1'"})
local function each(s, p) local r = {} for a, b in string.gmatch(s, p) do r[#r + 1] = tostring(a) .. (b and ":" .. tostring(b) or "") end return table.concat(r, "|") end
case("gmatch position captures", each, "a1b2", "()(%d)")
case("gmatch anchor is a literal in 5.2", each, "^a^a", "^a")
case("gmatch empty at end", each, "ab", ".-")
case("gmatch %b", each, "[a][b[c]]", "%b[]")
case("gmatch %f words", each, "THE (quick) brown", "%f[%a]%a+")
case("gmatch key=value lines", each, "a=1\nb=2\n", "(%w+)=(%w+)\n")
case("gmatch with captures and empty", each, "k=,x=y", "(%w+)=(%w*)")
case("gfind-like loop", function() local n = 0 for w in string.gmatch("a b c", "%S+") do n = n + 1 end return n end)

-- %q and control characters
T("string.format('%q', $)", {"'\\0'", "'a\\0b'", "'\\1\\2\\31'", "'\\127'", "'\\128\\255'", "'\\r\\n'", "'\\t'",
  "'\\\\'", "'\"'", "'\\0001'", "'\\0a'", "'\\n\\n'", "'\\26'", "'é'", "12", "-1.5"})
E{"string.format('%5.2s|', 'abc')", "string.format('%-5.2s|', 'abc')", "string.format('%.20s', 'abc')",
  "string.format('%s', 'a\\0b')", "string.format('%5s', 'a\\0b')", "string.format('%a', 1)", "string.format('%a', 0.5)",
  "string.format('%A', 255)", "string.format('%.2a', 1/3)", "string.format('%a', 0)", "string.format('%a', -0.0)",
  "string.format('%a', 1/0)", "string.format('%x', 3.0)", "string.format('%x', 2^31)", "string.format('%5.1f%%', 99.44)",
  "string.format('%s=%d', 'k', 3)", "string.format('%-3d|', 7)", "string.format('%03d:%02d', 5, 7)",
  "string.format('%.3s', 1/3)", "string.format('%i', 42)", "string.format('%o', 8)", "string.format('%e', 0)",
  "string.format('%g', 1e20)", "string.format('%g', 1e-5)", "string.format('%g', 100000)", "string.format('%g', 1000000)"}

-- rep, byte, char, sub with negative and large indices
E{"string.rep('ab', 3, ', ')", "string.rep('', 3, '')", "string.rep('x', 1, 'sep')", "string.rep('x', -5, 'sep')",
  "string.byte('hello', -3, -1)", "string.byte('hello', 3, 100)", "string.byte('hello', -100, 2)", "string.byte('')",
  "string.char(104, 105, 0, 255)", "string.sub('hello', -2^40, 2^40)", "string.sub('hello', 2, -2)",
  "('hello'):sub(-3)", "('x'):byte()", "#string.rep('a', 10, 'bc')"}

-- tostring / tonumber
E{"tonumber('10', 2)", "tonumber('zz', 36)", "tonumber('7FFFFFFF', 16)", "tonumber('ffffffffffffffff', 16)",
  "tonumber(' 101 ', 2)", "tonumber('1.0')", "tonumber('0x1P+2')", "tonumber('  -0x10  ')", "tonumber(nil)",
  "tonumber('')", "tonumber('5', 10.5)", "tonumber(5, 10)", "tostring(1e100)", "tostring(0.1)", "tostring(1/3)",
  "tostring(-1e-10)", "tostring(2^63)", "tostring(123456789012)", "tostring(1e14)", "tostring(1e15)",
  "1e100 .. ''", "0.1 .. ''", "(2^53) .. ''", "-1.5 .. 'x'", "1 .. 2", "12 .. ''", "3.0 .. ''", "1e300 * 1e10 .. ''"}

-- integers and floats
E{"math.huge", "-math.huge", "math.huge == 1/0", "2^53 == 2^53 + 1", "2^53 + 2", "-7 % 3", "7 % -3", "-7.5 % 2",
  "5.5 % -2", "-0.0 == 0", "1/(-0.0) < 0", "math.floor(-3.5)", "math.ceil(-3.5)", "math.floor(2^40 + 0.5)",
  "math.fmod(-7, 3)", "math.fmod(7, -3)", "math.max(1, 2.5, -1)", "math.min(0, -0.0)", "3 // 2 == nil",
  "math.abs(-2^31)", "2^31 | 0 == nil", "0x7fffffff + 1", "-2^31 - 1", "(2^31) % 7", "2^-1074 > 0", "1e308 * 10 == math.huge",
  "math.modf(3.7)", "math.modf(-3.7)", "math.modf(5)", "math.modf(-5)", "math.modf(-0.0)", "math.modf(1/0)",
  "math.modf(0/0)", "math.max(0/0, 1)", "math.max(1, 0/0)", "math.min(1, 0/0)", "math.max(-0.0, 0)", "math.max(0, -0.0)",
  "math.min(-0.0, 0)", "math.max('10', 9)", "math.min(3)"}

-- string comparison
E{"'a\\0b' < 'a\\0c'", "'a\\0' > 'a'", "'a' < 'a\\0'", "'\\0' < ''", "'' < '\\0'", "'Z' < 'a'", "'abc' < 'abd'",
  "'10' < '9'", "'\\255' > 'z'", "'caf\\195\\169' > 'cafe'", "'\\128' < '\\127'", "'a\\0b' == 'a\\0b'", "#'a\\0b'", "'A' <= 'A'", "'b' >= 'a\\0'"}

-- table functions and their errors
E{"table.concat({1, 2.5, 'x'}, '-')", "table.concat({}, ',')", "table.concat({1, 2, 3}, ',', 2, 3)",
  "table.concat({1, 2, 3}, ',', 3, 2)", "table.concat({1, {}, 3})", "table.concat({1, 2}, ',', 1, 5)",
  "table.concat({'a', true})", "table.concat({1e100, 0.1})", "table.insert({}, 1, 2, 3)", "table.insert({}, 5, 1)",
  "table.insert({1}, 0, 1)", "table.insert({1, 2}, 3, 'x')", "table.insert(nil, 1)", "table.insert({})",
  "table.remove({})", "table.remove({}, 0)", "table.remove({1, 2, 3})", "table.remove({1, 2, 3}, 1)",
  "table.remove({1, 2, 3}, 4)", "table.remove({1, 2, 3}, 5)", "table.unpack({1, 2, 3}, -1, 1)",
  "table.unpack({}, 1, 3)", "select('#', table.unpack({}, 1, 0))", "table.pack(1, nil, 3).n", "#table.pack()"}
case("sort with an invalid order function", function() local t = {} for i = 1, 20 do t[i] = i % 5 end local ok = pcall(table.sort, t, function(a, b) return true end) return type(ok) end)
case("sort strings", function() local t = {"b", "a", "C", "aa", ""} table.sort(t) return table.concat(t, ",") end)
case("sort strings with high bytes", function() local t = {"\233t\233", "zoo", "Zoo", "\0", "\255"} table.sort(t) return table.concat(t, ",") end)
case("sort numbers mixed floats", function() local t = {3, 1.5, -2, 2^40, 0} table.sort(t) return table.concat(t, ",") end)
case("sort with comparator error", function() local t = {1, 2, 3} table.sort(t, function(a, b) error("cmp") end) end)
case("sort non-function comparator", function() table.sort({2, 1}, 5) end)
case("sort stability irrelevant but result ordered", function() local t = {} for i = 1, 100 do t[i] = (i * 37) % 101 end table.sort(t, function(a, b) return a > b end) return t[1], t[100] end)

-- error values and levels
local function raise(...) error(...) end
case("error with a table value", function() local ok, e = pcall(error, {code = 42}) return type(e), e.code end)
case("error with a table is not positioned", function() local ok, e = pcall(function() error({}) end) return type(e) end)
case("error with a number", function() local ok, e = pcall(function() error(42) end) return e end)
case("error with nil", function() return pcall(error) end)
case("error with nil value", function() return pcall(error, nil) end)
case("error level 1", function() local ok, e = pcall(function() error("m", 1) end) return e end)
case("error level 2", function() local ok, e = pcall(function() raise("m", 2) end) return e end)
case("error level 0", function() local ok, e = pcall(raise, "m", 0) return e end)
case("error with a number is positioned at level 1", function() local ok, e = pcall(function() error(7, 1) end) return e end)
case("error rethrown keeps its message", function() local ok, e = pcall(function() local ok2, e2 = pcall(error, "inner") error(e2, 0) end) return e end)
case("error message of a runtime error in a named function", function() local function f() local t = nil return t.x end local ok, e = pcall(f) return (string.gsub(e, ":.*", "")) end)
case("xpcall handler gets the message", function() return xpcall(function() error("boom") end, function(m) return "handled: " .. m end) end)
case("xpcall handler with a table error", function() return xpcall(function() error({1}) end, function(m) return type(m) end) end)
case("xpcall success passes results", function() return xpcall(function() return 1, 2 end, print) end)
case("xpcall with extra arguments", function() return xpcall(function(a, b) return a + b end, print, 2, 3) end)
case("xpcall traceback first line", function() local ok, t = xpcall(function() error("tb") end, debug.traceback) return (string.match(t, "^[^\n]*")) end)
case("debug.traceback second line", function() return (string.match(debug.traceback("msg"), "^[^\n]*\n([^\n]*)")) end)
case("debug.traceback of a non-string", function() return debug.traceback({}) ~= nil, type(debug.traceback(nil)) end)
case("pcall returns all results", function() return pcall(function() return 1, nil, 3 end) end)
case("error in __tostring of an error value", function() local e = setmetatable({}, {__tostring = function() return "custom" end}) local ok, m = pcall(error, e) return tostring(m) end)
case("assert with a message", function() return pcall(assert, false, "why") end)
case("assert with a table message", function() local ok, e = pcall(assert, nil, {}) return type(e) end)
case("assert without message", function() return pcall(assert, false) end)
case("assert passes all values", function() return assert(1, 2, 3) end)

-- goto and varargs
case("goto continue", function() local r = {} for i = 1, 5 do if i % 2 == 0 then goto continue end r[#r + 1] = i ::continue:: end return table.concat(r, ",") end)
case("goto backwards loop", function() local i = 1 ::top:: i = i + 1 if i < 5 then goto top end return i end)
case("goto out of nested loops", function() for i = 1, 3 do for j = 1, 3 do if i * j == 4 then goto done end end end ::done:: return "out" end)
case("select('#') with trailing nils", function(...) return select('#', ...) end, 1, nil, nil)
case("select negative", function() return select(-2, 'a', 'b', 'c') end)
case("select beyond", function() return select(5, 'a', 'b') end)
case("varargs in table constructor middle", function() local function f(...) return {..., 'x'} end return #f(1, 2, 3) end)
case("varargs adjusted to one in parentheses", function() local function f(...) return (...) end return f(1, 2, 3) end)

-- os.time and os.date with tables (TZ=UTC)
E{"os.time({year = 2026, month = 12, day = 5, hour = 12})", "os.time({year = 2026, month = 12, day = 5})",
  "os.time({year = 2026, month = 13, day = 1, hour = 0})", "os.time({year = 2026, month = 1, day = 0, hour = 0})",
  "os.time({year = 2026, month = 3, day = 1, hour = -1})", "os.time({year = 2026, month = 1, day = 1, hour = 0, min = 90, sec = -30})",
  "os.time({year = 1970, month = 1, day = 1, hour = 0})", "os.time({year = 2026, month = 6, day = 15, hour = 12, isdst = true})",
  "os.time({year = '2026', month = '2', day = '3', hour = 0})", "os.time({year = 2026, month = 2})", "os.time({})",
  "os.time({year = 2026, month = 2, day = 3.7, hour = 0})", "os.time({year = 2026, month = 2, day = -0.5, hour = 0})",
  "os.time({year = 2026, month = 2, day = 3, hour = 2.99})", "os.date('!%Y-%m-%d %H:%M:%S', os.time({year = 2024, month = 2, day = 30, hour = 0}))",
  "os.date('!*t', 0).isdst", "os.date('!*t', 86400 * 365).yday", "os.date('!%A %B', 1e9)", "os.date('!%x %X', 1e9)",
  "os.date('!%Y', 2^31)", "os.date('!%d', -1)", "os.date('!%H', 1.9)"}

-- metatables, 5.2 library presence, lexical forms, tostring of objects
-- metatables 5.2
case("__pairs", function() local t = setmetatable({}, {__pairs = function(t) return function(_, k) if not k then return 1, "one" end end, t, nil end}) local r = {} for k, v in pairs(t) do r[#r+1] = k .. v end return table.concat(r) end)
case("__ipairs", function() local t = setmetatable({}, {__ipairs = function(t) return function(_, i) if i < 2 then return i + 1, "x" end end, t, 0 end}) local n = 0 for i, v in ipairs(t) do n = n + i end return n end)
case("__len on table", function() return #setmetatable({}, {__len = function() return 42 end}) end)
case("__le falls back to __lt", function() local mt = {__lt = function(a, b) return a.v < b.v end} local a, b = setmetatable({v = 1}, mt), setmetatable({v = 2}, mt) return a <= b, b <= a end)
case("__eq different metatables", function() local a = setmetatable({}, {__eq = function() return true end}) local b = setmetatable({}, {__eq = function() return true end}) return a == b end)
case("__concat with number", function() local t = setmetatable({}, {__concat = function(a, b) return "C" end}) return t .. 1, 1 .. t end)
case("__index function", function() local t = setmetatable({}, {__index = function(t, k) return k .. "!" end}) return t.x, t[1] end)
case("__newindex table", function() local store = {} local t = setmetatable({}, {__newindex = store}) t.a = 1 return rawget(t, "a"), store.a end)
case("__call args", function() local t = setmetatable({}, {__call = function(self, a, b) return a + b end}) return t(2, 3) end)
case("__tostring used by print-like tostring", function() return tostring(setmetatable({}, {__tostring = function() return "obj" end})) end)
case("__metatable protects", function() local t = setmetatable({}, {__metatable = "locked"}) return getmetatable(t), pcall(setmetatable, t, {}) end)
case("rawequal rawlen", function() return rawequal("a", "a"), rawlen({1, 2}), rawlen("abc") end)
case("string metatable index", function() return getmetatable("").__index == string end)
case("next invalid key", function() return pcall(next, {}, "nokey") end)
case("ipairs stops at nil", function() local n = 0 for i, v in ipairs({1, 2, nil, 4}) do n = i end return n end)
case("print returns nothing", function() return select('#', print()) end)
case("tostring of integer-valued float", function() return tostring(3.0), tostring(-3.0), tostring(1e15), 2^31 .. "" end)
case("5.2 compat functions", function() return unpack ~= nil, loadstring ~= nil, table.maxn ~= nil, math.log10 ~= nil, math.pow ~= nil end)
case("5.0 functions absent in 5.2", function() return string.gfind == nil, table.getn == nil, math.mod == nil, setfenv == nil, getfenv == nil end)
case("module in 5.2", function() return type(module) end)
case("table.maxn", function() return table.maxn({1, 2, [10] = 3, [2.5] = 1}) end)
case("math.log10 and log base", function() return math.log10(1000), math.log(8, 2), math.log(100, 10) end)
case("_VERSION", function() return _VERSION end)
case("string.format %s of table with __tostring", function() return string.format("%s|%5s", setmetatable({}, {__tostring = function() return "ab" end}), setmetatable({}, {__tostring = function() return "ab" end})) end)
case("tostring(nil) concat error", function() return pcall(function() return "x" .. nil end) end)
case("string.rep huge count error", function() return pcall(string.rep, "x", 2^31) end)
case("load with env", function() local f = load("return x", "chunk", "t", {x = 5}) return f() end)
case("load mode b refused text", function() return load("return 1", "c", "b") end)
case("select with negative beyond", function() return pcall(select, -5, 1, 2) end)
case("coroutine.running main", function() local co, main = coroutine.running() return type(co), main end)
case("coroutine.isyieldable absent", function() return coroutine.isyieldable == nil end)
case("string.find special init", function() return string.find("abc", "b", -100), string.find("abc", "", 100) end)
case("os.clock type", function() return type(os.clock()) end)
case("os.getenv missing", function() return os.getenv("SURELY_NOT_SET_XYZ") end)
case("os.time() type", function() return type(os.time()) end)
case("os.date default format type", function() return type(os.date()) end)
case("tostring(-nan)", function() return tostring(0/0), tostring(-(0/0)) end)
case("integer division absent", function() return load("return 7 // 2") == nil end)
case("bitwise absent", function() return load("return 1 & 2") == nil end)
case("string escape \\z", function() return load("return 'a\\z   b'")() end)
case("string escape \\x", function() return load("return '\\x41\\x62'")() end)
case("decimal escape", function() return "\065\066\0671" end)
case("long string leading newline", function() return [[
abc]], [==[
]]x]==] end)
case("comment forms", function() return load("--[==[ x ]==] return 1 --[[ y ]] + 1")() end)
case("numeric for float step", function() local n = 0 for i = 0, 1, 0.1 do n = n + 1 end return n end)
case("numeric for zero step", function() return pcall(load("for i = 1, 2, 0 do end return 'ran'")) end)
case("while with break inside repeat", function() local i = 0 repeat i = i + 1 if i == 3 then break end until false return i end)
case("repeat scope sees local", function() local i = 0 repeat local j = i i = i + 1 until j >= 2 return i end)
case("multiple assignment evaluation order", function() local a = {} local i = 1 i, a[i] = i + 1, 20 return i, a[1], a[2] end)
case("string indexing negative", function() return ("hello"):sub(-3, -2), ("hello"):byte(-1) end)
case("length of string with multibyte", function() return #"é", string.len("日本") end)
case("upper of non-ASCII", function() return string.upper("é"), string.lower("É") end)
case("string.format('%5.2s')", function() return string.format("[%5.2s]", "abc") end)
case("tostring(true) concat", function() return pcall(function() return "a" .. true end) end)
case("concat of floats", function() return 1e100 .. "", 0.1 .. "", 1/3 .. "", 100 .. "", -0.0 .. "", 2^63 .. "", 1e15 .. "", 123.0 .. "" end)
case("string.char error", function() return pcall(string.char, 256) end)
case("setmetatable nil removes", function() local t = setmetatable({}, {}) setmetatable(t, nil) return getmetatable(t) end)
case("getmetatable of string field", function() return getmetatable("abc").__index.upper("x") end)
case("type errors", function() return pcall(type) end)
case("tostring of function prefix", function() return (string.match(tostring(print), "^(%a+): ")), (string.match(tostring(function() end), "^(%a+): ")) end)
case("tostring of table prefix", function() return (string.match(tostring({}), "^table: 0x%x+$")) ~= nil end)
case("tostring of coroutine prefix", function() return (string.match(tostring(coroutine.create(print)), "^thread: 0x%x+$")) ~= nil end)
case("function address format", function() return (string.match(tostring(print), "^function: 0x%x+$")) ~= nil end)
