-- A CPU-bound Lua 5.1 benchmark for the pack's engine and native Lua (benchmarks/lua-vs-native.sh):
-- fannkuch (table indexing, integer loops), n-body (floating point, field access) and a string-heavy
-- part like a mail script's (format, match, find, gsub, upper, sub, table.concat).
-- Run() returns a checksum line, the same on every correct Lua.

local function fannkuch(n)
  local perm, perm1, count = {}, {}, {}
  local maxFlips, checksum, r, permCount = 0, 0, n, 0
  for i = 0, n - 1 do perm1[i] = i end
  while true do
    while r ~= 1 do count[r - 1] = r; r = r - 1 end
    for i = 0, n - 1 do perm[i] = perm1[i] end
    local flips, k = 0, perm[0]
    while k ~= 0 do
      local i, j = 0, k
      while i < j do perm[i], perm[j] = perm[j], perm[i]; i = i + 1; j = j - 1 end
      flips = flips + 1
      k = perm[0]
    end
    if flips > maxFlips then maxFlips = flips end
    if permCount % 2 == 0 then checksum = checksum + flips else checksum = checksum - flips end
    while true do
      if r == n then return checksum, maxFlips end
      local perm0 = perm1[0]
      for i = 0, r - 1 do perm1[i] = perm1[i + 1] end
      perm1[r] = perm0
      count[r] = count[r] - 1
      if count[r] > 0 then break end
      r = r + 1
    end
    permCount = permCount + 1
  end
end

local function bodies()
  local pi = 3.141592653589793
  local solarMass, daysPerYear = 4 * pi * pi, 365.24
  local function body(x, y, z, vx, vy, vz, mass)
    return { x = x, y = y, z = z, vx = vx * daysPerYear, vy = vy * daysPerYear, vz = vz * daysPerYear,
             mass = mass * solarMass }
  end
  local list = {
    body(0, 0, 0, 0, 0, 0, 1),
    body(4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
         1.66007664274403694e-03, 7.69901118419740425e-03, -6.90460016972063023e-05, 9.54791938424326609e-04),
    body(8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
         -2.76742510726862411e-03, 4.99852801234917238e-03, 2.30417297573763929e-05, 2.85885980666130812e-04),
    body(1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
         2.96460137564761618e-03, 2.37847173959480950e-03, -2.96589568540237556e-05, 4.36624404335156298e-05),
    body(1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
         2.68067772490389322e-03, 1.62824170038242295e-03, -9.51592254519715870e-05, 5.15138902046611451e-05),
  }
  local px, py, pz = 0, 0, 0
  for _, b in ipairs(list) do
    px, py, pz = px + b.vx * b.mass, py + b.vy * b.mass, pz + b.vz * b.mass
  end
  local sun = list[1]
  sun.vx, sun.vy, sun.vz = -px / solarMass, -py / solarMass, -pz / solarMass
  return list
end

local function advance(list, n, dt)
  for i = 1, n do
    local bi = list[i]
    for j = i + 1, n do
      local bj = list[j]
      local dx, dy, dz = bi.x - bj.x, bi.y - bj.y, bi.z - bj.z
      local d2 = dx * dx + dy * dy + dz * dz
      local mag = dt / (d2 * math.sqrt(d2))
      local bm, bjm = bi.mass * mag, bj.mass * mag
      bi.vx, bi.vy, bi.vz = bi.vx - dx * bjm, bi.vy - dy * bjm, bi.vz - dz * bjm
      bj.vx, bj.vy, bj.vz = bj.vx + dx * bm, bj.vy + dy * bm, bj.vz + dz * bm
    end
  end
  for i = 1, n do
    local b = list[i]
    b.x, b.y, b.z = b.x + dt * b.vx, b.y + dt * b.vy, b.z + dt * b.vz
  end
end

local function energy(list, n)
  local e = 0
  for i = 1, n do
    local bi = list[i]
    e = e + 0.5 * bi.mass * (bi.vx * bi.vx + bi.vy * bi.vy + bi.vz * bi.vz)
    for j = i + 1, n do
      local bj = list[j]
      local dx, dy, dz = bi.x - bj.x, bi.y - bj.y, bi.z - bj.z
      e = e - bi.mass * bj.mass / math.sqrt(dx * dx + dy * dy + dz * dz)
    end
  end
  return e
end

local function nbody(steps)
  local list = bodies()
  local n = #list
  for _ = 1, steps do advance(list, n, 0.01) end
  return energy(list, n)
end

local function strings(n)
  local parts, total = {}, 0
  for i = 1, n do
    local line = string.format("Received: from host%d.example.com ([10.0.%d.%d]) by mx.example.local; id %d",
      i, i % 256, (i * 7) % 256, (i * 40503) % 65536)
    local host, a, b = string.match(line, "from (%S+) %(%[10%.0%.(%d+)%.(%d+)%]%)")
    total = total + string.len(host) + tonumber(a) + tonumber(b)
    if string.find(string.upper(line), "EXAMPLE.COM", 1, true) then total = total + 1 end
    local replaced, count = string.gsub(line, "%d+", "#")
    total = total + count + string.len(replaced)
    parts[#parts + 1] = string.sub(line, 1, 20)
  end
  return total + string.len(table.concat(parts, ","))
end

function Run()
  local checksum, flips = fannkuch(9)
  -- the energy in units of 1e-9, as an integer: Lua implementations print %.9f differently
  local energy = math.floor(nbody(50000) * 1e9 + 0.5)
  return string.format("fannkuch %d %d nbody %d strings %d", checksum, flips, energy, strings(30000))
end

-- Native interpreters (no VPOP3 table): run as often as asked, one line per run with its CPU time.
if not VPOP3 then
  local runs = tonumber(arg and arg[1]) or 5
  for i = 1, runs do
    local started = os.clock()
    local result = Run()
    print(string.format("run %d %.3f %s", i, os.clock() - started, result))
  end
end
