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
os.remove(name)
