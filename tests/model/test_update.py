"""`train --corrections`: the corrections file is checked row by row, the quick update makes corrected posts follow
and writes a classifier directory that loads on its own, and tag and the app can be pointed at it."""

import csv
import json

import numpy as np
import pytest

from pipeline import analyze, cli
from pipeline import corrections as corrections_module
from pipeline.model import classifier as clf
from pipeline.model import real_labels, update

# Written for these tests: one post of each kind, and one whose hash will not match.
TEXTS = {
    "t1": "Spent two evenings porting my scraper with the new Mistral model and it handled every odd page I gave it.",
    "t2": "The lab says its new model reaches 71% on SWE-bench Verified, up from 64% for the last release.",
    "t3": "Which local model would you pick for summarising meeting notes on a laptop with 16GB of RAM?",
}


def _write(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=corrections_module.COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({"model_benchmark_claim": "", "model_anecdotal": "", "wrong_claims": "", **row})


def _row(post_id, text, claim, anecdotal, at="2026-12-03T10:00:00Z", sha1=None):
    return {"post_id": post_id, "text_sha1": sha1 or real_labels.text_sha1(text), "text": text,
            "benchmark_claim": claim, "anecdotal": anecdotal, "corrected_at": at}


@pytest.fixture(scope="module")
def shipped():
    model = clf.load_default("cascade")
    assert model is not None, "models/hype_classifier is missing: run python -m pipeline train"
    return model


@pytest.fixture(scope="module")
def flipped(shipped, tmp_path_factory):
    """Corrections that contradict the shipped model on both labels of t1 and t2, a bad-hash row, and an older
    correction of t2 superseded by a later one; then the quick update, written to a temporary directory."""
    table = analyze([TEXTS["t1"], TEXTS["t2"]], classifier=shipped)
    wanted = {pid: (int(not claim), int(not anecdotal)) for pid, claim, anecdotal
              in zip(("t1", "t2"), table["benchmark_claim"], table["anecdotal"], strict=True)}
    folder = tmp_path_factory.mktemp("corrections")
    path = folder / "corrections.csv"
    _write(path, [
        _row("t2", TEXTS["t2"], 1 - wanted["t2"][0], wanted["t2"][1], at="2026-12-03T09:00:00Z"),
        _row("t1", TEXTS["t1"], *wanted["t1"]),
        _row("t3", TEXTS["t3"], 1, 0, sha1="0" * 40),
        _row("t2", TEXTS["t2"], *wanted["t2"]),
    ])
    said = []
    corrections = update.read_corrections(path, log=said.append)
    out = folder / "my-model"
    record = update.quick_update(corrections, out, strength=0.05, log=said.append)
    return {"wanted": wanted, "corrections": corrections, "record": record, "out": out, "said": said, "path": path}


def test_bad_hash_is_rejected_with_one_line_and_latest_correction_wins(flipped):
    corrections = flipped["corrections"]
    assert corrections.rows == 4 and corrections.rejected == 1
    rejected = [line for line in flipped["said"] if line.startswith("rejected")]
    assert rejected == ["rejected 1 of 4 corrections (first: corrections.csv: row 3 (post t3): the text does not "
                        "hash to text_sha1 (the text was changed))"]
    assert sorted(corrections.table["post_id"]) == ["t1", "t2"] and corrections.superseded == 1
    t2 = corrections.table.set_index("post_id").loc["t2"]
    assert (t2["benchmark_claim"], t2["anecdotal"]) == flipped["wanted"]["t2"]


def test_formula_guarded_text_still_matches_its_hash(tmp_path):
    text = "=SUM of benchmarks is not a claim"
    path = tmp_path / "c.csv"
    _write(path, [_row("f1", "'" + text, 0, 0, sha1=real_labels.text_sha1(text))])
    corrections = update.read_corrections(path, log=lambda _: None)
    assert corrections.rejected == 0 and corrections.table["text"][0] == text


def test_a_file_without_the_columns_is_one_error(tmp_path):
    path = tmp_path / "posts.csv"
    path.write_text("id,text\n1,hello\n", encoding="utf-8")
    with pytest.raises(update.CorrectionsError, match="not a corrections file: no column post_id, text_sha1"):
        update.read_corrections(path)


def test_quick_update_makes_the_corrected_posts_follow(flipped):
    record = flipped["record"]
    assert record["followed_before"] == 0 and record["followed_after"] == 2
    summary = "2 corrected posts labelled as corrected: 0 before, 2 after"
    assert any(line.startswith(summary) for line in flipped["said"])
    model = clf.HypeClassifier(flipped["out"])  # the written directory on its own; encoder checksums pass
    table = analyze([TEXTS["t1"], TEXTS["t2"]], classifier=model)
    got = [(int(c), int(a)) for c, a in zip(table["benchmark_claim"], table["anecdotal"], strict=True)]
    assert got == [flipped["wanted"]["t1"], flipped["wanted"]["t2"]]


def test_output_directory_is_self_contained_and_records_the_update(flipped, shipped):
    out = flipped["out"]
    assert {p.name for p in out.iterdir()} == {"config.json", "heads.npz", "MODEL_CARD.md"}
    config = json.loads((out / "config.json").read_text())
    assert config["encoder"] == shipped.config["encoder"] and config["thresholds"] == shipped.config["thresholds"]
    (done,) = config["corrections"]
    assert done["corrections"] == 2 and done["mode"] == "quick" and done["strength"] == 0.05
    assert done["file_sha256"] == update.hashlib.sha256(flipped["path"].read_bytes()).hexdigest()
    assert "## Corrections folded in" in (out / "MODEL_CARD.md").read_text()
    shipped_arrays, updated_arrays = np.load(clf.MODEL_DIR / "heads.npz"), np.load(out / "heads.npz")
    assert np.array_equal(shipped_arrays["feature_mean"], updated_arrays["feature_mean"])
    assert not np.allclose(shipped_arrays["anecdotal_coef"], updated_arrays["anecdotal_coef"])


def test_the_shipped_classifier_is_not_overwritten(flipped):
    with pytest.raises(ValueError, match="not overwritten"):
        update.quick_update(flipped["corrections"], clf.MODEL_DIR, log=lambda _: None)


def test_anchored_head_stays_put_when_held_firmly_and_follows_when_not():
    rng = np.random.default_rng(0)
    head = clf.Head(rng.normal(size=8), 0.2, 1.5, -0.3)
    x = rng.normal(size=(3, 8))
    y = (head.probability(x) < 0.5).astype(int)  # every post contradicts the head
    firm = update.anchored_head(head, x, y, threshold=0.5, strength=1e6)
    assert np.allclose(firm.coef, head.coef, atol=1e-4) and (firm.platt_a, firm.platt_b) == (1.5, -0.3)
    loose = update.anchored_head(head, x, y, threshold=0.5, strength=0.01)
    assert ((loose.probability(x) >= 0.5) == y.astype(bool)).all()
    # Measured on anchor posts, the prior lets the head move along what sets the corrected posts apart from them
    # and not along what the anchor posts share: a post like the anchors keeps its logit.
    anchors = rng.normal(size=(200, 8)) * np.r_[np.ones(4), np.full(4, 1e-3)]
    moved = update.anchored_head(head, x, y, threshold=0.5, strength=50.0, moment=update.second_moment(anchors))
    logit = lambda h, z: h.platt_a * (z @ h.coef + h.intercept) + h.platt_b  # noqa: E731
    assert np.abs(logit(moved, anchors) - logit(head, anchors)).mean() < 0.1 * np.abs(
        logit(moved, x) - logit(head, x)).mean()


def test_environment_variable_and_tag_flag_choose_the_classifier(flipped, monkeypatch):
    monkeypatch.setenv(clf.DIRECTORY_VARIABLE, str(flipped["out"]))
    assert clf.default_directory() == flipped["out"]
    assert clf.load_default("cascade").directory == flipped["out"]
    monkeypatch.setenv(clf.DIRECTORY_VARIABLE, str(flipped["out"] / "missing"))
    with pytest.raises(FileNotFoundError, match="no classifier there"):
        clf.load_default("cascade")
    args = cli._parser().parse_args(["tag", "in.csv", "--out", "o.csv", "--classifier", str(flipped["out"])])
    assert args.classifier == str(flipped["out"])


def test_cli_parses_train_corrections(capsys):
    args = cli._parser().parse_args(["train", "--corrections", "c.csv", "--out", "my-model", "--strength", "0.5"])
    assert (args.corrections, args.out, args.strength, args.real_posts) == ("c.csv", "my-model", 0.5, None)
    assert cli.main(["train", "--corrections", "c.csv"]) == 2
    assert cli.main(["train"]) == 2
    errors = capsys.readouterr().err.splitlines()
    assert errors[0].startswith("error: --corrections needs --out DIR") and errors[1].startswith("error: train needs")


def test_head_fitting_weighs_the_corrections():
    from pipeline.model.train import _fit_head

    rng = np.random.default_rng(1)
    x = rng.normal(size=(300, 6))
    y = (x[:, 0] > 0).astype(int)
    x[:20, 1], y[:20] = 3.0, 1 - y[:20]  # twenty "corrections" that contradict the rest, marked by feature 1
    light, _, _ = _fit_head(x, y)
    heavy, _, _ = _fit_head(x, y, np.r_[np.full(20, 20.0), np.ones(280)])
    follows = lambda head: ((head.probability(x[:20]) >= 0.5) == y[:20].astype(bool)).mean()  # noqa: E731
    assert follows(heavy) > follows(light)


def test_tag_with_a_directory_that_holds_no_classifier_is_one_error_line(tmp_path, capsys):
    from tests.conftest import EXPORTS

    sample = next(p for p in sorted(EXPORTS.rglob("*.csv")))
    code = cli.main(["tag", str(sample), "--out", str(tmp_path / "o.csv"), "--classifier", str(tmp_path / "none")])
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error:")]
    assert code == 2 and len(errors) == 1 and "no classifier there" in errors[0]


def test_corrected_posts_keep_their_labels_even_when_the_heads_hold_firm(flipped, tmp_path):
    # A prior so firm that the heads do not move: the corrected posts still get the user's labels, from the
    # memory of corrected texts, and say so; a post nobody corrected keeps the model's labels.
    out = tmp_path / "firm"
    record = update.quick_update(flipped["corrections"], out, strength=1e9, log=lambda _: None)
    assert record["followed_after"] == record["followed_before"] == 0
    config = json.loads((out / "config.json").read_text())
    assert set(config["corrections_memory"]) == {real_labels.text_sha1(TEXTS["t1"]), real_labels.text_sha1(TEXTS["t2"])}
    memory = config["corrections_memory"]  # labels by text hash, no text
    assert memory[real_labels.text_sha1(TEXTS["t1"])] == list(flipped["wanted"]["t1"])
    assert memory[real_labels.text_sha1(TEXTS["t2"])] == list(flipped["wanted"]["t2"])
    model = clf.HypeClassifier(out)
    table = analyze([TEXTS["t1"], TEXTS["t2"], TEXTS["t3"]], classifier=model)
    got = [(int(c), int(a)) for c, a in zip(table["benchmark_claim"], table["anecdotal"], strict=True)]
    assert got[:2] == [flipped["wanted"]["t1"], flipped["wanted"]["t2"]]
    assert list(table["label_source"])[:2] == ["corrected", "corrected"]
    assert table["label_source"].iloc[2] != "corrected"
