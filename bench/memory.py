"""Memory of the platform's gunicorn workers over 10,000 mixed requests.

    python bench/memory.py --master PID --cookie 'sessionid=...' URL [URL ...]

Sends the URLs in turn, three times anonymous for every time with the session cookie
(most visitors are anonymous), from 4 connections, and reads each worker's resident
memory (/proc/PID/status, VmRSS) before, after 5,000 and after 10,000 requests. Workers
must not be recycled during the run (gunicorn --max-requests 0). It gives up after
--max-seconds. The result goes to bench/results/memory.json.
"""

import argparse
import http.client
import itertools
import json
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ALLOWED_HOST = "127.0.0.1"
OUTPUT = Path(__file__).resolve().parent / "results" / "memory.json"
TOTAL = 10_000
CONNECTIONS = 4


def workers(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return sorted(int(pid) for pid in children)


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    raise RuntimeError(f"no VmRSS for {pid}")


def send(requests: list[tuple[str, str, dict]], deadline: float) -> int:
    """Send (host:port, path, headers) requests from a few connections; count the errors."""
    errors = [0] * CONNECTIONS

    def work(index):
        connections = {}
        for hostport, path, headers in requests[index::CONNECTIONS]:
            if time.monotonic() > deadline:
                errors[index] += 1
                break
            if hostport not in connections:
                host, port = hostport.split(":")
                connections[hostport] = http.client.HTTPConnection(host, int(port), timeout=30)
            connection = connections[hostport]
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status >= 400:
                    errors[index] += 1
                if response.will_close:
                    connection.close()
            except (OSError, http.client.HTTPException):
                errors[index] += 1
                connection.close()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(errors)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--master", type=int, required=True, help="gunicorn's master PID")
    parser.add_argument("--cookie", required=True, help="the member's session cookie")
    parser.add_argument("--max-seconds", type=float, default=900.0)
    parser.add_argument("urls", nargs="+")
    args = parser.parse_args(argv)
    targets = []
    for url in args.urls:
        parts = urlsplit(url)
        if parts.scheme != "http" or parts.hostname != ALLOWED_HOST:
            parser.error(f"only http://{ALLOWED_HOST} addresses: {url}")
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        targets.append((f"{parts.hostname}:{parts.port or 80}", path))
    anonymous = {"User-Agent": "aanspreekpunt-bench"}
    member = {**anonymous, "Cookie": args.cookie}
    mix = itertools.cycle(
        [
            (hostport, path, headers)
            for hostport, path in targets
            for headers in (anonymous, anonymous, anonymous, member)
        ]
    )
    requests = list(itertools.islice(mix, TOTAL))
    pids = workers(args.master)
    samples = {"0": {pid: rss_mib(pid) for pid in pids}}
    deadline = time.monotonic() + args.max_seconds
    errors = send(requests[: TOTAL // 2], deadline)
    samples["5000"] = {pid: rss_mib(pid) for pid in pids}
    errors += send(requests[TOTAL // 2 :], deadline)
    samples["10000"] = {pid: rss_mib(pid) for pid in pids}
    if workers(args.master) != pids:
        print("memory: a worker was replaced during the run", file=sys.stderr)
        return 1
    growth = {pid: round(samples["10000"][pid] - samples["5000"][pid], 1) for pid in pids}
    result = {"rss_mib": samples, "growth_5000_to_10000_mib": growth, "errors": errors}
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(result, indent=2) + "\n")
    for pid in pids:
        print(
            f"memory: worker {pid}: {samples['0'][pid]} MiB at start, "
            f"{samples['5000'][pid]} MiB after 5,000, {samples['10000'][pid]} MiB after 10,000 "
            f"requests ({growth[pid]:+} MiB)"
        )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
