// Bitfinex's own Node client (bitfinex-api-node 7, its REST v2 and WS v2 transports), unchanged, against the simulator:
// only the URLs point at it. Run by exchange-simulator's OfficialNodeClientTest with SIM_URL, SIM_API_KEY, SIM_API_SECRET.
'use strict'
const test = require('node:test')
const assert = require('node:assert/strict')
const { RESTv2 } = require('bfx-api-node-rest')
const WSv2 = require('bitfinex-api-node/lib/transports/ws2')
const { Order } = require('bfx-api-node-models')

const url = process.env.SIM_URL
const apiKey = process.env.SIM_API_KEY
const apiSecret = process.env.SIM_API_SECRET
const wsUrl = url.replace(/^http/, 'ws') + '/ws/2'

function withTimeout (promise, ms, what) {
  return Promise.race([promise, new Promise((resolve, reject) =>
    setTimeout(() => reject(new Error('timed out waiting for ' + what)), ms))])
}

test('public REST: status, ticker, candles and the pair list', async () => {
  const rest = new RESTv2({ url, transform: true })
  assert.deepEqual(await rest.status(), [1])
  const ticker = await rest.ticker({ symbol: 'tBTCUSD' })
  assert.equal(ticker.symbol, 'tBTCUSD')
  assert.ok(ticker.ask > ticker.bid, 'ask above bid')
  const candles = await rest.candles({ timeframe: '1m', symbol: 'tBTCUSD', section: 'hist', query: { limit: 10 } })
  assert.equal(candles.length, 10)
  assert.ok(candles[0].mts > candles[9].mts, 'newest first')
  assert.ok(candles.every(c => c.high >= c.low), 'high >= low')
  const pairs = await rest.conf({ keys: ['pub:list:pair:exchange'] })
  assert.ok(pairs[0].includes('BTCUSD'), 'BTCUSD listed: ' + JSON.stringify(pairs))
})

test('authenticated REST: signed reads and an order submitted, listed and cancelled', async () => {
  const rest = new RESTv2({ url, apiKey, apiSecret, transform: true })
  const wallets = await rest.wallets()
  const usd = wallets.find(w => w.type === 'exchange' && w.currency === 'USD')
  assert.ok(usd && usd.balance > 0, 'a funded exchange USD wallet')
  const ticker = await rest.ticker({ symbol: 'tBTCUSD' })
  const price = Math.floor(ticker.bid * 0.9)
  const order = new Order({ type: Order.type.EXCHANGE_LIMIT, symbol: 'tBTCUSD', amount: 0.001, price, cid: Date.now() })
  const placed = await rest.submitOrder({ order })
  assert.ok(placed.id > 0, 'the exchange assigned an id')
  assert.equal(placed.status, 'ACTIVE')
  const active = await rest.activeOrders()
  assert.ok(active.some(o => o.id === placed.id), 'listed among the active orders')
  await rest.cancelOrder({ id: placed.id })
  const after = await rest.activeOrders()
  assert.ok(!after.some(o => o.id === placed.id), 'gone after cancel')
})

test('WebSocket: ticker updates, auth, and a market order filled on channel 0', async () => {
  const ws = new WSv2({ apiKey, apiSecret, url: wsUrl, transform: true })
  ws.on('error', (e) => { throw e })
  await withTimeout(ws.open(), 10000, 'open')
  await withTimeout(ws.auth(), 10000, 'auth')
  const tick = new Promise(resolve => ws.onTicker({ symbol: 'tBTCUSD' }, resolve))
  await ws.subscribeTicker('tBTCUSD')
  const t = await withTimeout(tick, 20000, 'a ticker')
  assert.ok(t.bid > 0)

  const cid = Date.now()
  const closed = new Promise(resolve => ws.onOrderClose({ cid }, resolve))
  const wallet = new Promise(resolve => ws.onWalletUpdate({}, resolve))
  ws.submitOrder(new Order({ type: Order.type.EXCHANGE_MARKET, symbol: 'tBTCUSD', amount: 0.001, cid }))
  const order = await withTimeout(closed, 20000, 'the order to close')
  assert.match(order.status, /^EXECUTED/)
  await withTimeout(wallet, 20000, 'a wallet update')
  await ws.close()
})
