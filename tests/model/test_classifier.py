"""The trained classifier: verified weights, calibrated scores in 0..1, and labels that follow the evidence."""

import json

import numpy as np
import pytest

from pipeline import analyze
from pipeline.model import classifier as clf
from pipeline.model.train import _fit_head


@pytest.fixture(scope="module")
def model():
    m = clf.load_default()
    assert m is not None, "models/hype_classifier is missing: run python -m pipeline train"
    return m


def test_encoder_weights_match_the_recorded_checksum(model):
    config = json.loads((clf.MODEL_DIR / "config.json").read_text())
    assert config["encoder"]["sha256"] == clf.sha256_of(clf.encoder_path() / "model.safetensors")


def test_wrong_weights_are_refused_before_loading():
    with pytest.raises(clf.WeightsMismatch):
        clf.encoders.TorchEncoder(expected_sha256="0" * 64)


def test_artefacts_are_small():
    assert sum(p.stat().st_size for p in clf.MODEL_DIR.iterdir()) < 25 * 2**20
    everything = sum(p.stat().st_size for p in clf.encoders.MODELS.rglob("*") if p.is_file()
                     and ".fine-tune-checkpoints" not in p.parts)
    assert everything < 150 * 2**20  # the budget for models/


def test_scores_follow_the_evidence(model):
    table = analyze([
        "GPT-5.2 scores 80.1% on SWE-bench Verified and 93% on GPQA Diamond, per the model card.",
        "Spent the weekend building my app with Claude and honestly it blew me away, best coding partner I've had.",
        "What's the best way to quantize a 70B model for 48GB of VRAM?",
    ], classifier=model)
    assert list(table["label_source"]) == ["model"] * 3
    claim, anecdotal = table["benchmark_claim_score"], table["anecdotal_score"]
    assert ((claim >= 0) & (claim <= 1) & (anecdotal >= 0) & (anecdotal <= 1)).all()
    cut_claim, cut_anecdotal = model.thresholds
    assert claim[0] > cut_claim > claim[2] and anecdotal[1] > cut_anecdotal > anecdotal[2]
    assert list(table["label"]) == ["benchmark_claim", "anecdotal", "neither"]


def test_negated_cliche_is_not_an_endorsement(model):
    table = analyze(["I'm not blown away. It still hallucinates citations every time I try it."], classifier=model)
    assert table["cliche_count"][0] == 1 and not table["anecdotal"][0]


def test_head_fitting_is_deterministic():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, 12))
    y = (x[:, 0] + 0.3 * rng.normal(size=200) > 0).astype(int)
    first, c1, _ = _fit_head(x, y)
    second, c2, _ = _fit_head(x, y)
    assert c1 == c2 and np.array_equal(first.coef, second.coef) and first.platt_a == second.platt_a


def test_guide_example_of_a_mixed_post(model):
    # The labelling guide's own example: a stock reaction beside a result is both a claim and an endorsement.
    table = analyze(["I was blown away, and it is 82% on GPQA"], classifier=model)
    assert list(table["label"]) == ["mixed"]
    assert table["label_source"][0] in ("model", "model + reaction rule") and "blown away" in table["why"][0]


@pytest.mark.xfail(strict=True, reason="known error of the model fine-tuned on real posts (2026-12-03): it gives "
                   "this negated reaction beside a result a claim score of 0.009; see the model card")
def test_a_result_beside_a_negated_reaction_is_still_a_claim(model):
    # The guide: criticism of a result still states it. strict: when a retrained model gets it right, this fails,
    # and the mark comes off.
    table = analyze(["I'm not blown away by its 82% on GPQA."], classifier=model)
    assert list(table["label"]) == ["benchmark_claim"]


def test_the_cascade_asks_the_transformer_only_when_the_student_is_unsure(model):
    from pipeline import nlp as nlp_module
    from pipeline.model import corpus

    docs = list(nlp_module.shared().pipe(p.text for p in corpus.load()[:200]))
    texts = [clf.encoder_text(d.text) for d in docs]
    spans = model.span_matrix(docs)
    student = model.probabilities("student", texts, spans)
    teacher = model.probabilities("int8", texts, spans)
    cascade = np.asarray(model.predict(docs))
    unsure = (np.abs(student - np.asarray(model.thresholds)) < model.band).any(axis=1)
    assert 0 < unsure.sum() < len(docs)
    assert np.allclose(cascade[unsure], teacher[unsure], atol=1e-6)
    assert np.allclose(cascade[~unsure], student[~unsure], atol=1e-6)
    assert model.last_teacher_share == pytest.approx(unsure.mean())


def test_band_is_the_narrowest_that_keeps_f1():
    from pipeline.model.train import choose_band

    gold = np.array([[1, 0], [0, 1], [1, 1], [0, 0]])
    teacher = np.array([[0.9, 0.1], [0.2, 0.8], [0.7, 0.6], [0.1, 0.2]])
    # The student is wrong only on post 3, where it is nearly undecided (0.42 and 0.58).
    student = np.array([[0.95, 0.02], [0.03, 0.97], [0.42, 0.58], [0.01, 0.04]])
    assert choose_band(student, teacher, gold, tolerance=0.0) == 0.1
    assert choose_band(teacher, teacher, gold, tolerance=0.0) == 0.05


@pytest.mark.parametrize("runtime", ["int8", "reference"])
def test_every_runtime_gives_the_same_labels_on_clear_posts(runtime):
    posts = ["GPT-5.2 scores 80.1% on SWE-bench Verified and 93% on GPQA Diamond, per the model card.",
             "Spent the weekend building my app with Claude and honestly it blew me away, best coding partner.",
             "What's the best way to quantize a 70B model for 48GB of VRAM?"]
    table = analyze(posts, classifier=clf.load_default(runtime))
    assert list(table["label"]) == ["benchmark_claim", "anecdotal", "neither"]


def test_unknown_runtime_is_refused():
    with pytest.raises(ValueError, match="unknown runtime"):
        clf.HypeClassifier(runtime="gpu")


def test_heads_refuse_an_encoder_rebuilt_since_training(tmp_path, monkeypatch):
    import shutil

    from pipeline.model import encoders

    rebuilt = tmp_path / "minilm_static"
    shutil.copytree(encoders.STATIC_DIR, rebuilt)
    card = json.loads((rebuilt / "config.json").read_text())
    card["files"]["vectors.npy"] = "f" * 64  # as if distilled again from other weights
    (rebuilt / "config.json").write_text(json.dumps(card))
    monkeypatch.setattr(encoders, "STATIC_DIR", rebuilt)
    with pytest.raises(clf.WeightsMismatch, match="run python -m pipeline train"):
        clf.HypeClassifier(runtime="cascade")
