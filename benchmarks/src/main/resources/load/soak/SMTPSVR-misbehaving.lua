
-- Appended to the sample SMTPSVR.LUA by the load benchmark's soak (benchmarks/load.sh --soak): one session in ten
-- misbehaves, in DoHELO and in each ProcessMessage, in one of the ways a script can run into one of the pack's
-- bounds; the other sessions run the sample as it is. Every failed call falls back to James's own behaviour, so
-- the session's mail still goes through; the soak sets limit.time.ms to 500 so that a spinning session does not
-- hold its client for 10 s a call.
local misbehaviour = math.random(10) == 1 and math.random(7) or 0
local kept = {}

local function misbehave()
  if misbehaviour == 1 then
    -- spins to the time bound
    while true do end
  elseif misbehaviour == 2 then
    -- keeps files open to the instance's bound
    for _ = 1, 300 do
      local file = io.open("SMTPSVR.LUA", "r")
      if not file then break end
      kept[#kept + 1] = file
    end
  elseif misbehaviour == 3 then
    -- keeps what it makes until the memory bound
    local i = #kept
    while true do
      i = i + 1
      kept[i] = string.rep("x", 1000) .. i
    end
  elseif misbehaviour == 4 then
    -- leaves coroutines suspended, past the instance's bound
    for _ = 1, 40 do
      local co = coroutine.create(function() coroutine.yield() end)
      coroutine.resume(co)
      kept[#kept + 1] = co
    end
  elseif misbehaviour == 5 then
    -- fails with an error object whose __tostring spins
    error(setmetatable({}, {__tostring = function() while true do end end}))
  elseif misbehaviour == 6 then
    -- prints to the output bound
    local line = string.rep("p", 1000)
    while true do print(line) end
  elseif misbehaviour == 7 then
    -- sleeps past the time bound
    os.sleep(2000)
  end
end

local sampleHELO, sampleMessage = DoHELO, ProcessMessage

function DoHELO(...)
  misbehave()
  return sampleHELO(...)
end

function ProcessMessage(...)
  misbehave()
  return sampleMessage(...)
end
