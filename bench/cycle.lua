-- bench/cycle.lua: a wrk script that spreads the requests over many paths (many children)
-- and, when given, many signed-in people, asking for each in turn, so no bench measures one
-- hot record or one person. The list is a file given after wrk's "--", one request a line:
-- "PATH" or "PATH<TAB>SESSION" (sent as the hearth_session cookie), e.g.
--   wrk -s bench/cycle.lua URL -- PATHS_FILE
-- The requests are formatted once, at start. Each wrk thread starts at a different place.
local requests, i = {}, 0
local threads = 0

function setup(thread)
	thread:set("offset", threads)
	threads = threads + 1
end

function init(args)
	for line in io.lines(args[1]) do
		local path, session = line:match("^([^\t]+)\t?(.*)$")
		if path then
			local headers = {}
			for k, v in pairs(wrk.headers) do headers[k] = v end
			if session ~= "" then headers["Cookie"] = "hearth_session=" .. session end
			requests[#requests + 1] = wrk.format(nil, path, headers)
		end
	end
	assert(#requests > 0, "cycle.lua: no paths in " .. args[1])
	i = ((offset or 0) * 7919) % #requests
end

function request()
	i = i % #requests + 1
	return requests[i]
end
