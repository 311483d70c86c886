-- Writes the cases of the format conformance suite, one Lua expression a line, to standard output:
-- numbers turned into text on each path, string.format's conversions with random flags, widths, precisions
-- and values (a fixed seed, so the same cases every time), and hand-picked edge cases and errors.
-- Run by record.sh under Debian's lua5.2.

local seed = 20261205
local function random(n) -- Park-Miller: exact in doubles, the same under any Lua
  seed = seed * 16807 % 2147483647
  return seed % n
end
local function pick(list) return list[random(#list) + 1] end
local function emit(expression) io.write(expression, "\n") end

-- a Lua string literal with every byte outside printable ASCII escaped, so each case stays on one line
local function literal(s)
  return '"' .. s:gsub('[%c\128-\255"\\]', function(c) return "\\" .. c:byte() end) .. '"'
end

local numbers = {
  "0", "-z", "1", "-1", "0.1", "1/3", "-2/3", "100", "1e14", "1e14-1", "1e15", "1e16", "1e100", "-1e100",
  "1e-5", "1e-4", "0.0001234", "123.456", "2^53", "2^63", "-2^63", "2^31", "2^31-1", "-2^31", "2^32",
  "0.1+0.2", "1e21", "123456789012", "12345678901234", "123456789012345", "99999999999999.5", "1e308",
  "5e-324", "2.5e-310", "math.pi", "-math.pi", "1/0", "-1/0", "0/0", "-(0/0)", "math.huge-math.huge",
  "3.14159", "25.5", "2^-1074", "255/256", "7.0", "-7.25", "0.5", "1.5", "2.5", "0.125", "1e-300",
  "9.999999999999999", "0.000099999999999999", "1e14+0.5", "4503599627370495.5",
}
for _ = 1, 60 do
  local digits = {}
  for i = 1, 16 do digits[i] = random(10) end
  local mantissa = (random(9) + 1) .. "." .. table.concat(digits)
  numbers[#numbers + 1] = (random(2) == 0 and "-" or "") .. mantissa .. "e" .. (random(46) - 20)
end

for _, n in ipairs(numbers) do
  emit("tostring(" .. n .. ")")
  emit("(" .. n .. ") .. ''")
  emit("string.format('%s|%5s|%-22s', " .. n .. ", " .. n .. ", " .. n .. ")")
  emit("table.concat({" .. n .. ", " .. n .. "}, ' ')")
  emit("string.format('%q', " .. n .. ")")
end

local integers = {
  "0", "1", "-1", "42", "-42", "255", "4294967295", "2^31", "-2^31", "2^53", "-2^53", "2^62", "-2^63",
  "123456789", "3.7", "-3.7", "'17'", "1e15",
}
local unsigned = { "0", "1", "255", "4294967295", "2^53", "2^63", "18446744073709549568", "0.5", "12345", "'0x1F'" }
local strings = {
  "''", "'abc'", "'hello world'", "'x'", literal("a\0b"), "42", "1/3", literal("h\195\169llo"),
  "string.rep('ab', 60)", "true", "nil", "'a longer string of some thirty'",
}
local quotable = {
  "''", "'abc'", literal('say "hi"\n'), literal("a\0001\0a"), literal("\r\t\127\200\255"), literal("back\\slash"),
  "1/3", "2^53", "-z",
}
local conversions = { "d", "i", "u", "c", "x", "X", "o", "e", "E", "f", "g", "G", "q", "s", "a", "A" }

local function flags()
  local all, chosen = { "-", "+", " ", "#", "0" }, {}
  for _ = 1, random(4) do chosen[#chosen + 1] = pick(all) end
  -- five flags at most: Lua 5.2 refuses six as "repeated flags"
  return table.concat(chosen)
end

for _ = 1, 420 do
  local conversion = pick(conversions)
  local spec = "%" .. flags()
  if random(2) == 0 then spec = spec .. (random(5) == 0 and random(100) or random(31)) end
  if random(2) == 0 then spec = spec .. "." .. (random(5) == 0 and random(100) or random(21)) end
  spec = spec .. conversion
  local value
  if conversion == "d" or conversion == "i" then value = pick(integers)
  elseif conversion == "u" or conversion:lower() == "x" or conversion == "o" then value = pick(unsigned)
  elseif conversion == "c" then value = tostring(32 + random(95))
  elseif conversion == "s" then value = pick(strings)
  elseif conversion == "q" then value = pick(quotable)
  else value = pick(numbers) end
  emit("string.format(" .. literal("[" .. spec .. "]") .. ", " .. value .. ")")
end

for _, edge in ipairs({
  "string.format('%5.2f', 3.14159)", "string.format('%.2f MB', 25.5)", "string.format('%10.4g|', 1/3)",
  "string.format('%08.3f', -3.14159)", "string.format('%#x', 255)", "string.format('%5s|%-10s|%.2s', 'a', 'b', 'cdef')",
  "string.format('%d', 4294967295)", "string.format('%d', 2^53)", "string.format('%d', -2^53)",
  "string.format('%s', setmetatable({}, {__tostring = function() return 'T!' end}))",
  "string.format('%5s|', setmetatable({}, {__tostring = function() return 12 end}))",
  "string.format('%s', setmetatable({}, {__tostring = function() return {} end}))",
  "string.format('%.3s|', setmetatable({}, {__tostring = function() return false end}))",
  "string.format('%y', 1)", "string.format('%', 1)", "string.format('%5', 1)", "string.format('%d')",
  "string.format('%s')", "string.format('%d', 'x')", "string.format('%d', {})", "string.format('%s %s', 1)",
  "string.format('%123d', 1)", "string.format('%1.123f', 1)", "string.format('%------d', 1)",
  "string.format('%-----d|', 1)", "string.format('%d', 2^63)", "string.format('%d', 0/0)", "string.format('%d', 1/0)",
  "string.format('%x', -1)", "string.format('%x', 2^64)", "string.format('%u', -0.5)", "string.format('%q', {})",
  "string.format('%5%', 1)", "string.format('%%')", "string.format('100%% %d%%', 5)", "string.format()",
  "string.format(12, 1)", "string.format('%c%c%c', 76, 117, 97)", "string.format('%c', 0)", "string.format('%c', 256 + 65)",
  "string.format('%c', '66')", "string.format('%.0a %.1a %a', 1.5, 1.96875, 0)", "string.format('%s', 1e15)",
  "string.format('%.99f', 1/3)", "string.format('%99.99f', -1)", "string.format('%.3f', 2.0005)",
  "string.format('%.1f %.1f %.1f %.0f %.0f', 0.25, 0.35, 0.15, 0.5, 1.5)", "string.format('%.20e', 0.1)",
  "string.format('%g %g %g %g', 100000, 1000000, 1e-4, 1e-5)", "string.format('%#g %#.0e %#.0f %#o %#X', 1, 1, 1, 8, 0)",
  "string.format('%-+8.3d|% 05d|%+.0d|', 7, 42, 0)", "string.format('%s', 'a\\0b')",
  "string.format('%s', string.rep('x', 99) .. '\\0y')", "string.format('%s', string.rep('x', 100) .. '\\0y')",
  "string.format('%.200s', 'x')", "string.format('%5.1s|', 'abc')", "string.format('%q', 'x\\0001')",
  "string.format('%10q', 'x')", "string.format('%s %d %s', 'a', 1)", "('%d items'):format(3)",
  "string.format('%i', '  0x10  ')", "string.format('%f', '1e2')", "string.format('%e', 'x')",
  "string.format('%.14g', 0.1)", "string.format('%-5c|', 65)", "string.format('%5c|', 65)",
  "tostring(1e15) .. tostring(-1e15) .. tostring(1e-300)", "1/3 .. 1/3", "#tostring(1/3)",
  "tostring(-0)", "tostring(0/-1)", "tostring(-0.0)", "tostring(z * -1)", "tostring(-z + 0)", "tostring(z / -1)",
  "tostring(-z) .. tostring(-(-z))", "({[0] = 'zero'})[-z]",
}) do
  emit(edge)
end
