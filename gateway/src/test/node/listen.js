// Connects an unmodified socket.io-client v4 to the gateway and prints every event it receives as one JSON line.
// GATEWAY_URL, TOKEN (optional), SYMBOLS (comma-separated, optional: subscribed with an acknowledgement).
const { io } = require("socket.io-client");

const out = (line) => process.stdout.write(JSON.stringify(line) + "\n");
const symbols = (process.env.SYMBOLS || "").split(",").filter(Boolean);
const socket = io(process.env.GATEWAY_URL, {
  transports: ["websocket"],
  auth: process.env.TOKEN ? { token: process.env.TOKEN } : {},
  reconnection: false,
});

socket.on("connect", async () => {
  out({ event: "connect", id: socket.id });
  if (symbols.length) {
    const ack = await socket.timeout(10000).emitWithAck("subscribe", { symbols });
    out({ event: "subscribe_ack", data: ack });
  }
});
socket.on("connect_error", (err) => {
  out({ event: "connect_error", message: err.message });
  process.exit(3);
});
socket.on("disconnect", (reason) => out({ event: "disconnect", reason }));
socket.onAny((event, data) => out({ event, data }));

// The test ends the client by closing its stdin.
process.stdin.on("end", () => {
  socket.disconnect();
  process.exit(0);
});
process.stdin.resume();
