-- bench/cycle.lua: a wrk script that spreads the requests over many paths (many children),
-- asking for each in turn, so no bench measures one hot record. The list is a file of paths,
-- one a line, given after wrk's "--":  wrk -s bench/cycle.lua URL -- PATHS_FILE
-- Each wrk thread starts at a different place in the list. Headers given with -H are sent.
local paths, i = {}, 0
local threads = 0

function setup(thread)
	thread:set("offset", threads)
	threads = threads + 1
end

function init(args)
	for line in io.lines(args[1]) do
		if line ~= "" then paths[#paths + 1] = line end
	end
	assert(#paths > 0, "cycle.lua: no paths in " .. args[1])
	i = ((offset or 0) * 7919) % #paths
end

function request()
	i = i % #paths + 1
	return wrk.format(nil, paths[i])
end
