-- bit32, over values at the edges of 32 bits and every shift from -33 to 33.
dofile("harness.lua")

local values = {"0", "1", "-1", "0x7fffffff", "0x80000000", "0xffffffff", "0x12345678", "2^32", "2^32 + 5", "-2^31",
  "2^40 + 3", "1.5", "-1.5", "0x55555555"}
for _, f in ipairs{"bnot"} do T("bit32." .. f .. "($)", values) end
for _, f in ipairs{"band", "bor", "bxor", "btest"} do
  T("bit32." .. f .. "($)", {"", "5", "0x0f, 0x3c", "0xff, 0xf0f, 0xf00f", "-1, 0x80000000", "2^32 + 3, 7",
    "0x12345678, 0xffff0000", "1.5, 3", "'3', 1", "-1, -1, -1, -1"})
end
for _, f in ipairs{"lshift", "rshift", "arshift", "lrotate", "rrotate"} do
  for _, v in ipairs{"1", "0x80000000", "0xffffffff", "0x12345678", "-1"} do
    local shifts = {}
    for s = -33, 33, 3 do shifts[#shifts + 1] = v .. ", " .. s end
    for _, s in ipairs{"32", "-32", "31", "-31", "64", "2^31", "-2^31", "1e10"} do shifts[#shifts + 1] = v .. ", " .. s end
    T("bit32." .. f .. "($)", shifts)
  end
end
T("bit32.extract($)", {"0xff00, 8, 8", "0xffffffff, 31", "0xffffffff, 0, 32", "0x12345678, 4, 4", "1, 0",
  "5, 32", "5, -1", "5, 0, 0", "5, 30, 3", "0x80000000, 31, 1"})
T("bit32.replace($)", {"0, 0xff, 8, 8", "0xffffffff, 0, 0, 1", "0, 1, 31", "0, 0xffffffff, 0, 32", "5, 1, 32",
  "0x12345678, 0xa, 28, 4", "0, 3, 0, 0"})
E{"bit32.arshift(1, 32)", "bit32.arshift(-1, 32)", "bit32.arshift(0x80000000, 31)", "bit32.lshift(1, 31)",
  "bit32.rshift(-1, 1)", "bit32.band()", "bit32.bor()", "bit32.bxor()", "bit32.btest()", "bit32.bnot()",
  "bit32.band('x')", "bit32.lshift(1)"}
