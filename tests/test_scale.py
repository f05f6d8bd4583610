"""The Dask engine on a LocalCluster writes the same CSV as the single-process path, in the same order."""

import subprocess
import sys

from tests.conftest import EXPORTS, ROOT

FILES = [EXPORTS / "x" / "tweets.js", EXPORTS / "reddit" / "posts.csv", EXPORTS / "generic" / "posts.jsonl",
         EXPORTS / "mastodon" / "outbox.json", EXPORTS / "linkedin" / "Shares.csv"]


def tag(tmp_path, name, *extra):
    out, claims = tmp_path / f"{name}.csv", tmp_path / f"{name}-claims.csv"
    proc = subprocess.run([sys.executable, "-m", "pipeline", "tag", *map(str, FILES), "--out", str(out),
                           "--claims", str(claims), *extra], cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr
    return out.read_bytes(), claims.read_bytes(), proc.stderr


def test_dask_local_cluster_matches_single_process(tmp_path):
    single = tag(tmp_path, "single")
    dask = tag(tmp_path, "dask", "--engine", "dask", "--partitions", "4")
    assert dask[0] == single[0] and dask[1] == single[1]
    assert dask[2].strip().splitlines()[-1] == single[2].strip().splitlines()[-1]  # the same summary line
    assert single[0].count(b"\r\n") > 30


def test_dask_fast_mode_matches_too(tmp_path):
    assert tag(tmp_path, "single", "--fast")[0] == tag(tmp_path, "dask", "--fast", "--engine", "dask")[0]
