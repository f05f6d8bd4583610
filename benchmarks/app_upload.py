"""The app's speed in a real browser: seconds from choosing a file to every view drawn, for a generated upload.

    .venv/bin/python benchmarks/app_upload.py [--posts 10000] [--rules]

Starts `streamlit run app.py` on 127.0.0.1, opens it in Debian's chromium (headless, through Playwright), waits
for the bundled samples, then uploads a JSON Lines file of distinct fifty-word posts and waits until the file's
summary line is shown and Streamlit has finished the run (every tab is drawn in that run). Prints the seconds.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.evaluation.bench import fifty_word_posts, write_jsonl  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=10000)
    parser.add_argument("--rules", action="store_true", help="switch the trained model off first (rules only)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless=true",
                               "--server.address=127.0.0.1", f"--server.port={port}",
                               "--browser.gatherUsageStats=false", "--server.fileWatcherType=none"],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            try:
                if urllib.request.urlopen(url + "/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.5)
        with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
            source = Path(tmp) / "posts.jsonl"
            write_jsonl(fifty_word_posts(args.posts), source)
            browser = p.chromium.launch(executable_path=chromium, headless=True,
                                        args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(url)
            page.get_by_text("Showing the bundled sample posts").wait_for(timeout=300_000)
            if args.rules:
                page.get_by_text("Use the trained model").click()
                page.get_by_text("Showing the bundled sample posts").wait_for(timeout=300_000)
            status = page.locator('[data-testid="stStatusWidget"]')
            status.wait_for(state="detached", timeout=300_000)
            start = time.perf_counter()
            page.locator('input[type="file"]').set_input_files(str(source))
            page.get_by_text(f"posts.jsonl: {args.posts} posts").wait_for(timeout=600_000)
            status.wait_for(state="detached", timeout=600_000)
            seconds = time.perf_counter() - start
            browser.close()
        mode = "rules only" if args.rules else "trained model"
        print(f"app, {mode}: {args.posts:,} posts uploaded, tagged and every view drawn in {seconds:.1f} s "
              f"({args.posts / seconds:,.0f} posts/s)")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
