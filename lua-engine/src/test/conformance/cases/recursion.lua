dofile("harness.lua")
-- Deep recursion: Lua's own recursion and recursion through metamethods, library callbacks and pcall. Lua 5.2
-- stops C recursion at 200 levels ("C stack overflow") and Lua recursion when its stack is full ("stack
-- overflow"); the engine stops both at limit.call.depth nested calls and says so. "recursion caught" cases keep
-- what a script can rely on in both: pcall catches it, and the message says stack overflow.
local function tail(s) return (string.gsub(s, "^.-:%d+: ", "")) end
local function run(f) local ok, e = pcall(f) return ok, type(e) == "string" and tail(e) or type(e) end
local function caught(f) local ok, e = pcall(f) return ok, type(e) == "string" and e:find("stack overflow") ~= nil end
local shapes = {
  {"plain", function() local function f() return 1 + f() end return f() end},
  {"__index function", function() local t = setmetatable({}, {}) getmetatable(t).__index = function(t, k) return t[k] end return t.x end},
  {"__add", function() local mt = {} mt.__add = function(a, b) return a + b end local t = setmetatable({}, mt) return t + 1 end},
  {"__tostring", function() local t = setmetatable({}, {}) getmetatable(t).__tostring = function(x) return tostring(x) end return tostring(t) end},
  {"__eq", function() local mt = {} mt.__eq = function(a, b) return a == b end local x, y = setmetatable({}, mt), setmetatable({}, mt) return x == y end},
  {"__call", function() local t = setmetatable({}, {}) getmetatable(t).__call = function(self) return self() + 1 end return t() end},
  {"table.sort comparison", function() local function cmp(a, b) table.sort({3, 2, 1}, cmp) return a < b end table.sort({3, 2, 1}, cmp) end},
  {"gsub callback", function() local function f(c) return (string.gsub("ab", ".", f)) end return string.gsub("ab", ".", f) end},
  {"concatenation", function() local function f(n) return "x" .. f(n + 1) end return f(1) end},
  {"load", function() local function f() return load("return ...")(f()) end return f() end},
}
for _, shape in ipairs(shapes) do
  case("recursion: " .. shape[1], function() return run(shape[2]) end)
  case("recursion caught: " .. shape[1], function() return caught(shape[2]) end)
end
case("loop in __index tables", function() local a, b = {}, {} setmetatable(a, {__index = b}) setmetatable(b, {__index = a}) return run(function() return a.x end) end)
case("loop in __newindex tables", function() local a, b = {}, {} setmetatable(a, {__newindex = b}) setmetatable(b, {__newindex = a}) return run(function() a.x = 1 end) end)
case("pcall in pcall to the limit", function() local function f() return pcall(f) end return (f()) end)
case("xpcall with itself as handler to the limit", function() local function f() return xpcall(f, f) end return (f()) end)
case("recursion caught: coroutines", function() local function f() return coroutine.wrap(f)() end return pcall(f) == false end)
case("after an overflow the script goes on", function() local function f() return f() + 1 end pcall(f) local function g(n) if n == 0 then return 0 end return 1 + g(n - 1) end return g(100) end)
