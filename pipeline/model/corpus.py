"""The project's labelled corpus (sample_posts/corpus): loading, cliché spans, and the fixed train/test split."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parents[2] / "sample_posts" / "corpus" / "parts"
TEST_SHARE = 5  # one post in five is held out, chosen by a hash of its id so the split never moves


@dataclass(frozen=True)
class LabelledPost:
    id: str
    platform: str
    text: str
    benchmark_claim: bool
    anecdotal: bool
    cliche_spans: tuple[tuple[int, int, str], ...]
    case: str
    part: str = ""  # the corpus file it belongs to: one voice, written by one writer

    @property
    def split(self) -> str:
        return split_of(self.id)


def split_of(post_id: str) -> str:
    return "test" if int(hashlib.sha1(post_id.encode()).hexdigest(), 16) % TEST_SHARE == 0 else "train"


def locate(text: str, cliches: list[dict]) -> list[dict]:
    """Character spans for the annotated cliché surfaces, searched in order of appearance."""
    spans, cursor = [], 0
    for c in cliches:
        start = text.find(c["surface"], cursor)
        if start < 0:
            start = text.find(c["surface"])
        if start < 0:
            raise ValueError(f"surface {c['surface']!r} not in text")
        spans.append({"start": start, "end": start + len(c["surface"]), "canonical": c["canonical"]})
        cursor = start + len(c["surface"])
    return spans


def load(directory: Path = CORPUS_DIR) -> list[LabelledPost]:
    posts = []
    for path in sorted(directory.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            e = json.loads(line)
            spans = e.get("cliche_spans") or locate(e["text"], e.get("cliches", []))
            for s in spans:
                if e["text"][s["start"]: s["end"]] == "":
                    raise ValueError(f"{e['id']}: empty cliché span")
            cliche_spans = tuple((s["start"], s["end"], s["canonical"]) for s in spans)
            posts.append(LabelledPost(e["id"], e["platform"], e["text"], bool(e["benchmark_claim"]),
                                      bool(e["anecdotal"]), cliche_spans, e.get("case", ""), path.stem))
    return posts


def add_spans(directory: Path = CORPUS_DIR) -> None:
    """Write each post's cliché character spans and split into the corpus files (run once after editing)."""
    for path in sorted(directory.glob("*.jsonl")):
        out = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            e = json.loads(line)
            e["cliche_spans"] = locate(e["text"], e.get("cliches", []))
            e["split"] = split_of(e["id"])
            out.append(json.dumps(e, ensure_ascii=False))
        path.write_text("\n".join(out) + "\n", encoding="utf-8")
