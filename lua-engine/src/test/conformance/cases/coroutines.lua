-- Coroutines: create, resume, yield, status, wrap, running, and their errors.
dofile("harness.lua")

case("resume and yield values", function()
  local co = coroutine.create(function(a, b) local c = coroutine.yield(a + b) local d, e = coroutine.yield(c * 2) return d + e end)
  local r = {}
  local function add(...) for i = 1, select('#', ...) do r[#r + 1] = tostring((select(i, ...))) end end
  add(coroutine.resume(co, 1, 2)); add(coroutine.resume(co, 10)); add(coroutine.resume(co, 3, 4)); add(coroutine.resume(co))
  return table.concat(r, " ")
end)
case("status through a life", function()
  local co
  co = coroutine.create(function() local s = coroutine.status(co) coroutine.yield(s) end)
  local a = coroutine.status(co)
  local _, b = coroutine.resume(co)
  local c = coroutine.status(co)
  coroutine.resume(co)
  return a, b, c, coroutine.status(co)
end)
case("status of the caller is normal", function()
  local outer
  outer = coroutine.create(function()
    local inner = coroutine.create(function() return coroutine.status(outer) end)
    return coroutine.resume(inner)
  end)
  return coroutine.resume(outer)
end)
case("resume dead", function() local co = coroutine.create(function() end) coroutine.resume(co) return coroutine.resume(co) end)
case("resume itself", function() local co co = coroutine.create(function() return coroutine.resume(co) end) return coroutine.resume(co) end)
case("resume a non-coroutine", function() return coroutine.resume(5) end)
case("create with a non-function", function() return coroutine.create(5) end)
case("yield outside a coroutine", function() return coroutine.yield(1) end)
case("running in main", function() local co, main = coroutine.running() return type(co), main end)
case("running in a coroutine", function() local co = coroutine.create(function() local c, m = coroutine.running() return type(c), m end) return coroutine.resume(co) end)
case("wrap", function() local f = coroutine.wrap(function(x) local y = coroutine.yield(x + 1) return y * 2 end) return f(1), f(5) end)
case("wrap dead", function() local f = coroutine.wrap(function() end) f() return f() end)
case("wrap error keeps position", function() local f = coroutine.wrap(function() error("in wrap") end) return pcall(f) end)
case("wrap error with table", function() local f = coroutine.wrap(function() error({}) end) local ok, e = pcall(f) return ok, type(e) end)
case("error in coroutine", function() local co = coroutine.create(function() local x = nil; return x.f end) return coroutine.resume(co) end)
case("error in coroutine then status", function() local co = coroutine.create(function() error("x") end) coroutine.resume(co) return coroutine.status(co) end)
case("yield across pcall", function()
  local co = coroutine.create(function() return pcall(function() coroutine.yield(1) return 2 end) end)
  local _, a = coroutine.resume(co)
  return a, coroutine.resume(co)
end)
case("yield from nested function", function()
  local function deep(n) if n == 0 then coroutine.yield("bottom") else deep(n - 1) end end
  local co = coroutine.create(function() deep(10) return "done" end)
  return coroutine.resume(co), select(2, coroutine.resume(co))
end)
case("generator", function()
  local gen = coroutine.wrap(function() for i = 1, 5 do coroutine.yield(i * i) end end)
  local r = {} for i = 1, 5 do r[i] = gen() end return table.concat(r, ",")
end)
case("producer and consumer", function()
  local producer = coroutine.create(function() for _, w in ipairs{"a", "b", "c"} do coroutine.yield(w) end return nil end)
  local r = {}
  while true do local _, w = coroutine.resume(producer) if not w then break end r[#r + 1] = w end
  return table.concat(r), coroutine.status(producer)
end)
case("yield many values", function() local co = coroutine.create(function() coroutine.yield(1, nil, 3, nil) end) return select('#', coroutine.resume(co)) end)
case("resume passes no values", function() local co = coroutine.create(function(...) return select('#', ...) end) return coroutine.resume(co) end)
case("coroutine.isyieldable absent in 5.2", function() return coroutine.isyieldable end)
case("yield in metamethod", function()
  local t = setmetatable({}, {__index = function(_, k) return coroutine.yield(k) end})
  local co = coroutine.create(function() return t.key end)
  return coroutine.resume(co)
end)
case("yield in iterator", function()
  local co = coroutine.wrap(function() for k in function() return coroutine.yield("it") end do return k end end)
  return co(), co("k")
end)
case("yield in table.sort comparison", function()
  local co = coroutine.create(function() table.sort({3, 2, 1}, function(a, b) coroutine.yield() return a < b end) end)
  return coroutine.resume(co)
end)
case("wrap of non-function", function() return coroutine.wrap(1) end)
case("status of a non-coroutine", function() return coroutine.status({}) end)
for n = 1, 20 do
  case("fibonacci generator " .. n, function()
    local fib = coroutine.wrap(function() local a, b = 0, 1 while true do coroutine.yield(a) a, b = b, a + b end end)
    local v for i = 1, n do v = fib() end return v
  end)
end
case("next with a bad key in a coroutine", function() return coroutine.resume(coroutine.create(function() next({}, "nope") end)) end)
case("table index is nil in a coroutine", function() return coroutine.resume(coroutine.create(function() local l = {} l[nil] = 1 end)) end)

-- resume and wrap: values both ways, dead and running coroutines, error values that are no strings, yields across
-- pcall and metamethods
case("yield values", function() local co = coroutine.create(function(a) local b, c = coroutine.yield(a, a * 2) return b + c end) local r1 = {coroutine.resume(co, 5)} local r2 = {coroutine.resume(co, 1, 2)} return r1[1], r1[2], r1[3], r2[1], r2[2], coroutine.status(co) end)
case("resume dead", function() local co = coroutine.create(function() return 1 end) coroutine.resume(co) return coroutine.resume(co) end)
case("resume running", function() local co co = coroutine.create(function() return coroutine.resume(co) end) return coroutine.resume(co) end)
case("wrap dead", function() local f = coroutine.wrap(function() end) f() return pcall(f) end)
case("error object through resume", function() local co = coroutine.create(function() error({code = 7}) end) local ok, e = coroutine.resume(co) return ok, type(e), e.code end)
case("error with level in coroutine", function() local co = coroutine.create(function() error("lvl", 2) end) return coroutine.resume(co) end)
case("status of normal", function() local outer outer = coroutine.create(function() local inner = coroutine.create(function() return coroutine.status(outer) end) return coroutine.resume(inner) end) return coroutine.resume(outer) end)
case("yield across pcall", function() local co = coroutine.create(function() return pcall(function() coroutine.yield(1) return 2 end) end) local a, b = coroutine.resume(co) local c, d, e = coroutine.resume(co) return a, b, c, d, e end)
case("yield across metamethod", function() local t = setmetatable({}, {__index = function(t, k) return coroutine.yield(k) end}) local co = coroutine.wrap(function() return t.foo end) local k = co() return k, co("bar") end)
case("isyieldable", function() return coroutine.isyieldable == nil end)
case("create non-function", function() return pcall(coroutine.create, 1) end)
case("resume non-coroutine", function() return pcall(coroutine.resume, {}) end)
case("wrap generator", function() local gen = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i) end end) return gen(), gen(), gen() end)
case("running inside", function() local co co = coroutine.create(function() local r, main = coroutine.running() return r == co, main end) return coroutine.resume(co) end)
case("yield no values", function() local co = coroutine.create(function() coroutine.yield() end) return select('#', coroutine.resume(co)) end)
case("resume passes nils", function() local co = coroutine.create(function(...) return select('#', ...) end) return coroutine.resume(co, nil, nil) end)
case("wrap error position", function() local f = coroutine.wrap(function() local x = nil return x.y end) return pcall(f) end)
case("tostring coroutine prefix", function() return (tostring(coroutine.create(print)):match("^thread: ")) ~= nil end)
case("error nil through resume", function() local co = coroutine.create(function() error() end) return coroutine.resume(co) end)
case("error number level 0 through resume", function() local co = coroutine.create(function() error(42, 0) end) local ok, e = coroutine.resume(co) return ok, e, type(e) end)
case("error false through wrap", function() local f = coroutine.wrap(function() error(false) end) return pcall(f) end)
case("error table through wrap keeps identity", function() local t = {} local f = coroutine.wrap(function() error(t) end) local ok, e = pcall(f) return ok, e == t end)
case("string error after table error", function() local co = coroutine.create(function() coroutine.yield() error("later") end) coroutine.resume(co) return coroutine.resume(co) end)
-- yields through pcall, metamethods, iterators and library callbacks; errors and statuses
local function resumes(f, ...) local co = coroutine.create(f) local r = {} local args = {...} while true do local res = {coroutine.resume(co, table.unpack(args))} r[#r + 1] = tostring(res[1]) .. ":" .. tostring(res[2]) if coroutine.status(co) == "dead" then break end if #r > 10 then break end end return table.concat(r, " ") end
_G.resumes = resumes -- the resumes of a coroutine, in order
E{"resumes(function() coroutine.yield(1) coroutine.yield(2) return 3 end)", "resumes(function() pcall(coroutine.yield, 'in pcall') return 'after' end)",
  "resumes(function() local ok, v = pcall(function() coroutine.yield('deep') error('boom') end) return tostring(ok) .. tostring(v) end)",
  "resumes(function() local t = setmetatable({}, {__index = function(t, k) return coroutine.yield(k) end}) return t.x end)",
  "resumes(function() local t = setmetatable({}, {__add = function(a, b) return coroutine.yield('add') end}) return t + 1 end)",
  "resumes(function() local t = setmetatable({}, {__lt = function(a, b) return coroutine.yield('lt') end}) return t < t end)",
  "resumes(function() local t = setmetatable({}, {__concat = function(a, b) return coroutine.yield('cat') end}) return t .. 'x' end)",
  "resumes(function() local t = setmetatable({}, {__call = function(self, a) return coroutine.yield('call') end}) return t(1) end)",
  "resumes(function() for k in (function() coroutine.yield('iter') return nil end) do end return 'done' end)",
  "resumes(function() return select(2, xpcall(function() coroutine.yield('x') error('e') end, function(m) return 'handled' end)) end)",
  "resumes(function() local s = string.gsub('ab', '.', function(c) coroutine.yield(c) end) return s end)",
  "resumes(function() return tostring(setmetatable({}, {__tostring = function() coroutine.yield('ts') return 'T' end})) end)",
  "resumes(function() return load(function() coroutine.yield('load') end) end)",
  "resumes(function() error('plain') end)", "resumes(function() error() end)", "resumes(function(...) return select('#', ...) end, 1, nil)",
  "coroutine.resume(coroutine.create(function() end))", "(function() local co = coroutine.create(function() end) coroutine.resume(co) return coroutine.resume(co) end)()",
  "coroutine.status(coroutine.create(print))", "(function() local co co = coroutine.create(function() return coroutine.status(co) end) return coroutine.resume(co) end)()",
  "coroutine.wrap(function() error('w') end)()", "coroutine.wrap(function() error({}) end)()", "(function() local f = coroutine.wrap(function() end) f() return f() end)()",
  "coroutine.yield(1)", "coroutine.resume(1)", "coroutine.create(1)", "coroutine.wrap(1)", "coroutine.status(1)", "select('#', coroutine.running())", "type(coroutine.running())",
  "(function() local co = coroutine.create(function() coroutine.yield() end) coroutine.resume(co) return coroutine.status(co) end)()",
  "(function() local co = coroutine.wrap(function() return coroutine.running() end) return type(co()) end)()",
  "(function() local outer = coroutine.create(function() local inner = coroutine.create(function() coroutine.yield('i') end) return coroutine.resume(inner) end) return coroutine.resume(outer) end)()"}
-- an xpcall's message handler runs on the stack of the failure, across which Lua 5.2 cannot yield: its yield is an
-- error in the handler ("error in error handling"), one the handler catches is the C-call boundary's; a coroutine
-- the handler resumes yields as any other. (Suspended there, a coroutine kept the failure's frames for traceback,
-- registers LuaJ had unwound, past the call and out of the retained-memory bound's sight.)
local function inHandler(handler) local co = coroutine.create(function() return xpcall(function() error("e") end, handler) end) local r = {coroutine.resume(co)} return coroutine.status(co), table.unpack(r) end
case("yield in a message handler", function() return inHandler(function(m) coroutine.yield("in handler") return "handled" end) end)
case("yield in a message handler, caught there", function() return inHandler(function(m) return select(2, pcall(coroutine.yield, "h")) end) end)
case("a message handler resumes a coroutine that yields", function() return inHandler(function(m) return coroutine.wrap(function() coroutine.yield("inner") end)() end) end)
case("yield in a Lua function the message handler calls", function() return inHandler(function(m) local function f() coroutine.yield("f") end f() return "handled" end) end)
-- where Lua 5.2's C library calls back into Lua without a continuation, a coroutine cannot yield across the call
E{"resumes(function() local t = {3, 1, 2} table.sort(t, function(a, b) coroutine.yield('cmp') return a < b end) return t[1] end)",
  "resumes(function() local t = {setmetatable({}, {__lt = function() coroutine.yield('lt') return true end}), 1} table.sort(t) end)",
  "resumes(function() local t = setmetatable({}, {__len = function() coroutine.yield('len') return 0 end}) table.insert(t, 1) return 'done' end)",
  "resumes(function() local t = setmetatable({}, {__len = function() coroutine.yield('len') return 0 end}) return table.remove(t) end)",
  "resumes(function() return string.gsub('ab', '.', setmetatable({}, {__index = function(t, k) coroutine.yield('ix') return 'z' end})) end)",
  "resumes(function() return (string.gsub('ab', '.', function(c) return tostring(pcall(coroutine.yield, c)) end)) end)",
  "resumes(function() return (string.gsub('ab', '.', function(c) return coroutine.wrap(function() coroutine.yield(c .. '!') end)() end)) end)",
  "resumes(function() print(setmetatable({}, {__tostring = function() coroutine.yield('p') return 'x' end})) end)",
  "resumes(function() return string.format('%s', setmetatable({}, {__tostring = function() coroutine.yield('f') return 'x' end})) end)",
  "resumes(function() for k in pairs(setmetatable({}, {__pairs = function(t) coroutine.yield('pairs') return next, t end})) do end return 'ok' end)",
  "resumes(function() for k in ipairs(setmetatable({}, {__ipairs = function(t) coroutine.yield('ipairs') return next, t end})) do end return 'ok' end)",
  "resumes(function() package.preload.yielding = function() coroutine.yield('req') return {} end return type(require('yielding')) end)",
  "resumes(function() return table.concat({'a', 'b'}) .. tostring(#setmetatable({}, {__len = function() coroutine.yield('#') return 2 end})) end)",
  "resumes(function() return select(2, load(function() coroutine.yield('reader') end)) end)"}
case("yield after library functions called back into Lua", function()
  local co = coroutine.create(function()
    local t = {3, 1, 2}
    table.sort(t, function(a, b) return a < b end)
    local s = string.gsub("ab", ".", function(c) return c:upper() end)
    coroutine.yield(t[1] .. s)
    return tostring(setmetatable({}, {__tostring = function() return "T" end}))
  end)
  local _, first = coroutine.resume(co)
  return first, coroutine.resume(co)
end)
