"""How soon a change reaches an anonymous visitor: through the platform, and through nginx.

Run by bench/run.sh with the bench's settings in the environment:

    python bench/publish.py http://127.0.0.1:8123 http://127.0.0.1:8125 generated-17

It renames one offering the way the back office does (a model save: the signals bump the
map's version when it commits), then asks the platform once (the new name must be in the
very next answer) and polls through nginx until the new name shows (at most 10 s). The
result goes to bench/results/publish.json.
"""

import http.client
import json
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import django

ALLOWED_HOST = "127.0.0.1"
OUTPUT = Path(__file__).resolve().parent / "results" / "publish.json"


def fetch(base: str, path: str) -> str:
    parts = urlsplit(base)
    if parts.hostname != ALLOWED_HOST:
        raise SystemExit(f"only http://{ALLOWED_HOST} addresses: {base}")
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request("GET", path, headers={"User-Agent": "aanspreekpunt-bench"})
        return connection.getresponse().read().decode()
    finally:
        connection.close()


def main(platform: str, edge: str, slug: str) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aanspreekpunt.settings")
    django.setup()
    from socialekaart.models import Offering

    offering = Offering.objects.get(slug=slug)
    path = offering.get_absolute_url()
    for _ in range(5):  # both caches hold the page
        fetch(platform, path)
        fetch(edge, path)
    new_name = f"Testaanbod hernoemd {time.time_ns()}"
    offering.name = new_name
    offering.save(update_fields=["name", "updated_at"])
    saved = time.perf_counter()
    platform_sees_it = new_name in fetch(platform, path)
    edge_seconds = None
    while time.perf_counter() - saved < 10:
        if new_name in fetch(edge, path):
            edge_seconds = round(time.perf_counter() - saved, 3)
            break
        time.sleep(0.01)
    result = {"platform_next_request": platform_sees_it, "edge_seconds": edge_seconds}
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(result, indent=2) + "\n")
    print(
        "publish: platform "
        + ("at the next request" if platform_sees_it else "NOT at the next request")
        + f"; nginx after {edge_seconds if edge_seconds is not None else '> 10'} s"
    )
    return 0 if platform_sees_it and edge_seconds is not None and edge_seconds <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
