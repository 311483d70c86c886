-- The string library: rep, byte/char, sub, upper/lower, len, reverse, and patterns.
dofile("harness.lua")

T("string.rep($)", {"'ab', 3", "'ab', 0", "'ab', -1", "'', 5", "'x', 1", "'ab', 3, ','", "'ab', 1, ','",
  "'ab', 0, ','", "'', 3, '-'", "'a', 2.7", "'a', '3'", "'a'", "1, 3", "'a', 3, 5"})
T("string.byte($)", {"'abc'", "'abc', 2", "'abc', -1", "'abc', 1, 3", "'abc', 1, -1", "'abc', 0", "'abc', 4",
  "'abc', 2, 1", "'', 1", "'abc', -10, 10", "'\\255\\0'", "'\\255\\0', 1, 2", "'abc', 1.5", "123", "'abc', 3, 2"})
T("string.char($)", {"", "65", "65, 66, 67", "0", "255", "256", "-1", "'65'", "65.0", "65.5", "nil"})
T("string.sub($)", {"'hello', 2", "'hello', 2, 4", "'hello', -3", "'hello', -3, -2", "'hello', 0", "'hello', 10",
  "'hello', 3, 2", "'hello', -100, 100", "'hello', 2, -1", "'hello', 0, 0", "'hello', 1, 0", "'hello', 5, 5",
  "'hello', -1, -1", "'hello', 6", "'', 1", "12345, 2, 3", "'hello', 2.5", "'hello', '2'", "'hello'",
  "'hello', 2^31", "'hello', -2^31", "'hello', 1, 2^31"})
T("string.upper($)", {"'abc'", "'ABC'", "'aBc1!'", "''", "'\\233\\200'", "123", "'straße'"})
T("string.lower($)", {"'abc'", "'ABC'", "'aBc1!'", "''", "'\\201\\200'", "123", "'ÄÖÜ'"})
T("string.len($)", {"'abc'", "''", "'\\0\\0'", "123", "1.5", "nil", "{}"})
T("string.reverse($)", {"'abc'", "''", "'a'", "'ab\\0c'", "123"})
T("#$", {"'abc'", "''", "'\\0'", "'\\u{41}' == nil"})
E{"('abc'):upper()", "('x'):rep(3)", "('%d'):format(5)", "('abc'):len()", "('hello'):sub(2, 3)",
  "('hello'):byte(-1)", "#('hello'):rep(3)", "('A'):lower() .. ('b'):upper()"}

-- patterns
T("string.find($)", {"'hello world', 'o'", "'hello world', 'o', 6", "'hello world', 'l+'", "'hello', 'xyz'",
  "'hello', ''", "'hello', '', 10", "'hello', '', 6", "'a.b', '.', 1, true", "'a.b', '%.'", "'a+b', '+', 1, true",
  "'hello', 'l', -2", "'hello', '(h)(e)'", "'hello', '()ll()'", "'abc', '[a-'", "'abc', '%'", "'abc', '(()'",
  "'key=val', '(%w+)=(%w+)'", "'  trim  ', '^%s*(.-)%s*$'", "'THE (quick) fox', '%((%a+)%)'", "'aaa', 'a-', 2",
  "'f(a(b)c)d', '%b()'", "'THE (quick) fox', '%f[%a]%a+', 5", "'hello', 'h', 0", "'hello', 'o', -1",
  "'x', '[%w_]'", "'a\\0b', '%z'", "'a\\0b', '\\0'", "'abc', '[^a]'", "'abc', '[]]'", "'a]c', '[]]'",
  "'hello', 'l*', 3", "'aXb', '%u'", "'a1', '%d'", "'a b', '%s'", "'a,b', '%p'", "'\\1', '%c'", "'ab', '%x+'",
  "'hello', '.-l'", "'hello', '.*l'", "'1.5e10', '^[%d%.e]+$'"})
T("string.match($)", {"'hello 123', '%d+'", "'hello', '(h)(.)'", "'hello', '()'", "'key = value', '(%w+)%s*=%s*(%w+)'",
  "'2026-12-05', '(%d+)-(%d+)-(%d+)'", "'abc', '^b'", "'abc', 'c$'", "'abc', '.$'", "'a$c', 'a$c'",
  "'abc', 'b', -1", "'[[x]]', '%[%[(.-)%]%]'", "'hello', '(l)%1'", "'hello', '(l)(%1)'", "'aaa', '(a*)'",
  "'x=1, y=2', 'y=(%d)'", "'abc', '%a*', 2", "'  x', '^%s*$'", "'  ', '^%s*$'", "'A1b2', '%l%d'",
  "'caf\\233', '%a+'", "'hello', '%f[%l]%l+'", "'hello', '(%w+)(%w)'", "'hello', '(h)(e)(l)(l)(o)'",
  "'x', '(()'", "'x', '%1'", "'x', '(x)%2'", "'abc', '[%a-z]+'", "'a-b', '[a%-]+'", "'x', '%g'"})
T("string.gsub($)", {"'hello world', 'o', '0'", "'hello world', 'o', '0', 1", "'hello', '', '-'",
  "'hello', 'l+', function(s) return '<' .. s .. '>' end", "'$name is $age', '%$(%w+)', {name = 'Bob', age = 42}",
  "'hello', '(l)', '%1%1'", "'hello', 'l', '%%'", "'hello', 'l', '%0%0'", "'abc', '%w', '%2'",
  "'hello world', '(%w+)', '<%1>'", "'abc', '.', {a = 1, b = true}", "'abc', '.', {a = false}",
  "'abc', '.', function() return nil end", "'abc', '.', function() return {} end", "'abc', 'b', 5",
  "'hello', '', 'x', 2", "'a b c', ' ', '', -1", "'abc', '^a', 'X'", "'aaa', '^a', 'X'", "'abc', '$', '!'",
  "'abc', '%f[%w]', '|'", "'x = 1', '%s*=%s*', '='", "'one two', '(%w+) (%w+)', '%2 %1'", "'abc', 'b', '%'",
  "'hello', 'x*', '-'", "'hello', '.', {}", "'abc', '(a)(b)(c)', '%3%2%1%0'", "123, '2', 'x'", "'abc', 1, 2"})
local function words(s, p) local r = {} for w in string.gmatch(s, p) do r[#r + 1] = w end return table.concat(r, '|') end
local function pairsOf(s, p) local r = {} for k, v in string.gmatch(s, p) do r[#r + 1] = k .. '=' .. v end return table.concat(r, '|') end
case("gmatch words", words, "one two  three", "%a+")
case("gmatch empty matches", words, "abc", "")
case("gmatch x*", words, "abc", "x*")
case("gmatch anchored", words, "aaa", "^a")
case("gmatch digits", words, "a1b22c333", "%d+")
case("gmatch pairs", pairsOf, "a=1, b=2, c=3", "(%w+)=(%w+)")
case("gmatch positions", function() local r = {} for p in string.gmatch("hello", "()l") do r[#r + 1] = p end return r[1], r[2], #r end)
case("gmatch balanced", words, "(a)(b(c))", "%b()")
case("gmatch frontier", words, "THE (quick) fox", "%f[%a]%a+")
case("gmatch dots", words, "a.b.c", "[^.]+")
case("gmatch csv", words, "a,,b,", "([^,]*)")
case("gmatch bad pattern", words, "abc", "[a")
for i = 1, 40 do
  local s = string.rep("ab", i % 7) .. tostring(i) .. string.rep(" ", i % 3) .. "x"
  case("pattern mix " .. i, function() return string.find(s, "(%d+)(%s*)x$"), string.gsub(s, "b", "B"), string.match(s, "^(a?)(b?)") end)
end

-- positions far out of range (2^31, 2^53, inf and nan, which Lua 5.2 on x86-64 reads as the least integer),
-- zero and negative ones
T("string.byte($)", {"'abc', -1, -1", "'abc', -3, -1", "'abc', -4", "'abc', 0, 0", "'abc', 0, 1", "'abc', 2^31", "'abc', -2^31", "'abc', 1, 2^31", "'abc', 1, -2^31", "'abc', 2^53", "'abc', -2^53, 2^53", "'abc', 1/0", "'abc', -1/0", "'abc', 0/0", "'abc', '1', '2'", "'abc', nil, 2", "'abc', 3, nil", "'', 0, 0"})
T("string.sub($)", {"'hello', 2^53", "'hello', -2^53", "'hello', 1, 2^53", "'hello', 1, -2^53", "'hello', 1/0", "'hello', 2, 1/0", "'hello', -1/0", "'hello', 0/0", "'hello', -5", "'hello', -6", "'hello', 0, -6", "'hello', 0, -5", "'hello', nil, 2", "'hello', 2, nil", "'hello', -2^31, -2^31"})
T("string.rep($)", {"'ab', 2^31", "'ab', -2^53", "'ab', 1/0", "'ab', 0/0", "'', 2^40", "'ab', 2, nil", "'ab', 0, 'x'", "'ab', 1.9", "'ab', -0.5", "'ab', 3, 5", "'', 1e9, ''"})
T("string.char($)", {"65, nil", "'x'", "2^31", "-2^31", "65.9", "{}", "'0x41'", "' 65 '"})
T("string.find($)", {"'hello', 'l', 2^31", "'hello', 'l', -2^31", "'hello', 'l', 1/0", "'hello', '', 2^31", "'hello', '', -2^31", "'hello', 'h', -10", "'hello', 'o', 5", "'hello', '', 7", "'hello', '', -1", "'hello', 'l', 0/0", "'hello', 'l', '3'", "'hello', nil", "'hello', 'l', nil", "'hello', 'l', 1, nil", "'hello', 'l', 1, false", "'hello', 'l', 1, 0", "'a.c', '.', 2, true", "'abc', 'c', -1, true", "'abc', '', 4, true", "'abc', '', 5, true", "'abc', 'abcd', 1, true"})
T("string.match($)", {"'hello', 'l', 2^31", "'hello', '.', -2^31", "'hello', '', 6", "'hello', '', 7", "'hello', '()', -1", "'hello', '(h)()(e)', 1", "'hello', '()', 0"})

-- gsub replacements that are false or nil, its limit n, %f, %b, anchors, position captures, and gmatch with ^
T("string.gsub($)", {"'abc', '%w', {a = false}", "'abc', '%w', function(c) return false end", "'abc', '%w', function(c) if c == 'b' then return nil end return 1 end", "'abc', '%w', {a = 1.5}", "'abc', '%w', {a = {}}", "'abc', '%w', function() return true end", "'abc', '(%w)(%w)', {ab = 'X'}", "'abc', '()', {}", "'abc', '()', function(p) return p end", "'abc', '%w', 'x', 0", "'abc', '%w', 'x', -1", "'abc', '%w', 'x', 1.5", "'abc', '%w', 'x', '2'", "'abc', '%w', 'x', 1/0", "'abc', '%w', 'x', 2^31", "'abc', '', 'x', 2^53", "'abc', '%w', 'x', nil", "'abc', '%w'", "'abc', '%w', nil", "'abc', '%w', 5", "'abc', '%w', true", "'a.b', '%.', '%%'", "'abc', 'b', '%1'", "'abc', '(b)', '%2'", "'abc', '%w', '%9'", "'hello world', '%f[%w]%w+', string.upper", "'abc', '.', {a = 'A', b = 'B'}", "'THE (quick) fox', '%f[%a]%a+', '<%0>'", "'x', '^', 'y'", "'xx', '^x', 'y'", "'', '', 'y'", "'', '^$', 'y'", "'abc', '$', 'y'", "'a\\0b', '\\0', '0'", "'a\\0b', '%z', 'Z'", "'abc', '[%a]', '%0%0'"})
T("string.find($)", {"'abc', '%f[%a]'", "'abc', '%f[%z]'", "'abc', '%f[^%a]'", "'  abc', '%f[%S]'", "'abc', '%f'", "'abc', '%fa'", "'abc', '%b'", "'abc', '%ba'", "'((a)', '%b()'", "'(a))', '%b()'", "'[a]', '%b[]'", "'aXbXc', '%bXX'", "'abc', '^'", "'abc', '^$'", "'', '^$'", "'abc', '$'", "'a$', '$$'", "'a^', 'a^'", "'^a', '^^a'", "'abc', '()b()'", "'abc', '(()b())'", "'aaa', 'a-$'", "'abc', 'a?b?c?d?'", "'abc', '[a-c]+'", "'abc', '[c-a]+'", "'a-c', '[a-]+'", "'abc', '[%]'", "'abc', '[a'", "'abc', '(a'", "'abc', 'a)'", "'abc', '%1'", "'abc', '(a)%1'", "'aa', '(a)%1'", "'abc', '%'", "'abc', '%g+'", "'\\n', '%c'", "'abc', '.-b'", "'abc', '[^]'", "'abc', '[^]]'", "'a]', '[]]'", "'a', '[a-%w]'", "string.rep('a', 300), string.rep('(a)', 33)", "string.rep('a', 40), string.rep('(a)', 32)"})
local function words(s, p) local r = {} for a, b in string.gmatch(s, p) do r[#r + 1] = tostring(a) .. (b and ("/" .. tostring(b)) or "") end return table.concat(r, '|') end
case("gmatch ^ anchor literal", words, "^a^b", "^.")
case("gmatch ^ anchor", words, "aaa", "^a")
case("gmatch positions 2", words, "abc", "()(.)")
case("gmatch empty", words, "", "")
case("gmatch empty 2", words, "ab", ".-")
case("gmatch frontier words", words, "the end. of", "%f[%w]%w+")
case("gmatch balanced 2", words, "x(a(b))y(c)", "%b()")
case("gmatch no pattern", function() return pcall(string.gmatch, "x") end)
case("gmatch number", words, 12345, "%d")
case("gmatch pattern with number", words, "a1b2", 2)
case("gmatch after modification", function() local it = string.gmatch("a b c", "%a") local a = it() local b = it() local c = it() local d = it() return a, b, c, d end)
-- every script goes through the 5.0 rewriter, which must keep a 5.2 hex escape whatever its digits
case("hex escapes with a zero digit", function() return "\x30\x0A\x40\x00" end)
