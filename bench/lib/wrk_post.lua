-- wrk script: POST the same JSON body on every request (Lambda Invoke, or the echo baseline).
-- Usage: wrk -H 'Authorization: ...' -s wrk_post.lua http://127.0.0.1:PORT/path -- 'BODY'
-- Headers given with -H are sent too (wrk.format falls back to wrk.headers).

local body

function init(args)
  body = args[1] or "{}"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  return wrk.format("POST", nil, nil, body)
end
