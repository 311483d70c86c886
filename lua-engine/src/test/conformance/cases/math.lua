-- The math library, with results that are exact in IEEE double arithmetic (transcendental functions are
-- compared after rounding: the C library and the JVM may differ in the last bit).
dofile("harness.lua")

local values = {"0", "-0.0", "1", "-1", "0.5", "-0.5", "1.5", "-1.5", "2.5", "1e100", "-1e100", "1/0", "-1/0",
  "2^53", "2^53 + 1", "0.1", "'3.7'"}
for _, f in ipairs{"floor", "ceil", "abs", "sqrt"} do T("math." .. f .. "($)", values) end
T("math.fmod($)", {"7, 3", "-7, 3", "7, -3", "-7, -3", "7.5, 2", "1, 0", "0, 1", "1/0, 1", "1, 1/0", "-0.0, 1",
  "5.5, 0.5", "2^53, 3"})
T("math.modf($)", {"3.7", "-3.7", "0", "5", "-0.5", "1/0", "-1/0", "2^53", "1e100", "0.25"})
T("math.max($)", {"1", "1, 2", "2, 1", "1, 2, 3, -4", "-1/0, 0", "'10', 9", "1.5, 1.25", ""})
T("math.min($)", {"1", "1, 2", "2, 1", "1, 2, 3, -4", "1/0, 0", "'10', 9", "1.5, 1.25", ""})
T("math.log($)", {"1", "8, 2", "100, 10", "1000, 10", "1, 10", "0", "-1", "1/0", "27, 3", "1024, 2", "2, 4",
  "81, 9", "10, 10", "8, 2.0", "0.5, 2", "2^-10, 2", "16, '2'"})
T("math.exp($)", {"0", "-1/0", "1/0"})
T("math.pow($)", {"2, 10", "2, -1", "2, 0.5", "-8, 1/3", "0, 0", "10, 2"})
T("math.ldexp($)", {"1, 10", "0.5, 1", "3, -1", "1, 1024", "1, -1075"})
T("math.frexp($)", {"1", "8", "0.3", "-5", "0", "1/0"})
T("math.floor(1e6 * $ + 0.5)", {"math.sin(1)", "math.cos(1)", "math.tan(1)", "math.asin(0.5)", "math.acos(0.5)",
  "math.atan(1)", "math.atan2(1, 2)", "math.sinh(1)", "math.cosh(1)", "math.tanh(1)", "math.exp(1)",
  "math.log(10)", "math.log10(2)", "math.pi", "math.rad(180)", "math.deg(1)", "math.sqrt(2)", "math.atan2(-1, -1)"})
E{"math.huge", "-math.huge", "math.pi == 4 * math.atan(1)", "math.deg(math.pi)", "math.rad(0)", "math.sin(0)",
  "math.cos(0)", "math.atan2(0, -1) == math.pi", "math.log10(1000)", "math.floor(-0.0)", "math.ceil(-0.5)",
  "math.floor('x')", "math.floor()", "math.abs(-2^63)", "math.max()", "math.fmod(1)", "math.sqrt(-1) ~= math.sqrt(-1)",
  "math.floor(2^31 + 0.5)", "math.ceil(2^31 - 0.5)", "math.floor(-2^31 - 0.5)", "math.fmod(-6, 3)",
  "math.fmod(6, -3)", "math.fmod(2^31, 7)", "math.modf(-0.0)", "math.abs(-0.0)"}
case("random in range", function() math.randomseed(7) for i = 1, 200 do local r = math.random(3, 9) if r < 3 or r > 9 or r ~= math.floor(r) then return false end end return true end)
case("random in (0, 1)", function() math.randomseed(7) for i = 1, 200 do local r = math.random() if r < 0 or r >= 1 then return false end end return true end)
case("random of 1", function() return math.random(1) end)
case("random of 1, 1", function() return math.random(5, 5) end)
E{"math.random(0)", "math.random(2, 1)", "math.random(1, 2, 3)", "math.random('x')"}
case("random sequence after randomseed(42)", function() math.randomseed(42) return math.random(1000), math.random(1000), math.random(1000) end)

-- argument errors of the math functions (fmod and atan2 check their second argument first, as Debian's
-- lua5.2 does), edges of log/exp/ldexp/frexp/modf, string.rep with separators, type and os basics
E{"math.fmod()", "math.fmod(1)", "math.pow()", "math.atan2()", "math.ldexp()", "math.ldexp(1)", "math.max()", "math.min()", "math.floor()", "math.random(0)", "math.random(1.5)", "math.random(3, 1)", "math.random(1, 2, 3)", "math.huge // 1 == nil", "math.floor(2^53 + 0.5)", "math.ceil(-0.5)", "math.abs(-0.0)", "math.max(0/0, 1) ~= math.max(0/0, 1)", "math.log(8, 2)", "math.log(100, 10)", "math.log(-1) ~= math.log(-1)", "math.exp(710)", "math.sqrt(-1) ~= math.sqrt(-1)", "math.tointeger == nil", "math.pi", "math.fmod(5, -3)", "math.fmod(-5, math.huge)", "math.fmod(math.huge, 1) ~= math.fmod(math.huge, 1)", "math.ldexp(1, 1024)", "math.ldexp(1, -1075)", "math.frexp(0)", "math.frexp(-0.0)", "math.frexp(1/0)", "math.modf(3.7)", "math.modf(-0.0)", "math.floor(-0.0)", "math.ceil(0.5)"}
E{"string.rep('ab', 3, '')", "string.rep('', 0, 'x')", "string.rep('a', 1, 'x')", "string.rep('a', 2, 123)", "string.reverse('')", "string.upper(nil)", "string.len()", "('x'):rep(2, ',')", "#string.format('%5s', 'abcdefg')", "string.format('%-5.2s|', 'abc')", "tostring(12):len()", "(1.5):len() == nil"}
E{"type(print)", "type(nil)", "type({})", "type('')", "type(2)", "type(true)", "type(coroutine.create(print))", "type(io.write)", "type(os.time())", "type(os.clock())", "os.time{year=2000, month=1, day=1, hour=0}", "os.date('!%Y-%m-%d %H:%M:%S', 0)", "os.date('!*t', 3600).hour", "os.time{year=2000, month=13, day=1, hour=0} == os.time{year=2001, month=1, day=1, hour=0}", "os.difftime(10, 5)", "os.difftime(10)", "os.getenv('NO_SUCH_VARIABLE_XYZ')", "os.date('!%c', 0)", "os.date('!%x', 0)", "os.date('!%p', 0)"}
