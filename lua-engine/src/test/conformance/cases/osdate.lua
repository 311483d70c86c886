-- os.date and os.time at fixed times; recorded and run with TZ=UTC.
dofile("harness.lua")

local times = {"0", "86399", "951782400", "1000000000", "1234567890", "1798745172", "1788220800", "-86400",
  "2147483647", "4102444799"}
local conversions = {"a", "A", "b", "B", "c", "C", "d", "D", "e", "F", "g", "G", "h", "H", "I", "j", "m", "M", "n",
  "p", "r", "R", "S", "t", "T", "u", "U", "V", "w", "W", "x", "X", "y", "Y", "z", "Z", "%", "Ec", "EC", "Ex",
  "EX", "Ey", "EY", "Od", "Oe", "OH", "OI", "Om", "OM", "OS", "Ou", "OU", "OV", "Ow", "OW", "Oy"}
for _, c in ipairs(conversions) do
  T("os.date('!%" .. c .. "', $)", {times[1], times[3], times[6], times[7], times[8]})
end
for _, t in ipairs(times) do
  E{"os.date('!%Y-%m-%d %H:%M:%S %j %U %W %V %G %u %w', " .. t .. ")",
    "os.date('%c', " .. t .. ")"}
end
local fields = {"year", "month", "day", "hour", "min", "sec", "wday", "yday", "isdst"}
for _, t in ipairs(times) do
  case("os.date('!*t', " .. t .. ")", function()
    local d = os.date("!*t", t)
    local r = {}
    for i, k in ipairs(fields) do r[i] = tostring(d[k]) end
    return table.concat(r, " ")
  end)
end
E{"os.date('!%c', 2^62)", "os.date('%c', 2^62)", "os.date('!%Y', -2^62)", "os.date('!%Y', 2^40)",
  "os.date('!%Y', 67767976233316800)", "os.date('%q', 0)", "os.date('%E', 0)", "os.date('%O', 0)", "os.date('%Ez', 0)",
  "os.date('%', 0)", "os.date('%5d', 0)", "os.date('', 0)", "os.date('plain text', 0)", "os.date('!x%%y', 0)",
  "os.date(1, 0)", "os.date('!%H', 1.9)", "os.date('!%S', -0.5)", "type(os.date())", "type(os.date('*t').year)",
  "os.date('!%Y', '86400')", "os.date('!%Y', 'x')"}
local function time(t) return os.time(t) end
E{"os.time({year = 2026, month = 12, day = 5, hour = 19, min = 6, sec = 12})",
  "os.time({year = 2000, month = 1, day = 1})", "os.time({year = 2000, month = 1, day = 1, hour = 0})",
  "os.time({year = 2026, month = 13, day = 1, hour = 0})", "os.time({year = 2026, month = 1, day = 0, hour = 0})",
  "os.time({year = 2026, month = 1, day = 32, hour = 0})", "os.time({year = 2026, month = 2, day = 29, hour = 12})",
  "os.time({year = 2024, month = 2, day = 29, hour = 12})", "os.time({year = 2026, month = 1, day = 1, hour = 25})",
  "os.time({year = 2026, month = 1, day = 1, hour = 0, min = -1})", "os.time({year = 2026, month = 1, day = 1, sec = 3600.5})",
  "os.time({year = 1970, month = 1, day = 1, hour = 0})", "os.time({year = 1969, month = 12, day = 31, hour = 23, min = 59, sec = 59})",
  "os.time({year = 1900, month = 1, day = 1, hour = 0})", "os.time({year = 2038, month = 1, day = 19, hour = 3, min = 14, sec = 8})",
  "os.time({year = 3000, month = 1, day = 1, hour = 0})", "os.time({year = 2026, month = 12})", "os.time({year = 2026})",
  "os.time({})", "os.time({year = 'x', month = 1, day = 1})", "os.time({year = '2026', month = '1', day = '1', hour = 0})",
  "os.time({year = 2^40, month = 1, day = 1})", "os.time({year = 2026, month = 2^40, day = 1})",
  "os.time({year = 2026, month = 6, day = 1, hour = 0, isdst = true})", "os.time(5)", "type(os.time())",
  "os.date('!%c', os.time({year = 2026, month = 12, day = 5, hour = 19, min = 6, sec = 12}))",
  "os.difftime(10, 5)", "os.difftime(5, 10)", "os.difftime(5)", "os.difftime(2^40, 0)",
  "os.date('!%d.%m.%Y', os.time({year = 2026, month = 3, day = 31, hour = 0}) + 86400)"}
case("os.time of os.date('*t')", function() local d = os.date("*t", 1234567890) return os.time(d) end)
case("os.time normalizes the table", function()
  local d = {year = 2026, month = 14, day = 35, hour = 0}
  os.time(d)
  return d.year, d.month, d.day, d.yday, d.wday
end)
case("os.date of nan", function() return os.date("%Y", 0/0), os.date("!*t", 0/0) end)
case("os.date of a format with a zero byte", function() return os.date("!a\0b%Y", 0), os.date("!%Y\0%m", 0) end)
case("os.date of *t with a zero byte after it", function() return type(os.date("!*t\0x", 0)) end)
