"""Fault run: the capture store's disk full. The capture directory is put on a small filesystem of its own
(a tmpfs of 16 MB, else, or with SMALL_DISK=ext4, a loop-mounted ext4 image; mounting needs root), a first capture is uploaded,
then a file standing for whatever else fills the volume takes all but 1 MB of it. A 3 MB upload must be
refused with an RFC 9457 problem (507, or 503), never a 500, and leave nothing half written: the upload
stays at its offset, no capture is made of it, no temporary file is left. Meanwhile the service must go on
serving (a booking, the first capture read back, readiness). Once the filler is deleted the same upload is
resumed and must arrive whole.

Standard library only; run by bench/faults/run.sh.
"""
import argparse
import os
import subprocess
import sys

from app import App, Town, call, create_upload, head, jpeg_like, patch, report, sha256, upload

SIZE_MB = 16


def mount_small(directory, image):
    """A small filesystem at directory: how it was made, or None when this machine allows neither way."""
    os.makedirs(directory, exist_ok=True)
    if os.environ.get("SMALL_DISK", "tmpfs") == "tmpfs" and subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={SIZE_MB}m", "tmpfs", directory],
                      capture_output=True).returncode == 0:
        return f"tmpfs of {SIZE_MB} MB"
    subprocess.run(["truncate", "-s", f"{SIZE_MB}M", image], check=True)
    if subprocess.run(["mkfs.ext4", "-q", "-F", image], capture_output=True).returncode == 0 and \
            subprocess.run(["mount", "-o", "loop", image, directory], capture_output=True).returncode == 0:
        return f"loop-mounted ext4 image of {SIZE_MB} MB"
    return None


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--management-port", type=int, required=True)
    p.add_argument("--schema", required=True)
    p.add_argument("--out", required=True)
    a = p.parse_args()
    disk = os.path.abspath(os.path.join(a.out, "small-disk"))
    how = mount_small(disk, os.path.abspath(os.path.join(a.out, "small-disk.img")))
    if how is None:
        print("could not run: this machine lets neither a tmpfs nor a loop device be mounted (root with"
              " CAP_SYS_ADMIN is needed); nothing was tested")
        return 2
    print(f"the capture store is on a {how}")
    app = App("disk-full", a.port, a.management_port, a.schema, os.path.join(a.out, "disk-full.log"),
              {"DOORSTEP_CAPTURE_STORAGE_DIRECTORY": os.path.join(disk, "captures")})
    try:
        app.start()
        return run(a, app, disk)
    finally:
        app.stop()
        subprocess.run(["umount", disk], capture_output=True)


def free(disk):
    s = os.statvfs(disk)
    return s.f_bavail * s.f_frsize


def run(a, app, disk):
    town = Town(a.port)
    visit = town.at_the_door("SOCIAL_SECURITY_CARD")
    first = jpeg_like(1024 * 1024)
    first_id, answer = upload(a.port, town.agent, visit, "ID_CARD_FRONT", first)
    assert first_id, answer

    filler = os.path.join(disk, "filler")
    with open(filler, "wb") as f:
        f.write(b"\0" * (free(disk) - 1024 * 1024))
    free_when_full = free(disk)
    card = jpeg_like(3 * 1024 * 1024)
    created, location = create_upload(a.port, town.agent, visit, "ID_CARD_BACK", card)
    assert location, created
    try:
        refused = patch(a.port, town.agent, location, 0, card)
    except OSError as e:  # the service answered before the body was sent and closed the connection
        refused = (f"connection: {e.__class__.__name__}", {}, None)
    problem = refused[2] if isinstance(refused[2], dict) else {}
    offset_after = int(head(a.port, town.agent, location)[1].get("upload-offset", -1))
    captures = call(a.port, "GET", f"/api/v1/visits/{visit}/captures", token=town.agent)
    kinds = [c.get("kind") for c in captures[2].get("items", [])] if isinstance(captures[2], dict) else captures
    temporary = os.listdir(os.path.join(disk, "captures", "tmp"))

    # the service keeps serving while the disk is full
    booked = call(a.port, "POST", "/api/v1/visits", {
        "residentId": ok_resident(town), "serviceTypeCode": "MEDICAL_INSURANCE_ENROLMENT", "channel": "TOWN_PHONE",
        "caller": {"name": "本人", "relation": "SELF", "phone": "13807310042"}, "preferredDate": town.day,
        "preferredPeriod": "ANY"}, town.operator)[0]
    read = call(a.port, "GET", f"/api/v1/captures/{first_id}/content", token=town.agent)
    ready = call(a.port, "GET", "/q/health/ready")[0]

    os.remove(filler)
    offset = int(head(a.port, town.agent, location)[1].get("upload-offset", -1))
    resumed = patch(a.port, town.agent, location, offset, card[offset:])
    back = call(a.port, "GET", f"/api/v1/captures/{location.rsplit('/', 1)[1]}/content", token=town.agent)

    result = {"free_bytes_when_full": free_when_full, "upload_bytes": len(card),
              "answer_when_full": refused[0], "problem_type": problem.get("type"),
              "retry_after": refused[1].get("retry-after"), "detail": problem.get("detail"),
              "offset_after_refusal": offset_after, "captures_of_the_visit": kinds,
              "temporary_files_left": len(temporary), "booking_while_full": booked,
              "read_back_while_full": read[0], "read_back_equal": read[0] == 200 and sha256(read[2]) == sha256(first),
              "readiness_while_full": ready, "after_freeing_resumed_from": offset, "after_freeing": resumed[0],
              "capture_equal": back[0] == 200 and sha256(back[2]) == sha256(card), "errors_logged": app.errors_logged()}
    good = (refused[0] in (503, 507) and problem.get("type", "").startswith("urn:doorstep:problem:")
            and offset_after == 0 and kinds == ["ID_CARD_FRONT"] and not temporary and booked == 201
            and result["read_back_equal"] and ready == 200 and resumed[0] == 204 and result["capture_equal"]
            and result["errors_logged"]["stack_traces"] == 0)
    return report(result, good, "refused with a problem while full, nothing half written kept, the service went on"
                                " serving and took the upload once there was room")


def ok_resident(town):
    from app import id_number, ok
    return ok(call(town.port, "POST", "/api/v1/residents", {
        "idNumber": id_number(), "name": "居民", "phone": "13807310042", "villageId": town.village,
        "address": "村口第一户"}, town.operator), 201)["id"]


if __name__ == "__main__":
    sys.exit(main())
