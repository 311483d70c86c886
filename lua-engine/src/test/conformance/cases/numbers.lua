-- Numbers and text: tonumber, numerals, arithmetic, coercion, and tostring (number-to-text).
dofile("harness.lua")

-- tonumber of strings, well and badly formed
T("tonumber($)", {"'10'", "'  10  '", "'0x10'", "'0X1f'", "'0x'", "'0x.'", "'0xg'", "'1e'", "'1e+'", "'1e5'",
  "'1E-2'", "'.5'", "'5.'", "'.'", "''", "' '", "'-'", "'+1'", "'- 1'", "'-0x10'", "'1 2'", "'1a'", "'a1'",
  "'inf'", "'nan'", "'1e500'", "'0x1p4'", "'0x.8'", "'0xA.8p1'", "'\\t12\\n'", "'12\\0'", "'0x10000000000000000'",
  "'1..2'", "'1.2.3'", "'--1'", "'0b101'", "'0o7'", "'1_000'", "'١'", "nil", "true", "{}", "10", "-0.5",
  "'  0x  '", "'e5'", "'1e5.5'", "'0x1e'", "'00012'", "'-.5'"})
T("tonumber($)", {"'10', 2", "'ff', 16", "'FF', 16", "'zz', 36", "'ZZ', 36", "'8', 8", "'7', 8", "'  11  ', 2",
  "'1.5', 10", "'-ff', 16", "'', 10", "'10', 1", "'10', 37", "'1e1', 16", "'0x10', 16", "10, 16",
  "'777', 8", "'-101', 2", "'z', 35", "'fffffffff', 16", "' -7 ', 10"})

-- arithmetic and its results as numbers
E{"1 + 2", "7 // 2 == nil", "7 % 3", "-7 % 3", "7 % -3", "-7 % -3", "7.5 % 2", "-7.5 % 2", "5 % 0", "5 % math.huge",
  "-5 % math.huge", "2 ^ 10", "2 ^ 0.5 == math.sqrt(2)", "2 ^ -1", "(-8) ^ (1/3) ~= (-8) ^ (1/3)", "0 / 0 ~= 0 / 0",
  "1 / 0", "-1 / 0", "1 / -0.0", "-(0)", "0 * -1", "3 - 5", "1e308 * 10", "-1e308 * 10", "2^53 + 1", "2^63",
  "-2^63", "10 / 4", "1 / 3", "0.1 + 0.2", "0.1 + 0.2 == 0.3", "100000000000000", "1e15", "123456789012345678",
  "-7 / 2", "math.huge - math.huge ~= 0", "3 % -0.0 ~= 3 % -0.0", "0x10 + 1", "0xff", "0x7fffffff", "0xffffffff",
  "0x100000000", "0x1p4", "0x.8", "1e2", ".5e1", "5e-1", "3 == 3.0", "'10' + 1", "'0x10' + 0", "'3' * '4'",
  "' 5 ' + 1", "'1e1' * 1", "10 .. ''", "-'2'", "'10' < '9'", "10 < 9"}

-- errors of arithmetic on text that is not a number
E{"'a' + 1", "{} + 1", "nil + 1", "'10' + {}", "-{}", "'x' .. {}", "1 < '2'", "'1' < 2", "{} < {}",
  "nil < 1", "true < false"}

-- number to text (tostring, .., string.format's %s and table.concat): Lua 5.2's %.14g
T("tostring($)", {"1", "-1", "0", "-0.0", "0.5", "1/3", "2/3", "-1/3", "1e15", "1e14", "123456789012345", "1e100",
  "1e-100", "2^53", "2^63", "-2^63", "1/0", "-1/0", "0/0", "3.14159265358979", "100", "1e16", "12345678901234",
  "0.1", "1e-5", "1e-4", "123.456", "2^24", "2^31", "-2^31", "2^32", "255/256", "1e308", "5e-324",
  "4.9406564584124654e-324", "1.7976931348623157e308", "0.1 + 0.2", "100 / 3", "1e15 + 0.5", "-1e15"})
T("$ .. ''", {"1", "0.5", "1/3", "1e15", "1e100", "-0.0", "2^63", "1/0", "-1/0", "12.5"})
T("table.concat({$}, ',')", {"1, 2, 3", "1/3, 0.5", "1e15, 1e100", "-0.0, 2^53"})
E{"string.format('%s', 1/3)", "string.format('%s', 1e15)", "string.format('%s', 10)",
  "string.format('%s %s', 1, 2.5)"}
E{"tostring(nil)", "tostring(true)", "tostring(false)", "tostring('x')", "type(tostring({}))",
  "string.sub(tostring({}), 1, 7)", "string.sub(tostring(print), 1, 9)"}

-- number to text at the edges (-0, 2^53, inf, nan), floats in numeric for loops, tonumber's odd inputs,
-- coercions, % of negatives and floats, and comparisons of mixed types
T("tostring($)", {"-0.0", "1e15", "2^53", "1e300*1e10", "0/0", "-(0/0)", "1e14+0.5", "2^53+1", "-2^53", "1e-310", "123456789012345.6", "0.1", "1/3*3", "-1e15", "1e16", "99999999999999.9", "999999999999999", "9999999999999999"})
case("for loop float", function() local r = {} for i = 1, 3, 0.5 do r[#r+1] = tostring(i) end return table.concat(r, " ") end)
case("for loop float 2", function() local r = {} for i = 1.0, 3 do r[#r+1] = tostring(i) end return table.concat(r, " ") end)
case("for loop 0.1", function() local r = {} for i = 0, 1, 0.1 do r[#r+1] = tostring(i) end return table.concat(r, " ") end)
case("for loop down", function() local r = {} for i = 3, 1, -0.5 do r[#r+1] = i .. "" end return table.concat(r, " ") end)
case("for loop huge", function() local n = 0 for i = 2^52 - 2, 2^52 do n = n + 1 end return n end)
case("for loop math.huge", function() local n = 0 for i = 1, math.huge do n = n + 1 if n > 5 then break end end return n end)
case("for loop modify var", function() local r = {} for i = 1, 3 do local j = i; i = i * 10; r[#r+1] = i end return table.concat(r, " ") end)
T("tonumber($)", {"'0x1p4'", "'0x'", "'1e'", "' 0x10 '", "'0x-1'", "'- 0x1'", "'1e1', 10", "'0x10', 10", "'10', 16.5", "'10', '16'", "'1', 2, 3", "' ', 10", "'\\n10\\n', 36", "'Z', 36", "'-', 10", "'+10', 10", "'1' ,nil", "nil, 10", "12, 10", "'7fffffffffffffff', 16", "'ffffffffffffffffff', 16", "'-0', 10", "'1e', 16", "' 1 0', 10", "'0', 2", "'2', 2"})
T("$", {"'10'+1", "'0x10'+0", "' 1 '+0", "'1e1'..''", "'1e1'+0 .. ''", "10 .. 20", "1.5 .. ''", "-0.0 .. ''", "2^63 .. ''", "'0x1p-2' + 0", "'1' + '2'", "'10' * '0x2'", "'3' ^ '2'", "- '  -3  '", "'5' % '3'", "'5.5' // 1 == nil"})
T("$", {"-7 % 3", "7 % -3", "-7.5 % 2", "7.5 % -2", "-7 % -3", "5.3 % 1 == 5.3 - math.floor(5.3)", "-0.0 % 1", "0 % -1", "1 % 0", "-1 % 0", "1 % math.huge", "-1 % math.huge", "1 % -math.huge", "-1 % -math.huge", "math.huge % 2", "math.floor(-3.5)", "math.ceil(-3.5)", "math.floor(-0.0)", "math.fmod(-7, 3)", "math.fmod(7, -3)", "math.fmod(1, 0)", "math.fmod(-6, 2)", "math.modf(-3.5)", "math.modf(math.huge)", "math.modf(-math.huge)", "math.modf(0/0)"})
T("$", {"1 < 'x'", "'x' < 1", "1 <= 'x'", "{} < 1", "1 < {}", "{} <= {}", "nil < nil", "true < 1", "print < print", "'a' < 'b'", "'a\\0b' < 'a\\0c'", "'a\\0' < 'a'", "'a' < 'a\\0'", "'a\\0b' == 'a\\0b'", "'' < '\\0'", "'Z' < 'a'", "'\\255' > 'a'", "1 == '1'", "'abc' >= 'abd'", "coroutine.create(print) < 1", "1 > {}", "{} >= 1", "'1' > 1"})
