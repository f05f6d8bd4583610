"""`python -m pipeline train --corrections FILE --out DIR`: fold a user's corrections into the classifier's heads.

The corrections file is the app's (one row per corrected post: id, text hash, text, the user's two labels; the
format is described in the README). Two ways to fold it in:

- **Quick** (the default; seconds to a minute): every encoder's heads are refitted on the corrections alone,
  anchored to the current heads. Each label's head is a logistic regression in the calibrated logit space, its
  decision offset by the label's threshold (so "follows" means "crosses the threshold"), with a quadratic prior
  centred on the current weights (not on zero). The prior is measured in what the change does to typical posts:
  `strength` times the mean squared change of the logit over anchor posts (x' M x for the change x, with M the
  second moment of the anchor posts' features), plus a small ridge. A correction can then move the heads freely
  along what sets the corrected posts apart, and hardly at all along what every post shares (the intercept, the
  common part of the embeddings, the span features). The anchor posts are the heads' own training posts when
  their moments were stored with the heads (`train` does so), else the written corpus's training posts (in the
  repo); the moments are written with the update, so a later update reuses them. Thresholds, the cascade's band,
  the span scaling and the Platt calibration are kept.
- **Full** (with --real-posts; about 10 minutes): the heads, thresholds and band are fitted again as `train
  --skip-fine-tune` does, on the real heads slice plus the corrections, each correction weighing
  `CORRECTION_WEIGHT` posts.

Either way the result goes to a new directory (config, heads, model card) that uses the shipped encoders, and
its config.json records what was folded in. It also remembers each corrected post's labels by the SHA-1 of its
text (`corrections_memory`, no text): the heads' update generalises from the corrections, but a conservative
prior does not move every corrected post across its threshold, and a user who corrected a post expects that post
to keep the label they gave it. `tag` gives a remembered post the user's labels, `label_source` `corrected`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from .. import nlp as nlp_module
from ..nlp.docs import doc_text
from . import classifier as clf
from . import real_labels, rules

# The prior's strength (times the mean squared logit change over anchor posts, against a log loss summed over the
# corrections): chosen by benchmarks/corrections_update.py on real training posts, as the strongest update whose
# held-out F1 stays within 0.005 of the shipped heads'.
DEFAULT_STRENGTH = 100.0
RIDGE = 1e-3  # keeps directions the anchor posts do not span from moving without bound
ANCHOR_POSTS = 500
CORRECTION_WEIGHT = 5.0  # full update: a correction weighs this many ordinary posts (not measured; see README)


class CorrectionsError(ValueError):
    """The corrections file cannot be used at all (missing, not a CSV, columns missing)."""


@dataclass
class Corrections:
    """The usable corrections of a file, one row per post (the latest correction of each), and what was not used."""

    table: pd.DataFrame  # post_id, text_sha1 (checked), text, benchmark_claim, anecdotal (ints), corrected_at
    # (one row per post id and text: the latest correction of each)
    path: Path
    sha256: str
    rows: int
    rejected: int = 0
    superseded: int = 0


def read_corrections(path: Path, *, log=print) -> Corrections:
    """The corrections file as the app reads it (`pipeline.corrections.read`: the same row checks, hash check and
    latest-correction-wins rule); the rejected rows are counted in one line that names the first."""
    from .. import corrections as corrections_module

    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CorrectionsError(f"{path}: cannot read the corrections ({exc})") from exc
    read = corrections_module.read(raw, name=path.name)
    if read.error:
        raise CorrectionsError(f"{path}: {read.error}")
    rows = len(read.corrections) + len(read.rejected) + read.superseded
    if read.rejected:
        log(f"rejected {len(read.rejected)} of {rows} corrections (first: {read.rejected[0]})")
    table = pd.DataFrame([{"post_id": c.post_id, "text_sha1": c.text_sha1, "text": c.text,
                           "benchmark_claim": int(c.benchmark_claim), "anecdotal": int(c.anecdotal),
                           "corrected_at": c.corrected_at} for c in read.corrections],
                         columns=["post_id", "text_sha1", "text", "benchmark_claim", "anecdotal", "corrected_at"])
    return Corrections(table, path, hashlib.sha256(raw).hexdigest(), rows, len(read.rejected), read.superseded)


def anchored_head(head: clf.Head, x: np.ndarray, y: np.ndarray, *, threshold: float, strength: float,
                  moment: np.ndarray | None = None, weights: np.ndarray | None = None) -> clf.Head:
    """`head` refitted on (x, y) with a quadratic prior centred on its own weights (see the module's docstring):
    `moment` is the anchor posts' second moment of [x | 1] (None: the identity, a plain L2 distance).

    Works on the calibrated logit a * (x . coef + intercept) + b, whose threshold is logit(threshold), and gives the
    head back with the same Platt pair, so the calibration and the threshold keep their meaning."""
    from scipy.special import expit

    a, b = head.platt_a, head.platt_b
    if abs(a) < 1e-9:
        raise ValueError("a head with a zero Platt slope cannot be updated")
    start = np.append(a * head.coef, a * head.intercept + b)
    design = np.hstack([x, np.ones((len(x), 1))]).astype(np.float64)
    offset = float(np.log(threshold / (1.0 - threshold)))
    sign = np.where(np.asarray(y) == 1, 1.0, -1.0)
    w = np.ones(len(x)) if weights is None else np.asarray(weights, dtype=float)
    prior = float(strength) * ((np.eye(len(start)) if moment is None else moment) + RIDGE * np.eye(len(start)))

    def objective(theta: np.ndarray) -> float:
        return float(w @ np.logaddexp(0.0, -sign * (design @ theta - offset))
                     + 0.5 * (theta - start) @ prior @ (theta - start))

    # Newton's method with backtracking: the objective is convex and the prior badly conditioned, where
    # first-order methods crawl; a few hundred parameters make each Newton step a small solve.
    theta, value = start.copy(), objective(start)
    for _ in range(100):
        margin = sign * (design @ theta - offset)
        wrong = expit(-margin)
        gradient = design.T @ (w * -sign * wrong) + prior @ (theta - start)
        hessian = design.T @ ((w * wrong * (1.0 - wrong))[:, None] * design) + prior
        step = np.linalg.solve(hessian, gradient)
        decrease = float(gradient @ step)
        if decrease < 1e-10:
            break
        t = 1.0
        while objective(theta - t * step) > value - 1e-4 * t * decrease and t > 1e-8:
            t /= 2
        theta = theta - t * step
        value = objective(theta)
    return clf.Head(theta[:-1] / a, float((theta[-1] - b) / a), a, b)


def post_features(model: clf.HypeClassifier, texts: list[str], encoders=tuple(clf.HEAD_SETS)):
    """Each named encoder's head features for `texts`, and the texts' rule labels."""
    docs = list(nlp_module.shared().pipe(texts))
    found = [rules.label(d) for d in docs]
    spans = model.span_matrix(docs, found)
    encoded = [clf.encoder_text(doc_text(d)) for d in docs]
    return {name: model.features(name, encoded, spans) for name in encoders}, found


def decisions(model: clf.HypeClassifier, features: dict[str, np.ndarray], found: list[rules.RuleLabels],
              runtime: str | None = None) -> np.ndarray:
    """The two labels as the app and `tag` set them (thresholds, then the reaction rule): one bool row per post."""
    scores = model.scores_from(features, runtime)
    return np.asarray([rules.decide(f, s, model.thresholds)[:2] for f, s in zip(found, scores, strict=True)],
                      dtype=bool).reshape(-1, len(clf.LABELS))


def second_moment(x: np.ndarray) -> np.ndarray:
    """E[z z'] over the rows z = [x | 1]: the prior's matrix, so that d' M d is the mean squared logit change."""
    design = np.hstack([x, np.ones((len(x), 1))]).astype(np.float64)
    return design.T @ design / len(design)


def anchor_moments(model: clf.HypeClassifier, encoders=tuple(clf.HEAD_SETS), *, log=print) -> dict[str, np.ndarray]:
    """Each encoder's anchor moment: stored with the heads when there, else from the written corpus's training
    posts (the first ANCHOR_POSTS by a hash of the id)."""
    stored = np.load(model.directory / "heads.npz")
    if all(f"anchor_moment_{name}" in stored for name in encoders):
        return {name: stored[f"anchor_moment_{name}"] for name in encoders}
    from . import corpus

    posts = sorted((p for p in corpus.load() if p.split == "train"),
                   key=lambda p: hashlib.sha1(f"anchor:{p.id}".encode()).hexdigest())[:ANCHOR_POSTS]
    log(f"measuring the heads' anchor on {len(posts)} written corpus posts (once: kept with the update)")
    features, _ = post_features(model, [p.text for p in posts], encoders)
    return {name: second_moment(x) for name, x in features.items()}


def updated_heads(model: clf.HypeClassifier, features: dict[str, np.ndarray], gold: np.ndarray,
                  moments: dict[str, np.ndarray], *, strength: float = DEFAULT_STRENGTH
                  ) -> dict[str, dict[str, clf.Head]]:
    """The heads of every encoder in `features` refitted on the corrections, anchored to `model`'s (the others
    are kept)."""
    heads = {name: dict(by_label) for name, by_label in model.heads.items()}
    for name, x in features.items():
        for j, label in enumerate(clf.LABELS):
            heads[name][label] = anchored_head(model.heads[name][label], x, gold[:, j],
                                               threshold=model.thresholds[j], strength=strength,
                                               moment=moments[name])
    return heads


def _follow_counts(model: clf.HypeClassifier, features, found, gold: np.ndarray) -> dict[str, np.ndarray]:
    return {runtime: (decisions(model, features, found, runtime) == gold.astype(bool)).all(axis=1)
            for runtime in clf.RUNTIMES}


def _report(before: dict[str, np.ndarray], after: dict[str, np.ndarray], corrections: Corrections,
            found: list[rules.RuleLabels], log) -> None:
    n = len(corrections.table)
    others = ", ".join(f"{r} {before[r].sum()} -> {after[r].sum()}" for r in clf.RUNTIMES if r != "cascade")
    log(f"{n} corrected posts labelled as corrected: {before['cascade'].sum()} before, {after['cascade'].sum()} "
        f"after (default cascade; {others})")
    astray = np.flatnonzero(~after["cascade"])
    if len(astray):
        table = corrections.table
        held = sum(1 for i in astray if found[i].reaction and not table.loc[i, "anecdotal"])
        because = f"; {held} of them because a stock reaction cliché makes a post anecdotal whatever the heads say" \
            if held else ""
        log(f"warning: {len(astray)} corrected posts still do not follow (first: {table.loc[astray[0], 'post_id']})"
            f"{because}. A stronger update: --strength lower than {DEFAULT_STRENGTH:g}, or the full update with "
            "--real-posts")


def _record(corrections: Corrections, mode: str, before, after, **settings) -> dict:
    return {"file": corrections.path.name, "file_sha256": corrections.sha256, "rows": corrections.rows,
            "corrections": len(corrections.table), "rejected": corrections.rejected,
            "superseded": corrections.superseded, "mode": mode, **settings,
            "followed_before": int(before["cascade"].sum()), "followed_after": int(after["cascade"].sum()),
            "date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}


def _check_out(out_dir: Path) -> None:
    if Path(out_dir).resolve() == clf.MODEL_DIR.resolve():
        raise ValueError(f"--out {out_dir}: the shipped classifier is not overwritten by an update; write it to a "
                         f"directory of its own and use it with tag --classifier DIR or {clf.DIRECTORY_VARIABLE}")


def _write_card(base: Path, out_dir: Path, record: dict) -> None:
    card = (base / "MODEL_CARD.md").read_text(encoding="utf-8") if (base / "MODEL_CARD.md").exists() else ""
    heading = "## Corrections folded in"
    if heading not in card:
        card = card.rstrip("\n") + (
            f"\n\n{heading}\nThis directory is the shipped classifier updated by `python -m pipeline train "
            "--corrections`; it runs the shipped encoders (their checksums are in config.json).\n\n"
            "| date (UTC) | file | SHA-256 | corrections used | rejected | update | followed before -> after |\n"
            "|---|---|---|---|---|---|---|\n")
    card += (f"| {record['date']} | {record['file']} | {record['file_sha256'][:12]} | {record['corrections']} | "
             f"{record['rejected']} | {record['mode']} | {record['followed_before']} -> "
             f"{record['followed_after']} |\n")
    (out_dir / "MODEL_CARD.md").write_text(card, encoding="utf-8")


def memory_of(corrections: Corrections) -> dict[str, list[int]]:
    """The corrected posts' labels by text SHA-1: what `tag` gives those very posts (label_source corrected)."""
    return {sha: [int(c), int(a)] for sha, c, a in corrections.table[["text_sha1", *clf.LABELS]].itertuples(
        index=False)}


def write_model(base: Path, out_dir: Path, heads: dict[str, dict[str, clf.Head]], record: dict,
                moments: dict[str, np.ndarray], memory: dict[str, list[int]]) -> None:
    """A self-contained classifier directory: `base`'s span scaling and config with these heads and the anchor
    moments, the record appended to config.json's `corrections`, and the model card with a line for it."""
    arrays = dict(np.load(base / "heads.npz"))
    arrays.update({f"anchor_moment_{name}": moment.astype(np.float32) for name, moment in moments.items()})
    for name, prefix in clf.HEAD_SETS.items():
        for label in clf.LABELS:
            head = heads[name][label]
            arrays[f"{prefix}{label}_coef"] = head.coef
            arrays[f"{prefix}{label}_intercept"] = np.asarray(head.intercept)
            arrays[f"{prefix}{label}_platt"] = np.asarray([head.platt_a, head.platt_b])
    config = json.loads((base / "config.json").read_text(encoding="utf-8"))
    config.setdefault("corrections", []).append(record)
    # The corrected posts' own labels, by text hash (no text): a later update adds to the earlier ones.
    config.setdefault("corrections_memory", {}).update(memory)
    card_base = base
    out_dir.mkdir(parents=True, exist_ok=True)
    if out_dir.resolve() == base.resolve():
        card_base = out_dir  # updated in place: the card is read before it is written
    np.savez(out_dir / "heads.npz", **arrays)
    (out_dir / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    _write_card(card_base, out_dir, record)


def quick_update(corrections: Corrections, out_dir: Path, *, base: Path = clf.MODEL_DIR,
                 strength: float = DEFAULT_STRENGTH, log=print) -> dict:
    """The quick update (see the module's docstring) of the classifier in `base`, written to `out_dir`; returns
    the record added to its config."""
    _check_out(out_dir)
    if corrections.table.empty:
        raise ValueError(f"{corrections.path}: no usable corrections, nothing to update")
    model = clf.HypeClassifier(Path(base), runtime="cascade")
    features, found = post_features(model, list(corrections.table["text"]))
    gold = corrections.table[list(clf.LABELS)].to_numpy()
    moments = anchor_moments(model, log=log)
    updated = model.with_heads(updated_heads(model, features, gold, moments, strength=strength))
    before, after = _follow_counts(model, features, found, gold), _follow_counts(updated, features, found, gold)
    _report(before, after, corrections, found, log)
    record = _record(corrections, "quick", before, after, strength=strength, base=Path(base).name)
    write_model(Path(base), Path(out_dir), updated.heads, record, moments, memory_of(corrections))
    clf._DEFAULT.clear()
    log(f"wrote {out_dir}: use it with tag --classifier {out_dir}, or {clf.DIRECTORY_VARIABLE}={out_dir} for the app")
    return record


def full_update(corrections: Corrections, real_posts: list[Path], out_dir: Path, *, log=print) -> dict:
    """The full update: the heads, thresholds and band fitted again on the real heads slice plus the corrections
    (weighted), on the shipped encoders, written to `out_dir`."""
    from .train import fit_heads, heads_slice

    _check_out(out_dir)
    if corrections.table.empty:
        raise ValueError(f"{corrections.path}: no usable corrections, nothing to update")
    table = corrections.table
    labelled = real_labels.with_texts(real_labels.load(), real_posts, log=log)
    training = labelled[labelled["split"] == "train"]
    heads_part = training[training["id"].map(heads_slice)]
    heads_part = heads_part[~heads_part["id"].isin(table["post_id"])]  # a correction replaces the post's label
    texts = list(heads_part["text"]) + list(table["text"])
    gold = np.vstack([heads_part[list(clf.LABELS)].to_numpy(), table[list(clf.LABELS)].to_numpy()])
    weights = np.concatenate([np.ones(len(heads_part)), np.full(len(table), CORRECTION_WEIGHT)])
    log(f"fitting the heads on {len(heads_part)} real posts and {len(table)} corrections "
        f"(each weighing {CORRECTION_WEIGHT:g})")
    shipped = clf.HypeClassifier(clf.MODEL_DIR, runtime="cascade")
    shipped_config = dict(shipped.config)
    config = fit_heads(texts, gold, Path(out_dir), max_length=shipped_config["encoder"]["max_length"],
                       weights=weights, log=log)
    refitted = clf.HypeClassifier(Path(out_dir), runtime="cascade")
    gold_c = table[list(clf.LABELS)].to_numpy()
    before_f, found = post_features(shipped, list(table["text"]))
    after_f, _ = post_features(refitted, list(table["text"]))
    before, after = _follow_counts(shipped, before_f, found, gold_c), _follow_counts(refitted, after_f, found, gold_c)
    _report(before, after, corrections, found, log)
    record = _record(corrections, "full", before, after, correction_weight=CORRECTION_WEIGHT,
                     heads_posts=len(heads_part))
    config["training"] = {**shipped_config["training"], **config["training"]}
    config["corrections"] = [record]
    config["corrections_memory"] = memory_of(corrections)
    (Path(out_dir) / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    _write_card(clf.MODEL_DIR, Path(out_dir), record)
    clf._DEFAULT.clear()
    return record
