-- The conformance harness: case(name, f, ...) calls f(...) protected and prints one line, the case's name, a
-- tab, then "= " and its results or "! " and its error. Values are shown without tostring or string.format,
-- so that a case measures what it calls and nothing else: numbers exactly (integers as digits, others as
-- their binary mantissa and exponent), strings quoted with control and non-ASCII bytes as \ddd, tables and
-- functions by type only. Written for Lua 5.1 and 5.2 both (the 5.0 dialect cases run on lua5.1).

local floor, frexp, abs, huge = math.floor, math.frexp, math.abs, math.huge
local char, concat, select, type, pcall = string.char, table.concat, select, type, pcall

local function digits(a)
  if a == 0 then return "0" end
  local s = ""
  while a > 0 do
    local d = a % 10
    s = char(48 + d) .. s
    a = (a - d) / 10
  end
  return s
end

local function number(n)
  if n ~= n then return "nan" end
  if n == huge then return "inf" end
  if n == -huge then return "-inf" end
  if n == 0 then return (1 / n < 0) and "-0" or "0" end
  local sign = n < 0 and "-" or ""
  if n == floor(n) and abs(n) < 2 ^ 53 then return sign .. digits(abs(n)) end
  local m, e = frexp(abs(n))
  local x = m * 2 ^ 53
  local hi = floor(x / 2 ^ 27)
  return sign .. "0b" .. digits(hi) .. ":" .. digits(x - hi * 2 ^ 27) .. "p" .. (e < 0 and "-" .. digits(-e) or digits(e))
end

local function quoted(s)
  return '"' .. (string.gsub(s, '[%c"\\\128-\255]', function(c) return "\\" .. string.byte(c) end)) .. '"'
end

function show(v)
  local t = type(v)
  if t == "number" then return number(v) end
  if t == "string" then return quoted(v) end
  if t == "nil" or t == "boolean" then return tostring(v) end
  return t
end

local function pack(...)
  return {n = select("#", ...), ...}
end

local function showAll(r, from)
  local parts = {}
  for i = from, r.n do parts[#parts + 1] = show(r[i]) end
  return concat(parts, ", ")
end

local seen = {}

-- a name already used is not run again: the expression lists of an area may overlap
function case(name, f, ...)
  if seen[name] then return end
  seen[name] = true
  local r = pack(pcall(f, ...))
  if r[1] then
    print(name .. "\t= " .. showAll(r, 2))
  else
    print(name .. "\t! " .. show(r[2]))
  end
end

-- a case for each Lua expression of the list, named by its text: E{"math.floor(1.5)", "#'abc'"}
local load, unpack = loadstring or load, unpack or table.unpack
function E(list)
  for i = 1, #list do
    local source = list[i]
    case(source, function()
      -- source is not called in a tail position: LuaJ positions no error raised in a tail call
      local f, message = load("return (function(...) return ... end)(" .. source .. ")", "return " .. source)
      if not f then f, message = load("return " .. source) end
      if not f then error(message, 0) end
      local r = pack(f())
      return unpack(r, 1, r.n)
    end)
  end
end

-- the expressions made by putting each value (Lua source) into the template at "$": T("math.floor($)", {"1.5"})
function T(template, values)
  local at = string.find(template, "$", 1, true)
  local list = {}
  for i = 1, #values do
    list[i] = string.sub(template, 1, at - 1) .. values[i] .. string.sub(template, at + 1)
  end
  E(list)
end
