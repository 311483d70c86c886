-- Patterns as mail scripts use them on headers and addresses: %f frontiers, %b, anchors in gmatch and gsub,
-- gsub with table and function replacements (false, nil, numbers), position captures, special characters.
dofile("harness.lua")
function all(s, p) local r = {} for a, b in string.gmatch(s, p) do r[#r + 1] = tostring(a) .. (b and "=" .. tostring(b) or "") end return table.concat(r, "|") end
T("string.find($)", {"'THE (quick) fox', '%f[%a]%a+'", "'THE (quick) fox', '%f[%l]%a+'", "'hello world', '%f[%w]%w+', 2", "'x', '%f[%z]'",
  "'abc', '%f[%a]'", "'abc', '%f[%A]'", "'a.b', '%f[.]'", "'foo(bar(baz))', '%b()'", "'[[x]]', '%b[]'", "'no close (', '%b()'", "'<a><b>', '%b<>'",
  "'abc', '^b'", "'abc', 'c$'", "'a$c', '$c'", "'a^c', 'a^'", "'abc', 'b', -1", "'abc', 'b', -10", "'abc', '', 10", "'abc', '', 4", "'abc', 'x*'",
  "'a.b', '.', 1, true", "'a+b', '+', 1, true", "'a%b', '%', 1, true", "'a%b', '%%'", "'x=1; y=2', '(%w+)=(%w+)'", "'x=1', '()=()'",
  "'user@example.com', '^[%w%.%-_]+@[%w%.%-]+%.%a%a+$'", "'Re: Re: hi', '^[Rr][Ee]:%s*'", "'a\\0b', '%z'", "'a\\0b', '\\0'",
  "'  trim  ', '^%s*(.-)%s*$'", "'abc', '[%a-]'", "'a-b', '[a%-z]+'", "'a]b', '[]]'", "'a^b', '[%^]'", "'a^b', '[^^]+'", "'abc', '[b-]'",
  "'x', '%'", "'x', '[a'", "'x', '(x'", "'x', 'x)'", "'x', '%1'", "'aa', '(a)%1'", "'x', '%g'", "'x', '[%'", "'x', '%b'", "'x', '%f'"})
T("string.match($)", {"'key: value', '^(%w+):%s*(.*)$'", "'2026-12-06', '(%d+)-(%d+)-(%d+)'", "'abc', '()b()'", "'abc', '()'", "'hello', '(h)(e)(l)(l)(o)'",
  "'<user@host>', '<([^>]+)>'", "'\"Name\" <a@b>', '^\"?([^\"<]-)\"?%s*<'", "'abc', '.-'", "'abc', '.-$'", "'aaa', 'a-b'", "'aaab', 'a-b'",
  "'x = 1', '^(%S+)%s*=%s*(%S+)$'", "'HELLO', '%u+'", "'tab\\there', '%c'", "'a1 b2', '%a%d', 3", "'test', '^(t)(e)', 1", "'x', '(()x())'"})
T("$", {"all('a=1, b=2', '(%w+)=(%w+)')", "all('one two  three', '%S+')", "all('abc', '^.')", "all('aaa', 'a*')", "all('abc', '')", "all('a,b,,c', '([^,]*)')",
  "all('x1y22z333', '%d+')", "all('hello', '()ll()')", "all('k1=v1;k2=v2', '(%w+)=([^;]*)')"})
T("string.gsub($)", {"'hello world', '%w+', '<%0>'", "'hello', '', '-'", "'abc', '^.', 'X'", "'abc', '.$', 'X'", "'aaa', '^a', 'b'", "'hello', 'l', 'L', 1",
  "'hello', 'l', 'L', 0", "'hello', 'l', 'L', -1", "'hello', 'l', 'L', 2.5", "'$name is $age', '%$(%w+)', {name = 'Bob', age = 42}",
  "'$name $x', '%$(%w+)', {name = false}", "'$a $b', '%$(%w+)', {a = 1.5}", "'abc', '%w', function(c) return nil end", "'abc', '%w', function(c) return false end",
  "'abc', '%w', function(c) if c == 'b' then return 'B' end end", "'abc', '%w', function(c) return 1 end", "'abc', '(%w)', '%1%1'", "'abc', '%w', '%%'",
  "'abc', '%w', '%2'", "'abc', '(a)(b)', '%2%1'", "'a.b', '%.', '%%.'", "'abc', '%w', {}", "'abc', '%w', {a = {}}", "'abc', '%w', function() return {} end",
  "'abc', '%w', true", "'abc', '%w'", "'abc', 'b', '\\0'", "'x y', '%s', '%%20'", "'a,b', ',', ';', nil", "'Subject: x', '^Subject:', 'Subject: [SPAM]'",
  "'one two', '(%w+) (%w+)', '%2 %1'", "'abc', '', ''", "'été', '[\\128-\\255]+', '?'", "'hello world', 'o', {o = 0}", "'x', 'x', '%0%0%0'"})
T("string.rep($)", {"'ab', 3, ','", "'ab', 1, ','", "'ab', 0, ','", "'', 3, '-'", "'x', -1"})
E{"('a,b,c'):find(',', 1, true)", "('%d'):format(5)", "#('abc'):rep(3)", "('Hi'):upper():lower()", "('  x  '):match('^%s*(.-)%s*$')",
  "('a b c'):gsub(' ', '_')", "('ABC'):byte(-1)", "('ABC'):sub(-2)", "('abc'):sub(2, 100)", "('abc'):sub(0)", "('abc'):sub(3, 2)", "string.char()",
  "('x'):len()", "('abc'):reverse()", "string.lower('ÀB')", "string.upper('àb')"}
