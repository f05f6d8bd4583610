"""The app in a real browser: Debian's chromium driven by Playwright against `streamlit run` on 127.0.0.1."""

import csv
import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from pipeline import corrections, report
from tests.conftest import EXPORTS, ROOT
from tests.e2e.old_exports import BLUESKY_POSTS, MASTODON_POSTS, bluesky_feed, mastodon_outbox

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SHOTS = Path(os.environ.get("HYPE_LENS_SCREENSHOTS", ROOT / "out" / "screenshots"))

if not CHROMIUM and os.environ.get("CI"):
    pytest.fail("CI must run the browser test: Debian's chromium is not installed", pytrace=False)
pytestmark = pytest.mark.skipif(not CHROMIUM, reason="Debian's chromium is not installed (apt-get install chromium)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def app_url():
    port = _free_port()
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless=true",
                             "--server.address=127.0.0.1", f"--server.port={port}",
                             "--browser.gatherUsageStats=false", "--server.fileWatcherType=none"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=2).read() == b"ok":
                break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("streamlit did not become healthy")
    yield url
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="module")
def page(app_url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"])
        context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000})
        pg = context.new_page()
        pg.dialogs = []
        pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
        pg.goto(app_url)
        yield pg
        browser.close()


def _cli_csv(tmp_path, source) -> bytes:
    out = tmp_path / "cli.csv"
    proc = subprocess.run([sys.executable, "-m", "pipeline", "tag", str(source), "--out", str(out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return out.read_bytes()


def _cli_claims(tmp_path, source) -> list[dict]:
    out, claims = tmp_path / "cli2.csv", tmp_path / "claims.csv"
    proc = subprocess.run([sys.executable, "-m", "pipeline", "tag", str(source), "--out", str(out), "--claims",
                           str(claims)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return list(csv.DictReader(io.StringIO(claims.read_text(encoding="utf-8"))))


def _posts_uploader(page):
    # The sidebar has two uploaders: the posts', and the one that loads a corrections file.
    return page.locator('[data-testid="stFileUploader"]').filter(has_text="Upload post exports").locator(
        'input[type="file"]')


def _metric(page, label: str) -> str:
    box = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return box.locator('[data-testid="stMetricValue"]').inner_text().strip()


def test_first_look_shows_the_samples(page):
    page.get_by_text("Showing the bundled sample posts").wait_for(timeout=180_000)
    page.get_by_text("The Orwell check").wait_for()
    assert int(_metric(page, "Posts").replace(",", "")) > 50
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "1-first-look-overview.png"))
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.wait_for_timeout(1500)
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.screenshot(path=str(SHOTS / "7-phone.png"))
    page.set_viewport_size({"width": 1400, "height": 1000})


def test_upload_matches_the_cli(page, tmp_path):
    source = EXPORTS / "x" / "tweets.js"
    cli = _cli_csv(tmp_path, source)
    cli_rows = list(csv.DictReader(io.StringIO(cli.decode("utf-8"))))
    _posts_uploader(page).set_input_files(str(source))
    page.get_by_text("tweets.js: 12 posts").wait_for(timeout=180_000)
    assert _metric(page, "Posts") == str(len(cli_rows))
    share = sum(r["benchmark_claim"] == "true" and r["anecdotal"] == "false" for r in cli_rows) / len(cli_rows)
    assert _metric(page, "Benchmark claims") == report.share_text(share)
    page.screenshot(path=str(SHOTS / "2-upload-overview.png"))

    page.get_by_role("tab", name="Posts").click()
    page.locator('[data-testid="stDataFrame"]').first.wait_for()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download all tagged posts (CSV)").click()
    saved = tmp_path / "app.csv"
    download.value.save_as(saved)
    assert download.value.suggested_filename.startswith("hype-lens_posts_all_")
    assert saved.read_bytes() == cli
    page.screenshot(path=str(SHOTS / "3-posts-table.png"))

    page.get_by_role("tab", name="Clichés").click()
    page.get_by_text("Top clichés").wait_for()
    page.screenshot(path=str(SHOTS / "4-cliches.png"))

    page.get_by_role("tab", name="Claims").click()
    page.get_by_text("Claim records", exact=True).wait_for()
    cli_claims = _cli_claims(tmp_path, source)
    assert _metric(page, "Claim records") == str(len(cli_claims))
    page.screenshot(path=str(SHOTS / "5-claims.png"))

    # Explore: a sidebar filter drives every view.
    page.get_by_role("tab", name="Overview").click()
    claims_only = sum(r["label"] == "benchmark_claim" for r in cli_rows)
    label_filter = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
    label_filter.click()
    page.keyboard.type("benchmark_claim")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_function(f"""() => [...document.querySelectorAll('[data-testid="stMetric"]')].some(
        m => m.innerText.includes('Posts') && m.innerText.includes('\\n{claims_only}'))""", timeout=60_000)
    assert _metric(page, "Posts") == str(claims_only)
    assert _metric(page, "Benchmark claims") == "100%"
    page.screenshot(path=str(SHOTS / "2b-filtered.png"))


def test_pasted_post_with_markup_is_shown_as_text(page):
    page.get_by_role("tab", name="Paste a post").click()
    hostile = ('Tried GPT-5.2 and was blown away <img src=x onerror="window.__pwned=1;alert(1)"> '
               "<script>window.__pwned=2;alert(2)</script> it hits 80% on SWE-bench Verified")
    box = page.get_by_role("textbox", name="Paste a post")
    box.fill(hostile)
    page.get_by_role("button", name="Analyse").click()
    page.get_by_text("Benchmark claim:").first.wait_for(timeout=60_000)
    page.get_by_text("<script>window.__pwned=2;alert(2)</script>", exact=False).first.wait_for()
    assert page.evaluate("() => window.__pwned") is None
    assert page.dialogs == []
    assert page.locator('mark img, mark script, [data-testid="stHtml"] img').count() == 0
    page.get_by_text("what to say instead").wait_for()
    page.screenshot(path=str(SHOTS / "6-paste-a-post.png"))


def _thresholds() -> dict[str, float]:
    return json.loads((ROOT / "models" / "hype_classifier" / "config.json").read_text())["thresholds"]


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=1200)


def test_corrections_of_two_old_exports_download_and_train(page, app_url, tmp_path):
    feed, outbox = tmp_path / "feed.json", tmp_path / "outbox.json"
    feed.write_bytes(bluesky_feed())
    outbox.write_bytes(mastodon_outbox())
    page.goto(app_url)  # a new session: nothing uploaded, no corrections
    page.get_by_text("Showing the bundled sample posts").wait_for(timeout=180_000)
    _posts_uploader(page).set_input_files([str(feed), str(outbox)])
    # Every post is counted, though no date overlaps the samples' (the date filter starts again from these posts).
    page.get_by_text("tagged 6 posts from 2 file(s); skipped 1 boost, 1 repost").wait_for(timeout=180_000)
    page.get_by_text("feed.json: 3 posts (bluesky-feed); skipped 1 repost").wait_for()
    page.get_by_text("outbox.json: 3 posts").wait_for()
    assert _metric(page, "Posts") == str(len(BLUESKY_POSTS) + len(MASTODON_POSTS))
    # The date filter shows the new posts' own range, not the samples' (the browser keeps a widget's old value).
    # Polled: the widget is replaced when the data changes, so a one-off read can catch the old one going.
    dates = page.locator('[data-testid="stSidebar"] [data-testid="stDateInput"] input')
    expect(dates.first).to_have_value(re.compile("2016"), timeout=60_000)
    shown_range = " ".join(dates.nth(i).input_value() for i in range(dates.count()))
    assert "2016" in shown_range and "2025" not in shown_range, shown_range

    # The review queue's first post: flip the label whose score is nearest its threshold, and save it.
    page.get_by_role("tab", name="Review queue").click()
    panel = page.get_by_role("tabpanel").filter(has_text="Next to review")
    panel.get_by_text("Next to review: 1 of 6").wait_for(timeout=60_000)
    # the post's two score bars (report.score_bars_html), each named by its label
    bars = {m.get_attribute("aria-label"): m.get_attribute("aria-valuenow")
            for m in panel.locator('[role="meter"]').all()}
    cuts = _thresholds()
    names = {"benchmark_claim": "Benchmark claim", "anecdotal": "Anecdotal endorsement"}
    nearest = min(names, key=lambda label: abs(float(bars[names[label]]) - cuts[label]))
    box = panel.locator('[data-testid="stCheckbox"]').filter(has_text=names[nearest])
    was = box.locator('input[type="checkbox"]').is_checked()
    box.click()
    panel.get_by_role("button", name="Correct", exact=True).click()
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("1 corrections").wait_for(timeout=60_000)
    panel.get_by_text("Next to review: 1 of 5").wait_for()  # the corrected post has left the queue
    page.screenshot(path=str(SHOTS / "8-review-queue.png"))

    with page.expect_download() as download:
        sidebar.get_by_role("button", name="Download the corrections (CSV)").click()
    assert download.value.suggested_filename.startswith("hype-lens-corrections-")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    held = corrections.read(saved)
    assert not held.rejected and len(held.corrections) == 1
    fixed = held.corrections[0]
    assert getattr(fixed, nearest) is (not was)

    page.get_by_role("tab", name="Posts").click()
    with page.expect_download() as posts_download:
        page.get_by_role("button", name="Download all tagged posts (CSV)").click()
    rows = {r["post_id"]: r for r in csv.DictReader(io.StringIO(Path(posts_download.value.path()).read_text()))}
    assert [pid for pid, r in rows.items() if r["label_source"] == "corrected"] == [fixed.post_id]

    # The quick update folds the correction into the heads and remembers the corrected post: its label follows.
    updated = tmp_path / "updated"
    proc = _run("train", "--corrections", str(saved), "--out", str(updated))
    assert proc.returncode == 0, proc.stderr
    tagged = tmp_path / "tagged.csv"
    proc = _run("tag", str(feed), str(outbox), "--out", str(tagged), "--classifier", str(updated))
    assert proc.returncode == 0, proc.stderr
    after = {r["post_id"]: r for r in csv.DictReader(io.StringIO(tagged.read_text(encoding="utf-8")))}
    assert len(after) == 6
    assert (after[fixed.post_id]["benchmark_claim"], after[fixed.post_id]["anecdotal"]) == (
        str(fixed.benchmark_claim).lower(), str(fixed.anecdotal).lower())
    assert after[fixed.post_id]["label_source"] == "corrected"
