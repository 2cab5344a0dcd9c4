-- Mixed reader traffic for the SQLite load run: pages, catalogue, product pages
-- (Oscar records a view on every product GET, so these write), search and basket.
paths = {}
local i = 0
init = function(args)
  for _, p in ipairs(args) do table.insert(paths, p) end
end
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
-- bench/run.py appends report.lua's done() to this script before running it.
