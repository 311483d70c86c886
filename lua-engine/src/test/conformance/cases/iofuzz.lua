-- The io library where differential fuzzing against lua5.2 found the engine differing (each case minimised
-- from a random sequence of file operations): the default files, partial writes.
dofile("harness.lua")

local name = "iofuzz-conformance.tmp"
local function fresh(file, text) local f = assert(io.open(file, "wb")) f:write(text) f:close() end
local function contents(file) local f = assert(io.open(file, "rb")) local s = f:read("*a") f:close() return s end

-- io.close(nil) is not io.close(): nil is not a file, and the default output stays open
case("io.close of nil", function()
  io.output(name)
  local ok, e = pcall(io.close, nil)
  local t = io.type(io.output())
  io.close()
  return ok, e, t
end)
case("io.close of nil as a call", function()
  io.output(name)
  local ok, e = pcall(function() return io.close(nil) end)
  io.close()
  return ok, e
end)
-- write writes the values before a bad one, then raises
case("write stops at a bad value", function()
  local f = io.open(name, "w")
  local ok, e = pcall(f.write, f, "a", 1, {}, "b")
  f:close()
  return ok, e, contents(name)
end)
case("io.write stops at a bad value", function()
  io.output(name)
  local ok, e = pcall(io.write, 3.25, "x", true, "y")
  io.close()
  return ok, e, contents(name)
end)
case("write of a bad first value", function()
  fresh(name, "old")
  local f = io.open(name, "a")
  local ok, e = pcall(f.write, f, nil, "b")
  f:close()
  return ok, e, contents(name)
end)
-- "*n" of a hexadecimal numeral with a point and no digit: glibc's fscanf takes "0x." as 0 and stops there
for _, text in ipairs{"0x.p1", "-0x.P+", "0x.p", "0x.e", "0x.0p1", "0x.8p1"} do
  case("*n of '" .. text .. "'", function()
    fresh(name, text)
    local f = io.open(name)
    local n = f:read("*n")
    local rest = f:read("*a")
    f:close()
    return n, rest
  end)
end
-- setvbuf looks at the file before its mode and size
case("setvbuf of a closed file without a mode", function() local f = io.open(name, "w") f:close() return pcall(f.setvbuf, f) end)
case("setvbuf of a closed file with a bad mode", function() local f = io.open(name, "w") f:close() return pcall(f.setvbuf, f, "bad") end)
case("setvbuf without a mode", function() local f = io.open(name, "w") local ok, e = pcall(f.setvbuf, f) f:close() return ok, e end)
case("setvbuf with a bad size", function() local f = io.open(name, "w") local ok, e = pcall(f.setvbuf, f, "full", "x") f:close() return ok, e end)
case("setvbuf with a size given as text", function() local f = io.open(name, "w") local a = f:setvbuf("line", "10") f:close() return a end)
case("setvbuf of a number", function() local f = io.open(name, "w") local ok, e = pcall(f.setvbuf, 1, "no") f:close() return ok, e end)
-- "*a" of a file opened only to write reads nothing and goes on: a bad format after it is raised, a good one
-- stops with the failure
case("read *a then a bad format from a file opened w", function() local f = io.open(name, "w") local ok, e = pcall(f.read, f, "*a", "l") f:close() return ok, e end)
case("read *a then *n from a file opened w", function() local f = io.open(name, "w") local a, b, c = f:read("*a", "*n") f:close() return a, b, c end)
case("read *a, *a then a bad format from a file opened a", function() local f = io.open(name, "a") local ok, e = pcall(f.read, f, "*a", "*a", "*x") f:close() return ok, e end)
case("read *l then a bad format from a file opened w", function() local f = io.open(name, "w") local a, b, c = f:read("*l", "l") f:close() return a, b, c end)
case("io.read *a then a bad format of a default input opened w", function() io.input(io.open(name, "w")) local ok, a, b, c = pcall(io.read, "*a", 5, {}) io.input():close() return ok, a, b, c end)
-- "*n" reads the byte that breaks "inf", "infinity" or "nan" and does not put it back (glibc's fscanf)
for _, text in ipairs{"nx", "nf", "NAx", "na", "ix", "inx", "infix", "infinx", "infinitx", "+ix", "-nx", "infinf", "infx", "infinity!", "nanq"} do
  case("*n of '" .. text .. "'", function()
    fresh(name, text)
    local f = io.open(name)
    local n = f:read("*n")
    local rest = f:read("*a")
    f:close()
    return n, rest
  end)
end
case("read 1 then *n of a word", function() fresh(name, "first") local f = io.open(name) local a, b = f:read(1, "*n") local rest = f:read("*a") f:close() return a, b, rest end)
case("file:lines *n over words", function() fresh(name, "nx 5 ix 6") local f = io.open(name) local r = {} for n in f:lines("*n") do r[#r + 1] = n end local rest = f:read("*a") f:close() return #r, rest end)
-- a seek offset C's off_t cannot hold is an argument error; -2^63 it holds
case("seek to 2^63", function() fresh(name, "abc") local f = io.open(name) local ok, e = pcall(f.seek, f, "set", 2^63) f:close() return ok, e end)
case("seek to 2^63 as a method", function() fresh(name, "abc") local f = io.open(name) local ok, e = pcall(function() return f:seek("end", 2^63) end) f:close() return ok, e end)
case("seek to 2^64", function() fresh(name, "abc") local f = io.open(name) local ok, e = pcall(f.seek, f, "cur", 2^64) f:close() return ok, e end)
case("seek to -2^63", function() fresh(name, "abc") local f = io.open(name) local a, b, c = f:seek("cur", -2^63) f:close() return a, b, c end)
case("seek to 2^62", function() fresh(name, "abc") local f = io.open(name) local a, b, c = f:seek("set", 2^62) f:close() return a, b, c end)
-- writing nothing fails on no file, even one opened only to read
case("write of an empty string to a file opened r", function() fresh(name, "abc") local f = io.open(name) local a, b, c = f:write("") f:close() return a == f, b, c end)
case("write of empty strings to a file opened r", function() fresh(name, "abc") local f = io.open(name) local a, b, c = f:write("", "") f:close() return a == f, b, c end)
case("write of nothing to a file opened r", function() fresh(name, "abc") local f = io.open(name) local a, b, c = f:write() f:close() return a == f, b, c end)
case("io.write of an empty string to a default output opened r", function() fresh(name, "abc") io.output(io.open(name, "r")) local a, b, c = io.write("") local same = a == io.output() io.output():close() return same, b, c end)
case("write of an empty string to a file opened a, then its position", function() fresh(name, "abc") local f = io.open(name, "a+") f:seek("set", 1) f:write("") local at = f:seek() f:close() return at, contents(name) end)
-- names C reads otherwise than Java's paths: "" is no file (not the scripts folder), a trailing "/" asks for a
-- folder (it is not dropped); each file is made again before each case
for _, mode in ipairs{"r", "r+", "w", "a", "a+", "w+"} do
  for _, file in ipairs{"", name .. "/", "no-such-file.tmp/", "./" .. name} do
    case("open '" .. file .. "' " .. mode, function()
      fresh(name, "abc")
      local f, message, code = io.open(file, mode)
      if f then f:close() f = "opened" end
      return f, message, code, contents(name)
    end)
  end
end
for _, file in ipairs{"", name .. "/", "no-such-file.tmp/"} do
  case("os.remove '" .. file .. "'", function() fresh(name, "abc") local a, b, c = os.remove(file) return a, b, c, contents(name) end)
  case("io.lines '" .. file .. "'", function() fresh(name, "abc") local ok, e = pcall(io.lines, file) return ok, e end)
  case("io.input '" .. file .. "'", function() fresh(name, "abc") local ok, e = pcall(io.input, file) return ok, e end)
  case("io.output '" .. file .. "'", function() fresh(name, "abc") local ok, e = pcall(io.output, file) return ok, e, contents(name) end)
end
case("os.rename '' to a file", function() fresh(name, "abc") local a, b, c = os.rename("", name) return a, b, c, contents(name) end)
case("os.rename a file to ''", function() fresh(name, "abc") local a, b, c = os.rename(name, "") return a, b, c, contents(name) end)
case("os.rename a file with a trailing slash", function() fresh(name, "abc") local a, b, c = os.rename(name .. "/", "iofuzz-2.tmp") return a, b, c, contents(name) end)
case("os.rename onto a file with a trailing slash", function() fresh(name, "abc") fresh("iofuzz-2.tmp", "x") local a, b, c = os.rename("iofuzz-2.tmp", name .. "/") os.remove("iofuzz-2.tmp") return a, b, c, contents(name) end)
case("os.rename a missing file onto a file with a trailing slash", function() fresh(name, "abc") local a, b, c = os.rename("no-such-file.tmp", name .. "/") return a, b, c, contents(name) end)
case("os.rename a file onto a missing name with a trailing slash", function() fresh(name, "abc") local a, b, c = os.rename(name, "no-such-file.tmp/") return a, b, c, contents(name) end)
case("os.rename a folder onto a file with a trailing slash", function() fresh(name, "abc") local a, b, c = os.rename("support", name .. "/") return a, b, c, contents(name) end)
case("os.rename a missing file onto ''", function() return os.rename("no-such-file.tmp", "") end)
case("os.rename the folder itself", function() return os.rename(".", "iofuzz-2.tmp") end)
case("os.rename onto the folder itself", function() return os.rename("support", ".") end)
case("os.rename a missing file onto the folder itself", function() return os.rename("no-such-file.tmp", ".") end)
case("os.rename onto '..'", function() return os.rename("no-such-file.tmp", "support/..") end)
case("os.rename onto './'", function() return os.rename("no-such-file.tmp", "./") end)
case("os.rename a folder onto ''", function() return os.rename("support/", "") end)
case("os.rename a name under a file", function() fresh(name, "abc") local a, b, c = os.rename(name .. "/x", "iofuzz-2.tmp") return a, b, c, contents(name) end)
case("os.rename through a file", function() fresh(name, "abc") local a, b, c = os.rename(name .. "/../" .. name, "iofuzz-2.tmp") return a, b, c, contents(name) end)
case("os.rename a folder onto a file", function() fresh(name, "abc") local a, b, c = os.rename("support", name) return a, b, c, contents(name) end)
case("open r+ through a file", function() fresh(name, "abc") return io.open(name .. "/../" .. name, "r+") end)
case("open r through a file", function() fresh(name, "abc") return io.open(name .. "/x", "r") end)
case("open w under a file", function() fresh(name, "abc") local a, b, c = io.open(name .. "/x", "w") return a, b, c, contents(name) end)
case("os.remove under a file", function() fresh(name, "abc") local a, b, c = os.remove(name .. "/x") return a, b, c, contents(name) end)
case("os.rename a file under a missing folder onto the folder itself", function() return os.rename("no-such-folder/x", ".") end)
case("os.rename the folder itself onto a file under a missing folder", function() return os.rename(".", "no-such-folder/x") end)
case("os.rename a file with a trailing slash onto a name through a missing folder", function() fresh(name, "abc") local a, b, c = os.rename(name .. "/", "no-such-folder/../x") return a, b, c, contents(name) end)
case("os.rename a file onto a name through a file", function() fresh(name, "abc") local a, b, c = os.rename("no-such-file.tmp", name .. "/../x") return a, b, c, contents(name) end)
case("os.rename a name under a file onto ''", function() fresh(name, "abc") local a, b, c = os.rename(name .. "/x", "") return a, b, c, contents(name) end)
case("os.rename '' onto a name under a file", function() fresh(name, "abc") local a, b, c = os.rename("", name .. "/x") return a, b, c, contents(name) end)
case("os.rename a folder with a trailing slash", function() local a, b, c = os.rename("support/", "support/") return a, b, c end)
-- C's stdio buffers: lua5.2 holds a write until flush and reads 4 KiB ahead, so another handle on the same file
-- sees it as it was; the engine reads 4 KiB ahead too, but writes at once (known-differences.txt)
case("a write seen through another handle before flush", function() local f = io.open(name, "w") f:write("x") local s = contents(name) f:close() return s end)
case("a write seen through another handle after flush", function() local f = io.open(name, "w") f:write("x") f:flush() local s = contents(name) f:close() return s end)
case("a write seen through another handle after setvbuf no", function() local f = io.open(name, "w") f:setvbuf("no") f:write("y") local s = contents(name) f:close() return s end)
case("a line read after the file was rewritten", function() fresh(name, "one\ntwo\n") local f = io.open(name) local a = f:read("*l") fresh(name, "ONE\nTWO\n") local b = f:read("*l") f:close() return a, b end)
-- reading ahead (4 KiB, as C's stdio) and what comes after a read: the position, a write, a seek, other reads
local long = string.rep("0123456789abcdef\n", 600) -- 10,200 bytes: past two blocks
case("seek after a line reports the line's end", function() fresh(name, "one\ntwo\n") local f = io.open(name) local l = f:read("*l") local p = f:seek() f:close() return l, p end)
case("seek cur after lines of a long file", function() fresh(name, long) local f = io.open(name) for i = 1, 300 do f:read("*l") end local p = f:seek("cur") local q = f:seek("cur", -3) local r = f:read(5) f:close() return p, q, r end)
case("a write after a read in r+ goes where the read ended", function() fresh(name, "abcdef\nghij\n") local f = io.open(name, "r+") local l = f:read("*l") f:seek("cur") f:write("XY") f:close() return l, contents(name) end)
case("a write after a read in a+ goes to the end", function() fresh(name, "abc\ndef\n") local f = io.open(name, "a+") local l = f:read("*l") f:write("Z") local p = f:seek() f:close() return l, p, contents(name) end)
case("read of a count across blocks", function() fresh(name, long) local f = io.open(name) local a = f:read(5) local b = f:read(9000) local c = f:read("*l") local d = f:read(4096) f:close() return #a, #b, c, #(d or "") end)
case("lines then all", function() fresh(name, long) local f = io.open(name) local n = 0 for l in f:lines() do n = n + 1 if n == 250 then break end end local rest = f:read("*a") f:close() return n, #rest end)
case("numbers and lines mixed", function() fresh(name, "  12 34\nx\n 5e2\n") local f = io.open(name) local a, b = f:read("*n", "*n") local c = f:read("*l") local d = f:read("*l") local e = f:read("*n") local g = f:read("*l") f:close() return a, b, c, d, e, g end)
case("remaining after lines: read all", function() fresh(name, long) local f = io.open(name) f:read("*l") f:read(100) local all = f:read("*a") f:close() return #all end)
case("seek end then read", function() fresh(name, long) local f = io.open(name) f:read("*l") local p = f:seek("end", -4) local r = f:read("*a") f:close() return p, r end)
case("a file grown after its end was read", function() fresh(name, "a\n") local f = io.open(name) local a = f:read("*l") local b = f:read("*l") local g = io.open(name, "a") g:write("b\n") g:close() local c = f:read("*l") f:close() return a, b, c end)
os.remove(name)
