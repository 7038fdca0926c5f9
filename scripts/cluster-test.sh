#!/usr/bin/env bash
# Two-node cluster test (issue 9, part 4): two app instances on one PostgreSQL database, N quotes whose validity
# timers all fall due at once, node A killed with `kill -9` while the jobs run. Node B must finish everything
# once node A's job locks and mail claims expire: every timer fires once, every mail is sent once.
#
#   scripts/cluster-test.sh                       # 2000 contracts, kill node A after 35 % of the timers
#   CONTRACTS=200 KILL_AT_PERCENT=50 scripts/cluster-test.sh
#
# Needs: JDK 17, python3, psql and a PostgreSQL on 127.0.0.1:5432 that trusts user postgres (as on the dev
# machine). Writes logs and the summary to target/cluster/ (summary: target/cluster/cluster.md).
# Exits 0 on "Cluster: 0 duplicated, 0 lost", 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

CONTRACTS=${CONTRACTS:-2000}
KILL_AT_PERCENT=${KILL_AT_PERCENT:-35}          # kill node A once this share of the timers has fired
DB=${CLUSTER_DB:-lexom_cluster}
PORT_A=${PORT_A:-18081}
PORT_B=${PORT_B:-18082}
SMTP_PORT=${SMTP_PORT:-12525}
SEED_THREADS=${SEED_THREADS:-4}
LOCK_TIME_MS=${LOCK_TIME_MS:-30000}              # job lock: a dead node's jobs are taken over after this
SENDING_LEASE=${SENDING_LEASE:-PT30S}            # outbox claim: a dead node's mails are sent again after this
MAX_WAIT_MS=${MAX_WAIT_MS:-10000}                # longest idle pause of a job executor between acquisitions
TIMEOUT=${TIMEOUT:-1500}                         # seconds for the timer phase before it is declared FAIL
JAVA_OPTS=${JAVA_OPTS:--Xms256m -Xmx768m}
ADMIN_PASSWORD=cluster-admin-secret
OUT=target/cluster
JAR=target/lexom-training-contracts-0.1.0-SNAPSHOT.jar
HELPER=scripts/cluster/cluster.py
PYTHON=${PYTHON:-$(python3 -c 'import sys; print(sys.executable)')}   # not a pyenv shim: called every 2 s
export PGHOST=127.0.0.1 PGUSER=postgres CLUSTER_DB=$DB

mkdir -p "$OUT"
rm -f "$OUT"/*.log "$OUT"/sink.jsonl "$OUT"/contracts.tsv "$OUT"/timings.env "$OUT"/cluster.md
PID_A= PID_B= PID_SINK=

log() { echo "[$(date +%H:%M:%S)] $*"; }
stop() { [ -n "${1:-}" ] && kill "$1" 2>/dev/null && wait "$1" 2>/dev/null || true; }
cleanup() { stop "$PID_A"; stop "$PID_B"; stop "$PID_SINK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
sql() { "$PYTHON" "$HELPER" sql "$1"; }
timing() { echo "$1=$2" >>"$OUT/timings.env"; }

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  log "Building the jar"
  ./mvnw -B -ntp -q -DskipTests package
fi

log "Database $DB: dropped and created"
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"

log "SMTP sink on 127.0.0.1:$SMTP_PORT"
"$PYTHON" scripts/cluster/smtp_sink.py "$SMTP_PORT" "$OUT/sink.jsonl" >"$OUT/sink.log" 2>&1 &
PID_SINK=$!

start_node() { # name port
  SPRING_PROFILES_ACTIVE=postgres \
  SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD= \
  LEXOM_ADMIN_PASSWORD=$ADMIN_PASSWORD LEXOM_MAIL_DROP_FOLDER="$OUT/mail-$1" \
  java $JAVA_OPTS -jar "$JAR" \
    --server.port="$2" \
    --spring.mail.host=127.0.0.1 --spring.mail.port="$SMTP_PORT" \
    --camunda.bpm.job-execution.lock-time-in-millis="$LOCK_TIME_MS" \
    --camunda.bpm.job-execution.max-wait="$MAX_WAIT_MS" \
    --camunda.bpm.generic-properties.properties.hostname="$1" \
    --lexom.mail.sending-lease="$SENDING_LEASE" \
    >"$OUT/$1.log" 2>&1 &
  echo $!
}

wait_up() { # name port pid
  for _ in $(seq 1 240); do
    kill -0 "$3" 2>/dev/null || { log "$1 died at start, see $OUT/$1.log"; tail -30 "$OUT/$1.log"; exit 1; }
    if curl -fs "http://127.0.0.1:$2/actuator/health" | grep -q '"UP"'; then log "$1 up on port $2"; return; fi
    sleep 1
  done
  log "$1 not up after 240 s"; exit 1
}

# Staggered: the first node creates the schemas and deploys the models; the second finds them.
log "Starting node-a"; PID_A=$(start_node node-a "$PORT_A"); wait_up node-a "$PORT_A" "$PID_A"
log "Starting node-b"; PID_B=$(start_node node-b "$PORT_B"); wait_up node-b "$PORT_B" "$PID_B"
timing settings "lock-time-in-millis=$LOCK_TIME_MS, sending-lease=$SENDING_LEASE, max-wait=$MAX_WAIT_MS ms, kill at $KILL_AT_PERCENT %"

log "Seeding $CONTRACTS quotes through both nodes ($SEED_THREADS client threads)"
seed_start=$(date +%s.%N)
"$PYTHON" "$HELPER" seed --nodes "http://127.0.0.1:$PORT_A,http://127.0.0.1:$PORT_B" --count "$CONTRACTS" \
  --threads "$SEED_THREADS" --password "$ADMIN_PASSWORD" --out "$OUT/contracts.tsv" || true
seed_seconds=$(echo "$(date +%s.%N) - $seed_start" | bc)
seeded=$(wc -l <"$OUT/contracts.tsv")
timing seed_seconds "$seed_seconds"
timing seed_rate "$(echo "scale=1; $seeded / $seed_seconds" | bc)"

log "Waiting for the quotes to leave (asynchronous send, outbox)"
for _ in $(seq 1 900); do
  left=$(sql "SELECT (SELECT COUNT(*) FROM act_ru_job WHERE process_instance_id_ IS NOT NULL
                                                         AND handler_type_ <> 'timer-transition')
                   + (SELECT COUNT(*) FROM outbox_mail WHERE status <> 'SENT')")
  [ "$left" = 0 ] && break
  sleep 2
done
log "Quotes sent: $(sql "SELECT COUNT(*) FROM outbox_mail WHERE letter = 'quote' AND status = 'SENT'"); jobs or mails left: $left"

log "Making every validity timer due now (Timer_QuoteValidity)"
made_due=$(sql "WITH due AS (UPDATE act_ru_job SET duedate_ = now() WHERE job_def_id_ IN
                  (SELECT id_ FROM act_ru_jobdef WHERE act_id_ = 'Timer_QuoteValidity') RETURNING 1)
                SELECT COUNT(*) FROM due")
timing made_due "$made_due"
due_at=$(date +%s.%N)
killed_at=
finished=no
kill_threshold=$(( seeded * KILL_AT_PERCENT / 100 ))
while :; do
  now=$(date +%s.%N)
  read -r fired queued sent jobs incidents received < <("$PYTHON" "$HELPER" progress --sink "$OUT/sink.jsonl")
  log "timers fired $fired/$seeded, expiry letters queued $queued, SENT $sent, received $received, jobs due $jobs, incidents $incidents"
  # mid-run: once this share of the expiry letters (the second job after each timer) is queued
  if [ -z "$killed_at" ] && [ "$queued" -ge "$kill_threshold" ]; then
    in_flight=$(sql "SELECT (SELECT COUNT(*) FROM act_ru_job WHERE lock_owner_ IS NOT NULL) || ' ' ||
                            (SELECT COUNT(*) FROM outbox_mail WHERE status = 'SENDING')")
    kill -9 "$PID_A"; wait "$PID_A" 2>/dev/null || true
    killed_at=$(date +%s.%N); PID_A=
    log "kill -9 node-a at $fired timers fired, $queued letters queued (jobs locked, mails SENDING, either node: $in_flight)"
    timing fired_at_kill "$fired"
    timing queued_at_kill "$queued"
    timing locked_at_kill "${in_flight% *}"
    timing sending_at_kill "${in_flight#* }"
  fi
  if [ "$received" -ge "$seeded" ] && [ "$sent" -ge "$seeded" ] && [ "$jobs" = 0 ] && [ -n "$killed_at" ]; then
    finished=yes; break
  fi
  if [ "$(echo "$now - $due_at > $TIMEOUT" | bc)" = 1 ]; then log "Timeout after $TIMEOUT s"; break; fi
  sleep 2
done
done_at=$(date +%s.%N)
timing finished "$finished"
timing finish_seconds "$(echo "$done_at - $due_at" | bc)"
[ -n "$killed_at" ] && timing after_kill_seconds "$(echo "$done_at - $killed_at" | bc)"

# Give node B two more outbox polls: a mail sent twice would show up now.
sleep 12
log "Checking"
set +e
"$PYTHON" "$HELPER" verify --contracts "$OUT/contracts.tsv" --sink "$OUT/sink.jsonl" --timings "$OUT/timings.env" \
  --expected "$CONTRACTS" --out "$OUT/cluster.md"
status=$?
set -e
log "Summary written to $OUT/cluster.md; node logs in $OUT/"
exit $status
