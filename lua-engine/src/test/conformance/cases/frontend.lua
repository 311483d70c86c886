-- The compiler front end (lexer, parser, code generator) where differential fuzzing against lua5.2 found the
-- engine differing: each case is a text lua5.2 and the engine compiled or worded differently.
dofile("harness.lua")

-- a string token holding a zero byte: lua5.2 quotes the token near the error up to that byte (a C string)
case("a string with a zero byte near an error", function() return load("'\\0'", "=c") end)
case("a string with text and a zero byte near an error", function() return load("x = 1 \"ab\\0cd\" y", "=c") end)
case("an escape before a zero byte near an error", function() return load("\"\\65\\000\\66\" then", "=c") end)
case("an unfinished string with a zero byte", function() return load("x = 'a\\0b", "=c") end)
case("a constant with a zero byte in a runtime error", function() return -"a\0b" end)
case("a field with a zero byte in a runtime error", function() local t = {} return t["a\0b"].x end)

-- a [[ inside a long string or comment is text in Lua 5.2 (5.1 called it deprecated nesting); a Lua 5.0 script's
-- nested pair that balances is still read as 5.0 did
case("[[ inside a long comment", function() return load("x = 1 --[[\n  [[]]\nreturn 2", "=c")() end)
case("[[ inside a long comment ending the chunk", function() return load("return --[[[[\n]]", "=c")() end)
case("[[ inside a long string", function() return load("return [[[[\n]], 1", "=c")() end)
case("[[ at the end of a long string", function() return load("return [[a[[]]", "=c")() end)
case("[=[ and [[ inside a long string", function() return load("return [[[=[\\n[[[[]], 1", "=c")() end)
case("[[ inside a level-1 long string", function() return load("return [=[a[[b]=]", "=c")() end)
case("[[ inside an unfinished long string", function() return load("return [[xx[[x]==], 1", "=c") end)
case("[[ inside an unfinished long comment", function() return load("return --[[[[\255 [[]=] return 1", "=c") end)
case("[[ inside a long comment, then an error", function() return load("x = 1 --[[\n\n[[\\n]]x", "=c") end)

-- which instruction set a register: code a jump may skip (an and/or) names no variable, as in Lua 5.2.4
case("calling the result of and/or", function() local b return (b and function() end or [[x]])() end)
case("calling the result of or", function() local b return (b or "x")() end)
case("indexing the result of and/or", function() local b, c return (b and c or 1).x end)
case("arithmetic on the result of and/or", function() local b, c return (b and c or {}) + 1 end)
case("arithmetic on a local set under a condition", function()
  local a = 1
  if a then a = {} end
  return a + 1
end)
case("calling a constant after a condition", function() local b = false local f = "s" if b then f = 1 end return f() end)

-- each target of a multiple assignment is a C level in Lua 5.2: 250 targets are too many there, as here
case("a multiple assignment of 250 targets", function() return load(("x, "):rep(249) .. "x = 1", "=c") end)
case("a multiple assignment of 120 indexed targets", function()
  local f = load("local t = {} " .. ("t[#t + 1], "):rep(119) .. "t[#t + 1] = 1 return #t, t[1]", "=c")
  return f()
end)
case("a multiple assignment of 150 indexed targets", function()
  return load("local t = {} " .. ("t[#t + 1], "):rep(149) .. "t[#t + 1] = 1", "=c")
end)

-- a text that does not compile is reported as written: the Lua 5.0 rewriter's edits do not show in the message
case("a bad for list", function() return load("for k in pairs|(t) do end", "=c") end)
case("a for list ending in a comma", function() return load("for k in t, do end", "=c") end)
case("a for list, then an extra end", function() return load("for k in t do end end", "=c") end)
case("a long string balanced as in 5.0, then an error", function() return load("[[\nx[[\n]]]] 'y'", "=c") end)

-- Lua 5.2 counts its C calls under way (the host's call, each pcall) against the 200 C levels a text may nest,
-- so how deep a text compiles there depends on where load is called; the engine counts the text's own levels
case("197 nested parentheses", function() return load("return " .. ("("):rep(197) .. "1" .. (")"):rep(197), "=c") ~= nil end)

-- ^ is C's pow, folded or not: 1 to any power and -1 to an infinite one are 1 (Java's Math.pow gives NaN)
E{"1 ^ (0/0)", "1 ^ (1/0)", "1 ^ -(1/0)", "(-1) ^ (1/0)", "(-1) ^ -(1/0)", "math.pow(1, 0/0)", "math.pow(-1, 1/0)",
  "2 ^ (1/0)", "0.5 ^ (1/0)", "(0/0) ^ 0", "(-2) ^ 0.5 ~= (-2) ^ 0.5"}
case("1 to the power of a NaN in a local", function() local one, nan = 1, 0/0 return one ^ nan end)
case("-1 to the power of an infinity in a local", function() local m, inf = -1, 1/0 return m ^ inf, m ^ -inf end)
-- the sign of a NaN that glibc's pow makes from a NaN (tostring shows it; the harness writes any NaN as nan)
case("the sign of -nan to an odd power", function() return tostring((0/0) ^ 7) end)

-- assigning to a field of a string: the string is what cannot be indexed (strings have no __newindex)
case("a field of a local string assigned", function() local s = "str" s.x = 1 end)
case("a field of a global string assigned", function() gs = "str" gs.x = 1 end)
case("a field of a string field assigned", function() local t = {s = "str"} t.s.x = 1 end)
case("a field of a string upvalue assigned", function() local s = "str" return (function() s[1] = 1 end)() end)
case("a field of a string constant assigned", function() ("str").x = 1 end)
case("a field of a string method result assigned", function() local s = "str" s:upper().x = 1 end)

-- a chunk named after its text is cut at 45 bytes; a cut inside a UTF-8 character moves to its start here, as a
-- message is a Java string (Lua 5.2 keeps the character's first byte)
case("a chunk name cut inside a UTF-8 character", function()
  local _, e = load("x = '" .. ("a"):rep(39) .. "\195\169\195\169' +")
  return e
end)

-- a __newindex chain that reaches a value no table: that value, which no variable holds, cannot be indexed
case("a __newindex chain to a string", function() local t = setmetatable({}, {__newindex = "str"}) t.x = 1 end)
case("a __newindex chain to a number", function() local t = setmetatable({}, {__newindex = 5}) t[1] = 1 end)
case("a __newindex chain through a table to a boolean", function()
  local t = setmetatable({}, {__newindex = setmetatable({}, {__newindex = true})})
  t.x = 1
end)
case("a chunk name cut before a byte of Windows-1252 text", function()
  local _, e = load("x = '" .. ("a"):rep(40) .. "\160\160' +")
  return (string.find(e, ("a"):rep(40) .. "...", 1, true)) ~= nil
end)

-- table.unpack's i and j are C ints, cast from the number as x86-64 casts it (found by mutating the 5.2 suite)
E{"pcall(table.unpack, {}, -(21^31), 2^31 - 1)", "select('#', table.unpack({}, 2^32 + 1, 2^32 + 3))",
  "select('#', table.unpack({}, 1e10, 1e10 + 2))", "select('#', table.unpack({}, -1e10, -1e10 + 5))",
  "pcall(table.unpack, {}, 0, 2^31 - 1)", "table.unpack({1, 2, 3}, 2^32 + 2, 2^32 + 3)"}

-- a nil key through a __newindex that is a string: two errors at once; Lua 5.2 reports the string, LuaJ the key
case("a nil key through a __newindex string", function() local t = setmetatable({}, {__newindex = "x"}) t[nil] = 1 end)
