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
