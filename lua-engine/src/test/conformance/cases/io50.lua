-- The io library as Lua 5.0-era VPOP3 scripts use it (recorded from lua5.1): a log appended line by line, a list
-- read back with io.lines and f:lines, numbers and counts, seek, the default input and output, failures.
dofile("harness.lua")
local name = "io50.tmp"
case("append a log", function()
  os.remove(name)
  for i = 1, 3 do local f = io.open(name, "a") f:write(os.date("!%Y-%m-%d", 0), " line ", i, "\n") f:close() end
  local n, last = 0, nil
  for line in io.lines(name) do n = n + 1 last = line end
  return n, last
end)
case("read a list", function()
  local f = io.open(name, "w") f:write("alice@example.com\nbob@example.com\n\n# comment\n") f:close()
  local list = {}
  for line in io.lines(name) do
    if line ~= "" and string.sub(line, 1, 1) ~= "#" then table.insert(list, line) end
  end
  return table.getn(list), list[2]
end)
case("f:lines", function() local f = io.open(name) local n = 0 for l in f:lines() do n = n + 1 end f:close() return n end)
case("read formats", function()
  local f = io.open(name, "w") f:write("12 3.5\nword\nrest of it") f:close()
  f = io.open(name)
  local a, b = f:read("*n", "*n")
  local eol = f:read("*l")
  local w = f:read("*l")
  local c = f:read(4)
  local all = f:read("*a")
  local eof = f:read("*l")
  f:close()
  return a, b, eol, w, c, all, eof
end)
case("seek", function() local f = io.open(name) local size = f:seek("end") f:seek("set", 3) local s = f:read(2) local at = f:seek() f:close() return size, s, at end)
case("io.input and io.read", function() io.input(name) local l = io.read() local n = io.read("*n") io.close(io.input()) return l, n end)
case("io.output and io.write", function() io.output(name) io.write("x", 1, "y") io.close(io.output()) local f = io.open(name) local s = f:read("*a") f:close() return s end)
case("r+ rewrites in place", function() local f = io.open(name, "r+") f:write("Z") f:close() f = io.open(name) local s = f:read("*a") f:close() return s end)
case("open a missing file", function() local f, e = io.open("no-such-file.tmp") return f, e end)
case("io.type", function() local f = io.open(name) local t = io.type(f) f:close() return t, io.type(f), io.type("x") end)
case("write returns", function() local f = io.open(name, "w") local r = f:write("a") local same = r == f f:close() return same end)
case("remove", function() return os.remove(name), os.remove(name) end)
