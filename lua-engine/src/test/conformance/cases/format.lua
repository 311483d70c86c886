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

-- more flags, widths and precisions, the conversions Lua 5.2 refuses (%*d, %n, %1$d), and %q of control bytes
T("string.format($)", {"'%5.1f|%-5d|%5s', 1.25, 3, 'x'", "'%i', 3", "'%5%'", "'%-%'", "'%#X', 255", "'%#o', 0", "'%+5.1e', 12345", "'%.0e', 5", "'%g', 1e-5", "'%g', 100000", "'%g', 1e6", "'%g', -0.0", "'%a', 1", "'%A', 0.5", "'%.3a', 1/3", "'%e', 0/0", "'%f', 1/0", "'%5.2s|', 'abc'", "'%q', 'a\\0b\\1c'", "'%q', '\\r\\n'", "'%q', '\\2269'", "'%q', '\\0001'", "'%q', 2^53", "'%q', 10", "'%q', true", "'%q', nil", "'%s %d', 'x'", "'%d', '1e2'", "'%d', ' 0x10 '", "'%d', 2^53", "'%d', -2^63", "'%d', 2^63 - 1024", "'%d', 1e100", "'%x', 2^53", "'%x', -2^53", "'%o', -1", "'%c', 256", "'%c', -1", "'%c', 0", "'%099d', 1", "'%100d', 1", "'%.99f', 1", "'%.100f', 1", "'%1$d', 1", "'%ld', 1", "'%hd', 1", "'%*d', 5, 1", "'%n', 1", "'%p', {}", "'%', 1", "'%5', 1", "'abc%'", "'%#5.3s', 'abcdef'", "'%0s', 'x'", "'%#c', 65", "'%+s', 'x'", "'% s', 'x'", "'%.f', 2.5", "'%.f', 3.5", "'%5.f|', 0.5", "'%u', -1", "'%u', 3.7", "'%e', 1e308", "'%.20e', 0.1", "'%.20g', 0.1", "'%10.3q', 'x'", "'%s', 1e300*1e10", "'%d', 1e300*1e10", "'%x', 0/0", "'%.14g', 2^63", "'%5.3d', -7", "'%-+8.3f|', 3.14159", "'% 05d', 42", "'%+05d', -42", "'%#.3x', 1", "'%#x', 0", "'%.0d', 0", "'%.0x', 0", "'%#.0o', 0", "'%s', -0.0", "'%d', -0.0", "'%g', 2^53", "'%g', 0.0001", "'%G', 1e-20", "'%.0g', 123", "'%#.0e', 1"})
