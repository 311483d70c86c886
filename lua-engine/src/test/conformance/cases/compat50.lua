-- Lua 5.0 functions and idioms a VPOP3 2.x script may still use, recorded from lua5.1 where it agrees with 5.0:
-- string.gfind, table.getn/setn/foreach, math.mod/pow/log10/ldexp/frexp, the implicit arg table, loadstring,
-- gcinfo, unpack, and 5.0's string escapes.
dofile("harness.lua")
function gf(s, p) local r = {} for a, b in string.gfind(s, p) do r[table.getn(r) + 1] = tostring(a) .. (b and "=" .. tostring(b) or "") end return table.concat(r, "|") end
E{"gf('a=1, b=2', '(%w+)=(%w+)')", "gf('one two', '%a+')", "gf('abc', '')", "gf('x1y2', '%d')", "gf('', 'x')", "gf('aaa', 'a-')",
  "table.getn({})", "table.getn({1, 2, 3})", "table.getn({'a', 'b', n = 1})", "table.getn({n = 0})", "table.getn({n = '3'})",
  "math.mod(10, 3)", "math.mod(-10, 3)", "math.mod(10, -3)", "math.mod(5.5, 2)", "math.mod('7', '4')", "math.mod(1, 0) ~= math.mod(1, 0)",
  "math.pow(2, 10)", "math.pow(2, 0.5)", "math.pow(-8, 1/3) ~= math.pow(-8, 1/3)", "math.pow(0, 0)", "math.pow('3', 2)",
  "math.log10(100)", "math.log10(0)", "math.ldexp(0.5, 3)", "math.frexp(0)", "math.frexp(-3)", "math.floor(-0.5)", "math.ceil(-0.5)",
  "math.max(3, '10')", "math.min('2', 1)", "string.len(123)", "string.sub(12345, 2, 3)", "string.upper(1e3)", "tostring(1e15)", "tostring(2^53)",
  "unpack({1, 2, 3}, 2, 3)", "unpack({}, 1, 2)", "select('#', unpack({1, nil, nil}))", "type(gcinfo())", "gcinfo() > 0",
  "loadstring('return ...')(1, 2)", "loadstring('syntax error here')", "loadstring('return 1', 'name')()", "type(loadstring(''))",
  "string.format('%5.1f', 3.14159)", "string.format('%s=%d', 'x', 5)", "string.format('%q', 'a\\nb')", "tonumber('  12  ')", "tonumber('0x1A')",
  "tonumber('1e2')", "tonumber('12abc')", "string.find('Subject: hi', 'Subject: (.*)')", "string.gsub('a b c', ' ', '')", "string.rep('-', 5)",
  "string.byte('ABC', 2)", "string.char(65, 66)", "('abc'):upper()", "#'abc'", "'a' .. 1 .. 2.5", "10 / 4", "7 % 3", "-7 % 3", "2^10"}
function vararg(...) return arg.n, arg[1], arg[2], arg[3] end
function vararg_named(a, ...) return a, arg.n, arg[1] end
function vararg_count(...) return table.getn(arg) end
E{"vararg()", "vararg(1)", "vararg(1, nil, 3)", "vararg(nil, nil)", "vararg_named(1, 2, 3)", "vararg_named(1)", "vararg_count(1, 2, 3)", "vararg_count()"}
case("table.foreach returns the first non-nil", function() return table.foreach({10, 20, 30}, function(i, v) if v == 20 then return i end end) end)
case("table.foreachi in order", function() local r = {} table.foreachi({'a', 'b', 'c'}, function(i, v) table.insert(r, i .. v) end) return table.concat(r, ",") end)
case("table.foreach over keys", function() local n = 0 table.foreach({a = 1, b = 2, 3}, function() n = n + 1 end) return n end)
case("5.0 generic for over a table", function() local n, s, t = 0, 0, {10, 20, 30} for k, v in t do n = n + 1 s = s + v end return n, s end) -- 5.0: table
case("string with a backslash path", function() return "C:\\VPOP3\\LUA" end)
case("setfenv on a function", function() local f = function() return x end setfenv(f, {x = 42}) return f() end)
case("getfenv of a function is _G", function() return getfenv(function() end) == _G end)
case("loadstring sees globals", function() y50 = 7 return loadstring("return y50")() end)
case("error in loadstring chunk", function() return pcall(loadstring("error('boom')", "chunk")) end)
case("error with level 2", function() local function f() error("bad", 2) end return pcall(function() f() end) end)
case("assert with message", function() return pcall(assert, false, "assertion message") end)
case("assert without message", function() return pcall(assert, nil) end)
case("string.find plain 1", function() return string.find("a.b.c", ".", 2, 1) end)
case("tostring(nil) .. concat", function() return tostring(nil) .. "x" end)
case("math.random range", function() local r = math.random(1, 10) return r >= 1 and r <= 10 end)
case("os.time type", function() return type(os.time()) end)
case("os.date format", function() return os.date("!%Y-%m-%d", 0) end)
