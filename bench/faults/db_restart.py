"""Fault run: PostgreSQL restarted under booking load. Books visits from several threads for a while,
restarts the database half way (the command given), and then checks, against the database itself, that
every booking the API acknowledged with 201 is there exactly once; counts what the clients got during
the outage (503 problems expected; never a 500, never a hang past the client timeout) and whether
readiness went DOWN and came back UP.

Standard library only; run by bench/faults/run.sh.
"""
import argparse
import http.client
import json
import subprocess
import sys
import threading
import time
import uuid

sys.path.insert(0, "bench/booking")
from load import Client, id_number  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--schema", required=True)
    p.add_argument("--seconds", type=float, default=30)
    p.add_argument("--restart-after", type=float, default=10)
    p.add_argument("--restart", required=True, help="the command that restarts the database")
    p.add_argument("--clients", type=int, default=4)
    a = p.parse_args()

    c = Client(a.port)
    status, pair = c.call("POST", "/api/v1/auth/login", {"username": "operator", "password": "doorstep-demo"})
    assert status == 200, (status, pair)
    token = pair["accessToken"]
    c = Client(a.port, token)
    _, villages = c.call("GET", "/api/v1/villages")
    village = villages["items"][0]["id"]
    residents = []
    for _ in range(int(a.seconds * 40)):
        status, r = c.call("POST", "/api/v1/residents", {"idNumber": id_number(), "name": "测试", "phone": "13807310042",
                                                         "villageId": village, "address": "测试地址"})
        if status == 201:
            residents.append(r["id"])
    today = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 8 * 3600))
    lock = threading.Lock()
    acknowledged, answers, hung = [], {}, [0]
    stop = time.monotonic() + a.seconds

    def client():
        cl = Client(a.port, token)
        while time.monotonic() < stop:
            with lock:
                if not residents:
                    return
                resident = residents.pop()
            try:
                status, body = cl.call("POST", "/api/v1/visits", {
                    "residentId": resident, "serviceTypeCode": "RETIREMENT_CERTIFICATION", "channel": "HOTLINE_12345",
                    "caller": {"name": "家属", "relation": "CHILD", "phone": "13907310088"},
                    "preferredDate": today, "preferredPeriod": "ANY"}, {"Idempotency-Key": str(uuid.uuid4())})
            except (OSError, http.client.HTTPException):
                with lock:
                    hung[0] += 1
                cl = Client(a.port, token)
                continue
            with lock:
                answers[status] = answers.get(status, 0) + 1
                if status == 201:
                    acknowledged.append(body["id"])

    ready = []

    def watch():
        while time.monotonic() < stop + 20:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", a.port, timeout=5)
                conn.request("GET", "/q/health/ready")
                ready.append((round(time.monotonic(), 1), conn.getresponse().status))
                conn.close()
            except OSError:
                ready.append((round(time.monotonic(), 1), "no answer"))
            time.sleep(0.5)

    threads = [threading.Thread(target=client) for _ in range(a.clients)] + [threading.Thread(target=watch)]
    [t.start() for t in threads]
    time.sleep(a.restart_after)
    subprocess.run(a.restart, shell=True, check=True)
    [t.join() for t in threads]

    ids = ",".join(f"'{i}'" for i in acknowledged) or "NULL"
    out = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qtA", "-c",
                          f"SELECT count(*), count(DISTINCT id) FROM {a.schema}.visit WHERE id IN ({ids})"],
                         capture_output=True, text=True, check=True).stdout.strip().split("|")
    found, distinct = int(out[0]), int(out[1])
    states = [s for _, s in ready]
    went_down = any(s != 200 for s in states)
    came_back = bool(states) and states[-1] == 200
    result = {"acknowledged": len(acknowledged), "found_in_database": found, "distinct": distinct,
              "answers": answers, "connection_errors": hung[0], "readiness_went_down": went_down,
              "readiness_came_back": came_back, "status_500": answers.get(500, 0)}
    print(json.dumps(result))
    ok = found == len(acknowledged) == distinct and answers.get(500, 0) == 0 and came_back
    print("nothing acknowledged was lost, none twice, no 500, ready again" if ok else "FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
