"""Hype Lens, the Streamlit front end: layout and widgets only; all the work is in pipeline/."""

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from pathlib import Path  # noqa: E402

import streamlit as st  # noqa: E402

from pipeline.run import tag_files  # noqa: E402

SAMPLES = Path(__file__).parent / "sample_posts" / "exports"

st.set_page_config(page_title="Hype Lens", layout="wide")
st.title("Hype Lens")


@st.cache_data(show_spinner="Tagging the sample posts…")
def sample_table():
    files = sorted(p for p in SAMPLES.rglob("*") if p.is_file() and p.name != "EXPECTED.json")
    return tag_files(files).table.drop(columns=["spans"])


st.dataframe(sample_table(), hide_index=True)
