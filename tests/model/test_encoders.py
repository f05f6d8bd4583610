"""The fast encoders: close to the original model, checked before loading, and rebuilt byte for byte."""

import shutil

import numpy as np
import pytest

from pipeline.model import corpus, encoders
from pipeline.model.classifier import encoder_text


@pytest.fixture(scope="module")
def texts():
    return [encoder_text(p.text) for p in corpus.load()[:300]]


@pytest.fixture(scope="module")
def reference(texts):
    return encoders.TorchEncoder(threads=2).encode(texts)


def test_int8_embeddings_stay_close_to_the_original(texts, reference):
    cosine = (encoders.OnnxEncoder().encode(texts) * reference).sum(1)
    assert cosine.mean() > 0.98 and cosine.min() > 0.9


def test_embeddings_are_unit_length_and_in_input_order(texts):
    for encoder in (encoders.OnnxEncoder(), encoders.StaticEncoder()):
        forward = encoder.encode(texts[:40])
        backward = encoder.encode(texts[:40][::-1])
        assert np.allclose(np.linalg.norm(forward, axis=1), 1.0, atol=1e-4)
        assert np.allclose(forward, backward[::-1], atol=1e-5), encoder.name


def test_static_student_keeps_its_teacher_s_neighbours_far_above_chance(texts, reference):
    # The student is much cruder (it sees no word order), but a post's nearest neighbour by the teacher should
    # still rank near the top by the student: by chance its median rank would be about half the posts (150).
    student = encoders.StaticEncoder().encode(texts)
    teacher_sim, student_sim = reference @ reference.T, student @ student.T
    np.fill_diagonal(teacher_sim, -1)
    np.fill_diagonal(student_sim, -1)
    nearest = teacher_sim.argmax(1)
    rank_in_student = (student_sim > student_sim[np.arange(len(texts)), nearest][:, None]).sum(1)
    assert np.median(rank_in_student) < len(texts) / 5


@pytest.mark.parametrize("kind, name", [("onnx", "model.onnx"), ("static", "vectors.npy")])
def test_altered_files_are_refused(tmp_path, kind, name):
    source = encoders.ONNX_DIR if kind == "onnx" else encoders.STATIC_DIR
    copy = tmp_path / kind
    shutil.copytree(source, copy)
    with open(copy / name, "r+b") as f:
        f.seek(1000)
        f.write(b"\x00\x01\x02\x03")
    with pytest.raises(encoders.WeightsMismatch):
        encoders.OnnxEncoder(copy) if kind == "onnx" else encoders.StaticEncoder(copy)


def test_the_int8_model_is_rebuilt_byte_for_byte(tmp_path):
    from pipeline.model.distill import build_onnx

    rebuilt = build_onnx(tmp_path / "minilm_int8")
    assert encoders.sha256_of(rebuilt) == encoders.recorded_sha256(encoders.ONNX_DIR, "model.onnx")
