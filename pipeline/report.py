"""What the app's views show, computed from the tagged table: no Streamlit here, so every figure is testable."""

from __future__ import annotations

import html
import math
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pandas as pd

from . import lexicons

LABELS = ("benchmark_claim", "anecdotal", "mixed", "neither")
# One colour per label, in every chart, the table's pills and the score bars (Okabe and Ito's palette, which
# readers with any common colour-vision deficiency can tell apart).
LABEL_COLOURS = {"benchmark_claim": "#0072B2", "anecdotal": "#E69F00", "mixed": "#CC79A7", "neither": "#999999"}
# The score bars: each score in the colour of the label it is the probability of.
SCORE_LABELS = {"benchmark_claim_score": "benchmark_claim", "anecdotal_score": "anecdotal"}
LAYER_COLOURS = {"cliches": "#ffd8a8", "benchmarks": "#a5d8ff", "scores": "#b2f2bb", "models": "#e5dbff",
                 "cues": "#f1f3f5"}
# Marks that stand for no label (cliché bars' outline, word clouds): a neutral ink none of the labels use.
INK = "#495057"
LAYER_NAMES = {"cliches": "Cliché", "benchmarks": "Benchmark", "scores": "Score / result", "models": "Model",
               "cues": "Experience / praise / complaint cue"}
# The three phrases the essay behind this product says 80% of LinkedIn posts about a new model use.
ORWELL_THREE = ("blown away", "stunned", "stopped in my tracks")


def label_palette() -> list[str]:
    """The label colours in the order of LABELS: the range of every chart's colour scale over that domain."""
    return [LABEL_COLOURS[label] for label in LABELS]


def share_text(share: float) -> str:
    """A share as a whole percentage that never rounds a few posts away: "<1%" rather than "0%", ">99%" rather
    than "100%" when some are missing; "0%" and "100%" only when it is exactly none or all."""
    if share <= 0:
        return "0%"
    if share >= 1:
        return "100%"
    whole = round(share * 100)
    if whole < 1:
        return "<1%"
    if whole > 99:
        return ">99%"
    return f"{whole}%"


def split_list(cell: str) -> list[str]:
    return [v for v in str(cell).split("; ") if v] if cell else []


@dataclass
class Headline:
    posts: int
    shares: dict[str, float]
    cliches_per_100_words: float
    orwell_share: float
    orwell_posts: int


def headline(table: pd.DataFrame) -> Headline:
    """The headline figures: label shares, cliché density, and the share of posts using one of the three phrases."""
    n = len(table)
    if n == 0:
        return Headline(0, {label: 0.0 for label in LABELS}, 0.0, 0.0, 0)
    counts = table["label"].value_counts()
    words = int(table["word_count"].sum())
    orwell = table["cliches"].map(lambda c: any(p in split_list(c) for p in ORWELL_THREE))
    return Headline(
        posts=n,
        shares={label: float(counts.get(label, 0)) / n for label in LABELS},
        cliches_per_100_words=100.0 * float(table["cliche_count"].sum()) / words if words else 0.0,
        orwell_share=float(orwell.mean()),
        orwell_posts=int(orwell.sum()),
    )


@dataclass
class Filters:
    labels: tuple[str, ...] = ()
    platforms: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    authors: tuple[str, ...] = ()
    models: tuple[str, ...] = ()
    benchmarks: tuple[str, ...] = ()
    cliches: tuple[str, ...] = ()
    search: str = ""

    def active(self) -> list[str]:
        """The names of the filters that are set, in the sidebar's order."""
        named = [("label", self.labels), ("platform", self.platforms), ("dates", self.start or self.end),
                 ("author", self.authors), ("model", self.models), ("benchmark", self.benchmarks),
                 ("cliché", self.cliches), ("search", self.search.strip())]
        return [name for name, value in named if value]


def dates_of(table: pd.DataFrame) -> pd.Series:
    return pd.to_datetime(table["created_at"].replace("", None), utc=True, errors="coerce")


def apply_filters(table: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """The posts that pass every filter set; an empty filter lets everything through."""
    keep = pd.Series(True, index=table.index)
    if f.labels:
        keep &= table["label"].isin(f.labels)
    if f.platforms:
        keep &= table["platform"].isin(f.platforms)
    if f.authors:
        keep &= table["author"].isin(f.authors)
    if f.start or f.end:
        when = dates_of(table).dt.date
        if f.start:
            keep &= when >= f.start
        if f.end:
            keep &= when <= f.end
    for column, wanted in (("models", f.models), ("benchmarks", f.benchmarks), ("cliches", f.cliches)):
        if wanted:
            keep &= table[column].map(lambda c, w=set(wanted): bool(w.intersection(split_list(c))))
    if f.search.strip():
        keep &= table["text"].str.contains(f.search.strip(), case=False, regex=False)
    return table[keep]


def values_of(table: pd.DataFrame, column: str) -> list[str]:
    """Every distinct value of a '; '-joined column, most frequent first."""
    return [v for v, _ in exploded_counts(table, column).most_common()]


def exploded_counts(table: pd.DataFrame, column: str) -> Counter:
    counts: Counter = Counter()
    for cell in table[column]:
        counts.update(split_list(cell))
    return counts


def weekly_mix(table: pd.DataFrame) -> pd.DataFrame:
    """Posts per week and label (weeks start on Monday; `week_end` is the next Monday, so a bar spans its week),
    with where each label's part of the week's bar starts and ends; posts with no date are left out."""
    when = dates_of(table)
    dated = table.assign(week=when.dt.tz_localize(None).dt.to_period("W-SUN").dt.start_time)[when.notna()]
    if dated.empty:
        return pd.DataFrame(columns=["week", "week_end", "label", "posts", "stack_end", "stack_start"])
    mix = dated.groupby(["week", "label"]).size().reset_index(name="posts")
    mix.insert(1, "week_end", mix["week"] + pd.Timedelta(days=7))
    # Stacked in the order of LABELS: a bar spanning its week cannot also be stacked by Vega-Lite.
    mix = mix.sort_values(["week", "label"], key=lambda c: c.map(LABELS.index) if c.name == "label" else c)
    mix["stack_end"] = mix.groupby("week")["posts"].cumsum()
    mix["stack_start"] = mix["stack_end"] - mix["posts"]
    return mix.reset_index(drop=True)


@dataclass
class WeekRange:
    """The weeks the weekly chart shows by default, and the posts it leaves outside them."""
    start: pd.Timestamp  # the Monday of the first week shown
    end: pd.Timestamp  # the Monday of the last week shown
    earlier: int  # dated posts before `start`
    later: int  # dated posts after the last week shown
    first: pd.Timestamp  # the Monday of the first week with a post
    last: pd.Timestamp  # the Monday of the last week with a post

    @property
    def clipped(self) -> bool:
        return bool(self.earlier or self.later)


def week_range(weekly: pd.DataFrame, *, keep: float = 0.95) -> WeekRange | None:
    """The shortest run of weeks holding at least `keep` of the posts, when it is less than half of all the
    weeks; otherwise every week. A few stray old posts (a 2017 repost among last month's) would otherwise squeeze
    every bar into the right edge. The share is 95% rather than 99% so that a hundred-post export can still leave
    out its handful of stragglers; the halving rule keeps an evenly spread selection whole."""
    if weekly.empty:
        return None
    per_week = weekly.groupby("week")["posts"].sum().sort_index()
    weeks, counts = list(per_week.index), per_week.to_numpy()
    need = math.ceil(keep * int(counts.sum()))
    best = (0, len(weeks) - 1)
    lo, held = 0, 0
    for hi in range(len(weeks)):  # two pointers: the shortest span ending at each week that holds `need` posts
        held += int(counts[hi])
        while held - int(counts[lo]) >= need:
            held -= int(counts[lo])
            lo += 1
        if held >= need and weeks[hi] - weeks[lo] < weeks[best[1]] - weeks[best[0]]:
            best = (lo, hi)
    full = weeks[-1] - weeks[0]
    if not (weeks[best[1]] - weeks[best[0]]) * 2 < full:
        best = (0, len(weeks) - 1)
    lo, hi = best
    return WeekRange(start=weeks[lo], end=weeks[hi], earlier=int(counts[:lo].sum()),
                     later=int(counts[hi + 1:].sum()), first=weeks[0], last=weeks[-1])


def week_axis(start: pd.Timestamp, end: pd.Timestamp) -> tuple[str, str]:
    """The time axis of a chart from `start` to `end`: a d3 time format that always shows the year, and the tick
    interval that suits the span (weeks, months or years)."""
    days = (end - start).days
    if days <= 7 * 16:
        return "%-d %b %Y", "week"
    if days <= 366 * 3:
        return "%b %Y", "month"
    return "%Y", "year"


def outside_note(weeks: WeekRange) -> str:
    """What the weekly chart leaves out by default, in one line."""
    parts = []
    if weeks.earlier:
        parts.append(f"{_posts(weeks.earlier, 'older')} (back to {weeks.first:%b %Y})")
    if weeks.later:
        parts.append(f"{_posts(weeks.later, 'newer')} (up to {weeks.last:%b %Y})")
    return (f"The chart shows the weeks of {weeks.start:%-d %b %Y} to {weeks.end:%-d %b %Y}, where most posts are; "
            f"{' and '.join(parts)} {'is' if weeks.earlier + weeks.later == 1 else 'are'} outside it.")


def _posts(n: int, kind: str) -> str:
    return f"{n:,} {kind} post" + ("" if n == 1 else "s")


def mix_by(table: pd.DataFrame, column: str, *, top: int | None = None) -> pd.DataFrame:
    """Posts per value of `column` and label; for list columns (models) a post counts once per value. With `top`,
    only the `top` values with the most posts are kept."""
    if column in ("models", "benchmarks", "cliches"):
        rows = [(v, label) for cell, label in zip(table[column], table["label"], strict=True)
                for v in dict.fromkeys(split_list(cell))]
        frame = pd.DataFrame(rows, columns=[column, "label"])
    else:
        frame = table[[column, "label"]]
    if frame.empty:
        return pd.DataFrame(columns=[column, "label", "posts", "share"])
    mix = frame.groupby([column, "label"]).size().reset_index(name="posts")
    if top is not None:
        mix = mix[mix[column].isin(mix.groupby(column)["posts"].sum().nlargest(top).index)]
    # The share of that value's posts, as the tooltip says it ("<1%", never "0%" for a post or two).
    return mix.assign(share=(mix["posts"] / mix.groupby(column)["posts"].transform("sum")).map(share_text))


def top_cliches(table: pd.DataFrame, n: int = 15) -> pd.DataFrame:
    counts = exploded_counts(table, "cliches").most_common(n)
    return pd.DataFrame(counts, columns=["cliche", "occurrences"])


def highlight_html(text: str, spans: list[dict], layers: set[str]) -> str:
    """The post as HTML with the chosen span layers marked; every character of the post is escaped.

    Overlapping spans (a cliché inside a longer cue, say) are drawn by cutting the text at every span edge and
    marking each piece with all the layers that cover it.
    """
    chosen = [s for s in spans if s["layer"] in layers and 0 <= s["start"] < s["end"] <= len(text)]
    cuts = sorted({0, len(text), *[s["start"] for s in chosen], *[s["end"] for s in chosen]})
    out = []
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        piece = html.escape(text[lo:hi]).replace("\n", "<br>")
        covering = [s for s in chosen if s["start"] <= lo and hi <= s["end"]]
        if not covering:
            out.append(piece)
            continue
        top = covering[-1]
        title = html.escape("; ".join(f"{LAYER_NAMES[s['layer']]}: {s['label']}" + (" (negated)" if s.get("negated")
                                                                                    else "") for s in covering))
        style = f"background:{LAYER_COLOURS[top['layer']]};border-radius:3px;padding:0 2px"
        if len(covering) > 1:
            style += f";box-shadow:inset 0 -3px 0 {LAYER_COLOURS[covering[0]['layer']]}"
        if any(s["layer"] == "cliches" for s in covering):
            style += ";font-weight:600"
        out.append(f'<mark title="{title}" style="{style};color:inherit">{piece}</mark>')
    return '<div style="line-height:1.7;white-space:normal">' + "".join(out) + "</div>"


def legend_html(layers: set[str], counts: Counter) -> str:
    items = [f'<span style="background:{LAYER_COLOURS[layer]};border-radius:3px;padding:1px 6px;margin-right:8px">'
             f"{html.escape(LAYER_NAMES[layer])} ({counts.get(layer, 0)})</span>" for layer in LAYER_COLOURS
             if layer in layers]
    return "<div>" + "".join(items) + "</div>"


def cliche_notes(spans: list[dict]) -> list[dict]:
    """For each distinct cliché in a post: what it is, and the plain alternative to reach for instead."""
    entries = lexicons.cliche_by_canonical()
    seen, out = set(), []
    for s in spans:
        if s["layer"] != "cliches" or s["label"] in seen or s["label"] not in entries:
            continue
        seen.add(s["label"])
        e = entries[s["label"]]
        out.append({"cliche": e.canonical, "as written": s["text"], "what it is": e.note, "instead": e.suggestion,
                    "negated": bool(s.get("negated"))})
    return out


def download_name(kind: str, *, filtered: bool, now: datetime | None = None) -> str:
    """A file name that says what it holds and when: hype-lens_posts_filtered_2026-11-30T1705Z.csv."""
    stamp = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H%MZ")
    return f"hype-lens_{kind}_{'filtered' if filtered else 'all'}_{stamp}.csv"


def filter_notice(shown: int, total: int, filters: Filters) -> str:
    """The line every view shows while filters hide posts: how many are shown, of how many, and which filters."""
    active = filters.active()
    by = f" (filtered by {', '.join(active)})" if active else ""
    return f"Showing {shown:,} of {total:,} posts{by}: {total - shown:,} hidden."


def filtered_download_label(shown: int, total: int) -> str:
    """What the filtered download holds, on its button."""
    if shown == total:
        return "Download the filtered posts (CSV): no filter hides any post"
    return f"Download the {shown:,} posts shown, of {total:,} (filtered, CSV)"


def check_counts(claims: pd.DataFrame) -> dict[str, int]:
    """Claim records per check verdict, in the policy's order (every verdict listed, zero included)."""
    from .reference.check import CHECKS

    counts = claims["check"].value_counts() if "check" in claims else pd.Series(dtype=int)
    return {c: int(counts.get(c, 0)) for c in CHECKS}


def claimed_and_reported(claims: pd.DataFrame) -> pd.DataFrame:
    """Claimed figures beside the reported ones, for the benchmarks where at least one claim has a reference:
    one row per claimed figure (`series` "claimed", with its check) and one per reference row of the same model
    and benchmark (`series` "reported, self_reported" or "reported, independent"), all on the 0..100 scale."""
    from .reference.check import reference_table

    columns = ["benchmark", "model", "value", "series", "check", "detail"]
    checked = claims[claims["reference_value"].notna() & (claims["reference_value"].astype(str) != "")]
    if checked.empty:
        return pd.DataFrame(columns=columns)
    table = reference_table()
    rows, pairs = [], set()
    for claim in checked.itertuples(index=False):
        value = float(claim.value)
        # a "score" claim of 0.77 was compared as 77 (see the check's reason)
        if claim.unit == "score" and 0 <= value <= 1:
            value *= 100
        rows.append((claim.benchmark, claim.model, value, "claimed", claim.check, claim.check_reason))
        pairs.add((claim.model, claim.benchmark))
    for model, benchmark in sorted(pairs):
        for r in table.rows(model, benchmark):
            if r.unit == "percent":
                rows.append((benchmark, model, r.value, f"reported, {r.kind}", "", r.describe()))
    return pd.DataFrame(rows, columns=columns)


def claims_download_label(shown: int, *, filtered: bool) -> str:
    """What the claims download holds, on its button."""
    if filtered:
        return f"Download the {shown:,} claim records shown (filtered, CSV)"
    return f"Download all {shown:,} claim records (CSV)"


def blank_missing(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy for a table view in which a missing value is an empty cell, not "None" or "nan": a number column
    with gaps becomes text ("88.7", or "" where there is none); text columns get "" for a gap."""
    out = frame.copy()
    for column in out.columns:
        gaps = out[column].isna()
        if not gaps.any():
            continue
        if pd.api.types.is_numeric_dtype(out[column]):
            out[column] = [("" if gap else f"{value:g}") for value, gap in zip(out[column], gaps, strict=True)]
        else:
            out[column] = out[column].astype(object).where(~gaps, "").astype(str)
    return out


def label_badge_html(label: str) -> str:
    """A post's label as a pill in its label colour (the label is one of LABELS, escaped all the same)."""
    return (f'<span style="background:{LABEL_COLOURS[label]};color:#fff;border-radius:999px;padding:2px 10px;'
            f'font-weight:600">{html.escape(label)}</span>')


def score_bars_html(row: pd.Series | dict) -> str:
    """A post's two scores as bars, each in the colour of its label: the same bars as the post table's."""
    bars = []
    for column, label in SCORE_LABELS.items():
        score = min(1.0, max(0.0, float(row[column])))
        name = "Benchmark claim" if label == "benchmark_claim" else "Anecdotal endorsement"
        bars.append(
            f'<div style="flex:1;min-width:10rem"><div>{html.escape(name)}: {score:.2f}</div>'
            f'<div style="background:#e9ecef;border-radius:4px;height:0.6rem" role="meter" aria-valuemin="0" '
            f'aria-valuemax="1" aria-valuenow="{score:.2f}" aria-label="{html.escape(name)}">'
            f'<div style="width:{score:.1%};background:{LABEL_COLOURS[label]};height:100%;border-radius:4px"></div>'
            f"</div></div>")
    return '<div style="display:flex;gap:1.5rem;flex-wrap:wrap">' + "".join(bars) + "</div>"
