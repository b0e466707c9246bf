"""Screenshots of the dashboard for the docs, taken in Debian's headless Chromium.

    PYTHONPATH=src python -m bellum.server.screenshots --db kb.duckdb \\
        --shot docs/dashboard-2012.png 2012-07-31 mali_war-0054 \\
        --shot docs/dashboard-2024.png 2024-09-30 mali_war-0194

Each --shot is: output file, the slider's date, and an event id to click (its
source passage is then shown highlighted), or `-` for none. Needs the python
`playwright` package and /usr/bin/chromium; loads nothing from the network.
"""

from __future__ import annotations

import argparse
import sys

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def take(db: str, shots: list[tuple[str, str, str]], width: int = 1400) -> None:
    """Serve `db` on loopback and save one full-page screenshot per (path, date, event id or '-')."""
    from playwright.sync_api import sync_playwright

    from bellum.server.testing import running_server

    with running_server(db) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for path, day, event_id in shots:
                page = browser.new_page(viewport={"width": width, "height": 1000})
                page.goto(f"{url}/?date={day}")
                page.wait_for_selector(f"body[data-shown-date='{day}']", timeout=30000)
                if event_id != "-":
                    page.click(f"#map [data-event-id='{event_id}'], #events-table tr[data-event-id='{event_id}']")
                    page.wait_for_selector("#passages mark")
                page.screenshot(path=path, full_page=True)
                page.close()
        finally:
            browser.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--shot", nargs=3, action="append", required=True, metavar=("PNG", "DATE", "EVENT"))
    ap.add_argument("--width", type=int, default=1400)
    args = ap.parse_args(argv)
    take(args.db, [tuple(s) for s in args.shot], args.width)
    return 0


if __name__ == "__main__":
    sys.exit(main())
