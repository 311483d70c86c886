-- The io library on a file of the folder: modes, reading formats, lines, seek, type.
dofile("harness.lua")

local name = "io-conformance.tmp"
for _, mode in ipairs{"r+", "x", "rw", "", "wb+", "ab", "r+b", "w+", "a+", "rb", "+r", "b", "wbb", "r+bb", "rb+"} do
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

-- counts Lua 5.2 takes as a size_t, devices, the default input and output, io.lines of a name (its formats, its
-- end, the default input it leaves alone) and the wording of files that cannot be opened
local other = "io-conformance-2.tmp"
local function fresh(file, text) local f = assert(io.open(file, "wb")) f:write(text) f:close() end
fresh(name, "a1\na2\n") fresh(other, "b1\nb2\n")
case("read a negative count", function() local f = io.open(name) local ok, e = pcall(f.read, f, -1) f:close() return ok, e end)
case("read a negative count as a method", function() local f = io.open(name) local ok, e = pcall(function() return f:read(-5) end) f:close() return ok, e end)
case("read a fractional count", function() local f = io.open(name) local a = f:read(2.5) f:close() return a end)
case("read a count given as text", function() local f = io.open(name) local a = f:read("3") f:close() return a end)
for _, mode in ipairs{"w", "w+", "a", "r+", "wb"} do
  case("open /dev/null '" .. mode .. "'", function()
    local f, e, code = io.open("/dev/null", mode)
    if not f then return f, e, code end
    local wrote = f:write("x") == f
    f:close()
    return "opened", wrote
  end)
end
case("read /dev/null", function() local f = io.open("/dev/null") local a, b = f:read("*a"), f:read("*l") f:close() return a, b end)
case("lines of /dev/null", function() local n = 0 for _ in io.lines("/dev/null") do n = n + 1 end return n end)
case("io.input of a missing file", function() return io.input("no-such-file.tmp") end)
case("io.output of a folder", function() return io.output("support") end)
case("io.lines of a folder", function() local ok, e = pcall(io.lines, "support") return ok or e end)
case("io.lines of a number", function() return pcall(io.lines, 42) end)
case("io.input and io.read", function() io.input(name) local a, b = io.read(), io.read("*l") io.input():close() return a, b end)
case("io.read of a closed default input", function() return pcall(io.read) end)
case("io.lines of a closed default input", function() return pcall(io.lines) end)
case("io.output and io.write", function() io.output(other) local same = io.write("c", 1) == io.output() io.close() local f = io.open(other) local s = f:read("*a") f:close() return same, s end)
case("io.write to a closed default output", function() return pcall(io.write, "x") end)
case("io.lines leaves the default input", function() io.input(name) for _ in io.lines(other) do end local r = io.read() io.input():close() return r end)
case("io.lines of the default input", function() io.input(name) local n = 0 for _ in io.lines() do n = n + 1 end local t = io.type(io.input()) io.input():close() return n, t end)
case("io.lines closes its file at the end", function() local it = io.lines(name) it() it() return select("#", it()), pcall(it) end)
case("io.lines with formats", function() fresh(name, "1 2\n3\n") local r = {} for a, b in io.lines(name, "*n", "*n") do r[#r + 1] = a r[#r + 1] = b or "none" end return #r, r[1], r[2], r[3], r[4] end)
case("io.lines with a count", function() fresh(name, "abcde") local r = {} for a in io.lines(name, 2) do r[#r + 1] = a end return #r, r[3] end)
case("io.lines with *L", function() fresh(name, "x\ny") local r = {} for a in io.lines(name, "*L") do r[#r + 1] = a end return #r, r[1], r[2] end)
case("io.lines with a bad format", function() return pcall(function() for _ in io.lines(name, "*x") do end end) end)
case("io.lines with three formats", function() fresh(name, "0123456789\n") local r = {} for a, b, c in io.lines(name, 1, 2, "*a") do r[#r + 1] = a .. "|" .. b .. "|" .. c end return #r, r[1] end)
case("io.lines with four formats", function() fresh(name, "ab\ncd\nef\n") local r = {} for a, b, c, d in io.lines(name, "*l", "*l", 1, "*L") do r[#r + 1] = a .. b .. c .. d end return #r, r[1] end)
case("open r+ writes", function() fresh(name, "abcdef") local f = io.open(name, "r+") local a = f:read(2) f:seek("cur") local w = f:write("XY") == f f:close() f = io.open(name) local s = f:read("*a") f:close() return a, w, s end)
case("open r+ writes at the end", function() fresh(name, "abc") local f = io.open(name, "r+") f:read("*a") f:write("Z") f:close() f = io.open(name) local s = f:read("*a") f:close() return s end)
case("open a writes at the end after a seek", function() fresh(name, "abc") local f = io.open(name, "a") local at = f:seek() f:seek("set", 0) f:write("d") f:close() f = io.open(name) local s = f:read("*a") f:close() return at, s end)
case("open a+ reads from the start, writes at the end", function() fresh(name, "abc") local f = io.open(name, "a+") local at = f:seek() local s = f:read("*a") f:seek("set", 1) f:write("d") local after = f:seek() f:seek("set") local all = f:read("*a") f:close() return at, s, after, all end)
case("open w+ reads back", function() local f = io.open(name, "w+") f:write("hello") f:seek("set", 1) f:write("E") f:seek("set") local s = f:read("*a") f:close() return s end)
case("write to a file opened r", function() fresh(name, "abc") local f = io.open(name, "r") local a, b, c = f:write("x") f:close() return a, b, c end)
for _, format in ipairs{"*a", "*l", "*L", "*n", "0", "5"} do
  case("read " .. format .. " from a file opened w", function() local f = io.open(name, "w") local a, b, c = f:read(tonumber(format) or format) f:close() return a, b, c end)
end
case("read from a file opened a", function() local f = io.open(name, "a") local a, b, c = f:read(5) f:close() return a, b, c end)
case("lines of a file opened w", function() local f = io.open(name, "w") local ok, e = pcall(function() for _ in f:lines() do end end) f:close() return ok, e end)
case("io.read of a default input opened w", function() io.input(io.open(name, "w")) local a, b, c = io.read() io.input():close() return a, b, c end)
case("io.write to a default output opened r", function() fresh(name, "abc") io.output(io.open(name, "r")) local a, b, c = io.write("x") io.output():close() return a, b, c end)
case("seek before the start", function() fresh(name, "abc") local f = io.open(name) local a, b, c = f:seek("set", -1) local d, e, g = f:seek("cur", -10) local h = f:seek() f:close() return a, b, c, d, e, g, h end)
case("seek past the end", function() fresh(name, "abc") local f = io.open(name) local a = f:seek("end", 5) local b = f:read(1) f:close() return a, b end)
case("setvbuf modes", function() local f = io.open(name, "w") local a, b, c = f:setvbuf("no"), f:setvbuf("full", 1024), f:setvbuf("line") f:close() return a, b, c end)
case("setvbuf of a bad mode", function() local f = io.open(name, "w") local ok, e = pcall(function() return f:setvbuf("sometimes") end) f:close() return ok, e end)
local function contents(file) local f = io.open(file) if not f then return nil end local s = f:read("*a") f:close() return s end
case("os.rename replaces a file", function() fresh(name, "new") fresh(other, "old") local r = {os.rename(name, other)} return r[1], r[2], r[3], contents(name), contents(other) end)
case("os.rename onto a folder", function() fresh(name, "x") return os.rename(name, "support") end)
case("os.rename onto itself", function() fresh(name, "x") return os.rename(name, name), contents(name) end)
case("os.rename into a missing folder", function() fresh(name, "x") return os.rename(name, "no-such-folder/x.tmp") end)
case("os.remove of a folder", function() return os.remove("support") end)
case("seek a fractional offset", function() fresh(name, "abcdef") local f = io.open(name) local ok, e = pcall(function() return f:seek("set", 2.5) end) f:close() return ok, e end)
case("seek a whole offset given as 2.0", function() fresh(name, "abcdef") local f = io.open(name) local a = f:seek("set", 2.0) local b = f:read(1) f:close() return a, b end)
case("seek with an offset given as text", function() fresh(name, "abcdef") local f = io.open(name) local a = f:seek("set", "3") f:close() return a end)
case("seek with a table offset", function() local f = io.open(name) local ok, e = pcall(function() return f:seek("set", {}) end) f:close() return ok, e end)
case("seek with whence only", function() fresh(name, "abcdef") local f = io.open(name) f:read(2) local a, b = f:seek("cur"), f:seek("end") f:close() return a, b end)
case("seek of a closed file", function() local f = io.open(name) f:close() return pcall(f.seek, f) end)
case("seek called on a string", function() local f = io.open(name) local ok, e = pcall(f.seek, "x") f:close() return ok, e end)
case("file:lines with formats", function() fresh(name, "1 2\n3 4\n") local f = io.open(name) local r = {} for a in f:lines("*n") do r[#r + 1] = a end local t = io.type(f) f:close() return #r, r[1], r[4], t end)
case("file:lines with a count", function() fresh(name, "abcde") local f = io.open(name) local r = {} for a in f:lines(2) do r[#r + 1] = a end f:close() return #r, r[3] end)
case("file:lines of a closed file", function() local f = io.open(name) f:close() return pcall(f.lines, f) end)
case("file:lines with a bad format", function() local f = io.open(name) local ok, e = pcall(function() for _ in f:lines("*x") do end end) f:close() return ok, e end)
case("file:lines with three formats", function() fresh(name, "0123456789\n") local f = io.open(name) local r = {} for a, b, c in f:lines(1, 2, "*a") do r[#r + 1] = a .. "|" .. b .. "|" .. c end f:close() return #r, r[1] end)
case("io.type()", function() return io.type() end)
case("io.type(nil)", function() return io.type(nil) end)
case("io.tmpfile", function() local f = io.tmpfile() f:write("temp", 1) f:seek("set") local s = f:read("*a") local t = io.type(f) f:close() return s, t end)
-- *n as glibc's fscanf("%lf") reads: inf and nan words, numerals it gives up on and what of them it consumed
for _, text in ipairs{"inf", "Inf", "INFINITY", "infinity!", "infin", "infx", "in", "-nan", "nanx", "nan(123)", "na",
    "+inf", "-inf", "0x", "0xg", "-0x", "0x.", "0x.8", "0xp1", "1e", "1ex", "1.e2", "0X1P-2", "0x1p", ".e1", ".", "-",
    "1e400", "5.", "-.5e-3", "--1", "1,5", "00012", "  \t42", "9007199254740993"} do
  case("*n of '" .. text .. "'", function() fresh(name, text) local f = io.open(name) local a = f:read("*n") local rest = f:read("*a") f:close() return a, rest end)
end
case("io.close of a string", function() return io.close("x") end)
case("io.close of a closed file", function() local f = io.open(name) f:close() return io.close(f) end)
case("io.lines of a file handle", function() local f = io.open(name) local ok, e = pcall(io.lines, f) f:close() return ok, e end)
case("methods of a closed file", function()
  local f = io.open(name) f:close()
  local r = {}
  for _, method in ipairs{"read", "write", "lines", "seek", "flush", "setvbuf", "close"} do
    r[#r + 1] = select(2, pcall(f[method], f, method == "setvbuf" and "no" or nil))
  end
  return table.concat(r, "|")
end)
case("a file's metatable", function() local f = io.open(name) local m = getmetatable(f) f:close() return type(m), m.__index == m, type(m.__tostring), type(m.__gc), m.__name end)
case("one metatable for every file", function() local f, g = io.open(name), io.open(name) local same = getmetatable(f) == getmetatable(g) f:close() g:close() return same end)
case("a method added to the metatable", function() fresh(name, "first\nsecond\n") local f = io.open(name) getmetatable(f).firstline = function(self) return self:read("*l") end local l = f:firstline() f:close() getmetatable(f).firstline = nil return l end)
case("the methods of the metatable", function() local f = io.open(name) local r = {} for k in pairs(getmetatable(f)) do r[#r + 1] = k end table.sort(r) f:close() return table.concat(r, ",") end)
case("__tostring of the metatable", function() local f = io.open(name) local m = getmetatable(f) local open = m.__tostring(f):match("^file %(0x%x+%)$") ~= nil f:close() return open, m.__tostring(f) end)
case("__gc closes", function() local f = io.open(name) getmetatable(f).__gc(f) local t = io.type(f) getmetatable(f).__gc(f) return t end)
case("setmetatable of a file", function() local f = io.open(name) local ok, e = pcall(function() return setmetatable(f, {}) end) f:close() return ok, e end)
case("__tostring of a number", function() local f = io.open(name) local m = getmetatable(f) f:close() return pcall(m.__tostring, 1) end)
case("__gc of a number", function() local f = io.open(name) local m = getmetatable(f) f:close() return pcall(m.__gc, 1) end)
case("__gc of no value", function() local f = io.open(name) local m = getmetatable(f) f:close() return pcall(m.__gc) end)
case("__index a function", function() local f = io.open(name) local m = getmetatable(f) m.__index = function(t, k) return function() return "got " .. k, io.type(t) end end local ok, a, b = pcall(function() return f:anything() end) m.__index = m f:close() return ok, a, b end)
case("__index a function giving no method", function() local f = io.open(name) local m = getmetatable(f) m.__index = function(t, k) return k end local ok, e = pcall(function() return f:read() end) m.__index = m f:close() return ok, e end)
os.remove(name)
os.remove(other)
