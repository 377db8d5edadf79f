"""Fault run: the service killed (SIGKILL) in the middle of a tus PATCH. A field agent's tablet uploads a
6 MB ID card photo in 2 MB chunks; while the second chunk's bytes are arriving the JVM is killed; it is
started again, the tablet asks HEAD where to resume, sends the rest, and the capture read back must be the
original file byte for byte (SHA-256).

Standard library only; run by bench/faults/run.sh.
"""
import argparse
import os
import shutil
import socket
import sys
import time

from app import App, Town, call, create_upload, head, jpeg_like, patch, report, sha256

SIZE = 6 * 1024 * 1024
CHUNK = 2 * 1024 * 1024


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--management-port", type=int, required=True)
    p.add_argument("--schema", required=True)
    p.add_argument("--out", required=True)
    a = p.parse_args()
    storage = os.path.abspath(os.path.join(a.out, "kill-upload-captures"))
    shutil.rmtree(storage, ignore_errors=True)  # no temporary file of an earlier run
    app = App("kill-upload", a.port, a.management_port, a.schema, os.path.join(a.out, "kill-upload.log"),
              {"DOORSTEP_CAPTURE_STORAGE_DIRECTORY": storage})
    try:
        app.start()
        return run(a, app, storage)
    finally:
        app.stop()


def run(a, app, storage):
    town = Town(a.port)
    visit = town.at_the_door("SOCIAL_SECURITY_CARD")
    card = jpeg_like(SIZE)
    answer, upload = create_upload(a.port, town.agent, visit, "ID_CARD_FRONT", card)
    assert upload, answer
    first = patch(a.port, town.agent, upload, 0, card[:CHUNK])
    assert first[0] == 204 and first[1]["upload-offset"] == str(CHUNK), first

    # the second chunk: headers and half its body sent, then SIGKILL while the service is taking it in
    s = socket.create_connection(("127.0.0.1", a.port))
    s.sendall((f"PATCH {upload} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {town.agent}\r\n"
               f"Tus-Resumable: 1.0.0\r\nUpload-Offset: {CHUNK}\r\n"
               f"Content-Type: application/offset+octet-stream\r\nContent-Length: {CHUNK}\r\n\r\n").encode())
    s.sendall(card[CHUNK:CHUNK + CHUNK // 2])
    time.sleep(0.5)
    temporary = sorted(os.listdir(os.path.join(storage, "tmp")))
    killed_pid = app.pid
    app.kill()
    s.close()
    restart_seconds = app.start()

    t0 = time.monotonic()
    status, headers, _ = head(a.port, town.agent, upload)
    head_seconds = time.monotonic() - t0
    offset = int(headers.get("upload-offset", -1))
    resumed = patch(a.port, town.agent, upload, offset, card[offset:]) if status == 200 else (None, {}, None)
    capture = upload.rsplit("/", 1)[1]
    back = call(a.port, "GET", f"/api/v1/captures/{capture}/content", token=town.agent)
    left_in_tmp = sorted(os.listdir(os.path.join(storage, "tmp")))

    result = {"file_bytes": SIZE, "first_patch_offset": int(first[1]["upload-offset"]),
              "killed_pid": killed_pid, "bytes_sent_of_the_killed_patch": CHUNK // 2,
              "being_written_when_killed": len(temporary), "restart_seconds": round(restart_seconds, 1),
              "head_status": status, "head_offset": offset, "head_seconds": round(head_seconds, 2),
              "resume_status": resumed[0], "final_offset": resumed[1].get("upload-offset"),
              "read_back_status": back[0], "sha256_equal": back[0] == 200 and sha256(back[2]) == sha256(card),
              "temporary_files_left": len(left_in_tmp), "errors_logged": app.errors_logged()}
    ok = (status == 200 and offset == CHUNK and resumed[0] == 204 and result["final_offset"] == str(SIZE)
          and result["sha256_equal"])
    return report(result, ok, "resumed from the last chunk the service had recorded; the capture is the original,"
                              " byte for byte")


if __name__ == "__main__":
    sys.exit(main())
