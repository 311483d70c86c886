-- goto and labels (5.2).
dofile("harness.lua")

case("goto continue", function() local r = {} for i = 1, 5 do if i % 2 == 0 then goto continue end r[#r + 1] = i ::continue:: end return table.concat(r, ",") end)
case("goto backwards loop", function() local i = 0 ::top:: i = i + 1 if i < 5 then goto top end return i end)
case("goto out of nested loops", function() for i = 1, 3 do for j = 1, 3 do if i * j == 4 then goto done end end end ::done:: return "out" end)
case("goto skips to end of block", function() do goto e; error("not skipped") ::e:: end return "ok" end)
case("label at end of function", function() local x = 1 goto last x = 2 ::last:: return x end)
case("closure in goto loop", function()
  local fs, i = {}, 1
  ::again::
  local j = i
  fs[#fs + 1] = function() return j end
  i = i + 1
  if i <= 3 then goto again end
  return fs[1](), fs[2](), fs[3]()
end)
E{"load('goto l1; local x; ::l1:: print(x)')", "load('goto l1; do ::l1:: end')", "load('::l1:: ::l1::')",
  "load('::l1:: do ::l1:: end') ~= nil", "load('goto l1')", "load('do goto l1 end ::l1::') ~= nil",
  "load('local x ::l1:: goto l1') ~= nil", "load('repeat goto cont; local x ::cont:: until x')",
  "load('goto = 1')", "load('local goto = 1')", "load('::a:: ::b:: goto a') ~= nil", "load('::l1::') ~= nil",
  "load('goto l1 local x ::l1::') ~= nil", "load('goto l1 local x ::l1:: ;')", "load('::1::')",
  "load('for i = 1, 2 do goto next ::next:: end') ~= nil", "load('while true do break break end') ~= nil",
  "load('break')", "load('if x then break end')", "load('function f() goto out end ::out::')"}
for n = 1, 20 do
  case("goto state machine " .. n, function()
    local steps, state = 0, n
    ::loop::
    steps = steps + 1
    if state == 1 then return steps end
    if state % 2 == 0 then state = state / 2 else state = 3 * state + 1 end
    goto loop
  end)
end

-- break outside a loop and repeated labels, worded as Lua 5.2 words them
E{"load('::l1:: ::l1::')", "load('break')", "load('if x then break end')", "load('do ::a:: end ::a:: ::a::')", "load('goto nowhere')", "load('while 1 do end break')", "load('for i = 1, 2 do end break')", "load('local function f() break end')", "load('repeat local x; ::l:: ::l:: until x')"}

-- at most 32767 gotos (breaks are gotos) pending at once, as Lua 5.2's compiler keeps
E{"load(string.rep('goto e ', 32768) .. '::e::')", "load('while x do ' .. string.rep('if x then break end ', 32768) .. 'end')"}
