"""The trained classifier, when models/ holds one. Until then analyze() falls back to the rule labels."""

from __future__ import annotations


def load_default():
    return None
