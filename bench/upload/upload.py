"""Upload benchmark client: N field-agent uploads of SIZE bytes at once over tus, against the disk alone.

Standard library only. Sets up through the API (tablet, sign-in, residents, bookings); the
visits are put ON_SITE by run.sh with SQL, as the tablet's events endpoint would.
"""
import argparse
import base64
import datetime
import hashlib
import http.client
import json
import mmap
import os
import random
import subprocess
import sys
import tempfile
import threading
import time

PASSWORD = os.environ.get("DOORSTEP_DEMO_PASSWORD", "doorstep-demo")


def call(port, method, path, body=None, token=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    h = dict(headers or {})
    data = body
    if isinstance(body, (dict, list)):
        data = json.dumps(body).encode()
        h["Content-Type"] = "application/json"
    if token:
        h["Authorization"] = "Bearer " + token
    conn.request(method, path, body=data, headers=h)
    r = conn.getresponse()
    payload = r.read()
    conn.close()
    return r.status, dict(r.getheaders()), payload


def ok(status, payload, expected):
    if status != expected:
        sys.exit(f"expected {expected}, got {status}: {payload[:300]!r}")
    return json.loads(payload) if payload else None


ISSUED = set()


def id_number():
    """A valid resident ID number not given out before in this run (a run books a thousand or more)."""
    while True:
        first = "430181" + f"{random.randint(1930, 1969)}{random.randint(1, 12):02d}{random.randint(1, 28):02d}" \
            + f"{random.randint(0, 999):03d}"
        if first not in ISSUED:
            ISSUED.add(first)
            break
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return first + "10X98765432"[sum(int(c) * w for c, w in zip(first, weights)) % 11]


def setup(port, uploads):
    """Signs in the tablet and books the visits for every round at once, so that no other request runs
    between the rounds."""
    login = lambda u: ok(*call(port, "POST", "/api/v1/auth/login", {"username": u, "password": PASSWORD})[::2], 200)
    admin = login("admin")["accessToken"]
    operator = login("operator")["accessToken"]
    code = ok(*call(port, "POST", "/api/v1/devices", {"label": "bench"}, admin)[::2], 201)["enrollmentCode"]
    tablet = ok(*call(port, "POST", "/api/v1/devices/enroll", {"enrollmentCode": code})[::2], 200)
    agent = ok(*call(port, "POST", "/api/v1/auth/device-login", {"deviceId": tablet["deviceId"],
               "deviceSecret": tablet["deviceSecret"], "username": "agent1", "password": PASSWORD})[::2], 200)
    villages = ok(*call(port, "GET", "/api/v1/villages?size=200", token=operator)[::2], 200)["items"]
    village = next(v for v in villages if v["name"] == "心源村")
    day = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    visits = []
    for _ in range(uploads):
        resident = ok(*call(port, "POST", "/api/v1/residents", {"idNumber": id_number(), "name": "居民",
                      "phone": "13807310042", "villageId": village["id"], "address": "心源村"}, operator)[::2], 201)
        visit = ok(*call(port, "POST", "/api/v1/visits", {"residentId": resident["id"],
                   "serviceTypeCode": "SOCIAL_SECURITY_CARD", "channel": "TOWN_PHONE",
                   "caller": {"name": "本人", "relation": "SELF", "phone": "13807310042"},
                   "preferredDate": day, "preferredPeriod": "ANY"}, operator)[::2], 201)
        visits.append(visit["id"])
    return agent["accessToken"], visits


def on_site(schema, visits, per_day):
    """Assigned to agent1's team, one after another, and arrived: what the tablet's events would do."""
    sql = [f"SET search_path = {schema};"]
    for i, visit in enumerate(visits):
        day, hour = divmod(i, per_day)
        sql.append(f"UPDATE visit SET team_id = (SELECT team_id FROM staff WHERE username = 'agent1'),"
                   f" slot_start = now() + interval '{day} days {hour} hours',"
                   f" slot_end = now() + interval '{day} days {hour} hours 30 minutes',"
                   f" status = 'ON_SITE' WHERE id = '{visit}';")
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-q"],
                   input="\n".join(sql).encode(), check=True)


def jpeg_like(size):
    """JPEG's first bytes (SOI, a JFIF APP0, a SOF0 of 3000 x 4000) and random bytes after."""
    head = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffc0001108" "0fa00bb8" "03012200021101031101")
    return head + os.urandom(size - len(head))


def at_once(one, n, barrier):
    """Runs one(i) for i < n on n threads released together by the barrier; the seconds until all are done."""
    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    barrier.wait()
    start = time.perf_counter()
    for t in threads:
        t.join()
    return time.perf_counter() - start


def upload_all(port, token, visits, files, two_requests=False):
    """Each file in one creation request that brings all its bytes (tus creation-with-upload), or with
    two_requests a creation and then one PATCH."""
    results = [None] * len(visits)
    barrier = threading.Barrier(len(visits) + 1)

    def one(i):
        data = files[i]
        meta = ",".join(f"{k} {base64.b64encode(v.encode()).decode()}" for k, v in {
            "kind": "ID_CARD_FRONT", "filename": f"card-{i}.jpg", "sha256": hashlib.sha256(data).hexdigest(),
            "capturedAt": datetime.datetime.now(datetime.timezone.utc).isoformat()}.items())
        creation = {"Tus-Resumable": "1.0.0", "Upload-Length": str(len(data)), "Upload-Metadata": meta}
        if not two_requests:
            creation["Content-Type"] = "application/offset+octet-stream"
        barrier.wait()
        t0 = time.perf_counter()
        status, headers, payload = call(port, "POST", f"/api/v1/visits/{visits[i]}/captures",
                                        None if two_requests else data, token, creation)
        if status != 201:
            results[i] = ("create", status, payload[:200])
            return
        if not two_requests:
            done = headers.get("Upload-Offset") == str(len(data))
            results[i] = ("ok" if done else "create", headers.get("Upload-Offset"), time.perf_counter() - t0)
            return
        location = headers["Location"].split("//", 1)[-1]
        location = location[location.index("/"):] if not location.startswith("/") else location
        status, _, payload = call(port, "PATCH", location, data, token, {
            "Tus-Resumable": "1.0.0", "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"})
        results[i] = ("ok" if status == 204 else "patch", status, time.perf_counter() - t0)

    return at_once(one, len(visits), barrier), results


def disk_alone(directory, files, round_no):
    """The same bytes written to the same disk, one new file per thread at once, each fsynced. The files stay
    until the run ends, as captures stay in the store: rewriting the blocks of files just deleted is several
    times cheaper for the kernel than writing new data that is kept (docs/benchmarks.md)."""
    barrier = threading.Barrier(len(files) + 1)

    def one(i):
        barrier.wait()
        with open(os.path.join(directory, f"disk-{round_no}-{i}.bin"), "wb") as f:
            f.write(files[i])
            f.flush()
            os.fsync(f.fileno())

    return at_once(one, len(files), barrier)


def disk_direct(directory, files, round_no):
    """The same bytes written to the same disk with direct I/O (O_DIRECT, 1 MiB writes from an aligned buffer,
    the file cut back to its length), one new file per thread at once, each fsynced and kept: what the device
    takes, with no page cache in the way."""
    barrier = threading.Barrier(len(files) + 1)

    def one(i):
        data = files[i]
        padded = -(-len(data) // 4096) * 4096
        buffer = mmap.mmap(-1, padded)
        buffer.write(data)
        view = memoryview(buffer)
        barrier.wait()
        fd = os.open(os.path.join(directory, f"disk-direct-{round_no}-{i}.bin"), os.O_CREAT | os.O_WRONLY | os.O_DIRECT)
        try:
            for at in range(0, padded, 1 << 20):
                os.write(fd, view[at:min(at + (1 << 20), padded)])
            os.ftruncate(fd, len(data))
            os.fsync(fd)
        finally:
            os.close(fd)
            view.release()
            buffer.close()

    return at_once(one, len(files), barrier)


def remove_disk_alone(directory):
    for name in os.listdir(directory):
        if name.startswith("disk-") and name.endswith(".bin"):
            os.remove(os.path.join(directory, name))


def s3_alone(bucket_url, files, round_no):
    """The same bytes PUT straight into the S3 server, one object per thread at once (as s3proxy is run
    here, without signatures), each under a new key that stays, as captures stay."""
    host_port, bucket = bucket_url.split("//", 1)[1].split("/", 1)
    host, port = host_port.split(":")
    barrier = threading.Barrier(len(files) + 1)
    failures = []

    def one(i):
        barrier.wait()
        conn = http.client.HTTPConnection(host, int(port), timeout=120)
        conn.request("PUT", f"/{bucket}/alone-{round_no}-{i}.bin", body=files[i],
                     headers={"Content-Type": "application/octet-stream"})
        r = conn.getresponse()
        r.read()
        conn.close()
        if r.status != 200:
            failures.append(r.status)

    elapsed = at_once(one, len(files), barrier)
    if failures:
        sys.exit(f"PUTs to the S3 server failed: {failures[:3]}")
    return elapsed


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--uploads", type=int, default=20)
    p.add_argument("--mib", type=int, default=4)
    p.add_argument("--kib", type=int, help="the size in KiB instead (the fixed cost of an upload shows with small ones)")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--warmup", type=int, default=0, help="rounds run first and not reported")
    p.add_argument("--two-requests", action="store_true", help="a creation, then a PATCH (not creation-with-upload)")
    p.add_argument("--disk-dir", required=True)
    p.add_argument("--schema", required=True)
    p.add_argument("--s3", help="the bucket's URL: compare with PUTs straight to it instead of the disk")
    a = p.parse_args()
    size = a.kib * 1024 if a.kib else a.mib * 1024 * 1024
    total = a.uploads * size
    rows = []
    try:
        run_rounds(a, size, total, rows)
    finally:
        if not a.s3:
            remove_disk_alone(a.disk_dir)


def run_rounds(a, size, total, rows):
    token, booked = setup(a.port, a.uploads * (a.warmup + a.rounds))
    on_site(a.schema, booked, a.uploads)
    for r in range(-a.warmup, a.rounds):
        first = (r + a.warmup) * a.uploads
        visits = booked[first:first + a.uploads]
        files = [jpeg_like(size) for _ in visits]
        n = r + a.warmup
        alone = (lambda: s3_alone(a.s3, files, n)) if a.s3 else (lambda: disk_alone(a.disk_dir, files, n))
        # the store alone goes first in every other round, so that neither side always meets the other's leftovers
        disk_s = alone() if n % 2 else None
        started = time.time()
        api_s, results = upload_all(a.port, token, visits, files, a.two_requests)
        failed = [x for x in results if x[0] != "ok"]
        if failed:
            sys.exit(f"uploads failed: {failed[:3]}")
        disk_s = disk_s or alone()
        direct_s = None if a.s3 else disk_direct(a.disk_dir, files, n)
        latencies = sorted(x[2] for x in results)
        if r < 0:
            print(f"warm-up round {n + 1} of {a.warmup}: API {api_s:.2f} s, alone {disk_s:.2f} s", file=sys.stderr)
            continue
        rows.append({"round": r, "api_s": api_s, "api_mb_s": total / api_s / 1e6, "disk_s": disk_s,
                     "disk_mb_s": total / disk_s / 1e6, "ratio": disk_s / api_s,
                     "direct_mb_s": total / direct_s / 1e6 if direct_s else None,
                     "ratio_direct": direct_s / api_s if direct_s else None,
                     "p50_s": latencies[len(latencies) // 2], "max_s": latencies[-1],
                     "started": started})
        print(json.dumps(rows[-1]), flush=True)


if __name__ == "__main__":
    main()
