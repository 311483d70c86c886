-- Metamethods: arithmetic, comparison, concatenation, length, index, call, tostring, pairs and ipairs.
dofile("harness.lua")

local mt = {}
function V(x) return setmetatable({x = x}, mt) end
local function val(a) return type(a) == "table" and a.x or a end
for _, op in ipairs{"add", "sub", "mul", "div", "mod", "pow"} do
  mt["__" .. op] = function(a, b) return op .. "(" .. tostring(val(a)) .. "," .. tostring(val(b)) .. ")" end
end
mt.__unm = function(a) return "unm(" .. a.x .. ")" end
mt.__concat = function(a, b) return "cat(" .. tostring(val(a)) .. "," .. tostring(val(b)) .. ")" end
mt.__len = function(a) return 99 end
mt.__eq = function(a, b) return a.x == b.x end
mt.__lt = function(a, b) return val(a) < val(b) end
mt.__le = function(a, b) return val(a) <= val(b) end
mt.__call = function(self, ...) return "called", select('#', ...), ... end
mt.__tostring = function(a) return "V" .. a.x end
a, b = V(1), V(2)
E{"a + b", "a + 1", "1 + a", "a - b", "a * 2", "a / b", "a % b", "a ^ b", "-a", "a .. b", "a .. 'x'", "'x' .. a",
  "1 .. a", "#a", "a == b", "a == V(1)", "a ~= V(1)", "a == 1", "a < b", "b < a", "a <= b", "a > b", "a >= b",
  "a < 2", "1 < a", "a <= 1", "a('x', 'y')", "a()", "tostring(a)", "tostring(V('z'))", "'a' .. 1 .. a",
  "a .. b .. 'c'", "rawequal(a, V(1))", "rawlen(a)"}

-- mixed-type comparisons: 5.2 calls __lt/__le only for two tables (or two userdata) sharing the handler
local cmp = {__lt = function() return true end, __le = function() return true end}
local c1, c2 = setmetatable({}, cmp), setmetatable({}, cmp)
case("__lt two tables", function() return c1 < c2 end)
case("__le two tables", function() return c1 <= c2 end)
case("__lt table and number", function() return c1 < 1 end)
case("__lt number and table", function() return 1 < c1 end)
case("__le table and string", function() return c1 <= "x" end)
case("__lt different handlers", function() return c1 < setmetatable({}, {__lt = function() return true end}) end)
case("__le falls back to not __lt", function() local m = {__lt = function(x, y) return false end} return setmetatable({}, m) <= setmetatable({}, m) end)
case("__eq different handlers", function() return setmetatable({}, {__eq = function() return true end}) == setmetatable({}, {__eq = function() return true end}) end)
case("__eq same handler", function() local m = {__eq = function() return true end} return setmetatable({}, m) == setmetatable({}, m) end)
case("__eq with a number", function() local m = {__eq = function() return true end} return setmetatable({}, m) == 1 end)
case("__lt result is a boolean", function() local m = {__lt = function() return "yes" end} return setmetatable({}, m) < setmetatable({}, m) end)
case("__concat on number and table", function() return 1 .. setmetatable({}, {__concat = function(x, y) return type(x) .. type(y) end}) end)
case("__add with string number", function() return "10" + setmetatable({}, {__add = function(x, y) return type(x) end}) end)

-- __index and __newindex
local log = {}
local proxy = setmetatable({}, {
  __index = function(t, k) return "default " .. tostring(k) end,
  __newindex = function(t, k, v) rawset(t, k, v and v * 2) end})
case("__index function", function() return proxy.anything, proxy[1] end)
case("__newindex function", function() proxy.n = 21 return rawget(proxy, "n"), proxy.n end)
case("__index table chain", function() local base = {a = 1} local mid = setmetatable({b = 2}, {__index = base}) local top = setmetatable({}, {__index = mid}) return top.a, top.b, top.c end)
case("__newindex table", function() local store = {} local t = setmetatable({}, {__newindex = store}) t.x = 1 return rawget(t, "x"), store.x end)
case("__index on existing key not called", function() local t = setmetatable({x = 1}, {__index = function() return 2 end}) return t.x end)
case("__index loop", function() local t = {} setmetatable(t, {__index = t}) return t.x end)
case("__index on a long chain", function() local t = {} for i = 1, 90 do t = setmetatable({}, {__index = t}) end return t.x end)
case("__index chain too long", function() local t = {} for i = 1, 110 do t = setmetatable({}, {__index = t}) end return t.x end)
case("rawget skips __index", function() return rawget(proxy, "zz") end)
case("rawset skips __newindex", function() local t = setmetatable({}, {__newindex = error}) rawset(t, "k", 1) return t.k end)

-- __pairs and __ipairs (5.2)
local pt = setmetatable({}, {__pairs = function(t) return function(_, k) if not k then return 1, "one" end end, t, nil end})
case("__pairs", function() local r = {} for k, v in pairs(pt) do r[#r + 1] = k .. "=" .. v end return table.concat(r, ",") end)
local it = setmetatable({}, {__ipairs = function(t) return function(_, i) if i < 3 then return i + 1, "v" .. i + 1 end end, t, 0 end})
case("__ipairs", function() local r = {} for i, v in ipairs(it) do r[#r + 1] = i .. "=" .. v end return table.concat(r, ",") end)
case("ipairs stops at the first nil", function() local r = 0 for i in ipairs({1, 2, nil, 4}) do r = i end return r end)
case("ipairs with __index", function() local t = setmetatable({}, {__index = function(_, i) if i <= 3 then return i * 10 end end}) local r = {} for i, v in ipairs(t) do r[#r + 1] = v end return table.concat(r, ",") end)
case("pairs without __pairs", function() local n = 0 for k, v in pairs({1, 2, x = 3}) do n = n + 1 end return n end)
case("__len used by #", function() return #setmetatable({1, 2, 3}, {__len = function() return 7 end}) end)
case("__len ignored by rawlen", function() return rawlen(setmetatable({1, 2, 3}, {__len = function() return 7 end})) end)
case("__len not used by table.insert", function() local t = setmetatable({}, {__len = function() return 5 end}) table.insert(t, "x") return rawget(t, 1), rawget(t, 6) end)
case("__tostring returning a number", function() return tostring(setmetatable({}, {__tostring = function() return 5 end})) end)
case("__tostring returning a table", function() return tostring(setmetatable({}, {__tostring = function() return {} end})) end)
case("__tostring used by print's tostring", function() return tostring(setmetatable({}, {__tostring = function() return "shown" end})) end)
case("__metatable field", function() return getmetatable(setmetatable({}, {__metatable = false})) end)
case("__call with arguments", function() return setmetatable({}, {__call = function(self, a, b) return a .. b end})("x", "y") end)
case("__call not a function", function() return setmetatable({}, {__call = 5})() end)
case("__unm on a string", function() return -"2" end)
case("__concat numbers", function() return 1 .. 2 end)
case("__index on strings", function() return ("abc").len, ("abc"):len() end)
case("__mode", function() local t = setmetatable({}, {__mode = "k"}) t[{}] = 1 return type(next(t)) end)
case("__gc ignored", function() setmetatable({}, {__gc = function() end}) return true end)
case("__div by zero via metamethod", function() return setmetatable({}, {__div = function() return "div" end}) / 0 end)
case("__eq not called for same object", function() local n = 0 local m = {__eq = function() n = n + 1 return false end} local x = setmetatable({}, m) return x == x, n end)

-- __concat, __eq, __le by __lt, __index/__newindex chains, a __call that is not a function, the operand
-- __unm and __len get twice, __pairs/__ipairs results, and strings with zero bytes compared
case("__concat chain", function() local m = {__concat = function(a, b) return (type(a) == 'table' and 'T' or a) .. '+' .. (type(b) == 'table' and 'T' or b) end} local t = setmetatable({}, m) return 'a' .. t .. 'b', t .. t end)
case("__concat with number", function() local t = setmetatable({}, {__concat = function(a, b) return type(a) .. type(b) end}) return t .. 1, 1 .. t, 1.5 .. t end)
case("__eq only same types", function() local m = {__eq = function() return true end} return setmetatable({}, m) == setmetatable({}, m), setmetatable({}, m) == 'x' end)
case("__eq result coerced", function() local m = {__eq = function() return 'yes' end} return setmetatable({}, m) == setmetatable({}, m) end)
case("__eq ~=", function() local m = {__eq = function() return false end} return setmetatable({}, m) ~= setmetatable({}, m) end)
case("__le falls back to __lt", function() local m = {__lt = function(a, b) return a.v < b.v end} local a, b = setmetatable({v = 1}, m), setmetatable({v = 2}, m) return a <= b, b <= a, a >= b end)
case("__lt result coerced", function() local m = {__lt = function() return nil end} return setmetatable({}, m) < setmetatable({}, m) end)
case("__index function gets key", function() local t = setmetatable({}, {__index = function(t, k) return k * 2 end}) return t[21], t[1.5] end)
case("__index string", function() local t = setmetatable({}, {__index = "abc"}) return t.len end)
case("__index number error", function() local t = setmetatable({}, {__index = 5}) return t.x end)
case("__newindex chain", function() local a = {} local b = setmetatable({}, {__newindex = a}) local c = setmetatable({}, {__newindex = b}) c.x = 1 return rawget(c, 'x'), rawget(b, 'x'), a.x end)
case("__call chain", function() local inner = setmetatable({}, {__call = function(self, x) return 'inner ' .. tostring(x) end}) local outer = setmetatable({}, {__call = inner}) return pcall(outer, 1) end)
case("__call method", function() local o = setmetatable({}, {__call = function(self, a, b) return a, b end}) return o(1, 2) end)
case("__len on table returning string", function() return #setmetatable({}, {__len = function() return 'x' end}) end)
case("__len nil result", function() return #setmetatable({}, {__len = function() end}) end)
case("__unm", function() return -setmetatable({}, {__unm = function(a, b) return type(b) end}) end)
case("__len arg", function() return #setmetatable({}, {__len = function(a, b) return type(b) end}) end)
case("__pairs returns 3", function() local t = setmetatable({}, {__pairs = function(t) return 1, 2, 3, 4 end}) return pairs(t) end)
case("__ipairs returns", function() local t = setmetatable({}, {__ipairs = function(t) return 'a', 'b', 'c', 'd' end}) return ipairs(t) end)
case("rawequal", function() local m = {__eq = function() return true end} return rawequal(setmetatable({}, m), setmetatable({}, m)) end)
case("rawlen string", function() return rawlen('abc\0') end)
case("string compare zeros", function() return 'a\0b' < 'a\0c', 'a\0' > 'a', 'a\0a' < 'a\1', '\0' < '\1', 'a\0b' == 'a\0b', 'a\0b' ~= 'a\0c' end)
case("string compare long", function() return string.rep('a', 100) .. 'b' > string.rep('a', 100) .. 'a' end)
-- arithmetic with a numeric string on the left: the metamethod gets the string, as 5.2's luaV_arith gives it
strmt = {__add = function(a, b) return type(a) .. "+" .. type(b) end, __sub = function(a, b) return type(a) .. "-" .. type(b) end,
  __mul = function(a, b) return type(a) .. "*" .. type(b) end, __div = function(a, b) return type(a) .. "/" .. type(b) end,
  __mod = function(a, b) return type(a) .. "%" .. type(b) end, __pow = function(a, b) return type(a) .. "^" .. type(b) end,
  __concat = function(a, b) return type(a) .. ".." .. type(b) end, __unm = function(a) return "-" .. type(a) end}
strobj = setmetatable({}, strmt)
E{"'10' + strobj", "'10' - strobj", "'10' * strobj", "'10' / strobj", "'10' % strobj", "'10' ^ strobj", "'10' .. strobj", "strobj + '10'", "strobj - '1'", "'x' + strobj", "' 0x10 ' * strobj",
  "10 + strobj", "strobj + 10", "-strobj", "'10' + '5'", "'10' + 5", "'3' ^ '2'", "'7' % '-3'", "'1e1' / '4'", "'10' + {}", "'x' + {}", "'10' + nil", "'10' + true",
  "'x' + 1", "1 + 'x'", "'10' + 'x'", "'x' * '2'", "{} + '10'", "(function() local s = '10' local t = {} return s + t end)()",
  "(function() local s = 'abc' return s * 2 end)()", "(function() local t = {} return t.x + '1' end)()", "math.floor('10' + 0.5)", "('5'):rep(2) + 1"}
case("print of a __tostring returning a table", function() return pcall(print, setmetatable({}, {__tostring = function() return {} end})) end)
case("print of a __tostring returning nil", function() return pcall(print, setmetatable({}, {__tostring = function() return nil end})) end)
case("print of a __tostring returning true", function() return pcall(print, setmetatable({}, {__tostring = function() return true end})) end)
case("print of a __tostring returning a table, in a function", function() return pcall(function() print(setmetatable({}, {__tostring = function() return {} end}), 1) end) end)
case("print calls the global tostring of the moment", function() local old = tostring tostring = function() return nil end local ok, e = pcall(print, 1) tostring = old return ok, e end)
