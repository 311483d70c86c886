-- table.concat, insert and remove at their edges and errors, os.date and os.time as mail scripts use them.
dofile("harness.lua")
T("table.concat($)", {"{}", "{}, ','", "{1, 2, 3}, ', '", "{1, 2, 3}, ', ', 2", "{1, 2, 3}, ', ', 2, 3", "{1, 2, 3}, ', ', 3, 2", "{1, 2, 3}, ', ', 4",
  "{1, 2, 3}, '', 0", "{'a', 'b'}, nil", "{'a', 'b'}, 1", "{1.5, -0.0, 1e100}", "{'a', {}, 'c'}", "{'a', true}", "{'a'}, ',', 1, 2", "{[1] = 'a', [3] = 'c'}, ','",
  "{'a', 'b'}, ',', '1', '2'", "{'a', 'b'}, ',', 1.5", "{'a'}, {}", "'abc'", "nil", "{'x', 'y', 'z'}, '\\0'"})
local function show_list(t) local p = {} for i = 1, #t do p[i] = tostring(t[i]) end return #t .. ":" .. table.concat(p, ",") end
_G.show_list = show_list
E{"(function() local t = {} table.insert(t, 'a') table.insert(t, 1, 'b') return show_list(t) end)()",
  "(function() local t = {1, 2, 3} table.insert(t, 4, 'x') return show_list(t) end)()",
  "(function() local t = {1, 2, 3} table.insert(t, 5, 'x') return show_list(t) end)()",
  "(function() local t = {1, 2, 3} table.insert(t, 0, 'x') return show_list(t) end)()",
  "(function() local t = {1, 2, 3} table.insert(t, -1, 'x') return show_list(t) end)()",
  "(function() local t = {1, 2, 3} table.insert(t, 2, nil) return show_list(t) end)()",
  "(function() local t = {1, 2, 3} table.insert(t, nil) return show_list(t) end)()",
  "(function() local t = {} table.insert(t, '1', 'x') return show_list(t) end)()",
  "(function() local t = {} table.insert(t, 1.5, 'x') return show_list(t) end)()",
  "table.insert({}, 1, 2, 3)", "table.insert({})", "table.insert(nil, 1)", "table.insert('x', 1)",
  "(function() local t = {1, 2, 3} return table.remove(t), show_list(t) end)()",
  "(function() local t = {1, 2, 3} return table.remove(t, 1), show_list(t) end)()",
  "(function() local t = {1, 2, 3} return table.remove(t, 3), show_list(t) end)()",
  "(function() local t = {1, 2, 3} return table.remove(t, 4), show_list(t) end)()",
  "(function() local t = {1, 2, 3} return table.remove(t, 5), show_list(t) end)()",
  "(function() local t = {1, 2, 3} return table.remove(t, 0), show_list(t) end)()",
  "(function() local t = {1, 2, 3} return table.remove(t, -1), show_list(t) end)()",
  "(function() local t = {} return table.remove(t, 0), show_list(t) end)()",
  "(function() local t = {} return table.remove(t, 1), show_list(t) end)()",
  "(function() local t = {[0] = 'z'} return table.remove(t, 0), t[0] end)()",
  "(function() local t = {1, 2, 3} return table.remove(t, '2'), show_list(t) end)()",
  "table.remove()", "table.remove({}, 'x')",
  "(function() local t = {5, 2, 8, 1} table.sort(t) return show_list(t) end)()",
  "(function() local t = {'b', 'B', 'a', 'A', '_', '1'} table.sort(t) return show_list(t) end)()",
  "(function() local t = {3, 1, 2} table.sort(t, function(a, b) return a > b end) return show_list(t) end)()",
  "pcall(table.sort, {1, 'x'})", "pcall(table.sort, {1, 2}, 3)", "pcall(table.sort, {{}, {}})",
  "table.unpack({1, 2, 3}, -1, 1)", "table.unpack({}, 1, 3)", "table.unpack({1, 2}, '1', '2')", "select('#', table.unpack({}, 1, 0))",
  "table.unpack({1, 2, 3}, 1, nil)", "table.unpack({1, 2, 3}, nil, 2)", "table.unpack({1, 2, 3}, nil, nil)",
  "(function(...) local t = {n = select('#', ...), ...} return table.unpack(t, 1, t.n) end)(1, nil)",
  "(function() local t = {1, 2} return table.unpack(t, 1, t.n) end)()",
  "table.maxn and table.maxn({1, nil, 3, [10] = 1, [1.5] = 2})"}
T("os.date($, 1798745172)", {"'!%a, %d %b %Y %H:%M:%S +0000'", "'!%Y%m%d'", "'!%H%M%S'", "'!%j'", "'!%y'", "'!%p'", "'!%I'", "'!%x'", "'!%X'", "'!%%'",
  "'!%Y-%m-%dT%H:%M:%SZ'", "'!'", "''", "'!%d/%m/%Y'", "'!%e'", "'!%U %W %V'", "'!%u %w'", "'!%n%t'", "'!%h'", "'!%r'", "'!%R'", "'!%T'", "'!%D'"})
T("os.date($)", {"'!%Q', 0", "'!%E', 0", "'!%Ec', 0", "'!%Oy', 0", "'%', 0", "'!%5d', 0", "'!*t', 1798745172", "'*t', 0", "'!*t', 'x'", "'!%Y', '1e9'", "'!%Y', 2^31", "'!%Y', -2^31"})
E{"os.date('!*t', 1798745172).yday", "os.date('!*t', 1798745172).isdst", "os.date('!*t', 1798745172).wday", "os.date('!*t', 0).hour",
  "type(os.date())", "type(os.time())", "type(os.clock())", "os.time({year = 2026, month = 12, day = 6, hour = 12})",
  "os.time({year = 2026, month = 12, day = 6})", "os.time({year = 2026, month = 13, day = 1, hour = 0})", "os.time({year = 2026, month = 1, day = 0, hour = 0})",
  "os.time({year = 2026, month = 3, day = 1, hour = -1})", "os.time({year = 2026, month = 12})", "os.time({year = '2026', month = '12', day = '6', hour = 0})",
  "os.time({year = 1969, month = 12, day = 31, hour = 23, min = 59, sec = 59})", "os.time({year = 2026, month = 12, day = 6, hour = 0, min = 90})",
  "os.difftime(10, 5)", "os.difftime(5)", "os.difftime(1.5, 0.25)", "os.date('!%H:%M', os.time({year = 2026, month = 6, day = 1, hour = 10, min = 5}))"}
