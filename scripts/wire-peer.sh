# shellcheck shell=bash
# scripts/wire-peer.sh: sourced by main-job.sh and check-close-matrix.sh. Starts the wire peer
# (`winsock4j peer`, java.net on the host's Linux JVM, outside Wine's socket layer) on a free
# loopback port, stops it when the calling script exits, and sets WIRE_PEER=127.0.0.1:PORT.
# Needs: $root (the repository), cli/target/winsock4j-cli.jar built.
start_wire_peer() {
  local dir=$1 i
  mkdir -p "$dir"
  rm -f "$dir/peer.port"
  java -jar "${root:?the sourcing script sets root}/cli/target/winsock4j-cli.jar" peer --port-file "$dir/peer.port" --idle-seconds 300 \
    </dev/null >"$dir/peer.log" 2>&1 &
  WIRE_PEER_PID=$!
  trap 'kill "$WIRE_PEER_PID" 2>/dev/null || true' EXIT
  for ((i = 0; i < 200; i++)); do
    [[ -s $dir/peer.port ]] && break
    kill -0 "$WIRE_PEER_PID" 2>/dev/null || { cat "$dir/peer.log" >&2; echo "wire peer did not start" >&2; return 1; }
    sleep 0.05
  done
  [[ -s $dir/peer.port ]] || { echo "wire peer: no port after 10 s" >&2; return 1; }
  # shellcheck disable=SC2034  # WIRE_PEER is the caller's
  WIRE_PEER=127.0.0.1:$(tr -d '[:space:]' <"$dir/peer.port")
}
