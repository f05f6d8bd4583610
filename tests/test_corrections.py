"""The corrections file, applying corrections to the tagged table, and the review queue."""

from datetime import UTC, datetime

import pandas as pd
import pytest

from pipeline import corrections
from pipeline.analyze import analyze
from pipeline.export import csv_bytes, read_tagged_csv
from pipeline.model.real_labels import text_sha1
from pipeline.posts import Post

TEXTS = [
    "GPT-5.2 scores 80% on SWE-bench Verified, beating Claude on GPQA with 71%.",
    "Tried Gemini this morning on my own code and was blown away.",
    "A quiet week. Nothing shipped.",
]
WHEN = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


@pytest.fixture(scope="module")
def table(nlp):
    posts = [Post(text=t, post_id=f"id{i}", platform="generic", source_file="f.csv", source_row=str(i))
             for i, t in enumerate(TEXTS, 1)]
    return analyze(posts, nlp=nlp, classifier=None)


def fix(row, claim, anecdotal, wrong=(), when=WHEN):
    return corrections.correct(row, benchmark_claim=claim, anecdotal=anecdotal, wrong_claims=wrong, now=when)


def test_apply_sets_labels_source_and_claim_marks(table):
    assert table.loc[0, "label"] == "benchmark_claim" and table.loc[0, "claim_count"] >= 2
    first = fix(table.iloc[0], False, True, wrong=[1])
    out = corrections.apply(table, [first])
    assert list(out["label"]) == ["anecdotal", *table["label"][1:]]
    assert list(out["label_source"]) == ["corrected", "rules", "rules"]
    assert not out.loc[0, "benchmark_claim"] and out.loc[0, "anecdotal"]
    assert out.loc[0, "claim_count"] == table.loc[0, "claim_count"] - 1
    assert out.loc[0, "benchmark_claim_score"] == table.loc[0, "benchmark_claim_score"]  # scores stay the model's
    claims = corrections.claims_of(out)
    assert len(claims) == table.loc[0, "claim_count"]  # kept, flagged
    assert list(claims["marked_wrong"]) == [i == 1 for i in range(len(claims))]
    written = read_tagged_csv(csv_bytes(out))
    assert list(written["label_source"]) == ["corrected", "rules", "rules"]
    assert list(written["label"])[0] == "anecdotal" and "wrong_claims" not in written.columns
    assert list(out["tagged_label_source"]) == ["rules"] * 3
    assert out["benchmark_claim"].dtype == table["benchmark_claim"].dtype and out.loc[2, "wrong_claims"] == ()


def test_a_post_whose_text_changed_is_not_matched(table):
    stale = fix(table.iloc[1], True, True)
    changed = table.assign(text=[t if i != 1 else t + " (edited)" for i, t in enumerate(table["text"])])
    out = corrections.apply(changed, [stale])
    assert "corrected" not in set(out["label_source"])
    assert corrections.matched(changed, [stale]) == (0, 1)
    assert corrections.matched(table, [stale]) == (1, 0)


def test_rules_rows_carry_no_model_scores(table):
    c = fix(table.iloc[0], True, False)
    assert c.model_benchmark_claim is None and c.model_anecdotal is None
    scored = table.iloc[0].copy()
    scored["label_source"] = "model + reaction rule"
    c = fix(scored, True, False)
    assert c.model_benchmark_claim == table.loc[0, "benchmark_claim_score"]


def test_file_round_trip_with_a_formula_text(table):
    row = table.iloc[2].copy()
    row["text"], row["post_id"] = "=HYPERLINK(\"x\") and -5% on MMLU", "-7"
    quoted = row.copy()
    quoted["text"], quoted["post_id"] = "'=1+1' is what the model wrote", "q"  # a quote that is the post's own
    held = [fix(row, True, False, wrong=[2, 0]), fix(table.iloc[0], False, False), fix(quoted, False, True)]
    data = corrections.to_csv(held)
    assert data.startswith(b",".join(c.encode() for c in corrections.COLUMNS) + b"\r\n")
    assert b"'=HYPERLINK" in data and b"\r\n'-7," in data
    assert b",1,0,,,0;2," in data  # 0/1 labels; no scores from the rules; claim numbers ;-joined
    back = corrections.read(data, name="c.csv")
    assert not back.rejected and not back.error
    assert back.corrections == held
    assert back.summary() == "c.csv: 3 correction(s)"


def test_bad_rows_are_rejected_one_line_each_and_the_rest_read(table):
    good = fix(table.iloc[0], False, True)
    frame = pd.read_csv(pd.io.common.BytesIO(corrections.to_csv([good])), dtype=str, keep_default_na=False)
    base = frame.iloc[0].to_dict()
    rows = [
        base,
        {**base, "text": base["text"] + "!"},  # text changed since the correction
        {**base, "benchmark_claim": "yes"},
        {**base, "model_anecdotal": "1.7"},
        {**base, "wrong_claims": "one"},
        {**base, "corrected_at": "yesterday"},
        {**base, "text_sha1": "abc"},
    ]
    data = pd.DataFrame(rows).to_csv(index=False).encode()
    back = corrections.read(data, name="c.csv")
    assert len(back.corrections) == 1 and len(back.rejected) == 6
    assert back.rejected[0] == "c.csv: row 2 (post id1): the text does not hash to text_sha1 (the text was changed)"
    assert all(line.startswith("c.csv: row ") and "\n" not in line for line in back.rejected)
    assert ["benchmark_claim" in back.rejected[1], "outside 0..1" in back.rejected[2],
            "wrong_claims" in back.rejected[3], "corrected_at" in back.rejected[4],
            "40 hex" in back.rejected[5]] == [True] * 5
    assert back.summary() == "c.csv: 1 correction(s); rejected 6 row(s)"


@pytest.mark.parametrize("data, problem", [
    (b"", "an empty file"),
    (b"post_id,text\n1,hi\n", "not a corrections file: no column text_sha1"),
    (b"\xff\xfe\x00bad", "not valid UTF-8"),
])
def test_a_file_that_is_not_a_corrections_file_is_one_line(data, problem):
    back = corrections.read(data, name="x.csv")
    assert back.error.startswith(problem) and not back.corrections
    assert back.summary().startswith("x.csv: error: ")


def test_latest_correction_wins(table):
    early = fix(table.iloc[1], True, True, when=WHEN)
    late = fix(table.iloc[1], False, False, when=datetime(2026, 1, 3, tzinfo=UTC))
    back = corrections.read(corrections.to_csv([late, early]))
    assert back.corrections == [late] and back.superseded == 1
    assert corrections.merge({late.key: late}, [early]) == {late.key: late}
    assert corrections.merge({early.key: early}, [late]) == {late.key: late}


def test_review_queue_puts_the_model_scores_nearest_a_threshold_first(table):
    scored = table.assign(label_source=["model", "model", "model"],
                          benchmark_claim_score=[0.9, 0.36, 0.05], anecdotal_score=[0.02, 0.9, 0.5])
    queue = corrections.review_queue(scored, thresholds=(0.35, 0.3))
    assert list(queue["post_id"]) == ["id2", "id3", "id1"]
    assert list(queue["margin"]) == sorted(queue["margin"])
    corrected = corrections.apply(scored, [fix(scored.iloc[1], True, True)])
    assert list(corrections.review_queue(corrected, thresholds=(0.35, 0.3))["post_id"]) == ["id3", "id1"]
    assert list(corrections.review_queue(scored, 1, thresholds=(0.35, 0.3))["post_id"]) == ["id2"]
    skip = [("id2", text_sha1(TEXTS[1]))]
    assert list(corrections.review_queue(scored, thresholds=(0.35, 0.3), skip=skip)["post_id"]) == ["id3", "id1"]


def test_review_queue_puts_rules_only_posts_after_scored_ones(table):
    mixed = table.assign(label_source=["rules", "model", "rules"],
                         benchmark_claim_score=[0.9, 0.99, 0.3], anecdotal_score=[0.05, 0.99, 0.05])
    assert list(corrections.review_queue(mixed)["post_id"]) == ["id2", "id3", "id1"]


def test_a_post_with_no_id_is_filed_under_its_text_hash(table):
    no_ids = table.assign(post_id=["", "", "id3"])
    c = fix(no_ids.iloc[1], True, True)
    assert c.post_id == "sha1:" + text_sha1(TEXTS[1])
    out = corrections.apply(no_ids, [c])
    assert list(out["label_source"]) == ["rules", "corrected", "rules"]
    assert corrections.matched(no_ids, [c]) == (1, 0)
    assert corrections.read(corrections.to_csv([c])).corrections == [c]
