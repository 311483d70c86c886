-- Evaluates conformance cases, one Lua expression a line, and describes each outcome on one line:
-- "ok <value>" or "error <message>", bytes outside printable ASCII (and the backslash) written as \ddd.
-- Run by record.sh under Debian's lua5.2 to record expected.txt, and by FormatConformanceTest in the engine.
-- It uses neither string.format nor tostring, the functions under test.

z = 0 -- "-z" is a -0 made at run time: the compilers fold "-0" in a source differently

local function escape(s)
  local out = {}
  for i = 1, #s do
    local b = s:byte(i)
    if b < 32 or b > 126 or b == 92 then
      out[#out + 1] = "\\" .. b
    else
      out[#out + 1] = s:sub(i, i)
    end
  end
  return table.concat(out)
end

local function describe(ok, value)
  if type(value) ~= "string" then
    return (ok and "ok " or "error ") .. "<" .. type(value) .. ">"
  end
  return (ok and "ok " or "error ") .. escape(value)
end

function Evaluate(cases)
  local results = {}
  for expression in cases:gmatch("[^\n]+") do
    local chunk, problem = load("return " .. expression, "=case")
    if chunk then
      results[#results + 1] = describe(pcall(chunk))
    else
      results[#results + 1] = "error " .. escape(problem)
    end
  end
  return table.concat(results, "\n") .. "\n"
end
