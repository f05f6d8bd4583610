"""Screenshots of every view of the app on the bundled samples, at a laptop width and a phone width.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots]

Starts `streamlit run app.py` on 127.0.0.1, drives Debian's chromium through Playwright (as the browser test does)
and saves VIEW-laptop.png (1366x768) and VIEW-phone.png (390x844) for each view. It also prints every warning or
error the page logged to the browser console and what the server wrote to stderr, and exits 1 when there was any:
the charts must draw without warnings.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VIEWPORTS = {"laptop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}
PASTED = ("Tried GPT-5.2 this morning and was honestly blown away. It hits 80% on SWE-bench Verified, "
          "a game changer for our team.")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(port: int, log) -> subprocess.Popen:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless=true",
                             "--server.address=127.0.0.1", f"--server.port={port}",
                             "--browser.gatherUsageStats=false", "--server.fileWatcherType=none"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log)
    deadline = time.time() + 180
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2).read() == b"ok":
                return proc
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("the app did not start within 3 minutes")


def settle(page) -> None:
    """Wait until Streamlit has finished running the script and the charts have drawn."""
    page.wait_for_function("""() => !document.querySelector('[data-testid="stStatusWidget"]')""", timeout=180_000)
    page.wait_for_timeout(1500)


def scroll_to(page, text: str) -> None:
    """Scroll the main area so that the heading `text` is at the top of the screen."""
    page.get_by_text(text, exact=True).first.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(800)


def open_tab(page, name: str) -> None:
    page.get_by_role("tab", name=name).click()
    settle(page)


def shoot_views(page, out: Path, width: str, where: list[str]) -> list[Path]:
    """Every view, top of the tab, and the overview's charts. `where` is kept at the view being drawn, so that a
    console message can say which view logged it."""
    saved = []

    def save(view: str) -> None:
        path = out / f"{view}-{width}.png"
        page.screenshot(path=str(path))
        saved.append(path)
        where[0] = f"{width}, after {view}"

    page.get_by_text("The Orwell check").wait_for(timeout=300_000)
    settle(page)
    save("overview")
    scroll_to(page, "Label mix by week")
    save("overview-charts")
    open_tab(page, "Posts")
    save("posts")
    open_tab(page, "Clichés")
    save("cliches")
    open_tab(page, "Claims")
    save("claims")
    if page.get_by_text("Claimed against reported", exact=True).count():
        scroll_to(page, "Claimed against reported")
        save("claims-reference")
    open_tab(page, "Paste a post")
    page.get_by_role("textbox", name="Paste a post").fill(PASTED)
    page.get_by_role("button", name="Analyse").click()
    page.get_by_text("what to say instead").wait_for(timeout=120_000)
    settle(page)
    save("paste-a-post")
    open_tab(page, "Review queue")
    page.get_by_text("Next to review", exact=False).first.wait_for(timeout=120_000)
    settle(page)
    save("review-queue")
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots", help="where to save the PNGs")
    args = parser.parse_args(argv)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("error: Debian's chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    console: list[str] = []
    with tempfile.TemporaryFile("w+") as server_log:
        port = free_port()
        app = start_app(port, server_log)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=chromium, headless=True, args=[
                    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"])
                for width, viewport in VIEWPORTS.items():
                    context = browser.new_context(viewport=viewport, device_scale_factor=1)
                    context.set_default_timeout(180_000)  # a busy machine draws slowly; nothing here is timed
                    page = context.new_page()
                    where = [f"{width}, first look"]
                    page.on("console", lambda m, w=where: console.append(f"({w[0]}) {m.type}: {m.text}")
                            if m.type in ("warning", "error") else None)
                    page.on("pageerror", lambda e, w=where: console.append(f"({w[0]}) pageerror: {e}"))
                    page.goto(f"http://127.0.0.1:{port}")
                    for path in shoot_views(page, args.out, width, where):
                        print(f"saved {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
                    context.close()
                browser.close()
        finally:
            app.terminate()
            app.wait(timeout=30)
        server_log.seek(0)
        # Streamlit logs its start on stderr too; what counts is a warning, an error or a traceback.
        server = [line.rstrip() for line in server_log if re.search(r"warn|error|traceback|deprecat", line, re.I)]
    for line in console:
        print(f"browser console {line}")
    for line in server:
        print(f"server stderr: {line}")
    print(f"{len(console)} browser console warning(s) or error(s), {len(server)} server warning(s) or error(s)")
    return 1 if console or server else 0


if __name__ == "__main__":
    sys.exit(main())
