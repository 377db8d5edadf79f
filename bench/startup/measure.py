#!/usr/bin/env python3
"""One start-up measurement of a packaged Quarkus application (standard library only).

Starts COMMAND (the environment is passed on), polls GET READY_PATH every 20 ms until any HTTP
answer comes back (a 401 or a 404 is an answer: the server is up), reads VmRSS, optionally signs in,
sends REQUESTS GET LOAD_PATH requests (each must answer 200), reads VmRSS again, stops the process
(SIGTERM) and prints one line of JSON:

  {"ready_ms": ..., "cpu_ready_s": ..., "rss_ready_mib": ..., "rss_mib": ..., "started_in_s": ...}

cpu_ready_s is the CPU time (user + system, all threads: JIT compilers and GC included) the process
had used when it first answered; on a shared machine it moves less with the load than the wall time.

started_in_s is what Quarkus itself logs ("started in 1.234s", counted from the JVM's start), when
the log (--log, the command's standard output and error) has it.

  measure.py --port 8095 --ready-path /q/health/live --load-path /api/v1/service-types \
      --login supervisor:doorstep-demo --log app.log -- java -jar target/quarkus-app/quarkus-run.jar
"""
import argparse
import http.client
import json
import os
import re
import signal
import subprocess
import sys
import time


def answer(port, method, path, body=None, headers=None, timeout=5.0):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def vm_rss_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    raise RuntimeError("no VmRSS for " + str(pid))


def cpu_s(pid):
    """User plus system CPU seconds of all the process's threads so far."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--ready-path", required=True)
    parser.add_argument("--load-path", required=True)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--login", help="username:password for POST /api/v1/auth/login; the load then carries the token")
    parser.add_argument("--log", required=True)
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command

    with open(args.log, "wb") as log:
        start = time.monotonic()
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        try:
            ready_ms = None
            while time.monotonic() - start < args.timeout:
                if process.poll() is not None:
                    raise SystemExit(f"the application exited ({process.returncode}) before answering; see {args.log}")
                try:
                    answer(args.port, "GET", args.ready_path, timeout=2.0)
                    ready_ms = (time.monotonic() - start) * 1000.0
                    break
                except (ConnectionError, OSError, http.client.HTTPException):
                    time.sleep(0.02)
            if ready_ms is None:
                raise SystemExit(f"no answer within {args.timeout:.0f} s; see {args.log}")
            rss_ready = vm_rss_mib(process.pid)
            cpu_ready = cpu_s(process.pid)

            headers = {}
            if args.login:
                username, password = args.login.split(":", 1)
                status, body = answer(args.port, "POST", "/api/v1/auth/login",
                                      body=json.dumps({"username": username, "password": password}),
                                      headers={"Content-Type": "application/json"}, timeout=30.0)
                if status != 200:
                    raise SystemExit(f"sign-in answered {status}: {body[:200]!r}")
                headers["Authorization"] = "Bearer " + json.loads(body)["accessToken"]
            for _ in range(args.requests):
                status, body = answer(args.port, "GET", args.load_path, headers=headers, timeout=30.0)
                if status != 200:
                    raise SystemExit(f"GET {args.load_path} answered {status}: {body[:200]!r}")
            rss = vm_rss_mib(process.pid)
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()

    started_in = None
    with open(args.log, encoding="utf-8", errors="replace") as log:
        found = re.search(r"started in ([0-9.]+)s", log.read())
        if found:
            started_in = float(found.group(1))
    print(json.dumps({"ready_ms": round(ready_ms, 1), "cpu_ready_s": round(cpu_ready, 2), "rss_ready_mib": round(rss_ready, 1), "rss_mib": round(rss, 1),
                      "started_in_s": started_in}))


if __name__ == "__main__":
    sys.exit(main())
