-- DESIGN.md §10 capacity invariant, atomically in Redis (one script runs at a time).
-- KEYS[1] holder of the interaction, KEYS[2] the agent's holdings hash (interactionId -> "<kind>|<stage>").
-- ARGV: op, interactionId, offerId, agent, kind, chatsPerUser, simultaneous ("1"/"0").
-- The capacity rule mirrors shared/src/routing/capacity.ts hasCapacityFor; the same tests run against both.
local op, interactionId, offerId, agent, kind = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local offerHolder = 'offer|' .. offerId .. '|' .. agent
local connectedHolder = 'connected|' .. agent

if op == 'reserve' then
  if redis.call('EXISTS', KEYS[1]) == 1 then return 'held' end
  local calls, chats = 0, 0
  for _, value in ipairs(redis.call('HVALS', KEYS[2])) do
    if string.sub(value, 1, 5) == 'call|' then calls = calls + 1 else chats = chats + 1 end
  end
  local limit, simultaneous = tonumber(ARGV[6]), ARGV[7] == '1'
  if kind == 'call' then
    if calls > 0 or (not simultaneous and chats > 0) then return 'full' end
  else
    if chats >= limit or (not simultaneous and calls > 0) then return 'full' end
  end
  redis.call('SET', KEYS[1], offerHolder)
  redis.call('HSET', KEYS[2], interactionId, kind .. '|offer')
  return 'ok'
end

if op == 'accept' then
  if redis.call('GET', KEYS[1]) ~= offerHolder then return 0 end
  redis.call('SET', KEYS[1], connectedHolder)
  redis.call('HSET', KEYS[2], interactionId, kind .. '|connected')
  return 1
end

-- 'endOffer' and 'release' drop the holding only when the expected holder still holds it.
local expected = op == 'endOffer' and offerHolder or connectedHolder
if redis.call('GET', KEYS[1]) ~= expected then return 0 end
redis.call('DEL', KEYS[1])
redis.call('HDEL', KEYS[2], interactionId)
return 1
