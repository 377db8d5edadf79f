"""Fault run: the upstream filing system down for an hour, then back. A fake upstream (an HTTP server in
this process) answers 503 while it is down and, once back, files each Idempotency-Key once and answers a
resend with the same receipt, recording every request. Field agents complete visits through the API
(three captures each, then COMPLETE); the upstream stays down for OUTAGE after the last one is completed,
then comes back; every completed visit must then be filed exactly once and none parked.

An hour is compressed by a factor (30 by default): the service's backoff settings and the outage are
divided by it (backoff-base 30 s -> 1 s, backoff-max 1 h -> 120 s, the outage 1 h -> 120 s), so each
filing meets the same sequence of waits against the same outage as it would in real time. The worker's
poll (every 5 s) cannot go below the scheduler's 1 s tick, so it is 1 s here (5 s / 30 would be 0.17 s).
--max-attempts 8 runs the settings the service had before retries were made unlimited.

Standard library only; run by bench/faults/run.sh.
"""
import argparse
import http.server
import json
import os
import sys
import threading
import time

from app import App, Town, jpeg_like, pdf_like, png_like, report, sql, upload

HOUR = 3600.0


class Upstream(http.server.ThreadingHTTPServer):
    """Down (503) until back() is called; then files each idempotency key once."""

    def __init__(self, port):
        super().__init__(("127.0.0.1", port), Handler)
        self.lock = threading.Lock()
        self.down = True
        self.requests = []  # (seconds since start, key, ticket, status answered)
        self.receipts = {}
        self.started = time.monotonic()
        self.back_at = None

    def back(self):
        with self.lock:
            self.down = False
            self.back_at = time.monotonic() - self.started


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        key = self.headers.get("Idempotency-Key")
        up = self.server
        with up.lock:
            if up.down:
                status, answer = 503, {"error": "down for maintenance"}
            else:
                receipt = up.receipts.setdefault(key, f"WS-{100000 + len(up.receipts)}")
                status, answer = 201, {"receiptNumber": receipt}
            up.requests.append((round(time.monotonic() - up.started, 1), key, body.get("ticketNumber"), status))
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--management-port", type=int, required=True)
    p.add_argument("--upstream-port", type=int, required=True)
    p.add_argument("--schema", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--compress", type=float, default=30, help="how many times faster than real time")
    p.add_argument("--visits", type=int, default=5, help="completed visits per team (three teams)")
    p.add_argument("--max-attempts", type=int, help="doorstep.filing.max-attempts (unset: the default)")
    a = p.parse_args()
    k = a.compress
    settings = {"DOORSTEP_FILING_UPSTREAM_URL": f"http://127.0.0.1:{a.upstream_port}",
                "DOORSTEP_FILING_BACKOFF_BASE": f"PT{30 / k:g}S", "DOORSTEP_FILING_BACKOFF_MAX": f"PT{HOUR / k:g}S",
                "DOORSTEP_FILING_EVERY": "1s",
                "DOORSTEP_CAPTURE_STORAGE_DIRECTORY": os.path.abspath(os.path.join(a.out, "upstream-down-captures"))}
    if a.max_attempts:
        settings["DOORSTEP_FILING_MAX_ATTEMPTS"] = str(a.max_attempts)
    print("settings: " + " ".join(f"{n}={v}" for n, v in settings.items() if "FILING" in n))
    upstream = Upstream(a.upstream_port)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    app = App("upstream-down", a.port, a.management_port, a.schema, os.path.join(a.out, "upstream-down.log"), settings)
    try:
        app.start()
        return run(a, app, upstream, HOUR / k)
    finally:
        app.stop()
        upstream.shutdown()


def complete(town, service="MEDICAL_INSURANCE_ENROLMENT"):
    """A visit done at the door: its three captures taken and COMPLETE reported from the tablet."""
    visit = town.at_the_door(service)
    for kind, data in (("ID_CARD_FRONT", jpeg_like(40_000)), ("HOUSEHOLD_REGISTER", pdf_like(60_000)),
                       ("SIGNATURE", png_like(8_000))):
        capture, answer = upload(town.port, town.agent, visit, kind, data)
        assert capture, answer
    town.event(visit, "COMPLETE")
    return visit


def run(a, app, upstream, outage):
    completed = []
    for agent in ("agent1", "agent3", "agent5"):  # one of each demo team of Yong'an
        town = Town(a.port, agent)
        completed += [complete(town) for _ in range(a.visits)]
    last_completed = time.monotonic()
    tickets = dict(line.split("|") for line in sql(
        f"SELECT id, ticket_number FROM {a.schema}.visit WHERE id IN ({','.join(repr(v) for v in completed)})"
    ).splitlines())
    print(f"{len(completed)} visits completed; the upstream stays down for {outage:g} s more", flush=True)
    time.sleep(max(0.0, outage - (time.monotonic() - last_completed)))
    down_for = time.monotonic() - upstream.started
    upstream.back()
    back = time.monotonic()

    def statuses():
        rows = sql(f"SELECT status, count(*) FROM {a.schema}.filing GROUP BY status").splitlines()
        return {s: int(n) for s, n in (r.split("|") for r in rows)}

    # after the outage a filing waits out its current backoff: at most backoff-max x 1.5
    while time.monotonic() - back < outage * 1.5 + 30:
        now = statuses()
        if now.get("SENT", 0) + now.get("FAILED", 0) >= len(completed):
            break
        time.sleep(1)
    all_filed_after = time.monotonic() - back
    now = statuses()
    with upstream.lock:
        requests = list(upstream.requests)
    keys_by_ticket = {}
    for _, key, ticket, status in requests:
        if status == 201:
            keys_by_ticket.setdefault(ticket, set()).add(key)
    submitted = int(sql(f"SELECT count(*) FROM {a.schema}.visit WHERE status = 'SUBMITTED'"
                        f" AND id IN ({','.join(repr(v) for v in completed)})"))
    parked = int(sql(f"SELECT count(*) FROM {a.schema}.audit_entry WHERE action = 'FILING_PARKED'"))
    filed_once = sum(1 for t in tickets.values() if len(keys_by_ticket.get(t, ())) == 1)
    filed_twice = sum(1 for t in tickets.values() if len(keys_by_ticket.get(t, ())) > 1)
    attempts_during_outage = sorted(sum(1 for r in requests if r[2] == t and r[3] == 503) for t in tickets.values())
    result = {"completed_visits": len(completed), "outage_seconds": round(down_for, 1),
              "outage_after_last_completion_seconds": round(outage, 1),
              "attempts_per_filing_during_outage": {"min": attempts_during_outage[0],
                                                    "max": attempts_during_outage[-1]},
              "filings": now, "parked_for_a_supervisor": parked,
              "seconds_after_the_upstream_came_back_until_all_settled": round(all_filed_after, 1),
              "filed_once_upstream": filed_once, "filed_twice_upstream": filed_twice,
              "receipts_issued": len(upstream.receipts), "requests_to_upstream": len(requests),
              "visits_submitted": submitted, "errors_logged": app.errors_logged()}
    good = filed_once == len(completed) == submitted == now.get("SENT", 0) and filed_twice == 0 and parked == 0
    return report(result, good, "every completed visit was filed exactly once after the outage; none was parked",
                  "FAILED: not every completed visit was filed exactly once (parked ones wait for a supervisor)")


if __name__ == "__main__":
    sys.exit(main())
