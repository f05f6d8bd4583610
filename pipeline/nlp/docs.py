"""Reading a tagged Doc cheaply: its text and its sentences, without walking its tokens one Python object at a
time."""

from __future__ import annotations

from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

# Where `make_doc` keeps a Doc's text: `Doc.text` joins every token's text again on each access.
TEXT_KEY = "hype_lens.text"


def make_doc(nlp: Language, text: str) -> Doc:
    """`nlp.make_doc(text)`, keeping `text` for `doc_text`."""
    doc = nlp.make_doc(text)
    doc.user_data[TEXT_KEY] = text
    return doc


def doc_text(doc: Doc) -> str:
    """The Doc's text: as kept by `make_doc`, else joined from its tokens."""
    text = doc.user_data.get(TEXT_KEY)
    return doc.text if text is None else text


def sentence_bounds(doc: Doc) -> list[tuple[int, int, int, int]]:
    """(first token, end token, first character, end character) of each sentence, as `doc.sents` splits the Doc
    (the whole Doc when no sentences are set).

    Read from arrays: `doc.sents` and `Span.start_char` make a Token object for every token they pass.
    """
    if not len(doc):
        return []
    table = doc.to_array([SENT_START, IDX, LENGTH])
    starts = [0]
    if doc.has_annotation("SENT_START"):
        flags = table[:, 0].tolist()  # plain lists: on a post's few dozen tokens, faster than numpy's calls
        starts += [i for i in range(1, len(flags)) if flags[i] == 1]
    ends = [*starts[1:], len(doc)]
    first_chars, lengths = table[:, 1].tolist(), table[:, 2].tolist()
    return [(a, b, first_chars[a], first_chars[b - 1] + lengths[b - 1]) for a, b in zip(starts, ends, strict=True)]


def sentences(doc: Doc) -> list[Span]:
    """The Doc's sentences, as `doc.sents` gives them (the whole Doc when none are set)."""
    return [doc[a:b] for a, b, _, _ in sentence_bounds(doc)] if len(doc) else [doc[:]]
