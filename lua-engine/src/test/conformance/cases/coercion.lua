-- Strings where numbers are wanted: every path that reads a string as a number (arithmetic, for loops, library
-- arguments) reads Lua 5.2 numerals, and rejects the same malformed ones ("0x", "1e", "inf") with a Lua error.
-- A case shows that error as "(error)": its wording is the errors area's business, not this one's.
dofile("harness.lua")

local function C(template, values)
  local at = string.find(template, "$", 1, true)
  for i = 1, #values do
    local source = string.sub(template, 1, at - 1) .. values[i] .. string.sub(template, at + 1)
    local f = assert(load("return (function(...) return ... end)(" .. source .. ")", "=" .. source))
    case(source, function()
      local r = table.pack(pcall(f))
      if not r[1] then return "(error)" end
      return table.unpack(r, 2, r.n)
    end)
  end
end

local texts = {"'0x'", "'1e'", "'0x.p1'", "' 0x '", "'1e+'", "'inf'", "'nan'", "''", "' '", "'10\\0'", "'0x10'",
  "'0x1p4'", "'-0x10'", "'0x.8'", "' 10 '", "'\\t3\\n'", "'2.5'", "'1e1'", "'-0'", "'0xA.8P1'"}
local templates = {"$ + 0", "-$", "$ * 1", "$ % 7", "$ ^ 1", "$ / 2", "1 - $", "math.floor($)", "math.max($, -100)",
  "math.abs($)", "string.format('%d', $)", "string.format('%x', $)", "string.format('%.3f', $)",
  "string.format('%g', $)", "string.format('%c', 64 + $)", "string.rep('a', $)", "string.sub('hello', $)",
  "string.byte('hello', $)", "string.char(60 + $)", "os.date('!%Y', $)", "select($, 'a', 'b', 'c')",
  "table.concat({'a', 'b', 'c'}, ',', $)", "bit32.band($)", "table.unpack({1, 2, 3}, $)", "$ == 16",
  "('x'):rep($)", "tostring($ + 0)"}
for _, template in ipairs(templates) do
  C(template, texts)
end

case("numeric for with string bounds", function()
  local r = {}
  for i = '1', ' 0x3 ', '1' do r[#r + 1] = i end
  return table.concat(r, ",")
end)
case("numeric for with a malformed initial value", function() for i = '0x', 2 do end end)
case("numeric for with a malformed limit", function() for i = 1, '1e' do end end)
case("numeric for with a malformed step", function() for i = 1, 2, 'inf' do end end)
case("string method on a number", function() return (5):rep(2) end)
case("concatenation keeps the text", function() return '0x' .. 1, 1 .. '0x' end)
case("comparison does not coerce", function() return '10' == 10, '0x10' ~= 16 end)
