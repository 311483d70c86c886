-- The io library on a file of the folder: modes, reading formats, lines, seek, type.
dofile("harness.lua")

local name = "io-conformance.tmp"
for _, mode in ipairs{"r+", "x", "rw", "", "wb+", "ab", "r+b", "w+", "a+", "rb", "+r", "b"} do
  case("io.open mode '" .. mode .. "'", function()
    local f, message = io.open(name, mode)
    if f then f:close() return "opened" end
    return f, message
  end)
end
case("write and read back", function()
  local f = assert(io.open(name, "w"))
  f:write("first line\n", 42, " ", 1.5, "\n", "last")
  f:close()
  f = assert(io.open(name, "r"))
  local a = f:read("*l")
  local n = f:read("*n")
  local m = f:read("*n")
  local rest = f:read("*a")
  local eof = f:read("*l")
  f:close()
  return a, n, m, rest, eof
end)
case("read counts", function()
  local f = assert(io.open(name, "r"))
  local a, b = f:read(5, 0)
  local c = f:read(1000)
  local d = f:read(1)
  f:close()
  return a, b, #c, d
end)
case("lines", function()
  local r = {}
  for line in io.lines(name) do r[#r + 1] = line end
  return #r, r[1], r[3]
end)
case("file:lines", function()
  local f = assert(io.open(name))
  local n = 0
  for line in f:lines() do n = n + 1 end
  f:close()
  return n
end)
case("seek", function()
  local f = assert(io.open(name))
  local size = f:seek("end")
  local at = f:seek("set", 6)
  local word = f:read(4)
  local cur = f:seek()
  f:close()
  return size, at, word, cur
end)
case("io.type", function()
  local f = assert(io.open(name))
  local open = io.type(f)
  f:close()
  return open, io.type(f), io.type(42)
end)
case("read from a closed file", function() local f = assert(io.open(name)) f:close() return f:read() end)
case("append", function()
  local f = assert(io.open(name, "a")) f:write("+more") f:close()
  f = assert(io.open(name)) local all = f:read("*a") f:close()
  return #all, all:sub(-5)
end)
case("open a missing file", function() local f, message, code = io.open("no-such-file.tmp") return f, code end)
case("remove", function() return os.remove(name) end)
