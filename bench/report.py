"""The goals table of `make bench`: every page as a share of the minimal app in the same run.

    python bench/report.py bench/results

Reads what bench/run.sh left there: per round a folder round-N with minimal-*.json,
anonymous.json, member.json and edge.json (or those files in the folder itself: one round),
and publish.json and memory.json. Each cell is the median over the rounds of its
requests/s, its share of the minimal app in the same round and its p95. Prints one row per
page and writes bench/results/report.json.
"""

import json
import statistics
import sys
from pathlib import Path

# The goals of the issue that asked for the page cache, as (share of the minimal app, p95 ms).
GOALS = {
    "anonymous": (0.35, 50.0),
    "edge": (1.50, None),
    "member": (0.035, 150.0),
}
TITLES = {
    "anonymous": "anonymous, platform",
    "edge": "anonymous, nginx",
    "member": "logged in",
}


def load(path: Path) -> dict:
    return json.loads(path.read_text()) if path.exists() else {}


def by_name(report: dict) -> dict:
    return {target["name"]: target for target in report.get("targets", [])}


def verdict(share: float, p95: float | None, goal: tuple) -> str:
    least, slowest = goal
    ok = share >= least and (slowest is None or (p95 is not None and p95 <= slowest))
    return "ok" if ok else "MISSED"


def round_figures(folder: Path) -> tuple[float, dict] | None:
    """One round: the minimal app's mean requests/s and each group's targets by name."""
    minimal = [
        by_name(load(path)).get("minimal", {}).get("requests_per_second")
        for path in sorted(folder.glob("minimal-*.json"))
    ]
    minimal = [rate for rate in minimal if rate]
    if not minimal:
        return None
    return sum(minimal) / len(minimal), {
        name: by_name(load(folder / f"{name}.json")) for name in TITLES
    }


def main(folder: str) -> int:
    results = Path(folder)
    rounds = [round_figures(path) for path in sorted(results.glob("round-*"))]
    rounds = [found for found in rounds if found] or [round_figures(results)]
    if rounds == [None]:
        print("no figures of the minimal app", file=sys.stderr)
        return 1
    baselines = [baseline for baseline, _groups in rounds]
    pages = [page for page in rounds[0][1]["anonymous"] if page in rounds[0][1]["member"]]
    rows, report, missed = [], [], 0
    for page in pages:
        row = [page]
        entry = {"page": page}
        for group in TITLES:
            measured = [
                (groups[group][page], baseline)
                for baseline, groups in rounds
                if page in groups[group]
            ]
            if not measured:
                row.append("-")
                continue
            rate = statistics.median(target["requests_per_second"] for target, _ in measured)
            shares = [target["requests_per_second"] / base for target, base in measured]
            share = statistics.median(shares)
            p95 = statistics.median(target["p95_ms"] for target, _ in measured)
            mark = verdict(share, p95, GOALS[group])
            missed += mark != "ok"
            spread = ""
            if len(shares) > 1:
                spread = f" ({100 * min(shares):.0f}-{100 * max(shares):.0f})"
            row.append(f"{rate:.0f}/s {100 * share:.1f}%{spread} p95 {p95:.0f} {mark}")
            entry[group] = {
                "requests_per_second": rate,
                "share": round(share, 4),
                "shares": [round(value, 4) for value in shares],
                "p95_ms": p95,
                "goal_met": mark == "ok",
            }
        rows.append(row)
        report.append(entry)
    baseline = statistics.median(baselines)
    header = ["page", *TITLES.values()]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    print(
        f"\nminimal app: {baseline:.0f} requests/s (median of {len(rounds)} rounds: "
        + ", ".join(f"{value:.0f}" for value in baselines)
        + "); each cell: the median over the rounds (lowest-highest share)"
    )
    print("goals: platform cache >= 35 % and p95 <= 50 ms; nginx >= 150 %;")
    print("       logged in >= 3.5 % and p95 <= 150 ms")
    for row in [header, *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
    publish, memory = load(results / "publish.json"), load(results / "memory.json")
    if publish:
        print(
            f"publish: seen at the platform's next request: {publish['platform_next_request']}; "
            f"through nginx after {publish['edge_seconds']} s"
        )
    if memory:
        for pid, growth in memory["growth_5000_to_10000_mib"].items():
            rss = memory["rss_mib"]["10000"][pid]
            print(f"memory: one worker {rss} MiB after 10,000 requests, {growth:+} MiB since 5,000")
    (results / "report.json").write_text(
        json.dumps(
            {
                "minimal_rps": baseline,
                "minimal_rps_per_round": baselines,
                "pages": report,
                "publish": publish,
                "memory": memory,
            },
            indent=2,
        )
        + "\n"
    )
    if missed:
        print(f"{missed} goals missed (figures depend on what else runs on the machine)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "bench/results"))
