-- The table library: insert, remove, concat, sort, pack, unpack.
dofile("harness.lua")

local function list(t) local parts = {} for i = 1, #t do parts[i] = tostring(t[i]) end return #t, table.concat(parts, ",") end
local function run(f) return function(...) local t = {...}; f(t); return list(t) end end

case("insert at end", run(function(t) table.insert(t, 4) end), 1, 2, 3)
case("insert at 1", run(function(t) table.insert(t, 1, 0) end), 1, 2, 3)
case("insert in the middle", run(function(t) table.insert(t, 2, 9) end), 1, 2, 3)
case("insert at n+1", run(function(t) table.insert(t, 4, 9) end), 1, 2, 3)
case("insert at n+2", run(function(t) table.insert(t, 5, 9) end), 1, 2, 3)
case("insert at 0", run(function(t) table.insert(t, 0, 9) end), 1, 2, 3)
case("insert at -1", run(function(t) table.insert(t, -1, 9) end), 1, 2, 3)
case("insert no value", run(function(t) table.insert(t) end), 1, 2, 3)
case("insert too many", run(function(t) table.insert(t, 1, 2, 3) end), 1, 2, 3)
case("insert nil at end", run(function(t) table.insert(t, nil) end), 1, 2, 3)
case("insert into empty", run(function(t) table.insert(t, 'a') end))
case("insert position as string", run(function(t) table.insert(t, '1', 'x') end), 1, 2)
case("insert position not a number", run(function(t) table.insert(t, 'a', 'x') end), 1, 2)
case("insert into non-table", function() table.insert(nil, 1) end)
case("remove last", function() local t = {1, 2, 3}; return table.remove(t), list(t) end)
case("remove first", function() local t = {1, 2, 3}; return table.remove(t, 1), list(t) end)
case("remove middle", function() local t = {1, 2, 3}; return table.remove(t, 2), list(t) end)
case("remove from empty", function() local t = {}; return table.remove(t), list(t) end)
case("remove at 0 of empty", function() local t = {}; return table.remove(t, 0) end)
case("remove at n+1", function() local t = {1, 2}; return table.remove(t, 3), list(t) end)
case("remove at n+2", function() local t = {1, 2}; return table.remove(t, 4) end)
case("remove at 0", function() local t = {1, 2}; return table.remove(t, 0) end)
case("remove at -1", function() local t = {1, 2}; return table.remove(t, -1) end)
case("remove returns nil value", function() local t = {1, nil, 3}; return select('#', table.remove(t, 2)) end)
for n = 0, 12 do
  case("concat 1.." .. n, function() local t = {} for i = 1, n do t[i] = i * 3 end return table.concat(t, ", ") end)
end
T("table.concat($)", {"{}", "{'a'}", "{'a', 'b'}, '-'", "{'a', 'b', 'c'}, '', 2", "{'a', 'b', 'c'}, '', 2, 3",
  "{'a', 'b', 'c'}, '-', 3, 2", "{'a', 'b', 'c'}, '-', 1, 4", "{1, 2, 3}, ' '", "{'a', {}, 'c'}", "{'a', nil, 'c'}",
  "{'a', true}", "{[2^31-1] = 'alo'}, 'x', 2^31-1, 2^31-1", "{[2^31] = 'a'}, 'x', 2^31, 2^31",
  "{[-1] = 'a', [0] = 'b'}, '', -1, 0", "{'a', 'b'}, 1", "{'a', 'b'}, {}", "nil", "{'a'}, '', 1.5",
  "{'x', 'y'}, '', '1', '2'", "{1.5, 2}, '|'"})
local function sorted(t, cmp) table.sort(t, cmp); return table.concat(t, ",") end
local data = {"{3, 1, 2}", "{5, 4, 3, 2, 1}", "{}", "{1}", "{2, 1}", "{'b', 'a', 'c'}", "{'B', 'a', 'C'}",
  "{10, 9, 100, 1}", "{'10', '9', '100'}", "{3, 3, 1, 1, 2, 2}", "{-1, 0, 1, -2}", "{0.5, 0.25, 1}",
  "{1, 'a'}", "{1, nil, 3}", "{{}, {}}"}
for _, t in ipairs(data) do
  case("sort " .. t, function() return sorted(load and load("return " .. t)() or loadstring("return " .. t)()) end)
  case("sort descending " .. t, function() return sorted((load and load("return " .. t) or loadstring("return " .. t))(), function(a, b) return a > b end) end)
end
for n = 1, 60 do
  case("sort pseudo-random " .. n, function()
    local t, x = {}, n
    for i = 1, n do x = (x * 1103515245 + 12345) % 2147483648; t[i] = x % 1000 end
    table.sort(t)
    for i = 2, n do if t[i - 1] > t[i] then return false end end
    return true, t[1], t[n]
  end)
end
case("sort invalid order function", function() local t = {} for i = 1, 20 do t[i] = 20 - i end table.sort(t, function(a, b) return true end) end)
case("sort with error in comparison", function() table.sort({1, 2, 3}, function() error("cmp") end) end)
case("sort non-table", function() table.sort(5) end)
T("select('#', table.unpack($))", {"{}", "{1, 2, 3}", "{1, nil, 3}", "{n = 5}", "{1, 2, 3}, 2", "{1, 2, 3}, 2, 3",
  "{1, 2, 3}, 3, 2", "{1, 2}, 1, 5", "{}, 1, 0", "{}, -2, 2"})
T("table.unpack($)", {"{1, 2, 3}", "{1, 2, 3}, 2", "{1, 2, 3}, 2, 3", "{1, 2}, 1, 4", "{1, 2, 3}, -1, 1",
  "{'a', 'b'}, '1', '2'", "{}, 1, 1e8", "{}, 2^31 - 2, 2^31 - 1", "nil"})
T("table.pack($).n", {"", "1", "1, 2, 3", "nil", "nil, nil", "1, nil"})
E{"table.pack(1, 2)[2]", "table.pack().n", "#table.pack(1, 2, 3)", "select(2, table.unpack(table.pack(1, 2, 3)))",
  "table.getn == nil", "table.maxn ~= nil", "#{1, 2, 3}", "#{n = 3}", "#{1, 2, nil}", "#{nil}", "#{}"}

-- insert and remove at edge positions, concat of numbers and invalid values, select, and the raw functions
local function list(t) local parts = {} for i = 1, #t do parts[i] = tostring(t[i]) end return #t, table.concat(parts, ",") end
local function run(f) return function(...) local t = {...}; f(t); return list(t) end end
case("insert at 2^31", run(function(t) table.insert(t, 2^31, 9) end), 1, 2, 3)
case("insert at 1.5", run(function(t) table.insert(t, 1.5, 9) end), 1, 2, 3)
case("insert at '2'", run(function(t) table.insert(t, '2', 9) end), 1, 2, 3)
case("insert at 2^32+1", run(function(t) table.insert(t, 2^32+1, 9) end), 1, 2, 3)
case("insert nil position", run(function(t) table.insert(t, nil, 9) end), 1, 2, 3)
case("insert in empty at 1", run(function(t) table.insert(t, 1, 9) end))
case("insert in empty at 2", run(function(t) table.insert(t, 2, 9) end))
case("insert in empty at 0", run(function(t) table.insert(t, 0, 9) end))
case("insert with nil value mid", run(function(t) table.insert(t, 1, nil) end), 1, 2, 3)
case("insert zero args", function() table.insert() end)
case("insert string table", function() table.insert("x", 1) end)
case("remove 1 of empty", function() local t = {} return table.remove(t, 1) end)
case("remove 2 of empty", function() local t = {} return table.remove(t, 2) end)
case("remove -1 of empty", function() local t = {} return table.remove(t, -1) end)
case("remove with n field", function() local t = {1, 2, n = 5} return table.remove(t), t.n end)
case("remove 1.5", function() local t = {1, 2, 3} return table.remove(t, 1.5), list(t) end)
case("remove '1'", function() local t = {1, 2, 3} return table.remove(t, '1'), list(t) end)
case("remove 'x'", function() local t = {1, 2, 3} return table.remove(t, 'x') end)
case("remove nil pos", function() local t = {1, 2, 3} return table.remove(t, nil), list(t) end)
case("remove non-table", function() return table.remove("x") end)
case("remove at hole end", function() local t = {1, 2, 3} t[5] = 5 return table.remove(t), #t end)
case("remove count", function() local t = {} return select('#', table.remove(t)) end)
case("remove count 0", function() local t = {} return select('#', table.remove(t, 0)) end)
case("remove count 3 of 2", function() local t = {1, 2} return select('#', table.remove(t, 3)) end)
T("table.concat($)", {"{1, 2.5, -0.0}", "{1e100, 2^63}", "{1, 'a'}, 3", "{'a', 'b'}, nil, 2", "{'a', 'b'}, '', 3", "{'a', 'b'}, '', 0", "{'a'}, '', 1, 0", "{[1] = 'a', [3] = 'c'}, ',', 1, 3", "{1, 2}, 1/0", "{'a', false}", "{print}", "{'a'}, '', 2^31", "{}, '', 1, 2^31", "{1,2,3}, ', ', -1, 1", "{'a', 'b'}, ',', 1.5, 2.5"})
T("select($)", {"-1, 'a', 'b'", "-2, 'a', 'b'", "-3, 'a', 'b'", "-1", "1", "2, 'a'", "3, 'a'", "1/0, 'a'", "-1/0, 'a'", "2^31, 'a'", "'#'", "'#x', 1", "' 2', 'a', 'b'", "nil", "{}", "1.9, 'a', 'b'", "-1.5, 'a', 'b'"})
T("$", {"rawequal(1, 1.0)", "rawequal('a', 'a')", "rawequal({}, {})", "rawequal()", "rawequal(1)", "rawlen({1, 2, nil, 4})", "rawlen()", "rawlen(nil)", "rawget({}, nil)", "rawget({}, 0/0)", "rawset({}, 1)", "rawset({}, 1, 2, 3) ~= nil", "rawget({}, 1, 2)", "next({})", "next({}, nil)", "next({1})", "next()", "next(nil)", "type()", "type(nil)", "getmetatable()", "getmetatable(1)", "setmetatable({}, nil) ~= nil", "setmetatable({})", "tostring(1, 2)", "tonumber()", "tonumber(nil)", "tonumber('10', nil)", "tonumber({}, 10)", "tonumber(10, 10)", "tonumber('1.0', 10)"})
