#!/usr/bin/env bash
# scripts/check-real-clients.sh: real clients no one here wrote, on a Windows JVM under Wine,
# through the JDK's default sockets and through winsock4j's factories, with the same results
# (issue 24). On one platform per Wine version (Wine 8 + Java 17, Wine 10 + Java 25; override
# with WINSOCK4J_REAL_CLIENT_PLATFORMS="8:17 10:21 ..."):
#   - PostgreSQL's JDBC driver against Debian's PostgreSQL server, started here on the host:
#     loopback, a free port, data in a temporary directory, run as the package's own unprivileged
#     user postgres (the server refuses root), stopped at the end;
#   - OkHttp against Python's HTTP server (scripts/real-clients-http-server.py), plain and TLS with
#     a certificate made here for 127.0.0.1.
# org.winsock4j.clients.RealClients (tests module) does the work and prints RESULT lines; the JDK
# run's and winsock4j's must be equal, and each must pass its own checks. The servers' logs show
# what each close put on the wire (reset or FIN). Prints one line per run with its checks, rows,
# requests and time. Needs: lab/provision.sh and mvn verify (or package) done; root.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
platforms=${WINSOCK4J_REAL_CLIENT_PLATFORMS:-8:17 10:25}
classes=tests/target/test-classes
[[ -f $classes/org/winsock4j/clients/RealClients.class && -d tests/target/clients-lib ]] \
  || { echo "check-real-clients: build first (mvn package)" >&2; exit 1; }
lab/host-packages.sh postgresql-15 openssl python3
pgbin=/usr/lib/postgresql/15/bin
id postgres > /dev/null || { echo "check-real-clients: the postgres user is missing (package postgresql-15)" >&2; exit 1; }

work=$(mktemp -d /tmp/winsock4j-real-clients.XXXXXX)
chmod 755 "$work"
pg_started=0 http_pid=""
# shellcheck disable=SC2329  # called by the EXIT trap
stop() {
  if ((pg_started)); then
    runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg/data" -m fast -w stop > /dev/null || true
  fi
  [[ -z $http_pid ]] || kill "$http_pid" 2> /dev/null || true
  rm -rf "$work"
}
trap stop EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# PostgreSQL: its own cluster in the temporary directory, password (SCRAM) logins only.
mkdir -p "$work/pg"
chown postgres: "$work/pg"
password=$(python3 -c 'import secrets; print(secrets.token_hex(12))')
printf '%s\n' "$password" > "$work/pg/pwfile"
chown postgres: "$work/pg/pwfile"
runuser -u postgres -- "$pgbin/initdb" -D "$work/pg/data" -U winsock4j --pwfile="$work/pg/pwfile" \
  --auth-local=scram-sha-256 --auth-host=scram-sha-256 > "$work/pg/initdb.log" 2>&1 \
  || { cat "$work/pg/initdb.log" >&2; exit 1; }
pg_port=$(free_port)
# %r names the client's address and port: the client finds its connection's lines by its port.
runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg/data" -l "$work/pg/server.log" -w start \
  -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1 -c log_connections=on -c log_disconnections=on" \
  -o "-c log_line_prefix='%m [%p] %r '" > /dev/null
pg_started=1
echo "check-real-clients: PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port (data in $work/pg)"

# The HTTP server, plain and TLS, with a certificate for 127.0.0.1 made now.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2> /dev/null
: > "$work/http.log"
python3 scripts/real-clients-http-server.py --cert "$work/cert.pem" --key "$work/key.pem" --log "$work/http.log" \
  > "$work/http.ports" 2> "$work/http.err" &
http_pid=$!
for _ in $(seq 100); do grep -q PORTS "$work/http.ports" 2> /dev/null && break; sleep 0.1; done
read -r _ http_port https_port < "$work/http.ports" || { cat "$work/http.err" >&2; exit 1; }
echo "check-real-clients: Python's HTTP server on 127.0.0.1:$http_port (plain) and :$https_port (TLS)"

cp_linux=$classes
for jar in tests/target/wine-lib/*.jar tests/target/clients-lib/*.jar; do cp_linux+=":$jar"; done
status=0
for platform in $platforms; do
  w=${platform%:*} j=${platform#*:}
  for sockets in jdk winsock4j; do
    out=$work/run-w$w-j$j-$sockets.txt
    t0=$(date +%s)
    run_status=0
    lab/wine-java --wine "$w" --java "$j" --enable-native-access=ALL-UNNAMED -cp "$(lab/winpath "$cp_linux")" \
      org.winsock4j.clients.RealClients "$sockets" "$pg_port" "$password" "$(lab/winpath "$work/pg/server.log")" \
      "$http_port" "$https_port" "$(lab/winpath "$work/cert.pem")" "$(lab/winpath "$work/http.log")" "$w" \
      2>&1 | grep -v 'Read access denied for device' > "$out" || run_status=$?
    grep -E '^(INFO|FAILED)' "$out" | sed "s/^/  [Wine $w + Java $j, $sockets] /" || true
    summary=$(grep '^SUMMARY' "$out" || echo "SUMMARY none")
    if ((run_status != 0)) || ! grep -q '^SUMMARY .* failed=0 ' "$out"; then
      echo "check-real-clients: the $sockets run on Wine $w + Java $j failed (exit $run_status):" >&2
      cat "$out" >&2
      status=1
    fi
    echo "real clients [Wine $w + Java $j, $sockets sockets]: $(sed -E 's/^SUMMARY sockets=[a-z0-9]+ //' <<< "$summary") (wall $(( $(date +%s) - t0 )) s)"
  done
  if ! diff <(grep '^RESULT' "$work/run-w$w-j$j-jdk.txt") <(grep '^RESULT' "$work/run-w$w-j$j-winsock4j.txt" | grep -v 'winsock4j\|WinsockError\|from the factory'); then
    echo "check-real-clients: on Wine $w + Java $j the JDK's sockets and winsock4j's gave different results (< JDK, > winsock4j)" >&2
    status=1
  else
    echo "check-real-clients: Wine $w + Java $j: the same $(grep -c '^RESULT' "$work/run-w$w-j$j-jdk.txt") results through the JDK's sockets and winsock4j's"
  fi
  grep '^RESULT' "$work/run-w$w-j$j-winsock4j.txt" | sed "s/^/  [Wine $w + Java $j] /"
done
# Shown for the record: every connection end the HTTP server logged.
echo "check-real-clients: the HTTP server logged $(grep -c ' open ' "$work/http.log") connections:" \
  "$(grep -o 'end [A-Za-z-]*' "$work/http.log" | sort | uniq -c | tr -s ' ' | tr '\n' ',')"
exit $status
