-- Varargs: ..., select, table.pack/unpack, adjustments of multiple results.
dofile("harness.lua")

-- globals, for the expressions of E, which are compiled as chunks of their own
function count(...) return select('#', ...) end
function pass(...) return ... end
function three() return 1, 2, 3 end
function none() end
E{"count()", "count(nil)", "count(nil, nil)", "count(1, nil, 3, nil)", "count(three())", "count(three(), 4)",
  "count((three()))", "count(none())", "count(none(), none())", "count(pass(1, 2, nil))", "count(table.unpack({1, nil, 3}))",
  "count(table.unpack({1, nil, 3}, 1, 3))", "{three()}[3]", "#{three(), three()}", "#{(three())}", "select(2, three())",
  "select(-1, three())", "select('#')", "(three())", "three() + 10", "count(...)", "select('2', 'a', 'b')",
  "select(2.5, 'a', 'b')", "select('x', 1)", "pass()", "pass(nil)"}
case("vararg in table constructor", function(...) local t = {...} return #t, t[1], t[3] end, 1, 2, 3)
case("vararg with nil holes", function(...) local t = table.pack(...) return t.n, t[2] end, 1, nil, nil)
case("vararg in the middle is one value", function(...) local t = {..., "end"} return #t, t[1], t[2] end, "a", "b")
case("vararg assigned to locals", function(...) local a, b, c = ... return a, b, c end, 1, 2)
case("vararg in closure is a syntax error", function() return load("function f(...) return function() return ... end end") end)
case("vararg in main chunk of load", function() return load("return select('#', ...)")(1, 2, 3) end)
case("arg in vararg function is a global in 5.2", function() local function f(...) return arg end return f(1, 2) end)
case("many values", function() local t = {} for i = 1, 250 do t[i] = i end return count(table.unpack(t)) end)
case("varargs through pcall", function() return pcall(pass, 1, nil, 3) end)
case("varargs through coroutine", function() local co = coroutine.wrap(function(...) return select('#', ...) end) return co(nil, nil, nil) end)
case("tail call of vararg", function() local function f(...) return pass(...) end return f(1, 2, 3) end)
case("string.format with varargs", function(...) return string.format("%s-%s", ...) end, "a", "b")
case("adjusting to one value in an expression list", function() local a, b, c = three(), 10 return a, b, c end)
case("multiple assignment evaluation", function() local a, b = 1, 2 a, b = b, a return a, b end)
case("multiple assignment extra values", function() local a, b = 1, 2, 3 return a, b end)
case("multiple assignment missing values", function() local a, b, c = 1 return a, b, c end)
case("multiple returns from method", function() local o = {f = function(self, ...) return select('#', ...) end} return o:f(1, 2) end)
for n = 0, 15 do
  case("pack and unpack " .. n, function()
    local t = {} for i = 1, n do t[i] = (i % 3 == 0) and nil or i end
    local p = table.pack(table.unpack(t, 1, n))
    return p.n, count(table.unpack(p, 1, p.n))
  end)
end

-- fresh loop locals in closures, vararg adjustment, goto in loops, coroutine basics, floats in for loops
case("fresh loop locals in closures", function() local fs = {} for i = 1, 3 do fs[i] = function() return i end end return fs[1](), fs[2](), fs[3]() end)
case("fresh locals in while", function() local fs, i = {}, 0 while i < 3 do i = i + 1 local j = i fs[i] = function() return j end end return fs[1](), fs[3]() end)
case("generic for fresh locals", function() local fs = {} for k, v in ipairs({'a', 'b'}) do fs[k] = function() return k .. v end end return fs[1](), fs[2]() end)
case("repeat scope until sees local", function() local n = 0 repeat local done = n >= 2 n = n + 1 until done return n end)
case("closure shares upvalue", function() local x = 1 local function get() return x end local function set(v) x = v end set(5) return get() end)
case("varargs select negative", function(...) return select(-2, ...) end, 1, 2, 3)
case("varargs adjust", function(...) local a, b = ... return a, b end, 1)
case("varargs nil middle", function(...) return select('#', ...), (select(2, ...)) end, nil, nil, 3)
case("varargs table.pack", function(...) local t = table.pack(...) return t.n, #t end, 1, 2, nil)
case("goto in nested loop continue", function() local r = 0 for i = 1, 3 do for j = 1, 3 do if j == 2 then goto cont end r = r + 1 ::cont:: end end return r end)
case("goto jumps backward in while", function() local n = 0 while true do n = n + 1 if n < 3 then goto again end break ::again:: end return n end)
case("coroutine wrap args", function() local co = coroutine.wrap(function(a, b) local c = coroutine.yield(a + b) return c * 2 end) return co(1, 2), co(5) end)
case("coroutine status", function() local co co = coroutine.create(function() return coroutine.status(co) end) return coroutine.resume(co) end)
case("coroutine dead resume", function() local co = coroutine.create(function() end) coroutine.resume(co) return coroutine.resume(co) end)
case("coroutine yield main", function() return pcall(coroutine.yield, 1) end)
case("coroutine running", function() return type(coroutine.running()), select(2, coroutine.running()) end)
case("integer division-like", function() return math.floor(-7 / 2), math.floor(7 / -2), -7 % 2, 7 % -2, -0.5 % 1, 5.5 % -2 end)
case("string.format float in %d", function() return pcall(string.format, '%d', 2.5) end)
case("tostring integers float", function() return tostring(3.0), tostring(-3.0), 1e100, 2^63 % 2 end)
case("numeric for with float steps accumulates", function() local n, last = 0 for i = 0, 1, 0.1 do n = n + 1 last = i end return n, last end)
case("numeric for large", function() local n = 0 for i = 2^53 - 3, 2^53 - 1 do n = n + 1 end return n end)
case("numeric for negative zero", function() local r for i = -0.0, 0 do r = 1 / i end return r end)
case("while with numbers compare", function() local i = 0.5 while i < 3 do i = i + 1 end return i end)
