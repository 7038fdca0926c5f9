#!/usr/bin/env python3
"""Helpers of scripts/cluster-test.sh: seed quotes through the nodes' REST API, query the shared database, and
check that every timer fired once and every mail was sent once.

Only the standard library: the database is read through psql (trust auth on 127.0.0.1, see the script).

  cluster.py seed     --nodes URL[,URL...] --count N --threads T --user U --password P --out FILE
  cluster.py sql      QUERY                      (prints the single value of QUERY)
  cluster.py progress                            (one line: fired / expired mails sent / jobs / received)
  cluster.py verify   --contracts FILE --sink FILE --timings FILE --out FILE.md
"""
import argparse
import base64
import collections
import concurrent.futures
import datetime
import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

DB = os.environ.get("CLUSTER_DB", "lexom_cluster")
PSQL = ["psql", "-h", os.environ.get("PGHOST", "127.0.0.1"), "-U", os.environ.get("PGUSER", "postgres"),
        "-d", DB, "-X", "-q", "-t", "-A", "-F", "\t", "-v", "ON_ERROR_STOP=1"]

# The quote's validity timer and the steps that follow it (Q1): each must run exactly once per contract.
TIMER_STEPS = ["Timer_QuoteValidity", "Task_ExpireQuote", "Task_SendQuoteExpired", "EndEvent_QuoteExpired"]
LETTERS = ["quote", "quote-expired"]


def rows(query):
    out = subprocess.run(PSQL + ["-c", query], check=True, capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.splitlines() if line != ""]


def value(query):
    result = rows(query)
    return result[0][0] if result else ""


# ---------------------------------------------------------------------------------------------------- seeding

def seed(args):
    nodes = args.nodes.split(",")
    auth = "Basic " + base64.b64encode(f"{args.user}:{args.password}".encode()).decode()
    start = (datetime.date.today() + datetime.timedelta(days=90)).isoformat()
    end = (datetime.date.today() + datetime.timedelta(days=91)).isoformat()
    run = args.run
    lock = threading.Lock()
    created, failures = [], []

    def create(i):
        body = {
            "externalReference": f"CLUSTER-{run}-{i:05d}",
            "clientKind": "LEGAL_ENTITY",
            "clientName": f"Client grappe {i:05d}",
            "clientSiret": "%014d" % (41_234_000_000_000 + i),
            "clientCountry": "FR",
            "clientEmail": f"client-{i:05d}@cluster.example",
            "trainingReference": "RCL-APPL-03",
            "startDate": start,
            "endDate": end,
            "modality": "REMOTE",
            "participants": [{"firstName": "Anne", "lastName": f"Dupont{i}", "email": f"anne.{i}@cluster.example"}],
            "priceNet": 1000.00,
            "vatRate": 20,
            "funderCode": "NONE",
            "cgvEdition": "CGV_2025",
        }
        node = nodes[i % len(nodes)]
        request = urllib.request.Request(node + "/api/quotes", data=json.dumps(body).encode(), method="POST",
                                         headers={"Content-Type": "application/json", "Authorization": auth})
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                answer = json.load(response)
            with lock:
                created.append((answer["contractNumber"], answer["processInstanceId"]))
        except urllib.error.HTTPError as e:
            with lock:
                failures.append(f"{i}: HTTP {e.code} {e.read()[:300]!r}")
        except Exception as e:  # noqa: BLE001 - reported, and the run fails on the count
            with lock:
                failures.append(f"{i}: {e}")

    began = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(args.threads) as pool:
        for n, _ in enumerate(pool.map(create, range(1, args.count + 1)), 1):
            if n % 250 == 0:
                print(f"  seeded {n}/{args.count} ({n / (time.monotonic() - began):.1f}/s)", flush=True)
    elapsed = time.monotonic() - began
    with open(args.out, "w") as f:
        for number, instance in sorted(created):
            f.write(f"{number}\t{instance}\n")
    print(f"  {len(created)} quotes created in {elapsed:.0f} s ({len(created) / elapsed:.1f}/s), {len(failures)} refused")
    for failure in failures[:10]:
        print("  ! " + failure)
    return 0 if len(created) == args.count else 1


# ---------------------------------------------------------------------------------------------------- progress

def sink_records(path):
    records = []
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line:
                    try:
                        records.append(json.loads(line))
                    except json.JSONDecodeError:
                        pass  # a line being written
    return records


def progress(args):
    fired, expired_sent, expired_queued, jobs, incidents = rows(f"""
        SELECT (SELECT COUNT(*) FROM act_hi_actinst WHERE act_id_ = 'Timer_QuoteValidity'),
               (SELECT COUNT(*) FROM outbox_mail WHERE letter = 'quote-expired' AND status = 'SENT'),
               (SELECT COUNT(*) FROM outbox_mail WHERE letter = 'quote-expired'),
               (SELECT COUNT(*) FROM act_ru_job WHERE process_def_key_ = 'training-contract'
                                                 AND (duedate_ IS NULL OR duedate_ <= now())),
               (SELECT COUNT(*) FROM act_ru_incident)""")[0]
    received = len({r["message_id"] for r in sink_records(args.sink) if r.get("letter") == "quote-expired"})
    print(f"{fired}\t{expired_queued}\t{expired_sent}\t{jobs}\t{incidents}\t{received}")
    return 0


# ---------------------------------------------------------------------------------------------------- verify

def verify(args):
    contracts = {}
    with open(args.contracts) as f:
        for line in f:
            number, instance = line.rstrip("\n").split("\t")
            contracts[number] = instance
    instances = set(contracts.values())
    timings = {}
    with open(args.timings) as f:
        for line in f:
            key, _, val = line.rstrip("\n").partition("=")
            timings[key] = val

    problems = []

    # 1. every timer and its follow-up steps ran exactly once per contract (history is written in the step's
    #    transaction: a step that ran twice has two rows, a step lost has none)
    steps = collections.Counter()
    for instance, activity, count in rows(f"""
            SELECT proc_inst_id_, act_id_, COUNT(*) FROM act_hi_actinst
            WHERE act_id_ IN ({", ".join(f"'{a}'" for a in TIMER_STEPS + ['Task_SendQuote'])})
            GROUP BY proc_inst_id_, act_id_"""):
        if instance in instances:
            steps[(instance, activity)] = int(count)
    timer_twice = sum(1 for i in instances for a in TIMER_STEPS + ["Task_SendQuote"] if steps[(i, a)] > 1)
    timer_lost = sum(1 for i in instances for a in TIMER_STEPS + ["Task_SendQuote"] if steps[(i, a)] == 0)
    timers_fired = sum(1 for i in instances if steps[(i, "Timer_QuoteValidity")] >= 1)
    timer_executions = sum(steps[(i, "Timer_QuoteValidity")] for i in instances)
    if timer_twice:
        problems.append(f"{timer_twice} timer steps ran more than once")
    if timer_lost:
        problems.append(f"{timer_lost} timer steps never ran")

    expired = int(value(f"""SELECT COUNT(*) FROM contract WHERE stage = 'EXPIRED'
                            AND number IN ({", ".join(f"'{n}'" for n in contracts)})"""))
    ended = int(value("""SELECT COUNT(*) FROM act_hi_procinst WHERE proc_def_key_ = 'training-contract'
                         AND end_time_ IS NOT NULL"""))
    jobs_left = int(value("SELECT COUNT(*) FROM act_ru_job WHERE process_def_key_ = 'training-contract'"))
    # a failed attempt the engine retried is no loss (the step ran once in the end), but it is shown
    failed_attempts = rows("""SELECT COALESCE(substring(job_exception_msg_ from 1 for 80), '?'), COUNT(*)
                              FROM act_hi_job_log WHERE job_state_ = 1 GROUP BY 1 ORDER BY 2 DESC""")
    failed_jobs = sum(int(c) for _, c in failed_attempts)
    incidents = int(value("SELECT COUNT(*) FROM act_ru_incident"))
    mail_failures = int(value("SELECT COUNT(*) FROM act_hi_procinst WHERE proc_def_key_ = 'mail-failure'"))
    if expired != len(contracts):
        problems.append(f"{len(contracts) - expired} contracts not EXPIRED")
    if jobs_left:
        problems.append(f"{jobs_left} jobs left on contracts")
    for message, count in failed_attempts[:5]:
        problems.append(f"(retried, not a failure) {count} job attempts failed: {message}")
    if incidents or mail_failures:
        problems.append(f"{incidents} incidents, {mail_failures} mail-failure processes")

    # 2. the outbox: one row per contract and letter, SENT
    outbox = collections.defaultdict(list)
    message_ids = {}
    for number, letter, status, message_id in rows("SELECT contract_number, letter, status, message_id FROM outbox_mail"):
        outbox[(number, letter)].append(status)
        message_ids[message_id] = (number, letter)
    expected = [(n, letter) for n in contracts for letter in LETTERS]
    outbox_twice = sum(len(outbox[k]) - 1 for k in expected if len(outbox[k]) > 1)
    outbox_missing = sum(1 for k in expected if not outbox[k])
    not_sent = sum(1 for k in expected for s in outbox[k] if s != "SENT")
    sent = sum(1 for k in expected for s in outbox[k] if s == "SENT")
    extra_rows = sum(len(v) for k, v in outbox.items() if k[0] not in contracts)
    if outbox_twice:
        problems.append(f"{outbox_twice} extra outbox rows for one contract and letter")
    if outbox_missing:
        problems.append(f"{outbox_missing} expected mails missing from the outbox")
    if not_sent:
        problems.append(f"{not_sent} outbox mails not SENT")

    # 3. the SMTP sink: each outbox mail received, by its Message-ID
    received = collections.Counter(r["message_id"] for r in sink_records(args.sink))
    expected_ids = {mid for mid, key in message_ids.items() if key in set(expected)}
    received_once = sum(1 for mid in expected_ids if received[mid] == 1)
    resent_same_id = sum(received[mid] - 1 for mid in expected_ids if received[mid] > 1)
    never_received = sum(1 for mid in expected_ids if received[mid] == 0)
    unknown = sum(c for mid, c in received.items() if mid not in expected_ids)
    if never_received:
        problems.append(f"{never_received} outbox mails never reached the SMTP server")
    if unknown:
        problems.append(f"{unknown} messages received that match no expected outbox row")

    duplicated = timer_twice + outbox_twice + unknown
    lost = timer_lost + outbox_missing + not_sent + never_received + (len(contracts) - expired) + jobs_left
    passed = duplicated == 0 and lost == 0 and len(contracts) == args.expected and incidents == 0 \
        and mail_failures == 0 and timings.get("finished") == "yes"

    per_node = rows("""SELECT hostname_, COUNT(*) FROM act_hi_job_log WHERE job_state_ = 2
                       AND process_def_key_ = 'training-contract' GROUP BY hostname_ ORDER BY hostname_""")
    per_node_text = ", ".join(f"{h}: {c}" for h, c in per_node) or "-"

    def secs(key):
        return f"{float(timings[key]):.0f} s" if timings.get(key) else "-"

    table = [
        ("contracts seeded (quotes waiting for signature)", f"{len(contracts)} of {args.expected}"),
        ("seeding (REST `POST /api/quotes`, both nodes)", f"{secs('seed_seconds')} ({timings.get('seed_rate', '-')}/s)"),
        ("validity timers made due at once", timings.get("made_due", "-")),
        ("timers fired (contracts with `Timer_QuoteValidity` in history)", f"{timers_fired} ({timer_executions} executions)"),
        ("contracts ended EXPIRED", str(expired)),
        ("node A killed (`kill -9`) after", f"{timings.get('fired_at_kill', '-')} timers fired, "
                                             f"{timings.get('queued_at_kill', '-')} expiry letters queued; "
                                             f"{timings.get('locked_at_kill', '-')} jobs locked, "
                                             f"{timings.get('sending_at_kill', '-')} mails being sent"),
        ("mails expected (quote + quote-expired)", str(len(expected))),
        ("mails in the outbox and SENT", f"{sent} (+{extra_rows} rows of other contracts)"),
        ("mails received by the SMTP sink (distinct Message-IDs)", str(sum(1 for m in expected_ids if received[m] >= 1))),
        ("resent after the kill, same Message-ID (one message to the reader)", str(resent_same_id)),
        ("jobs left / failed attempts retried / incidents", f"{jobs_left} / {failed_jobs} / {incidents + mail_failures}"),
        ("jobs executed per node (job log)", per_node_text),
        ("**duplicated** (2 executions of a step, 2 outbox rows for a letter, unknown mail)", str(duplicated)),
        ("**lost** (a step, an outbox row, a SENT status or a delivery missing)", str(lost)),
        ("time to finish (timers due -> last mail received)", secs("finish_seconds")),
        ("node B finished after the kill", secs("after_kill_seconds")),
        ("settings", timings.get("settings", "-")),
    ]
    verdict = "PASS" if passed else "FAIL"
    lines = ["| measure | value |", "|---|---|"] + [f"| {k} | {v} |" for k, v in table]
    lines += ["", f"**Cluster: {duplicated} duplicated, {lost} lost: {verdict}** (goal: 0 duplicated, 0 lost)"]
    if problems:
        lines += ["", "Found:"] + [f"- {p}" for p in problems]
    text = "\n".join(lines)
    print(text)
    with open(args.out, "w") as f:
        f.write(f"# Two-node cluster test, {datetime.datetime.now().isoformat(timespec='seconds')}\n\n")
        f.write(text + "\n")
    return 0 if passed else 1


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("seed")
    p.add_argument("--nodes", required=True)
    p.add_argument("--count", type=int, required=True)
    p.add_argument("--threads", type=int, default=4)
    p.add_argument("--user", default="admin")
    p.add_argument("--password", required=True)
    p.add_argument("--run", default=str(int(time.time())))
    p.add_argument("--out", required=True)
    p = sub.add_parser("sql")
    p.add_argument("query")
    p = sub.add_parser("progress")
    p.add_argument("--sink", required=True)
    p = sub.add_parser("verify")
    p.add_argument("--contracts", required=True)
    p.add_argument("--sink", required=True)
    p.add_argument("--timings", required=True)
    p.add_argument("--expected", type=int, required=True)
    p.add_argument("--out", required=True)
    args = parser.parse_args()
    if args.command == "seed":
        return seed(args)
    if args.command == "sql":
        print(value(args.query))
        return 0
    if args.command == "progress":
        return progress(args)
    return verify(args)


if __name__ == "__main__":
    sys.exit(main())
