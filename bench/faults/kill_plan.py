"""Fault run: the service killed (SIGKILL) while it solves a day plan. The dispatcher asks for the plan of
the board's day (the demo town's visits waiting to be placed); as soon as the solver has started, the JVM
is killed and started again. The plan must not stay SOLVING: once the dead instance's lease has run out the
restarted one takes it over and solves it again (PROPOSED), or it ends FAILED with its reason. The lease
and the planner's settings are the configured defaults.

Standard library only; run by bench/faults/run.sh.
"""
import argparse
import os
import sys
import time

from app import App, call, login, ok, report, sql

WITHIN = 180


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--management-port", type=int, required=True)
    p.add_argument("--schema", required=True)
    p.add_argument("--out", required=True)
    a = p.parse_args()
    app = App("kill-plan", a.port, a.management_port, a.schema, os.path.join(a.out, "kill-plan.log"),
              {"DOORSTEP_CAPTURE_STORAGE_DIRECTORY": os.path.abspath(os.path.join(a.out, "kill-plan-captures"))})
    try:
        app.start()
        return run(a, app)
    finally:
        app.stop()


def run(a, app):
    dispatcher = login(a.port, "dispatcher")
    day = ok(call(a.port, "GET", "/api/v1/dispatch/board", token=dispatcher), 200)["date"]
    status, headers, plan = call(a.port, "POST", "/api/v1/dispatch/plans", {"date": day}, dispatcher)
    assert status == 202, (status, plan)
    location = headers["location"][headers["location"].index("/api/"):]
    plan_id = location.rsplit("/", 1)[1]
    asked = time.monotonic()
    while True:
        plan = ok(call(a.port, "GET", location, token=dispatcher), 200)
        if plan["status"] != "SOLVING" or (plan.get("progress") or {}).get("startedAt"):
            break
        if time.monotonic() - asked > 60:
            raise SystemExit("the solver did not start within 60 s")
        time.sleep(0.1)
    if plan["status"] != "SOLVING":
        raise SystemExit(f"the plan was {plan['status']} before it could be killed: nothing was tested")
    lease = sql(f"SELECT lease_owner || ' until ' || (lease_until - clock_timestamp())::text"
                f" FROM {a.schema}.dispatch_plan WHERE id = '{plan_id}'")
    visits_to_place = plan["progress"].get("visitsToPlace")
    app.kill()
    killed = time.monotonic()
    restart_seconds = app.start()

    seen = []
    while time.monotonic() - killed < WITHIN:
        try:
            plan = ok(call(a.port, "GET", location, token=dispatcher), 200)
        except OSError:
            plan = {"status": "no answer"}
        if not seen or seen[-1][1] != plan["status"]:
            seen.append((round(time.monotonic() - killed, 1), plan["status"]))
        if plan["status"] not in ("SOLVING", "no answer"):
            break
        time.sleep(0.25)
    settled = time.monotonic() - killed
    attempts, owner = sql(f"SELECT attempts, coalesce(lease_owner, '') FROM {a.schema}.dispatch_plan"
                          f" WHERE id = '{plan_id}'").split("|")
    result = {"visits_to_place": visits_to_place, "lease_when_killed": lease,
              "restart_seconds": round(restart_seconds, 1), "statuses_after_the_kill": seen,
              "final_status": plan["status"], "seconds_from_kill_to_final": round(settled, 1),
              "seconds_from_ready_to_final": round(settled - restart_seconds, 1), "attempts": int(attempts),
              "failure": plan.get("failure"), "errors_logged": app.errors_logged()}
    good = plan["status"] in ("PROPOSED", "FAILED")
    return report(result, good, f"the plan was taken over after the kill and ended {plan['status']}, not stuck SOLVING",
                  f"FAILED: the plan is still {plan['status']} {WITHIN} s after the kill")


if __name__ == "__main__":
    sys.exit(main())
