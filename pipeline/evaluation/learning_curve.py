"""`python -m pipeline evaluate --learning-curve --real-posts FILE ...`: F1 on the real test split against the number
of real labels, for a plain method that retrains in seconds (word and character n-grams, logistic regression).

The training posts are taken in a fixed order (a hash of the id), so each size holds the smaller ones: the curve
shows what more labels buy, not which posts were drawn. The fine-tuned model's points are measured by `train` on
whole label sets and listed in the model card beside this curve.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

from ..model import real_labels
from .evaluate import f1_interval, prf

SIZES = (500, 1000, 2000, 4000, 8000, 16000)


def ngram_model():
    """Word 1-2-grams and character 2-5-grams (tf-idf), one balanced logistic regression per label."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_union

    return make_union(
        TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, max_features=200_000),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=3, sublinear_tf=True, max_features=300_000))


def curve(real_posts: list[Path], sizes: tuple[int, ...] = SIZES, *, log=print) -> list[dict]:
    from sklearn.linear_model import LogisticRegression

    labelled = real_labels.with_texts(real_labels.load(), real_posts, log=lambda _: None)
    train = labelled[labelled["split"] == "train"]
    train = train.iloc[np.argsort([hashlib.sha1(f"curve:{i}".encode()).hexdigest() for i in train["id"]])]
    test = labelled[labelled["split"] == "test"]
    rows = []
    log(f"### Learning curve: n-grams + logistic regression, real test split ({len(test)} posts)")
    log("")
    log("| real training labels | label | F1 | 95% interval (bootstrap) |")
    log("|---|---|---|---|")
    for size in [s for s in sizes if s < len(train)] + [len(train)]:
        part = train.iloc[:size]
        features = ngram_model()
        x = features.fit_transform(part["text"])
        x_test = features.transform(test["text"])
        for label in real_labels.LABELS:
            model = LogisticRegression(C=4.0, max_iter=3000, class_weight="balanced").fit(x, part[label])
            predicted = [bool(v) for v in model.predict(x_test)]
            gold = [bool(v) for v in test[label]]
            f1 = prf(gold, predicted).f1
            lo, hi = f1_interval(gold, predicted)
            rows.append({"size": size, "label": label, "f1": f1, "low": lo, "high": hi})
            log(f"| {size:,} | {label} | {f1:.3f} | {lo:.3f}–{hi:.3f} |")
    return rows
