-- Names every function a script can reach as a global (print) or as a field of a global table (os.sleep), one a
-- line, sorted. EditorDefinitionsTest runs it in the engine; record.sh ran it in Debian's lua5.2.
function FunctionNames()
  local names = {}
  for name, value in pairs(_G) do
    if name == "FunctionNames" then
      -- this walker itself
    elseif type(name) == "string" and type(value) == "function" then
      names[#names + 1] = name
    elseif type(name) == "string" and type(value) == "table" and value ~= _G then
      for field, member in pairs(value) do
        if type(field) == "string" and type(member) == "function" then
          names[#names + 1] = name .. "." .. field
        end
      end
    end
  end
  table.sort(names)
  return table.concat(names, "\n")
end
