#!/usr/bin/env python3
"""Steady prediction traffic for the demo's canary: a few threads posting one row at a time.

Usage: load.py URL PROBE_JSON [--seconds N] [--threads N] [--max-requests N]

Posts single rows taken in turn from PROBE_JSON (an MLflow "dataframe_split" body) to
URL/invocations until the time or request budget is spent (or SIGTERM), then prints how many
requests were sent and how many failed (HTTP >= 400 or no answer). Talks only to 127.0.0.1.
"""
import argparse
import json
import signal
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("probe")
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--max-requests", type=int, default=200_000)
    args = parser.parse_args()
    if urllib.parse.urlparse(args.url).hostname != "127.0.0.1":
        parser.error("the load generator talks to 127.0.0.1 only")

    split = json.load(open(args.probe))["dataframe_split"]
    bodies = [json.dumps({"dataframe_split": {"columns": split["columns"], "data": [row]}}).encode()
              for row in split["data"]]
    deadline = time.monotonic() + args.seconds
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *unused: stop.set())
    lock = threading.Lock()
    counts = {"sent": 0, "failed": 0}

    def worker(offset):
        i = offset
        while not stop.is_set() and time.monotonic() < deadline:
            with lock:
                if counts["sent"] >= args.max_requests:
                    return
                counts["sent"] += 1
            request = urllib.request.Request(args.url + "/invocations", data=bodies[i % len(bodies)],
                                             headers={"Content-Type": "application/json"})
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    response.read()
            except (urllib.error.URLError, OSError):
                with lock:
                    counts["failed"] += 1
            i += args.threads

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(args.threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(f"load: {counts['sent']} requests, {counts['failed']} failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
