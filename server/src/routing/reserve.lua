-- DESIGN.md §10 capacity invariant, atomically in Redis (one script runs at a time).
-- KEYS[1] holder of the interaction, KEYS[2] the agent's holdings hash (interactionId -> "<kind>|<stage>").
-- ARGV: op, interactionId, offerId, agent, kind, chatsPerUser, simultaneous ("1"/"0"), node.
-- The capacity rule mirrors shared/src/routing/capacity.ts hasCapacityFor; the same tests run against both.
-- Ringing offers are also listed per node (rt:held-by:<node>, rt:offer-node) so that a node's
-- offers can be reclaimed when it dies between reserving and recording one. Those keys are
-- named here rather than passed in: the store runs on one Redis, not a cluster.
local op, interactionId, offerId, agent, kind = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local offerHolder = 'offer|' .. offerId .. '|' .. agent
local connectedHolder = 'connected|' .. agent

-- The offer no longer rings: it leaves its node's list.
local function unlist(id, offer)
  local node = redis.call('HGET', 'rt:offer-node', id)
  if node then
    redis.call('SREM', 'rt:held-by:' .. node, id .. '|' .. offer)
    redis.call('HDEL', 'rt:offer-node', id)
  end
end

-- ARGV[2] is a node whose heartbeat key expired: free the offers it still holds.
if op == 'reclaim' then
  local dead = ARGV[2]
  if redis.call('EXISTS', 'rt:alive:' .. dead) == 1 then return {} end
  local freed = {}
  for _, member in ipairs(redis.call('SMEMBERS', 'rt:held-by:' .. dead)) do
    local sep = string.find(member, '|', 1, true)
    local id, offer = string.sub(member, 1, sep - 1), string.sub(member, sep + 1)
    local prefix = 'offer|' .. offer .. '|'
    local holder = redis.call('GET', 'rt:holder:' .. id)
    if holder and string.sub(holder, 1, #prefix) == prefix then
      local holderAgent = string.sub(holder, #prefix + 1)
      redis.call('DEL', 'rt:holder:' .. id)
      redis.call('HDEL', 'rt:load:' .. holderAgent, id)
      table.insert(freed, id .. '|' .. offer .. '|' .. holderAgent)
    end
    if redis.call('HGET', 'rt:offer-node', id) == dead then redis.call('HDEL', 'rt:offer-node', id) end
  end
  redis.call('DEL', 'rt:held-by:' .. dead)
  redis.call('SREM', 'rt:nodes', dead)
  return freed
end

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
  redis.call('HSET', 'rt:offer-node', interactionId, ARGV[8])
  redis.call('SADD', 'rt:held-by:' .. ARGV[8], interactionId .. '|' .. offerId)
  return 'ok'
end

if op == 'accept' then
  if redis.call('GET', KEYS[1]) ~= offerHolder then return 0 end
  unlist(interactionId, offerId)
  redis.call('SET', KEYS[1], connectedHolder)
  redis.call('HSET', KEYS[2], interactionId, kind .. '|connected')
  return 1
end

-- 'endOffer' and 'release' drop the holding only when the expected holder still holds it.
local expected = op == 'endOffer' and offerHolder or connectedHolder
if redis.call('GET', KEYS[1]) ~= expected then return 0 end
if op == 'endOffer' then unlist(interactionId, offerId) end
redis.call('DEL', KEYS[1])
redis.call('HDEL', KEYS[2], interactionId)
return 1
