/*
 * Lua run atomically by Redis, so every instance sees one order of events. Time is Redis's
 * own clock (TIME), so instances with skewed clocks still share one window.
 *
 * Sliding log per rule: a sorted set of `<id>:<cost>` members scored by time, plus a running
 * total in `<key>:sum`, so a check costs O(log n + expired) rather than a sum over the window.
 */

/**
 * KEYS: per rule, the log and its total (2 keys a rule).
 * ARGV: request id, then per rule: limit, windowMs, cost.
 * Returns: { allowed 0/1, blocked rule index (1-based, 0 when allowed), retryAfterMs,
 *            then per rule: used, resetMs }.
 */
export const SLIDING_WINDOW_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local rules = #KEYS / 2
local totals = {}
local blocked = 0
for i = 1, rules do
  local log, sum = KEYS[2 * i - 1], KEYS[2 * i]
  local limit, window, cost = tonumber(ARGV[3 * i - 1]), tonumber(ARGV[3 * i]), tonumber(ARGV[3 * i + 1])
  local expired = redis.call('ZRANGEBYSCORE', log, '-inf', now - window)
  local total = tonumber(redis.call('GET', sum) or '0')
  if #expired > 0 then
    for _, member in ipairs(expired) do
      total = total - tonumber(string.match(member, ':(%d+)$'))
    end
    redis.call('ZREMRANGEBYSCORE', log, '-inf', now - window)
  end
  if total < 0 or (total == 0 and redis.call('ZCARD', log) > 0) then
    -- The total expired apart from the log: rebuild it from the members.
    total = 0
    for _, member in ipairs(redis.call('ZRANGE', log, 0, -1)) do
      total = total + tonumber(string.match(member, ':(%d+)$'))
    end
  end
  totals[i] = total
  if blocked == 0 and total + cost > limit then blocked = i end
end
local result = { blocked == 0 and 1 or 0, blocked, 0 }
for i = 1, rules do
  local log, sum = KEYS[2 * i - 1], KEYS[2 * i]
  local window, cost = tonumber(ARGV[3 * i]), tonumber(ARGV[3 * i + 1])
  if blocked == 0 then
    redis.call('ZADD', log, now, ARGV[1] .. ':' .. cost)
    totals[i] = totals[i] + cost
    redis.call('SET', sum, totals[i], 'PX', window)
    redis.call('PEXPIRE', log, window)
  end
  local newest = redis.call('ZRANGE', log, -1, -1, 'WITHSCORES')
  local reset = 0
  if newest[2] then reset = tonumber(newest[2]) + window - now end
  table.insert(result, totals[i])
  table.insert(result, reset)
end
if blocked > 0 then
  local log = KEYS[2 * blocked - 1]
  local limit, window, cost = tonumber(ARGV[3 * blocked - 1]), tonumber(ARGV[3 * blocked]), tonumber(ARGV[3 * blocked + 1])
  local excess = totals[blocked] + cost - limit
  local retry = window
  local entries = redis.call('ZRANGE', log, 0, -1, 'WITHSCORES')
  for j = 1, #entries, 2 do
    excess = excess - tonumber(string.match(entries[j], ':(%d+)$'))
    if excess <= 0 then
      retry = tonumber(entries[j + 1]) + window - now
      break
    end
  end
  result[3] = retry
end
return result
`;

/**
 * KEYS: the slot set. ARGV: lease id, limit, leaseMs.
 * Returns 1 when a slot was taken, 0 when all are held.
 */
export const ACQUIRE_SLOT_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]))
return 1
`;
