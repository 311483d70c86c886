"""Lua text the differential fuzzers share (patfuzz.py, vmfuzz.py): numbers printed exactly, the same way by the
engine, lua5.2 and lua5.1, without string.format or tostring, whose output is under test. It reads the locals
floor, frexp, abs, huge and char, which each fuzzer's prelude declares first."""

NUMBERS = r'''
local function digits(a)
  if a == 0 then return "0" end
  local s = ""
  while a > 0 do local d = a % 10 s = char(48 + d) .. s a = (a - d) / 10 end
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
'''
