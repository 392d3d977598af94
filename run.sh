#!/usr/bin/env bash
# TradingBot on this machine in one command: a Kafka broker, the exchange simulator (paper money) and the six
# services, started in order and wired together; Ctrl+C (or SIGTERM) stops every one of them.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)

usage() {
  cat <<'USAGE'
Usage: ./run.sh [--build] [--no-build] [--live] [--free-ports] [--port-offset N] [--no-auth] [--jvm-defaults] [--log-dir DIR] [--help]

Starts TradingBot: a Kafka broker, the exchange simulator (a Bitfinex paper exchange with a funded paper account) and
the six services, then prints the gateway URL, Swagger UI, the WebSocket URL and the curl that gets a token.
Ports: gateway 8080, market-data 8081, strategy 8082, risk 8083, order 8084, account 8085, simulator 8090, Kafka 9092.
Ctrl+C stops everything; one log file per service under .run/logs/.

  --build          rebuild first (mvn -B -q install -DskipTests); without it, only when a needed jar is missing
  --no-build       never build: stop with a message when a jar is missing
  --live           trade on Bitfinex itself, with REAL MONEY. Needs two keys of your account, one per process:
                   BITFINEX_API_KEY/BITFINEX_API_SECRET (order-service: orders read+write) and
                   BITFINEX_ACCOUNT_API_KEY/BITFINEX_ACCOUNT_API_SECRET (account-service: read)
  --free-ports     every process on a free port (the URLs are printed)
  --port-offset N  add N to every port above (or TRADINGBOT_PORT_OFFSET=N)
  --no-auth        the gateway's AUTH_REQUIRED=false: every endpoint open without a token
  --jvm-defaults   the services' JVMs sized by the JVM itself (G1, a quarter of the memory as heap) instead of
                   serial GC, 96-128 MB heaps, C1 only where it costs nothing, an AOT cache per service
  --log-dir DIR    where the log files go (or TRADINGBOT_LOG_DIR)
  --help           this text

Environment: TRADINGBOT_ADMIN_PASSWORD is the gateway's admin password; when unset one is generated and printed.
JAVA_OPTS is passed to the launcher JVM (the broker runs inside it).
USAGE
}

build=auto
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --help|-h) usage; exit 0 ;;
    --build) build=always ;;
    --no-build) build=never ;;
    --port-offset|--log-dir)
      [ $# -ge 2 ] || { echo "$1 needs a value" >&2; exit 2; }
      args+=("$1" "$2"); shift ;;
    --live|--free-ports|--no-auth|--jvm-defaults) args+=("$1") ;;
    *) echo "Unknown option: $1 (see ./run.sh --help)" >&2; exit 2 ;;
  esac
  shift
done

# shellcheck source=.ci/find-jdk
. .ci/find-jdk
find_jdk || exit 1

modules=(exchange-simulator market-data-service strategy-service risk-service order-service account-service gateway)
classpath_file=local-stack/target/classpath.txt

missing() {
  local m entry
  for m in "${modules[@]}"; do
    [ -f "$m/target/quarkus-app/quarkus-run.jar" ] || { echo "$m/target/quarkus-app/quarkus-run.jar"; return 0; }
  done
  [ -d local-stack/target/classes/io ] || { echo "local-stack/target/classes"; return 0; }
  [ -s "$classpath_file" ] || { echo "$classpath_file"; return 0; }
  IFS=: read -r -a entries < "$classpath_file"
  for entry in "${entries[@]}"; do
    [ -e "$entry" ] || { echo "$entry"; return 0; }
  done
  return 1
}

if [ "$build" = always ] || { [ "$build" = auto ] && what=$(missing); }; then
  if [ "$build" = auto ]; then echo "Not built yet ($what): building once with Maven, this takes a few minutes ..."; fi
  command -v mvn >/dev/null 2>&1 || { echo "Maven (mvn 3.8+) is needed to build TradingBot: install it and run ./run.sh again." >&2; exit 1; }
  mvn -B -q install -DskipTests
elif [ "$build" = never ] && what=$(missing); then
  echo "Not built: $what is missing. Run ./run.sh --build (or mvn -B install -DskipTests)." >&2
  exit 1
fi

jvm_opts=()
# Kafka's broker still uses sun.misc.Unsafe; since JDK 23 that prints a warning at every start.
if [ "$(java_major "$JAVA_HOME/bin/java")" -ge 23 ]; then jvm_opts+=(--sun-misc-unsafe-memory-access=allow); fi
# shellcheck disable=SC2206
jvm_opts+=(${JAVA_OPTS:-})

# exec: the JVM gets SIGTERM itself, and its shutdown hook stops every process of the stack.
exec "$JAVA_HOME/bin/java" "${jvm_opts[@]}" -Dlocalstack.repo-root="$root" \
  -cp "local-stack/target/classes:$(cat "$classpath_file")" io.tradingbot.localstack.LocalStackMain "${args[@]}"
