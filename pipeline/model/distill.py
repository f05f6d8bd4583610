"""`python -m pipeline distill`: rebuild the two fast encoders in models/ from the fine-tuned encoder
(models/hype_encoder).

- models/minilm_int8/model.onnx: the network exported to ONNX (opset 17), then dynamically quantised to int8
  weights with ONNX Runtime's own quantiser.
- models/minilm_static/vectors.npy: one float16 vector per word piece: the model's mean-pooled output for that
  piece alone between [CLS] and [SEP]. A post's vector is the mean of its pieces' vectors (encoders.StaticEncoder).

Both are deterministic: the same package weights give the same files (their SHA-256 is recorded in each
directory's config.json and checked when they are loaded).
"""

from __future__ import annotations

import json
import logging
import tempfile
import time
import warnings
from importlib.metadata import version
from pathlib import Path

import numpy as np

from . import encoders

OPSET = 17


def _card(directory: Path, name: str, **extra) -> None:
    config = {
        "source": {"model": "all-MiniLM-L6-v2 fine-tuned on labelled real posts", "directory": "models/hype_encoder",
                   "sha256": encoders.sha256_of(encoders.encoder_path() / "model.safetensors")},
        "files": {name: encoders.sha256_of(directory / name)},
        **extra,
    }
    (directory / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")


def build_onnx(directory: Path = encoders.ONNX_DIR) -> Path:
    import onnx
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel

    tokenizer = encoders.tokenizer()  # first: it silences the library's loading notices
    model = AutoModel.from_pretrained(encoders.encoder_path(), local_files_only=True, dtype=torch.float32,
                                      attn_implementation="eager").eval()

    class LastHiddenState(torch.nn.Module):
        """A positional signature for the exporter; pooling stays outside the graph (in numpy)."""

        def __init__(self, bert: torch.nn.Module) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.bert(input_ids=input_ids, attention_mask=attention_mask,
                             token_type_ids=token_type_ids).last_hidden_state

    example = tokenizer(["a short example", "and a second, somewhat longer example sentence"],
                                   padding=True, return_tensors="pt")
    names = ["input_ids", "attention_mask", "token_type_ids"]
    axes = {n: {0: "batch", 1: "tokens"} for n in [*names, "last_hidden_state"]}
    directory.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fp32 = Path(tmp) / "fp32.onnx"
        torch.onnx.export(LastHiddenState(model), tuple(example[n] for n in names), str(fp32), input_names=names,
                          output_names=["last_hidden_state"], dynamic_axes=axes, opset_version=OPSET,
                          do_constant_folding=True, dynamo=False)
        # Per-channel scales: one scale per output column keeps the embeddings within cosine 0.99 of the
        # original; one scale per tensor drifts to about 0.95.
        logging.disable(logging.WARNING)  # the quantiser's advice to pre-process is for image models
        try:
            quantize_dynamic(str(fp32), str(directory / "model.onnx"), weight_type=QuantType.QInt8, per_channel=True,
                             extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
        finally:
            logging.disable(logging.NOTSET)
    _card(directory, "model.onnx", export={"opset": OPSET, "onnx": version("onnx"), "torch": version("torch"),
                                           "quantisation": "dynamic, int8 weights (QInt8), per-channel scales",
                                           "onnxruntime": version("onnxruntime")})
    return directory / "model.onnx"


def build_static(directory: Path = encoders.STATIC_DIR, batch_size: int = 1024) -> Path:
    import torch
    from transformers import AutoModel

    torch.set_num_threads(2)  # fixed, so the float sums run in the same order on every machine
    tokenizer = encoders.tokenizer()
    model = AutoModel.from_pretrained(encoders.encoder_path(), local_files_only=True, dtype=torch.float32).eval()
    size = tokenizer.vocab_size
    vectors = np.zeros((size, encoders.DIMENSIONS), dtype=np.float32)
    with torch.inference_mode():
        for lo in range(0, size, batch_size):
            ids = torch.arange(lo, min(size, lo + batch_size))
            inputs = torch.stack([torch.full_like(ids, tokenizer.cls_token_id), ids,
                                  torch.full_like(ids, tokenizer.sep_token_id)], 1)
            hidden = model(input_ids=inputs, attention_mask=torch.ones_like(inputs)).last_hidden_state
            vectors[lo: lo + len(ids)] = hidden.mean(1).numpy()
    directory.mkdir(parents=True, exist_ok=True)
    np.save(directory / "vectors.npy", vectors.astype(np.float16))
    _card(directory, "vectors.npy", student={"pieces": size, "dimensions": encoders.DIMENSIONS, "dtype": "float16",
                                             "piece_vector": "mean of the last hidden states of [CLS] piece [SEP]"})
    return directory / "vectors.npy"


def distill(*, log=print) -> None:
    started = time.time()
    log(f"wrote {build_onnx()}")
    log(f"wrote {build_static()}")
    log(f"done in {time.time() - started:.0f} s")
