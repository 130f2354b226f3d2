"""A small HTTP load generator for the platform's benchmark (standard library only).

Each target is loaded in turn by `--concurrency` threads, each with its own keep-alive
connection, for `--duration` seconds after a short warm-up. With `--engine wrk` the same
load comes from wrk (Debian's package), one thread with `--concurrency` connections: a
client in C that needs a fraction of the CPU of these threads, so that fast servers (nginx)
are measured rather than the client. Per target it prints the
successful (2xx) requests per second and their median and 95th percentile latency, the
number of errors (any other answer, or none) and requests/s as a fraction of the baseline
target, and it writes everything to bench/results/latest.json.

    python bench/load.py --concurrency 8 --duration 10 --baseline minimal \\
        home=http://127.0.0.1:8123/ minimal=http://127.0.0.1:8124/

Only http://127.0.0.1 addresses are accepted: this is for a server on this machine.
"""

import argparse
import http.client
import json
import math
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

ALLOWED_HOST = "127.0.0.1"
MAX_CONCURRENCY = 256
MAX_DURATION = 600.0
DEFAULT_OUTPUT = Path(__file__).resolve().parent / "results" / "latest.json"
HEADERS = {"User-Agent": "aanspreekpunt-bench", "Accept": "text/html,application/json"}


@dataclass
class Target:
    name: str
    url: str
    host: str
    port: int
    path: str


@dataclass
class Outcome:
    """What one connection saw; the threads each fill their own, merged afterwards.

    Only 2xx answers count as done and have their latency kept; the rest are errors.
    """

    latencies: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    errors: int = 0


def parse_target(text: str) -> Target:
    name, sep, url = text.partition("=")
    if not sep or not name or not url:
        raise argparse.ArgumentTypeError(f"expected name=url, got {text!r}")
    parts = urlsplit(url)
    if parts.scheme != "http" or parts.hostname != ALLOWED_HOST:
        raise argparse.ArgumentTypeError(f"only http://{ALLOWED_HOST} addresses: {url}")
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return Target(name=name, url=url, host=parts.hostname, port=parts.port or 80, path=path)


def parse_header(text: str) -> tuple[str, str]:
    name, sep, value = text.partition(":")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"expected 'Name: value', got {text!r}")
    return name.strip(), value.strip()


def bounded(kind, low, high):
    def convert(text):
        value = kind(text)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be between {low} and {high}")
        return value

    return convert


def hammer(target: Target, deadline: float, budget: int, timeout: float, headers: dict) -> Outcome:
    """Send requests over one keep-alive connection until the deadline or the budget."""
    outcome = Outcome()
    connection = http.client.HTTPConnection(target.host, target.port, timeout=timeout)
    try:
        for _ in range(budget):
            if time.perf_counter() >= deadline:
                break
            started = time.perf_counter()
            try:
                connection.request("GET", target.path, headers=headers)
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                outcome.errors += 1
                outcome.statuses["no answer"] += 1
                connection.close()  # the next request opens a new connection
                time.sleep(0.01)  # a refused connection must not turn into a busy loop
                continue
            outcome.statuses[str(response.status)] += 1
            if 200 <= response.status < 300:
                outcome.latencies.append(time.perf_counter() - started)
            else:
                outcome.errors += 1
            if response.will_close:  # e.g. gunicorn's sync workers close after each answer
                connection.close()
    finally:
        connection.close()
    return outcome


def run_load(
    target: Target, concurrency: int, duration: float, max_requests: int, timeout, headers
):
    """Load the target from `concurrency` threads; return the merged outcome and wall time."""
    budget = max(1, max_requests // concurrency)
    outcomes: list[Outcome] = [Outcome() for _ in range(concurrency)]
    started = time.perf_counter()
    deadline = started + duration

    def work(index):
        outcomes[index] = hammer(target, deadline, budget, timeout, headers)

    threads = [threading.Thread(target=work, args=(i,), daemon=True) for i in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        # A request in flight at the deadline may still take up to `timeout` to finish.
        thread.join(duration + timeout + 5)
    elapsed = time.perf_counter() - started
    merged = Outcome()
    for outcome in outcomes:
        merged.latencies.extend(outcome.latencies)
        merged.statuses.update(outcome.statuses)
        merged.errors += outcome.errors
    return merged, elapsed


def percentile(sorted_values: list[float], fraction: float) -> float | None:
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


def milliseconds(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds * 1000, 2)


def measure(target: Target, args) -> dict:
    headers = {**HEADERS, **dict(args.header)}
    if args.warmup > 0:
        run_load(target, args.concurrency, args.warmup, args.max_requests, args.timeout, headers)
    cpu_before = time.process_time()
    outcome, elapsed = run_load(
        target, args.concurrency, args.duration, args.max_requests, args.timeout, headers
    )
    cpu = time.process_time() - cpu_before
    latencies = sorted(outcome.latencies)
    return {
        "name": target.name,
        "url": target.url,
        "requests": len(latencies) + outcome.errors,
        "ok": len(latencies),
        "errors": outcome.errors,
        "statuses": dict(outcome.statuses),
        "seconds": round(elapsed, 3),
        "requests_per_second": round(len(latencies) / elapsed, 1) if elapsed else 0.0,
        "p50_ms": milliseconds(percentile(latencies, 0.50)),
        "p95_ms": milliseconds(percentile(latencies, 0.95)),
        "max_ms": milliseconds(latencies[-1] if latencies else None),
        # Share of one CPU core the load generator itself used: near 100% means the
        # figures say more about this script than about the server.
        "client_cpu_percent": round(100 * cpu / elapsed, 1) if elapsed else None,
    }


WRK_SCRIPT = Path(__file__).resolve().parent / "wrk_report.lua"


def run_wrk(target: Target, args, duration: float) -> tuple[dict, float]:
    """One wrk run: its JSON summary and the CPU seconds it used."""
    command = ["wrk", "--threads", "1", "--connections", str(args.concurrency)]
    command += ["--duration", f"{max(1, round(duration))}s", "--timeout", f"{args.timeout:g}s"]
    command += ["--script", str(WRK_SCRIPT)]
    for name, value in {**HEADERS, **dict(args.header)}.items():
        command += ["--header", f"{name}: {value}"]
    before = os.times()
    finished = subprocess.run([*command, target.url], capture_output=True, text=True, check=True)
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    summary = json.loads(finished.stdout.strip().splitlines()[-1])
    return summary, cpu


def measure_wrk(target: Target, args) -> dict:
    if args.warmup > 0:
        run_wrk(target, args, args.warmup)
    summary, cpu = run_wrk(target, args, args.duration)
    elapsed = summary["duration_us"] / 1_000_000
    errors = sum(summary[kind] for kind in ("connect", "read", "write", "status", "timeout"))
    # wrk counts a non-2xx/3xx answer as an error but still among its requests.
    ok = summary["requests"] - summary["status"]
    return {
        "name": target.name,
        "url": target.url,
        "requests": summary["requests"],
        "ok": ok,
        "errors": errors,
        "statuses": {"2xx/3xx": ok, "other": summary["status"]},
        "seconds": round(elapsed, 3),
        "requests_per_second": round(ok / elapsed, 1) if elapsed else 0.0,
        "p50_ms": round(summary["p50_us"] / 1000, 2),
        "p95_ms": round(summary["p95_us"] / 1000, 2),
        "max_ms": round(summary["max_us"] / 1000, 2),
        "client_cpu_percent": round(100 * cpu / elapsed, 1) if elapsed else None,
        "engine": "wrk",
    }


def format_number(value, pattern="{:.1f}"):
    return "-" if value is None else pattern.format(value)


def print_table(results: list[dict], baseline: str | None) -> None:
    ratio_title = f"vs {baseline}" if baseline else "ratio"
    columns = ["target", "req/s", "p50 ms", "p95 ms", "errors", ratio_title, "client CPU"]
    rows = [
        [
            result["name"],
            format_number(result["requests_per_second"]),
            format_number(result["p50_ms"]),
            format_number(result["p95_ms"]),
            str(result["errors"]),
            format_number(result.get("ratio_to_baseline"), "{:.3f}"),
            format_number(result["client_cpu_percent"], "{:.0f}%"),
        ]
        for result in results
    ]
    widths = [max(len(row[i]) for row in [columns, *rows]) for i in range(len(columns))]
    for row in [columns, *rows]:
        cells = [row[0].ljust(widths[0])] + [
            cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)
        ]
        print("  ".join(cells))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("targets", nargs="+", type=parse_target, metavar="name=url")
    parser.add_argument(
        "--concurrency", type=bounded(int, 1, MAX_CONCURRENCY), default=8, help="default: 8"
    )
    parser.add_argument(
        "--duration",
        type=bounded(float, 0.1, MAX_DURATION),
        default=10.0,
        help="seconds per target (default: 10)",
    )
    parser.add_argument(
        "--warmup", type=bounded(float, 0, 60), default=1.0, help="seconds, not counted"
    )
    parser.add_argument(
        "--max-requests",
        type=bounded(int, 1, 10_000_000),
        default=500_000,
        help="upper bound of requests per target (default: 500000)",
    )
    parser.add_argument(
        "--timeout", type=bounded(float, 0.1, 60), default=10.0, help="seconds per request"
    )
    parser.add_argument(
        "--baseline", default=None, help="the target the others are compared with (by name)"
    )
    parser.add_argument(
        "--header",
        type=parse_header,
        action="append",
        default=[],
        metavar="'Name: value'",
        help="sent with every request, e.g. a session cookie; may be repeated",
    )
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument(
        "--engine",
        choices=["python", "wrk"],
        default="python",
        help="who sends the requests: these threads (default) or wrk",
    )
    args = parser.parse_args(argv)

    names = [target.name for target in args.targets]
    if len(set(names)) != len(names):
        parser.error("target names must be unique")
    if args.baseline and args.baseline not in names:
        parser.error(f"--baseline {args.baseline} is not one of the targets")

    print(
        f"{len(args.targets)} targets, {args.concurrency} connections, "
        f"{args.duration:g} s each after {args.warmup:g} s warm-up",
        flush=True,
    )
    results = []
    for target in args.targets:
        print(f"  {target.name}: {target.url}", flush=True)
        results.append(measure_wrk(target, args) if args.engine == "wrk" else measure(target, args))

    if args.baseline:
        base = next(r for r in results if r["name"] == args.baseline)["requests_per_second"]
        for result in results:
            rate = result["requests_per_second"]
            result["ratio_to_baseline"] = round(rate / base, 4) if base else None

    print()
    print_table(results, args.baseline)

    args.output.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "concurrency": args.concurrency,
        "duration_seconds": args.duration,
        "warmup_seconds": args.warmup,
        "engine": args.engine,
        "baseline": args.baseline,
        "targets": results,
    }
    args.output.write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nwritten to {args.output}")

    failed = [result["name"] for result in results if result["errors"]]
    if failed:
        print(f"errors while loading: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("\ninterrupted; no results written", file=sys.stderr)
        sys.exit(130)
