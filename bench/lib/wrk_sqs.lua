-- wrk script: awsJson1.0 SendMessage or SendMessageBatch (10 entries) to one queue.
-- Usage: wrk -H 'X-Amz-Target: AmazonSQS.SendMessage' -H ... -s wrk_sqs.lua http://127.0.0.1:PORT \
--          -- send|batch QUEUE_URL [GROUPS] [BODY_BYTES]
-- GROUPS > 0 makes it a FIFO run: entries get MessageGroupId g0..g(GROUPS-1) in turn and a
-- MessageDeduplicationId unique to the thread, request and entry. The headers (target,
-- content type, Authorization) come from -H: wrk.format falls back to wrk.headers.

local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_no", threads)
end

local mode, queue, groups, filler, seq

function init(args)
  mode = args[1] or "send"
  queue = args[2] or error("queue URL argument missing")
  groups = tonumber(args[3] or "0")
  filler = string.rep("m", tonumber(args[4] or "128") - 16)
  seq = 0
end

-- One message's fields (no braces), unique body per message: t<thread>-<seq>-<entry>.
local function fields(entry)
  local tag = "t" .. thread_no .. "-" .. seq .. "-" .. entry
  local out = '"MessageBody":"' .. string.sub(tag .. "-" .. filler, 1, #filler + 16) .. '"'
  if groups > 0 then
    out = out .. ',"MessageGroupId":"g' .. ((seq * 10 + entry) % groups) ..
      '","MessageDeduplicationId":"' .. tag .. '"'
  end
  return out
end

function request()
  seq = seq + 1
  local body
  if mode == "batch" then
    local entries = {}
    for i = 0, 9 do
      entries[#entries + 1] = '{"Id":"e' .. i .. '",' .. fields(i) .. '}'
    end
    body = '{"QueueUrl":"' .. queue .. '","Entries":[' .. table.concat(entries, ",") .. ']}'
  else
    body = '{"QueueUrl":"' .. queue .. '",' .. fields(0) .. '}'
  end
  return wrk.format("POST", "/", nil, body)
end
