-- Differences found by differential fuzzing of the VM's semantics against lua5.2 (generated programs where values
-- of every type meet every operator and metamethod, and errors travel through pcall, xpcall and coroutines), each
-- reduced to its smallest program.
dofile("harness.lua")
-- a table with weak keys finds its function keys after it grew: every key is found where it was put
local function weakKeys(make)
  local weak, keys = setmetatable({}, {__mode = "k"}), {}
  for i = 1, 100 do keys[i] = make(i) weak[keys[i]] = i end
  local found, counted = 0, 0
  for i = 1, 100 do if weak[keys[i]] == i then found = found + 1 end end
  for _ in pairs(weak) do counted = counted + 1 end
  return found, counted
end
case("weak keys: Lua functions", weakKeys, function(i) return function() return i end end)
case("weak keys: host functions", weakKeys, function(i) return coroutine.wrap(function() end) end)
case("weak keys: tables", weakKeys, function(i) return {} end)
case("weak keys: coroutines", weakKeys, function(i) return coroutine.create(print) end)
case("weak keys and values: Lua functions", function()
  local weak, keys = setmetatable({}, {__mode = "kv"}), {}
  for i = 1, 100 do keys[i] = function() return i end weak[keys[i]] = keys[i] end
  local found = 0
  for i = 1, 100 do if weak[keys[i]] == keys[i] then found = found + 1 end end
  return found
end)
-- a string stored over a number stays a string, numeric or not (a table's number slot converted it)
E{"(function() local t = {x = 5} t.x = '0025' return t.x end)()",
  "(function() local t = {} t.x = 1 t.x = ' 0x10 ' return t.x end)()",
  "(function() local t = {} t[2.5] = 0 t[2.5] = '1e2' return t[2.5] end)()",
  "(function() G_VMFUZZ = 0/0 G_VMFUZZ = '10' return type(G_VMFUZZ), G_VMFUZZ <= '9' end)()",
  "(function() local t = {n = 1} t.n = -0 return 1 / t.n end)()",
  "(function() local t = {n = 'a'} t.n = 2^53 t.n = 'b' return t.n end)()"}
-- an upvalue's table whose __index or __newindex chain fails on a value held in no variable: no name
local chained = setmetatable({}, {__index = true, __newindex = 'str'})
local chainedDeep = setmetatable({}, {__index = setmetatable({}, {__index = 5}), __newindex = setmetatable({}, {__newindex = false})})
local text = 'abc'
case("upvalue's __index is a boolean", function() return chained.v end)
case("upvalue's __newindex is a string", function() chained[1] = 'x' end)
case("upvalue's __index chain ends in a number", function() return chainedDeep.v end)
case("upvalue's __newindex chain ends in false", function() chainedDeep.v = 1 end)
case("a field of an upvalue string set", function() text.x = 1 end)
case("a field of an upvalue string", function() return text.len end)
case("a local's __newindex is a string", function() local t = setmetatable({}, {__newindex = 'str'}) t.x = 1 end)
-- a concatenation that fails after a __concat returned: the value blamed is the metamethod's result, in the
-- register of the pair's left value; a __concat that cannot be called is called from the register above the pair
local joinsTo = function(result) return setmetatable({}, {__concat = function() return result end}) end
local cat = joinsTo(false)
case("concatenation of __concat's false", function() local x = 'w' .. cat .. 'z' return x end)
case("concatenation of __concat's nil", function() local j = joinsTo(nil) local x = 'w' .. j .. 'z' return x end)
case("concatenation of __concat's string", function() local j = joinsTo('s') local x = {} .. 'w' .. j .. 'z' return x end)
case("concatenation of __concat's table", function() local j = joinsTo({}) local x = 'v' .. 'w' .. j return x end)
case("concatenation of a local and __concat's table", function() local j, k = joinsTo({}), 1 local x = k .. j .. 2 return x end)
local uncallable = setmetatable({}, {__concat = true})
case("__concat true, three values", function() local x = uncallable .. 'y' .. 'z' return x end)
case("__concat true, two values", function() local x = 'y' .. uncallable return x end)
case("__concat 1 in a return", function() local t = setmetatable({}, {__concat = 1}) return t .. 'a' .. 'b' end)
case("__concat true, four values", function() local a, b = 'a', 'b' local x = a .. uncallable .. b .. 'c' return x end)
-- a weak table may have its fields cleared while it is traversed, as any table
local function clearedWhileTraversed(mode, read)
  local weak, keys = setmetatable({}, {__mode = mode}), {}
  for i = 1, 30 do keys[i] = {} weak[keys[i]] = keys[i] end
  local n = 0
  for k in pairs(weak) do
    weak[k] = nil
    if read then n = n + (weak[k] or 0) end
    n = n + 1
  end
  return n, next(weak)
end
case("weak keys cleared while traversed", clearedWhileTraversed, "k")
case("weak keys cleared and read while traversed", clearedWhileTraversed, "k", true)
case("weak keys and values cleared while traversed", clearedWhileTraversed, "kv")
case("weak values cleared while traversed", clearedWhileTraversed, "v")
-- known difference: Lua 5.2 makes a node for a key assigned nil, whose key a later store under an equal key keeps
E{"(function() local t = {} t[0] = nil t[-0] = 1 return 1 / next(t) end)()"}
