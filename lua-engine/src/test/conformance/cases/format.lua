-- string.format: every conversion Lua 5.2 accepts, with flags, width and precision.
dofile("harness.lua")

local numbers = {"0", "1", "-1", "3.14159", "-2.5", "25.5", "1/3", "1e15", "1e100", "-1e-5", "123456.789", "2^31",
  "2^53", "0.5", "1/0", "-1/0"}
for _, spec in ipairs{"%d", "%5d", "%-5d|", "%05d", "%+d", "% d", "%.3d", "%x", "%X", "%#x", "%o", "%#o", "%8.3x",
    "%u", "%i", "%c"} do
  T("string.format('" .. spec .. "', $)", {"0", "1", "-1", "42", "255", "65", "2^31", "-2^31", "2^32",
    "4294967295", "2^53", "-2^53", "3.0", "1e15", "3.5", "'10'"})
end
for _, spec in ipairs{"%f", "%.2f", "%5.2f", "%08.3f", "%-10.1f|", "%+.1f", "%e", "%.3e", "%E", "%g", "%.3g",
    "%10.4g", "%G", "%#g", "%a", "%.0f", "%#.0f", "%.10g", "%.14g", "%.17g", "%20.10e"} do
  T("string.format('" .. spec .. "', $)", numbers)
end
for _, spec in ipairs{"%s", "%5s", "%-10s|", "%.2s", "%10.3s", "%q"} do
  T("string.format('" .. spec .. "', $)", {"'abc'", "''", "'a longer text'", "'a\\0b'", "'quote\"d'",
    "'new\\nline'", "'\\r\\t\\\\'", "1", "1.5"})
end
E{"string.format('%.2f MB', 25.5)", "string.format('%5.2f', 3.14159)", "string.format('%%')",
  "string.format('%d%%', 50)", "string.format('%s', setmetatable({}, {__tostring = function() return 'T' end}))",
  "string.format('%s', nil)", "string.format('%s', true)", "string.format('%s %s', 1)", "string.format('%y', 1)",
  "string.format('%d', 'x')", "string.format('%d', 1.5)", "string.format('%10')", "string.format('%123d', 1)",
  "string.format('%.123d', 1)", "string.format('%-+ #05d', 1)", "string.format('%d', 2^63)",
  "string.format('%x', -1)", "string.format('%5c|', 65)", "string.format('%q', 1/3)", "string.format('%q', {})",
  "string.format('%s')", "string.format()", "string.format('no conversions', 1, 2)",
  "string.format('%3$s', 1)", "string.format('%c%c%c', 76, 117, 97)", "string.format('%5.1s|', 'abc')",
  "string.format('%-5c|', 66)", "string.format('%.0s|', 'abc')", "string.format('%.3q', 'a')",
  "string.format('%s', 0/0)", "string.format('%d', 0/0)", "string.format('%f', 0/0)", "string.format('%d', -0.0)"}
