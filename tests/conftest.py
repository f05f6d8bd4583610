import os
import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_posts"
EXPORTS = SAMPLES / "exports"
SHARED = ROOT.parent / "shared"
REAL_EXPORTS = SHARED / "data" / "exports" / "real"
REAL_POSTS = SHARED / "data" / "real_posts"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


class _NoNetwork(socket.socket):
    """Outbound connections are refused in tests: the product must work with no network at all."""

    def connect(self, address):  # noqa: D401
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and (host.startswith("127.") or host in ("localhost", "::1")):
            return super().connect(address)
        if self.family == socket.AF_UNIX:
            return super().connect(address)
        raise OSError(f"network access blocked in tests: {address!r}")

    def connect_ex(self, address):
        try:
            self.connect(address)
            return 0
        except OSError:
            return 1


@pytest.fixture(autouse=True, scope="session")
def no_network():
    original = socket.socket
    socket.socket = _NoNetwork
    yield
    socket.socket = original


@pytest.fixture(scope="session")
def nlp():
    from pipeline import nlp as nlp_module

    return nlp_module.shared()
