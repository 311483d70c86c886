-- Everyday basics: pairs/ipairs with __pairs/__ipairs/__index, __len, __tostring (and its errors), runtime error
-- messages of common mistakes, error values and levels, math edge cases, and which globals exist.
dofile("harness.lua")
function keys(t) local r = {} for k in pairs(t) do r[#r + 1] = tostring(k) end return table.concat(r, ",") end
E{"keys({1, 2, 3})", "keys({10, 20, nil, 40})", "setmetatable({}, {__pairs = function(t) return function(_, k) if not k then return 1, 'one' end end, t, nil end}) and keys(setmetatable({}, {__pairs = function(t) return function(_, k) if not k then return 1, 'one' end end, t, nil end}))",
  "(function() local n = 0 for i, v in ipairs(setmetatable({}, {__index = function(t, i) if i <= 3 then return i * 10 end end})) do n = n + v end return n end)()",
  "(function() local n = 0 for i, v in ipairs(setmetatable({}, {__ipairs = function(t) return function(_, i) if i < 2 then return i + 1, 'x' end end, t, 0 end})) do n = n + 1 end return n end)()",
  "#setmetatable({}, {__len = function() return 5 end})", "tostring(setmetatable({}, {__tostring = function() return 'T' end}))",
  "tostring(setmetatable({}, {__tostring = function() return 5 end}))", "tostring(setmetatable({}, {__tostring = function() return {} end}))",
  "string.format('%s', setmetatable({}, {__tostring = function() return 'F' end}))", "tostring(setmetatable({}, {__name = 'N'})):sub(1, 5)",
  "'x' .. nil", "nil .. 'x'", "{} .. 'x'", "1 < 'x'", "'x' < 1", "{} < {}", "nil > 1", "true + 1", "#nil", "#5", "-{}", "(nil)()", "('x')()",
  "(function() local t = {} t.a.b = 1 end)()", "(function() local s = 'x' return s.y.z end)()", "(function() return math.nope() end)()", "(function() return ('x'):nope() end)()",
  "select('#', nil, nil)", "select(2, 'a', 'b', 'c')", "select(-1, 'a', 'b')", "type(print)", "rawequal('a', 'a')", "rawget(_G, 'print') == print",
  "string.format('%d', '5')", "('abc'):len()", "(5):type()", "math.huge", "-math.huge", "math.pi", "math.fmod(7, 3)", "math.fmod(-7, 3)", "math.fmod(7, 0)", "7 % 0", "7 % math.huge", "-7 % math.huge",
  "math.floor(-3.5)", "math.ceil(3.2)", "math.abs(-0.0)", "math.sqrt(-1)", "math.log(8, 2)", "math.log(100, 10)", "math.exp(0)", "math.tointeger", "math.type",
  "string.format('%.3f', 2/3)", "8 // 3", "1 & 2", "0x10", "0xA.8p1", "1e2", ".5", "3 == 3.0", "2^0.5 == math.sqrt(2)", "100000000000000", "1e15 + 0.5",
  "tostring(print):match('^builtin') or tostring(print):match('^function')", "next({}, nil)", "type(next)", "getmetatable('x') ~= nil", "('x'):upper()",
  "error()", "error(nil)", "error({})", "error('msg', 0)", "error('msg', 1)", "error('msg', 2)", "error(42)", "assert(false)", "assert(nil, 'm')", "assert(1, 2, 3)",
  "pcall()", "pcall(error)", "select('#', pcall(error))", "xpcall(error, function(m) return 'h:' .. tostring(m) end, 'x')", "tostring(nil)", "tostring(true)", "tonumber(true)",
  "string.byte('')", "string.char(256)", "string.char(-1)", "('x'):rep(0)", "string.sub('hello', 2, -2)", "string.find('', '')", "string.find('abc', '', 10)", "string.match('  x', '^%s*()')",
  "#arg", "type(arg)", "_VERSION", "type(_ENV)", "type(bit32)", "bit32.band(0xFF, 0x0F)", "type(utf8)", "type(table.pack)", "type(table.unpack)", "type(unpack)", "type(loadstring)", "type(setfenv)", "type(math.mod)", "type(string.gfind)",
  "collectgarbage('nooption')", "collectgarbage('')", "collectgarbage(12)", "collectgarbage({})", "collectgarbage('COUNT')", "collectgarbage()",
  "collectgarbage('collect')", "collectgarbage('step')", "collectgarbage('step', 100)", "collectgarbage('isrunning')", "collectgarbage('generational')",
  "collectgarbage('incremental')", "collectgarbage('collect', 'x')", "collectgarbage('setstepmul', {})", "select('#', collectgarbage('count'))",
  "(function() collectgarbage('stop') local r = collectgarbage('isrunning') collectgarbage('restart') return r, collectgarbage('isrunning') end)()",
  "(function() local a = collectgarbage('setpause', 150) return a, collectgarbage('setpause', a) end)()",
  "(function() local a = collectgarbage('setstepmul', 300.7) return a, collectgarbage('setstepmul', a) end)()",
  "(function() local a = collectgarbage('setmajorinc', '50') return a, collectgarbage('setmajorinc', a) end)()"}
