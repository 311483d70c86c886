-- The Lua 5.0 dialect of VPOP3 2.x scripts. Recorded with lua5.1 where 5.1 agrees with 5.0; the lines marked
-- "-- 5.0: table" use 5.0's "for k, v in t", which record.sh gives lua5.1 as "for k, v in next, t".
dofile("harness.lua")

local function sortedPairs(t)
  local r = {}
  for k, v in t do -- 5.0: table
    r[#r + 1] = tostring(k) .. "=" .. tostring(v)
  end
  table.sort(r)
  return table.concat(r, ",")
end
case("for k, v in t", sortedPairs, {10, 20, x = "y"})
case("for k, v in t of an empty table", sortedPairs, {})
case("for k in t counts", function()
  local t, n = {a = 1, b = 2, c = 3}, 0
  for k in t do n = n + 1 end -- 5.0: table
  return n
end)
case("for k, v in t nested", function()
  local outer, n = {{1, 2}, {3}}, 0
  for _, inner in outer do -- 5.0: table
    for _, v in inner do n = n + v end -- 5.0: table
  end
  return n
end)
case("for k, v in pairs(t) unchanged", function() local n = 0 for k, v in pairs({1, 2, 3}) do n = n + v end return n end)
case("for with a function iterator unchanged", function() local n = 0 for w in string.gfind("a b c", "%a") do n = n + 1 end return n end)

local function vararg(...) return arg.n, arg[1], arg[2], arg[3] end
case("implicit arg", vararg, "a", nil, "c")
case("implicit arg, none", vararg)
case("implicit arg with named parameters", function() local function f(a, ...) return a, arg.n, arg[1] end return f(1, 2, 3) end)
case("arg passed on with unpack", function() local function g(...) return select("#", ...) end local function f(...) return g(unpack(arg)) end return f(1, nil, 3) end)

E{"table.getn({1, 2, 3})", "table.getn({n = 5})", "table.getn({})", "table.getn({1, 2, nil, n = 2})",
  "math.mod(7, 3)", "math.mod(-7, 3)", "math.mod(7.5, 2)", "math.floor(math.log10(1000) + 0.5)", "math.pow(2, 8)",
  "math.ldexp(1, 4)", "math.frexp(8)", "string.len('abc')", "unpack({1, 2, 3})", "unpack({1, 2, 3}, 2)",
  "unpack({1, 2, nil, n = 3})", "select('#', unpack({n = 3}))", "loadstring('return 1 + 1')()", "loadstring('x =')",
  "string.gsub('hello world', 'o', '0')", "string.find('a.b', '.', 1, 1)", "string.rep('ab', 2)",
  "type(gcinfo())", "table.concat({1, 2, 3}, ', ')", "tostring(nil)", "math.max(1, 5, 3)",
  "string.format('%d items', 3)", "string.byte('A')", "string.char(72, 105)", "math.abs(-3)",
  "tonumber('0x1F')", "tonumber('z', 36)", "#'abc'", "table.getn(arg or {}) >= 0"}
case("table.foreach", function() local r = {} table.foreach({a = 1, b = 2}, function(k, v) r[#r + 1] = k .. v end) table.sort(r) return table.concat(r, ",") end)
case("table.foreach stops at a value", function() return table.foreach({1, 2, 3}, function(k, v) if v == 2 then return "stopped at " .. k end end) end)
case("table.foreachi", function() local r = {} table.foreachi({"x", "y", "z"}, function(i, v) r[#r + 1] = i .. v end) return table.concat(r, ",") end)
case("table.insert and getn", function() local t = {} table.insert(t, "a") table.insert(t, 1, "b") return table.getn(t), t[1], t[2] end)
case("table.remove and getn", function() local t = {1, 2, 3} local v = table.remove(t, 1) return v, table.getn(t) end)
case("string.gfind", function() local r = {} for k, v in string.gfind("a=1, b=2", "(%w+)=(%w+)") do r[#r + 1] = k .. v end return table.concat(r, ";") end)
case("getfenv of a function", function() local function f() return x end return getfenv(f) == _G end)
case("setfenv of a function", function() local function f() return value end setfenv(f, {value = 42}) return f() end)
case("setfenv(1, t) in a function", function()
  local function f() local env = {print = print, result = "from env"} setfenv(1, env) return result end
  return f()
end)
case("getfenv(0)", function() return getfenv(0) == _G end)
case("loadstring with a chunk name", function() local f, e = loadstring("error('e')", "=my chunk") return pcall(f) end)
case("dofile in 5.0 style", function() return dofile("support/values.lua") end)
case("string methods", function() local s = "abc" return s:upper(), s:len(), string.sub(s, 2) end)
case("upvalues in closures", function() local function counter() local n = 0 return function() n = n + 1 return n end end local c = counter() c() return c() end)
case("numeric for", function() local s = 0 for i = 10, 1, -3 do s = s + i end return s end)
case("while and repeat", function() local i, n = 0, 0 while i < 5 do i = i + 1 end repeat n = n + 1 until n >= 3 return i, n end)
case("string concatenation of numbers", function() return 1 .. "" .. 2 end)
case("pcall error message", function() return pcall(error, "msg") end)
case("error with position", function() local ok, e = pcall(function() error("positioned") end) return e end)
case("multiple assignment", function() local a, b, c = 1, 2 return a, b, c end)
case("varargs to table with n", function() local function f(...) return arg end local t = f(1, 2) return t.n, t[1], t[2] end)
case("next over a table", function() local k, v = next({answer = 42}) return k, v end)
case("ipairs", function() local s = 0 for i, v in ipairs({5, 6, 7}) do s = s + i * v end return s end)
case("sorting with a comparison", function() local t = {3, 1, 2} table.sort(t, function(a, b) return a > b end) return table.concat(t) end)
case("string.find with captures", function() return string.find("key=value", "(%w+)=(%w+)") end)
case("nested functions and recursion", function() local function fact(n) if n <= 1 then return 1 end return n * fact(n - 1) end return fact(10) end)
case("object with methods", function()
  local Account = {}
  Account.__index = Account
  function Account.new(b) return setmetatable({balance = b}, Account) end
  function Account:deposit(v) self.balance = self.balance + v end
  local a = Account.new(100) a:deposit(50) return a.balance
end)
case("global assignment of a compat helper name", function()
  __vpop3_forin = nil
  __vpop3_arg = "overwritten"
  local n = 0
  for k, v in {1, 2, 3} do n = n + v end -- 5.0: table
  local f = loadstring("local n = 0 for k, v in {4, 5} do n = n + v end return n") -- 5.0: loaded
  local function g(...) return arg.n end
  return n, f and f(), g(1, 2)
end)
case("gsub replacement %x keeps the character", function() return pcall(string.gsub, "a", "a", "%x") end)
case("table.setn", function() local t = {} return pcall(table.setn, t, 3) end)
case("gfind with a capture", function() local r = {} for a in string.gfind("k1=v1;k2=v2", "(%w+)=") do r[#r + 1] = a end return table.concat(r, ",") end)
case("math.mod of negatives", function() return math.mod(-7, 3), math.mod(7, -3) end)
case("table.getn of arg", function() local function f(...) return table.getn(arg) end return f(1, nil, 3) end)
case("5.0: error in a tail call has its position", function() local function g() return error("tail") end return g() end)
case("5.0: argument error in a tail call", function() local function g(s) return string.rep(s) end return g() end)
case("5.0: argument error names the function", function() local n = math.floor({}) return n end)
case("loadstring without a chunk", function() local f, e = loadstring() return f, e end)
case("loadstring of a table", function() local f, e = loadstring({}) return f, e end)
case("loadstring with a syntax error", function() return loadstring("return return", "=c") end)

-- the 5.0 dialect at its edges: arg with nils and nesting, gfind, getn, mod, loadstring
case("arg in vararg with nils", function() local function f(...) return arg.n, arg[1], arg[3] end return f(nil, 2, nil) end)
case("arg in nested vararg", function() local function f(...) local function g(...) return arg.n end return g(1, 2, 3), arg.n end return f(1) end)
case("arg with named and vararg", function() local function f(a, b, ...) return a, b, arg.n end return f(1) end)
case("arg is a table", function() local function f(...) return type(arg) end return f() end)
case("gfind frontier", function() local r = {} for w in string.gfind("one two", "%a+") do r[#r + 1] = w end return table.concat(r, ",") end)
case("table.getn of holes", function() return table.getn({1, 2, 3, nil}) end)
case("table.getn counts to the first nil", function() return table.getn({1, 2, nil, 4}) end)
case("table.foreachi stops at the first nil", function() local n = 0 table.foreachi({1, 2, nil, 4}, function() n = n + 1 end) return n end)
case("collectgarbage(limit)", function() return select("#", collectgarbage(0)), select("#", collectgarbage(1000)), collectgarbage("count") > 0 end)
case("math.mod zero", function() return math.mod(1, 0) ~= math.mod(1, 0) end)
case("math.mod neg zero", function() return math.mod(-6, 3) end)
case("loadstring runtime error", function() return pcall(loadstring("local x = nil; return x.y", "=chunk")) end)
case("loadstring syntax error", function() return loadstring("x = = 1") end)
case("loadstring name", function() return loadstring("x = = 1", "named") end)
case("unpack ranges", function() return unpack({1, 2, 3}, 2, 3) end)
case("unpack empty", function() return select('#', unpack({})) end)
case("string.len number", function() return string.len(123) end)
case("tostring numbers", function() return tostring(1e15), tostring(0.1), tostring(-0.0) .. "", 2^53 .. "" end)
case("for numeric floats", function() local r = {} for i = 1, 2, 0.25 do r[#r + 1] = i end return table.concat(r, " ") end)
case("string.format %d float", function() return string.format("%d", 3.7) end)
case("concat number float", function() return 1.5 .. "|" .. 10 / 2 end)
case("table.insert middle", function() local t = {1, 2, 3} table.insert(t, 2, "x") return table.concat(t, ",") end)
case("string.rep 0", function() return string.rep("x", 0) end)
case("math.floor string", function() return math.floor("3.7") end)
case("tonumber hex base 16", function() return tonumber("ff", 16), tonumber("0x10"), tonumber("1e2") end)
case("select negative", function() return select(-1, 1, 2, 3) end)
case("getn after insert/remove", function() local t = {} for i = 1, 10 do table.insert(t, i) end table.remove(t) table.remove(t, 1) return table.getn(t), t[1] end)
case("string.find init beyond", function() return string.find("abc", "b", 10) end)
case("gsub with table repl", function() return string.gsub("$a $b", "%$(%w)", {a = "1"}) end)
case("gsub with function false", function() return string.gsub("abc", "%w", function(c) if c == "b" then return false end return c:upper() end) end)
-- a file is named in messages as the script named it (Lua's "@" .. name)
case("dofile ./ runtime error in 5.0 style", function() return dofile("./support/fails.lua") end)
case("loadstring with a chunk name over 60 bytes", function() return loadstring("x = = 1", string.rep("a", 100)) end)
case("loadstring of a text over 60 bytes, a runtime error", function() return pcall(loadstring(string.rep("-- a comment ", 8) .. "\nlocal t return t.x")) end)
-- a loaded 5.0 text is rewritten as a whole (the implicit arg): whatever else it holds must not stop that
local function loadedArg(text) return loadstring(text)(1, 2) end
case("loaded: a line comment ends the text", function() return loadstring("return 1 -- no line break after me")() end)
case("loaded: arg after a long comment over lines", function() return loadedArg("--[[ a comment\nover lines ]]\nlocal function f(...) return arg.n end return f(...)") end)
case("loaded: arg after a long string opening with a bracket", function() return loadedArg("local s = [[[x]] local function f(...) return s, arg.n end return f(...)") end)
case("loaded: arg after a long string holding a table index", function() return loadedArg("local s = [[t[1] ]] local function f(...) return s, arg.n end return f(...)") end)
case("loaded: arg after a level 1 long string holding [[", function() return loadedArg("local s = [=[ [[ ]=] local function f(...) return s, arg.n end return f(...)") end)
case("loaded: arg after a level 2 long string holding ]=]]", function() return loadedArg("local s = [==[ a ]=]] ]==] local function f(...) return s, arg.n end return f(...)") end)
case("loaded: arg after numbers followed by comments", function() return loadedArg("local n = 1-- do it once\nlocal m = 0x10-- do it again\nlocal function f(...) return n, m, arg.n end return f(...)") end)
case("loaded: arg added to a hex numeral ending in e", function() return loadedArg("local function f(...) return 0xe+arg.n end return f(...)"), loadedArg("local function f(...) return 0XE-arg.n end return f(...)") end)
case("loaded: arg beside names holding keywords", function() return loadedArg("local forAll, endZone, doze = 1, 2, 3 local function f(...) return forAll + endZone + doze, arg.n end return f(...)") end)
case("loaded: arg read after a comma", function() return loadedArg("local function f(...) return math.max(0, arg.n) end return f(...)") end)
case("loaded: arg read in a local statement", function() return loadedArg("local function f(...) local t = arg return t.n, t[2] end return f(...)") end)
case("loaded: arg after a do block", function() return loadedArg("local function f(...) do local x = 1 end return arg.n end return f(...)") end)
case("getfenv(2) returned after a comment", function()
  local function whose() return -- the caller's environment, not the caller's caller's
    getfenv(2) end
  local function caller() local unused = marker return (whose()) end
  setfenv(caller, {marker = 1})
  return caller() == _G, (caller()).marker
end)
case("getfenv(1) and setfenv(1, t) returned", function()
  local own = setmetatable({}, {__index = _G})
  local function whose() local _ = marker return getfenv(1) end
  setfenv(whose, own)
  local function callers() return getfenv(2) end
  local function caller() local _ = marker local env = callers() return env end
  setfenv(caller, own)
  local function set(t) local _ = marker return setfenv(1, t) end
  local returned = set(own)
  return whose() == own, select("#", whose()), caller() == own, getfenv(set) == own, returned == set
end)
case("getfenv(2) through a tail call", function()
  local function callers() return getfenv(2) end
  local function through() return callers() end
  return pcall(through)
end)
case("setfenv of a function whose first upvalue is a local", function()
  local x = 1
  local function f() return x + y end
  setfenv(f, {y = 2})
  return f(), getfenv(f).y, x
end)
-- gsub's n and find's init, read by 5.0 and 5.1 as C ints and clamped to the subject's end (found by patfuzz.py)
case("gsub with a negative n", function() return string.gsub("a.b", "%.", "-", -1) end)
case("gsub with an n beyond a C int", function() return string.gsub("a.b", "%.", "-", 2^53) end)
case("find and match from beyond the end", function() local i, j = string.find("abc", "", 10) return i, j, string.match("abc", "()", 10) end)
