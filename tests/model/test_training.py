"""Training on real labels: fine-tuning (tiny fixtures, never a full run), resuming, the heads' slice, thresholds
and the command line's refusal of texts that no longer match their labels."""

import subprocess
import sys

import numpy as np
import pytest

from pipeline.model import finetune, real_labels
from pipeline.model.train import cascade_f1, choose_band, choose_threshold, heads_slice

TEXTS = ["GPT-5 scores 88% on GPQA", "tried it all week, it is amazing", "what GPU do I need for 70B?",
         "it tops LMArena at 1501 Elo", "blew me away, best model I have used", "release notes are out"] * 2
GOLD = np.array([[1, 0], [0, 1], [0, 0], [1, 0], [0, 1], [0, 0]] * 2)


def test_fine_tuning_saves_a_changed_encoder_and_resumes(tmp_path):
    from safetensors import safe_open
    from transformers import AutoModel

    from pipeline.model import encoders

    settings = finetune.FineTuneSettings(max_length=32, epochs=2, batch_size=4, save_steps=2, learning_rate=1e-3)
    out, work = tmp_path / "encoder", tmp_path / "work"
    finetune.fine_tune(TEXTS, GOLD, out, work_dir=work, settings=settings, log=lambda _: None)
    assert finetune.latest_checkpoint(work) is not None
    with safe_open(str(out / "model.safetensors"), "pt") as f:
        name = next(k for k in f.keys() if "encoder.layer.0.attention.self.query.weight" in k)
        tuned = f.get_tensor(name)
    assert str(tuned.dtype) == "torch.float16"
    base = AutoModel.from_pretrained(encoders.base_encoder_path(), local_files_only=True).state_dict()
    key = next(k for k in base if k.endswith("encoder.layer.0.attention.self.query.weight"))
    assert not np.allclose(tuned.float().numpy(), base[key].numpy(), atol=1e-4)  # it learned
    # The word-piece table is frozen: it is the base model's, to float16 precision.
    with safe_open(str(out / "model.safetensors"), "pt") as f:
        words = f.get_tensor(next(k for k in f.keys() if k.endswith("word_embeddings.weight")))
    base_words = base[next(k for k in base if k.endswith("word_embeddings.weight"))].numpy()
    assert np.allclose(words.float().numpy(), base_words, atol=2e-3)
    # Started again on the same work directory, it resumes from the last checkpoint instead of starting over.
    said = []
    finetune.fine_tune(TEXTS, GOLD, tmp_path / "again", work_dir=work, settings=settings, log=said.append)
    assert said and said[0].startswith("resuming from checkpoint-")


def test_a_second_pass_starts_from_the_fine_tuned_encoder(tmp_path):
    """`train --continue-encoder` fine-tunes the shipped (float16) encoder further, not the base package."""
    from safetensors import safe_open

    def query_weights(directory):
        with safe_open(str(directory / "model.safetensors"), "pt") as f:
            return f.get_tensor(next(k for k in f.keys() if "layer.0.attention.self.query.weight" in k)).float()

    first = finetune.FineTuneSettings(max_length=32, epochs=1, batch_size=4, learning_rate=1e-3)
    finetune.fine_tune(TEXTS, GOLD, tmp_path / "first", work_dir=tmp_path / "w1", settings=first, log=lambda _: None)
    # A vanishing learning rate: the second pass must end where it started, at the first pass's weights.
    still = finetune.FineTuneSettings(max_length=32, epochs=1, batch_size=4, learning_rate=1e-12)
    finetune.fine_tune(TEXTS, GOLD, tmp_path / "second", work_dir=tmp_path / "w2", settings=still,
                       source=tmp_path / "first", log=lambda _: None)
    from_base = finetune.FineTuneSettings(max_length=32, epochs=1, batch_size=4, learning_rate=1e-12)
    finetune.fine_tune(TEXTS, GOLD, tmp_path / "base", work_dir=tmp_path / "w3", settings=from_base, log=lambda _: None)
    first_w, second_w, base_w = (query_weights(tmp_path / d) for d in ("first", "second", "base"))
    assert np.allclose(second_w.numpy(), first_w.numpy(), atol=1e-3)
    assert not np.allclose(second_w.numpy(), base_w.numpy(), atol=1e-3)


def test_a_run_resumes_only_its_own_checkpoints():
    from pipeline.model.train import run_key

    settings = finetune.FineTuneSettings()
    key = run_key(TEXTS, GOLD, settings, None)
    assert key == run_key(list(TEXTS), GOLD.copy(), settings, None)  # the same run: resumed
    changed_label = GOLD.copy()
    changed_label[0, 0] = 0
    assert len({key, run_key(TEXTS, changed_label, settings, None), run_key(TEXTS, GOLD, settings, "ab" * 32),
                run_key(TEXTS, GOLD, finetune.FineTuneSettings(learning_rate=2.5e-5), None)}) == 4


def test_continue_encoder_refuses_to_go_with_skip_fine_tune():
    run = subprocess.run([sys.executable, "-m", "pipeline", "train", "--real-posts", "pool.csv", "--skip-fine-tune",
                          "--continue-encoder"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert run.stderr.startswith("error:") and "--continue-encoder" in run.stderr


def test_refitting_the_heads_keeps_the_record_of_how_the_encoder_was_trained(tmp_path):
    import json

    from pipeline.model.train import _encoder_record

    record = {"real_posts_encoder": 5, "fine_tune": {"epochs": 1.0, "continued_from_encoder": "abc"}}
    (tmp_path / "config.json").write_text(json.dumps({"training": record | {"heads_posts": 9}}), encoding="utf-8")
    assert _encoder_record(tmp_path) == record


def test_heads_slice_is_a_fifth_independent_of_the_test_split():
    ids = [f"x_{n}" for n in range(10000)]
    heads = [i for i in ids if heads_slice(i)]
    assert 0.18 < len(heads) / len(ids) < 0.22
    test_share_in_heads = sum(real_labels.split_of(i) == "test" for i in heads) / len(heads)
    assert 0.08 < test_share_in_heads < 0.12


def test_threshold_is_the_best_out_of_fold_cut():
    probability = np.array([0.9, 0.35, 0.32, 0.1, 0.05, 0.6])
    gold = np.array([1, 1, 1, 0, 0, 0])
    assert choose_threshold(probability, gold) == pytest.approx(0.3)  # catches 0.32 and 0.35, not 0.1


def test_band_is_measured_around_the_thresholds():
    gold = np.array([[1, 0], [0, 0]])
    teacher = np.array([[0.9, 0.1], [0.1, 0.1]])
    student = np.array([[0.28, 0.1], [0.1, 0.1]])  # right at a 0.25 threshold, wrong at 0.5
    assert cascade_f1(student, teacher, gold, 0.05, (0.25, 0.5))[0][0] == 1.0
    assert choose_band(student, teacher, gold, tolerance=0.0, thresholds=(0.25, 0.5)) == 0.05
    assert choose_band(student, teacher, gold, tolerance=0.0, thresholds=(0.5, 0.5)) == 0.25


def test_train_stops_with_one_line_when_texts_do_not_match(tmp_path):
    table = real_labels.load()
    row = table[table["file"] == "pool.csv"].iloc[0]
    (tmp_path / "pool.csv").write_text(f"id,text\n{row['id']},some other text\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "pipeline", "train", "--real-posts", str(tmp_path / "pool.csv")],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    errors = [line for line in run.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "no longer have the text" in errors[0] and "missing from their file" in errors[0]
