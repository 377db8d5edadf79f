#!/usr/bin/env python3
"""Booking load against a running Doorstep (demo towns loaded): throughput with N concurrent
clients, then latency at a fixed request rate. Standard library only; talks to loopback only."""
import argparse
import http.client
import json
import random
import statistics
import threading
import time
import uuid

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
SERVICES = ["RETIREMENT_CERTIFICATION", "SOCIAL_SECURITY_CARD", "DISABILITY_CERTIFICATE",
            "MEDICAL_INSURANCE_ENROLMENT", "ELDERLY_ALLOWANCE"]


def id_number():
    first = "430181" + "19%02d%02d%02d" % (random.randint(30, 70), random.randint(1, 12), random.randint(1, 28)) \
        + "%03d" % random.randint(0, 999)
    return first + "10X98765432"[sum(int(c) * w for c, w in zip(first, WEIGHTS)) % 11]


class Client:
    def __init__(self, port, token=None):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.token = token

    def call(self, method, path, body=None, headers=None):
        h = {"Content-Type": "application/json"}
        if self.token:
            h["Authorization"] = "Bearer " + self.token
        h.update(headers or {})
        self.conn.request(method, path, json.dumps(body) if body is not None else None, h)
        r = self.conn.getresponse()
        data = r.read()
        return r.status, (json.loads(data) if data else None)


def book(client, resident, service, today):
    return client.call("POST", "/api/v1/visits", {
        "residentId": resident, "serviceTypeCode": service, "channel": "HOTLINE_12345",
        "caller": {"name": "家属", "relation": "CHILD", "phone": "13907310088"},
        "preferredDate": today, "preferredPeriod": "ANY"}, {"Idempotency-Key": str(uuid.uuid4())})


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, default=8089)
    p.add_argument("--clients", type=int, default=8)
    p.add_argument("--seconds", type=float, default=20)
    p.add_argument("--rate", type=float, default=0, help="fixed rate for the latency run (0: half the throughput)")
    p.add_argument("--residents", type=int, default=1500)
    p.add_argument("--prepare", help="only register the residents and write the work for wrk to this file"
                   " (first line: the token and the day; then a resident id and a service code per line)")
    a = p.parse_args()

    c = Client(a.port)
    status, pair = c.call("POST", "/api/v1/auth/login", {"username": "operator", "password": "doorstep-demo"})
    assert status == 200, (status, pair)
    token = pair["accessToken"]
    c = Client(a.port, token)
    _, villages = c.call("GET", "/api/v1/villages")
    village = villages["items"][0]["id"]
    today = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 8 * 3600))

    residents = []
    for _ in range(a.residents):
        status, r = c.call("POST", "/api/v1/residents", {"idNumber": id_number(), "name": "测试", "phone": "13807310042",
                                                         "villageId": village, "address": "测试地址"})
        if status == 201:
            residents.append(r["id"])
    work = [(r, s) for r in residents for s in SERVICES]
    random.shuffle(work)
    if a.prepare:
        with open(a.prepare, "w") as f:
            f.write(f"{token} {today}\n")
            f.writelines(f"{r} {s}\n" for r, s in work)
        return
    lock = threading.Lock()

    def take():
        with lock:
            return work.pop() if work else None

    # 1. Throughput: N clients, each booking as fast as it can.
    latencies, errors = [], []
    stop = time.monotonic() + a.seconds

    def closed_loop():
        client = Client(a.port, token)
        while time.monotonic() < stop:
            item = take()
            if item is None:
                return
            t0 = time.perf_counter()
            status, _ = book(client, item[0], item[1], today)
            dt = time.perf_counter() - t0
            with lock:
                (latencies if status == 201 else errors).append(dt if status == 201 else status)

    start = time.monotonic()
    threads = [threading.Thread(target=closed_loop) for _ in range(a.clients)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    elapsed = time.monotonic() - start
    throughput = len(latencies) / elapsed
    print(json.dumps({"run": "throughput", "clients": a.clients, "bookings": len(latencies), "errors": len(errors),
                      "seconds": round(elapsed, 1), "per_second": round(throughput, 1),
                      "p50_ms": round(statistics.median(latencies) * 1000, 1),
                      "p99_ms": round(sorted(latencies)[int(len(latencies) * 0.99) - 1] * 1000, 1)}))

    # 2. Latency at a fixed rate (open loop: requests leave on schedule whatever the answers do).
    rate = a.rate or throughput / 2
    latencies2, errors2 = [], []
    total = int(rate * a.seconds)
    schedule = [time.monotonic() + 0.5 + i / rate for i in range(total)]
    next_slot = [0]

    def open_loop():
        client = Client(a.port, token)
        while True:
            with lock:
                if next_slot[0] >= total:
                    return
                due = schedule[next_slot[0]]
                next_slot[0] += 1
            item = take()
            if item is None:
                return
            wait = due - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            status, _ = book(client, item[0], item[1], today)
            dt = time.monotonic() - due  # measured from when it was due: queueing counts
            with lock:
                (latencies2 if status == 201 else errors2).append(dt if status == 201 else status)

    threads = [threading.Thread(target=open_loop) for _ in range(32)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    print(json.dumps({"run": "fixed-rate", "rate_per_second": round(rate, 1), "bookings": len(latencies2),
                      "errors": len(errors2), "p50_ms": round(statistics.median(latencies2) * 1000, 1),
                      "p99_ms": round(sorted(latencies2)[int(len(latencies2) * 0.99) - 1] * 1000, 1)}))


if __name__ == "__main__":
    main()
