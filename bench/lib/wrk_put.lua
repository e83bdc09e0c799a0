-- wrk script: PUT a 1 KiB body to a fresh key on every request.
-- Usage: wrk [-H 'Name: value'] -s wrk_put.lua http://127.0.0.1:PORT -- /bucket/key-prefix-
-- Keys are <prefix><thread>-<seq>, so no two requests write the same key.
-- Headers given with -H are sent too (wrk.format falls back to wrk.headers).

local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_no", threads)
end

local prefix, seq, body

function init(args)
  prefix = (args[1] or "/bench-wrk/put-") .. thread_no .. "-"
  seq = 0
  body = string.rep("b", 1024)
  wrk.headers["Content-Type"] = "application/octet-stream"
end

function request()
  seq = seq + 1
  return wrk.format("PUT", prefix .. seq, nil, body)
end
