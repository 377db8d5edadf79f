"""What the fault runs share: the packaged service as its own process (started, killed with SIGKILL,
started again), a small client of its API, and the demo town's people and tablets as the API makes them.

Standard library only; talks to loopback only.
"""
import base64
import datetime
import hashlib
import http.client
import json
import os
import random
import signal
import subprocess
import time
import uuid

PASSWORD = os.environ.get("DOORSTEP_DEMO_PASSWORD", "doorstep-demo")
JAR = "target/quarkus-app/quarkus-run.jar"
# how long each demo service takes: a slot may not be shorter
MINUTES = {"RETIREMENT_CERTIFICATION": 30, "SOCIAL_SECURITY_CARD": 40, "DISABILITY_CERTIFICATE": 60,
           "MEDICAL_INSURANCE_ENROLMENT": 30, "ELDERLY_ALLOWANCE": 30}
PSQL = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-qtA"]


def sql(statement):
    return subprocess.run(PSQL + ["-c", statement], capture_output=True, text=True, check=True).stdout.strip()


class App:
    """The packaged jar, demo profile, the machine's PostgreSQL, a schema of its own."""

    def __init__(self, name, port, management_port, schema, log, env=None):
        self.name, self.port, self.management_port, self.schema, self.log = name, port, management_port, schema, log
        self.env = dict(env or {})
        self.process = None
        open(log, "w").close()  # this run's log only: the restarts append to it

    def start(self, within=180):
        env = dict(os.environ)
        env.update({"QUARKUS_PROFILE": "demo",
                    "QUARKUS_DATASOURCE_JDBC_URL": "jdbc:postgresql://127.0.0.1:5432/postgres",
                    "QUARKUS_DATASOURCE_USERNAME": "postgres", "DOORSTEP_DB_SCHEMA": self.schema,
                    "QUARKUS_HTTP_PORT": str(self.port), "QUARKUS_MANAGEMENT_PORT": str(self.management_port)})
        env.update(self.env)
        started = time.monotonic()
        with open(self.log, "a") as out:
            out.write(f"---- start {datetime.datetime.now().isoformat()} ----\n")
            out.flush()
            self.process = subprocess.Popen(["java", "-Xmx384m", "-jar", JAR], env=env, stdout=out,
                                            stderr=subprocess.STDOUT)
        while time.monotonic() - started < within:
            if self.process.poll() is not None:
                raise SystemExit(f"{self.name} stopped while starting; see {self.log}")
            try:
                if call(self.port, "GET", "/q/health/ready", timeout=2)[0] == 200:
                    return time.monotonic() - started
            except OSError:
                pass
            time.sleep(0.2)
        raise SystemExit(f"{self.name} was not ready within {within} s; see {self.log}")

    @property
    def pid(self):
        return self.process.pid

    def kill(self):
        """SIGKILL: gone at once, with whatever it held (a machine that loses power, the OOM killer)."""
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def errors_logged(self):
        """Lines logged at ERROR, and stack traces, in the whole log."""
        with open(self.log, errors="replace") as f:
            lines = f.read().splitlines()
        traces = sum(1 for i, line in enumerate(lines) if line.startswith("\tat ") and not lines[i - 1].startswith("\t"))
        return {"error_lines": sum(1 for line in lines if " ERROR " in line), "stack_traces": traces}


def call(port, method, path, body=None, token=None, headers=None, timeout=60):
    """One request on a fresh connection: (status, headers, parsed JSON or raw bytes)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    h = dict(headers or {})
    data = body
    if isinstance(body, (dict, list)):
        data = json.dumps(body).encode()
        h["Content-Type"] = "application/json"
    if token:
        h["Authorization"] = "Bearer " + token
    try:
        conn.request(method, path, body=data, headers=h)
        r = conn.getresponse()
        payload = r.read()
        headers = {k.lower(): v for k, v in r.getheaders()}
    finally:
        conn.close()
    if payload and "json" in headers.get("content-type", ""):
        payload = json.loads(payload)
    return r.status, headers, payload


def ok(answer, expected):
    status, _, payload = answer
    if status != expected:
        raise SystemExit(f"expected {expected}, got {status}: {str(payload)[:400]}")
    return payload


def id_number():
    first = "430181" + f"{random.randint(1930, 1969)}{random.randint(1, 12):02d}{random.randint(1, 28):02d}" \
        + f"{random.randint(0, 999):03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return first + "10X98765432"[sum(int(c) * w for c, w in zip(first, weights)) % 11]


def login(port, username):
    return ok(call(port, "POST", "/api/v1/auth/login", {"username": username, "password": PASSWORD}), 200)["accessToken"]


def tablet(port, agent):
    """A tablet registered by the admin, enrolled, and the agent signed in on it: the agent's token."""
    admin = login(port, "admin")
    code = ok(call(port, "POST", "/api/v1/devices", {"label": "平板 " + agent}, admin), 201)["enrollmentCode"]
    device = ok(call(port, "POST", "/api/v1/devices/enroll", {"enrollmentCode": code}), 200)
    return ok(call(port, "POST", "/api/v1/auth/device-login", {
        "deviceId": device["deviceId"], "deviceSecret": device["deviceSecret"], "username": agent,
        "password": PASSWORD}), 200)["accessToken"]


class Town:
    """The demo town as the operator, the dispatcher and one agent's tablet see it."""

    def __init__(self, port, agent="agent1"):
        self.port = port
        self.operator = login(port, "operator")
        self.dispatcher = login(port, "dispatcher")
        self.agent = tablet(port, agent)
        self.team = ok(call(port, "GET", "/api/v1/me", token=self.agent), 200)["team"]["id"]
        self.village = ok(call(port, "GET", f"/api/v1/teams/{self.team}", token=self.dispatcher), 200)["villageIds"][0]
        self.day = ok(call(port, "GET", "/api/v1/dispatch/board", token=self.dispatcher), 200)["date"]
        self.next_slot = datetime.datetime.fromisoformat(self.day + "T08:30:00+08:00")

    def book(self, service):
        resident = ok(call(self.port, "POST", "/api/v1/residents", {
            "idNumber": id_number(), "name": "居民", "phone": "13807310042", "villageId": self.village,
            "address": "村口第一户"}, self.operator), 201)["id"]
        return ok(call(self.port, "POST", "/api/v1/visits", {
            "residentId": resident, "serviceTypeCode": service, "channel": "TOWN_PHONE",
            "caller": {"name": "本人", "relation": "SELF", "phone": "13807310042"},
            "preferredDate": self.day, "preferredPeriod": "ANY"}, self.operator,
            {"Idempotency-Key": str(uuid.uuid4())}), 201)["id"]

    def at_the_door(self, service):
        """A visit booked, given to the agent's team on the board's day (one after another from 08:30) and
        arrived at on the tablet: ON_SITE, taking captures."""
        visit = self.book(service)
        etag = call(self.port, "GET", f"/api/v1/visits/{visit}", token=self.dispatcher)[1]["etag"]
        start = self.next_slot
        self.next_slot = start + datetime.timedelta(minutes=MINUTES[service])
        ok(call(self.port, "PUT", f"/api/v1/visits/{visit}/assignment", {
            "teamId": self.team, "start": start.isoformat(), "end": self.next_slot.isoformat()},
            self.dispatcher, {"If-Match": etag}), 200)
        self.event(visit, "DEPART")
        self.event(visit, "ARRIVE")
        return visit

    def event(self, visit, kind):
        return ok(call(self.port, "POST", f"/api/v1/visits/{visit}/events", {
            "type": kind, "occurredAt": datetime.datetime.now(datetime.timezone.utc).isoformat()}, self.agent,
            {"Idempotency-Key": str(uuid.uuid4())}), 200)


# --- tus ---

def jpeg_like(size):
    """JPEG's first bytes (SOI, a JFIF APP0, a SOF0 of 3000 x 4000) and random bytes after."""
    head = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffc0001108" "0fa00bb8" "03012200021101031101")
    return head + os.urandom(size - len(head))


def pdf_like(size):
    head = b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\n"
    return head + os.urandom(size - len(head))


def png_like(size):
    """A PNG signature and an IHDR of 600 x 200, random bytes after."""
    head = bytes.fromhex("89504e470d0a1a0a" "0000000d49484452" "00000258000000c8" "0802000000" "00000000")
    return head + os.urandom(size - len(head))


def create_upload(port, token, visit, kind, data):
    meta = ",".join(f"{k} {base64.b64encode(v.encode()).decode()}" for k, v in {
        "kind": kind, "filename": kind.lower() + ".bin", "sha256": hashlib.sha256(data).hexdigest(),
        "capturedAt": datetime.datetime.now(datetime.timezone.utc).isoformat()}.items())
    answer = call(port, "POST", f"/api/v1/visits/{visit}/captures", token=token, headers={
        "Tus-Resumable": "1.0.0", "Upload-Length": str(len(data)), "Upload-Metadata": meta})
    if answer[0] != 201:
        return answer, None
    location = answer[1]["location"]
    return answer, location[location.index("/api/"):]


def patch(port, token, upload, offset, chunk, timeout=120):
    return call(port, "PATCH", upload, chunk, token, {
        "Tus-Resumable": "1.0.0", "Upload-Offset": str(offset), "Content-Type": "application/offset+octet-stream"},
        timeout=timeout)


def head(port, token, upload):
    return call(port, "HEAD", upload, token=token, headers={"Tus-Resumable": "1.0.0"})


def upload(port, token, visit, kind, data):
    """A whole upload in one PATCH: the capture's id, or the failing answer."""
    answer, location = create_upload(port, token, visit, kind, data)
    if location is None:
        return None, answer
    answer = patch(port, token, location, 0, data)
    return (location.rsplit("/", 1)[1] if answer[0] == 204 else None), answer


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def report(result, ok_when, success, failure="FAILED"):
    print(json.dumps(result, ensure_ascii=False))
    print(success if ok_when else failure)
    return 0 if ok_when else 1
