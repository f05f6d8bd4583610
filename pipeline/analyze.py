"""Posts -> spaCy Docs -> one tidy table, one row per post. The CLI and the app both call `analyze`."""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import chain, islice

import pandas as pd
from spacy.attrs import IS_PUNCT, IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc

from . import nlp as nlp_module
from .claims import extraction as claims_module
from .model import rules
from .nlp.docs import make_doc
from .posts import Post
from .reference.check import REFERENCE_COLUMNS, check_claim

# The columns every tagged table starts with, in this order (the CLI contract).
CONTRACT_COLUMNS = [
    "post_id", "platform", "author", "created_at", "text", "label", "benchmark_claim", "anecdotal",
    "benchmark_claim_score", "anecdotal_score", "cliche_count", "cliches", "benchmarks", "source_file", "source_row",
]
EXTRA_COLUMNS = [
    "permalink", "kind", "models", "scores", "claim_count", "negated_cliches", "general_cliches", "word_count",
    "label_source", "why",
]
COLUMNS = CONTRACT_COLUMNS + EXTRA_COLUMNS
# Span layers kept per row (character offsets into `text`) so views can highlight without re-parsing.
SPAN_LAYERS = ("cliches", "benchmarks", "scores", "models", "cues")
# Posts per chunk when several worker processes share the work: small enough to keep both cores busy to the end.
PARALLEL_CHUNK = 1024
# Columns that hold structured data for the views (spans to highlight, claim records); never written to CSV.
DATA_COLUMNS = ["spans", "claims"]


def _as_post(item: Post | str, index: int) -> Post:
    if isinstance(item, Post):
        return item
    return Post(text=str(item), source_file="input", source_row=str(index))


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def spans_of(doc: Doc) -> list[dict]:
    """Every span of the highlighted layers as plain data: layer, start/end character, label, negated."""
    out = []
    for layer in SPAN_LAYERS:
        for s in doc.spans.get(layer, []):
            out.append({"layer": layer, "start": s.start_char, "end": s.end_char, "label": s.label_,
                        "text": s.text, "negated": bool(s._.negated)})
    return sorted(out, key=lambda d: (d["start"], d["end"]))


def word_count(doc: Doc) -> int:
    """Tokens that are neither punctuation nor white space (read as one array: no Token objects are made)."""
    return int((doc.to_array([IS_PUNCT, IS_SPACE]).sum(axis=1) == 0).sum()) if len(doc) else 0


def _why(doc: Doc, found: rules.RuleLabels, source: str = "") -> str:
    parts = []
    if source.endswith("reaction rule"):
        parts.append("stock reaction (an endorsement by the guide): " + ", ".join(s.text for s in found.reaction))
    if found.evidence.get("claim"):
        parts.append("result: " + ", ".join(dict.fromkeys(s.text for s in found.evidence["claim"])))
    if found.evidence.get("experience"):
        parts.append("experience: " + ", ".join(dict.fromkeys(s.text for s in found.evidence["experience"])))
    if found.evidence.get("praise"):
        parts.append("praise: " + ", ".join(dict.fromkeys(s.text for s in found.evidence["praise"])))
    if found.evidence.get("complaint"):
        parts.append("complaint: " + ", ".join(dict.fromkeys(s.text for s in found.evidence["complaint"])))
    negated = [s.text for s in doc.spans.get("cliches", []) if s._.negated]
    if negated:
        parts.append("negated cliché: " + ", ".join(negated))
    return " | ".join(parts)


def row_of(post: Post, doc: Doc, found: rules.RuleLabels, scores: tuple[float, float] | None,
           thresholds: tuple[float, float] = (0.5, 0.5), *, highlights: bool = True,
           corrected: tuple[bool, bool] | None = None) -> dict:
    """One table row. With model `scores` the labels come from the model, otherwise from the rules; `corrected`
    labels (a user's, remembered by a model updated with train --corrections) win over both. Without
    `highlights` the row's "spans" (only the app's views draw them) stay empty."""
    claim, anecdotal, source = rules.decide(found, scores, thresholds)
    if corrected is not None:
        (claim, anecdotal), source = corrected, "corrected"
    claim_score, anecdotal_score = scores if scores is not None else (found.benchmark_claim_score,
                                                                        found.anecdotal_score)
    cliches = list(doc.spans.get("cliches", []))
    # A claim with no figure gets its no-number record only in a post labelled a benchmark claim.
    claims = claims_module.extract(doc, post.post_id, benchmark_claim=bool(claim))
    return {
        "post_id": post.post_id,
        "platform": post.platform,
        "author": post.author,
        "created_at": post.created_at,
        "text": post.text,
        "label": rules.post_label(claim, anecdotal),
        "benchmark_claim": bool(claim),
        "anecdotal": bool(anecdotal),
        "benchmark_claim_score": round(float(claim_score), 4),
        "anecdotal_score": round(float(anecdotal_score), 4),
        "cliche_count": len(cliches),
        "cliches": "; ".join(s.label_ for s in cliches),
        "benchmarks": "; ".join(s.label_ for s in doc.spans.get("benchmarks", [])),
        "source_file": post.source_file,
        "source_row": post.source_row,
        "permalink": post.permalink,
        "kind": post.kind,
        "models": "; ".join(s.label_ for s in doc.spans.get("models", [])),
        "scores": "; ".join(s.text for s in doc.spans.get("scores", []) if s.label_ != "COMPARISON"),
        "claim_count": len(claims),
        "negated_cliches": sum(1 for s in cliches if s._.negated),
        "general_cliches": "; ".join(s.text.lower() for s in doc.spans.get("general_cliches", [])),
        "word_count": word_count(doc),
        "label_source": source,
        "why": _why(doc, found, source),
        "spans": spans_of(doc) if highlights else [],
        "claims": claims,
    }


def analyze(posts: Iterable[Post | str], *, nlp: Language | None = None, classifier: object | None = "auto",
            chunk_size: int = 2048, workers: int = 1,
            progress: Callable[[int], None] | None = None, highlights: bool = True) -> pd.DataFrame:
    """Tag posts (Post records or plain strings) and return one row per post, in input order.

    `classifier="auto"` uses the trained model in models/ when it is there; `None` uses the rule labels
    only (the fast mode). `workers` > 1 tags chunks in that many processes (same rows, same order).
    `progress` is called with the number of posts done after each chunk. `highlights=False` leaves the "spans"
    column empty, for callers that only write CSV.
    """
    return pd.concat(list(analyze_chunks(posts, nlp=nlp, classifier=classifier,
                                         chunk_size=chunk_size, workers=workers, progress=progress,
                                         highlights=highlights))
                     or [empty_table()], ignore_index=True)


def analyze_chunks(posts: Iterable[Post | str], *, nlp: Language | None = None, classifier: object | None = "auto",
                   chunk_size: int = 2048, workers: int = 1, progress: Callable[[int], None] | None = None,
                   highlights: bool = True, finish: Callable[[list[dict]], object] | None = None) -> Iterator:
    """`analyze`, one table per chunk of posts: memory stays bounded however many posts stream in.

    With `finish`, each chunk's rows (the table's, as dicts) are handed to it where the chunk was tagged (in the
    worker process, with workers) and its results are yielded instead of tables: work such as writing CSV text is
    then shared by the workers.
    """
    nlp = nlp or nlp_module.shared()
    if classifier == "auto":
        from .model import classifier as classifier_module

        classifier = classifier_module.load_default()
    if "fork" not in multiprocessing.get_all_start_methods():
        workers = 1  # the workers inherit the loaded pipeline by forking; without fork (Windows) work in-process
    if workers > 1:
        chunk_size = min(chunk_size, PARALLEL_CHUNK)
    chunks = _chunks((_as_post(p, i) for i, p in enumerate(posts, 1)), chunk_size)
    first = list(islice(chunks, 2))
    chunks = chain(first, chunks)
    # One chunk is not worth starting processes for.
    tagged = (_parallel(chunks, workers, nlp, classifier, highlights, finish) if workers > 1 and len(first) > 1
              else (_finished(tag_rows(c, nlp, classifier, highlights=highlights), finish) for c in chunks))
    done = 0
    for count, result in tagged:
        done += count
        if progress:
            progress(done)
        yield result


def available_cores() -> int:
    """CPU cores this process may run on (the default number of worker processes)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def table_of(rows: list[dict]) -> pd.DataFrame:
    """Rows as one table, built column by column: a third faster than from the row dicts, and the same frame."""
    return pd.DataFrame({c: [row[c] for row in rows] for c in COLUMNS + DATA_COLUMNS}, columns=COLUMNS + DATA_COLUMNS)


def tag_rows(chunk: list[Post], nlp: Language, classifier: object | None, *, highlights: bool = True) -> list[dict]:
    """One chunk of posts through the spaCy pipeline, the rules and (when given) the classifier: its rows."""
    # Each component over the whole chunk in turn, as Language.pipe does, without its generator chain, which on
    # short posts cost about a seventh of the tagging time.
    docs = [make_doc(nlp, p.text) for p in chunk]
    for _, component in nlp.pipeline:
        docs = [component(doc) for doc in docs]
    found = [rules.label(d) for d in docs]
    scored = classifier.predict(docs, found) if classifier is not None else [None] * len(docs)
    thresholds = getattr(classifier, "thresholds", (0.5, 0.5))
    remembered = classifier.remembered(docs) if hasattr(classifier, "remembered") else [None] * len(docs)
    return [row_of(p, d, f, s, thresholds, highlights=highlights, corrected=c)
            for p, d, f, s, c in zip(chunk, docs, found, scored, remembered, strict=True)]


_WORKER: dict = {}


def _finished(rows: list[dict], finish: Callable[[list[dict]], object] | None) -> tuple[int, object]:
    return len(rows), (table_of(rows) if finish is None else finish(rows))


def _start_worker(nlp: Language, classifier: object | None, highlights: bool,
                  finish: Callable[[list[dict]], object] | None) -> None:
    # Forked from the parent, so the pipeline and the model are inherited, not rebuilt; the model gets one thread
    # per worker, since the workers already share the cores.
    if classifier is not None and hasattr(classifier, "for_worker"):
        classifier = classifier.for_worker()
    _WORKER.update(nlp=nlp, classifier=classifier, highlights=highlights, finish=finish)


def _tag_in_worker(chunk: list[Post]) -> tuple[int, object]:
    return _finished(tag_rows(chunk, _WORKER["nlp"], _WORKER["classifier"], highlights=_WORKER["highlights"]),
                     _WORKER["finish"])


def _parallel(chunks: Iterator[list[Post]], workers: int, nlp: Language, classifier: object | None,
              highlights: bool, finish: Callable[[list[dict]], object] | None) -> Iterator[tuple[int, object]]:
    """Chunks tagged in `workers` forked processes, yielded in input order. At most two chunks per worker are in
    flight, so a streamed input is never read far ahead of the output."""
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                             initargs=(nlp, classifier, highlights, finish)) as pool:
        pending: deque = deque()
        for chunk in chunks:
            pending.append(pool.submit(_tag_in_worker, chunk))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def empty_table() -> pd.DataFrame:
    return pd.DataFrame(columns=COLUMNS + DATA_COLUMNS)


CLAIMS_TABLE_COLUMNS = claims_module.CLAIM_COLUMNS + ["source_file", "source_row"] + REFERENCE_COLUMNS


def claim_rows(claims_per_post, source_files, source_rows) -> list[dict]:
    """One dict per claim record, in post order, with where each post came from and its check against the
    reference table (pipeline/reference)."""
    return [{**vars(c), "source_file": source_file, "source_row": source_row, **check_claim(c)}
            for claims, source_file, source_row in zip(claims_per_post, source_files, source_rows, strict=True)
            for c in claims]


def claims_of(table: pd.DataFrame) -> pd.DataFrame:
    """One row per claim record of the posts in `table`, in post order, with where each post came from."""
    return pd.DataFrame(claim_rows(table["claims"], table["source_file"], table["source_row"]),
                        columns=CLAIMS_TABLE_COLUMNS)
