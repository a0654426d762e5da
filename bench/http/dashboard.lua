-- dashboard.lua — the calls the 首页 makes, rotated over a few units and years.
local paths = {
  "/api/v1/dashboard",
  "/api/v1/dashboard?unit=U470100",
  "/api/v1/dashboard?unit=U470200&year=2024",
  "/api/v1/me",
  "/api/v1/units",
  "/api/v1/dashboard?year=2023",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
