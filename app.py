"""Hype Lens, the Streamlit front end: layout and widgets only. Everything it shows is computed in pipeline/."""

import html
import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import hashlib  # noqa: E402
from collections import Counter  # noqa: E402
from pathlib import Path  # noqa: E402

import altair as alt  # noqa: E402
import pandas as pd  # noqa: E402
import streamlit as st  # noqa: E402

from pipeline import corrections, report  # noqa: E402
from pipeline import nlp as nlp_module  # noqa: E402
from pipeline.analyze import analyze, available_cores, empty_table  # noqa: E402
from pipeline.export import claims_csv_bytes, csv_bytes  # noqa: E402
from pipeline.model import classifier  # noqa: E402
from pipeline.readers import Limits, ReadResult, read_many  # noqa: E402
from pipeline.run import FileRun, Run, batch_key, combine, result_key, tag_files, tag_texts  # noqa: E402

SAMPLES = Path(__file__).parent / "sample_posts" / "exports"
ROW_HEIGHT = 24  # pixels per bar in the charts with one bar per category
# The stated upload limit; an operator may lower or raise it (the .streamlit/config.toml cap must follow).
LIMITS = Limits(max_file_bytes=int(float(os.environ.get("HYPE_LENS_MAX_UPLOAD_MB", "200")) * 2**20))
TABS = ["Overview", "Posts", "Clichés", "Claims", "Paste a post", "Review queue"]
REVIEW_QUEUE_SIZE = 20
UPLOAD_TYPES = ["zip", "gz", "tgz", "tar", "csv", "json", "jsonl", "js", "car", "txt"]
ALL_LAYERS = list(report.LAYER_NAMES)
# Every widget that hides posts: the sidebar filters, the clichés chart that sets one, the claims view's own three.
FILTER_KEYS = ("f_labels", "f_platforms", "f_dates", "f_authors", "f_models", "f_benchmarks", "f_cliches", "f_search",
               "cliche_bars", "c_models", "c_benchmarks", "c_checks")

st.set_page_config(page_title="Hype Lens", page_icon="🔎", layout="wide")


@st.cache_resource(show_spinner="Loading the language pipeline and the model…")
def load_models() -> bool:
    """Build the spaCy pipeline and load the classifier once per process."""
    nlp_module.shared()
    classifier.load_default()
    return True


@st.cache_data(show_spinner="Tagging the bundled sample posts…")
def sample_run() -> Run:
    files = sorted(p for p in SAMPLES.rglob("*") if p.is_file() and p.name != "EXPECTED.json")
    return tag_files([(p.read_bytes(), p.relative_to(SAMPLES).as_posix()) for p in files])


def tag_result(result: ReadResult, key: str, bar, *, use_model: bool) -> FileRun:
    """Tag one file's posts, cached in this session by what the read gave (filters never re-tag)."""
    cache = st.session_state.setdefault("tagged", {})
    key = f"{key}:{'model' if use_model else 'rules'}"
    if key not in cache:
        name = result.source_file
        total = max(1, len(result.posts))

        def tick(done: int) -> None:
            bar.progress(min(1.0, done / total), text=f"Tagging {name}: {done:,} of {len(result.posts):,} posts")

        classifier_choice = "auto" if use_model else None
        table = (analyze(result.posts, classifier=classifier_choice, workers=available_cores(), progress=tick)
                 if result.posts else empty_table())
        cache[key] = FileRun(result, table)
    return cache[key]


def uploaded_run(files, *, use_model: bool) -> tuple[Run, str]:
    """The run over every uploaded file, and an id for the upload. The files are read together (an X tweets.js and
    its note-tweet.js are joined); a file over the limit or unreadable is reported and the rest load."""
    batch = [(f.getvalue(), f.name) for f in files]
    key = batch_key(batch)
    bar = st.progress(0.0, text="Starting…")
    held = st.session_state.get("read")
    if not held or held[0] != key:
        bar.progress(0.0, text=f"Reading {len(batch)} file(s)…")
        held = (key, [(r, result_key(r)) for r in read_many(batch, limits=LIMITS)])
        st.session_state["read"] = held  # only the current upload's reads are kept
    runs = [tag_result(result, rkey, bar, use_model=use_model) for result, rkey in held[1]]
    bar.empty()
    return combine(runs), key


def reset_filters_on_new_data(data_key: str) -> None:
    """When the data changes (another upload, or back to the samples), every filter starts again from all posts."""
    if st.session_state.get("data_key") != data_key:
        clear_filters()
        st.session_state["data_key"] = data_key


def clear_filters() -> None:
    for key in [*FILTER_KEYS, *(k for k in st.session_state if str(k).startswith("f_dates:"))]:
        st.session_state.pop(key, None)


def file_summaries(run) -> None:
    """One line per file: posts read, skipped by reason, and any error."""
    for f in run.files:
        line = f.result.summary()
        (st.error if f.result.error else st.success)(line, icon="⚠️" if f.result.error else "✅")
    if run.duplicates_across_files:
        st.info(f"{run.duplicates_across_files} post(s) appeared in more than one file and are counted once.")


def sidebar_filters(table: pd.DataFrame) -> report.Filters:
    """The filters every view follows."""
    st.sidebar.header("Filters")
    labels = st.sidebar.multiselect("Label", report.LABELS, key="f_labels")
    platforms = st.sidebar.multiselect("Platform", sorted(table["platform"].unique()), key="f_platforms")
    when = report.dates_of(table).dropna()
    start = end = None
    if len(when):
        lo, hi = when.min().date(), when.max().date()
        # Keyed by the data's range: a browser keeps a widget's last value under its key, so new data gets a new
        # widget showing its own full range.
        picked = st.sidebar.date_input("Date range", value=(lo, hi), min_value=lo, max_value=hi,
                                       key=f"f_dates:{lo}:{hi}")
        if isinstance(picked, (tuple, list)) and len(picked) == 2 and (picked[0], picked[1]) != (lo, hi):
            start, end = picked
    authors = st.sidebar.multiselect("Author", sorted(a for a in table["author"].unique() if a), key="f_authors")
    models = st.sidebar.multiselect("Model mentioned", report.values_of(table, "models"), key="f_models")
    benchmarks = st.sidebar.multiselect("Benchmark", report.values_of(table, "benchmarks"), key="f_benchmarks")
    cliches = st.sidebar.multiselect("Cliché", report.values_of(table, "cliches"), key="f_cliches")
    search = st.sidebar.text_input("Search the text", key="f_search")
    return report.Filters(tuple(labels), tuple(platforms), start, end, tuple(authors), tuple(models),
                          tuple(benchmarks), tuple(cliches), search)


def headline_view(table: pd.DataFrame) -> None:
    """Headline figures and the Orwell check."""
    h = report.headline(table)
    cols = st.columns(6)
    cols[0].metric("Posts", f"{h.posts:,}")
    cols[1].metric("Benchmark claims", report.share_text(h.shares["benchmark_claim"]))
    cols[2].metric("Anecdotal", report.share_text(h.shares["anecdotal"]))
    cols[3].metric("Mixed", report.share_text(h.shares["mixed"]))
    cols[4].metric("Neither", report.share_text(h.shares["neither"]))
    cols[5].metric("Clichés per 100 words", f"{h.cliches_per_100_words:.2f}")
    st.subheader("The Orwell check")
    left, right = st.columns([1, 3])
    left.metric("Posts using one of the three phrases", report.share_text(h.orwell_share),
                help="'blown away', 'stunned' or 'stopped in my tracks', including negated uses")
    right.markdown(
        f"An essay on hype guessed that about **80%** of LinkedIn posts about a new model use one of "
        f"*blown away*, *stunned* or *stopped in my tracks*. In the posts shown here it is "
        f"**{report.share_text(h.orwell_share)}** "
        f"({h.orwell_posts:,} of {h.posts:,}). Orwell's rule: never use a figure of speech you are used to "
        f"seeing in print.")


def mix_views(table: pd.DataFrame) -> None:
    """Label mix over time, by platform and by model mentioned."""
    weekly = report.weekly_mix(table)
    st.subheader("Label mix by week")
    if weekly.empty:
        st.info("No post in this selection has a date.")
    else:
        weekly_chart(weekly)
    left, right = st.columns(2)
    with left:
        st.subheader("By platform")
        label_bars(report.mix_by(table, "platform"), "platform", share=True)
    with right:
        st.subheader("By model mentioned")
        by_model = report.mix_by(table, "models", top=12)
        if by_model.empty:
            st.info("No post in this selection names a model.")
        else:
            label_bars(by_model, "models", share=False)


def draw(chart: alt.Chart, *, rows: int | None = None, **options):
    """st.altair_chart, fitted to the width. A chart with one row per category (`rows` of them) gets a height in
    pixels: left to its step height, Vega-Lite warns on the console that it cannot fit the height."""
    if rows is not None:
        chart = chart.properties(height=ROW_HEIGHT * max(rows, 1))
    return st.altair_chart(chart.properties(autosize=alt.AutoSizeParams(type="fit-x", contains="padding")),
                           **options)


def label_colour() -> alt.Color:
    """Colour by label: one palette, the four labels in one order, so every chart's legend means the same."""
    return alt.Color("label:N", title="Label", sort=list(report.LABELS),
                     scale=alt.Scale(domain=list(report.LABELS), range=report.label_palette()),
                     legend=alt.Legend(orient="top"))  # above the chart: on a phone a side legend halves it


def weekly_chart(weekly: pd.DataFrame) -> None:
    """Posts per week, coloured by label, over the weeks where most posts are (every week on request)."""
    weeks = report.week_range(weekly)
    every_week = weeks.clipped and st.toggle("Show every week", key="weekly_all",
                                             help=report.outside_note(weeks))
    if weeks.clipped and not every_week:
        weekly = weekly[weekly["week"].between(weeks.start, weeks.end)]
        st.caption(report.outside_note(weeks))
    fmt, interval = report.week_axis(weekly["week"].min(), weekly["week_end"].max())
    draw(alt.Chart(weekly).mark_rect(stroke="white", strokeWidth=1).encode(
        x=alt.X("week:T", title="Week",
                axis=alt.Axis(format=fmt, tickCount={"interval": interval, "step": 1}, labelOverlap=True)),
        x2="week_end:T", y=alt.Y("stack_start:Q", title="Posts"), y2="stack_end:Q", color=label_colour(),
        tooltip=[alt.Tooltip("week:T", title="Week of", format="%-d %b %Y"), "label:N", "posts:Q"]))


def label_bars(mix: pd.DataFrame, column: str, *, share: bool) -> None:
    """Horizontal bars of posts per `column` value, coloured by label; as shares of each bar when `share`."""
    x = (alt.X("posts:Q", title="Share of posts", stack="normalize", axis=alt.Axis(format="%")) if share
         else alt.X("posts:Q", title="Posts"))
    draw(alt.Chart(mix).mark_bar().encode(
        y=alt.Y(f"{column}:N", title=None, sort="-x"), x=x, color=label_colour(),
        tooltip=[f"{column}:N", "label:N", "posts:Q", alt.Tooltip("share:N", title="Share")]),
        rows=mix[column].nunique())


def cliche_views(table: pd.DataFrame) -> None:
    """Top clichés (click a bar to filter on it) and word clouds of clichés and benchmark names."""
    top = report.top_cliches(table)
    st.subheader("Top clichés")
    if top.empty:
        st.info("No clichés in this selection.")
    else:
        pick = alt.selection_point(fields=["cliche"], name="pick")
        chart = alt.Chart(top).mark_bar(color=report.LAYER_COLOURS["cliches"], stroke=report.INK).encode(
            y=alt.Y("cliche:N", sort="-x", title=None),
            x=alt.X("occurrences:Q", title="Occurrences", axis=alt.Axis(tickMinStep=1, format="d")),
            tooltip=["cliche:N", "occurrences:Q"]).add_params(pick)
        event = draw(chart, rows=len(top), on_select="rerun", key="cliche_bars")
        chosen = [p.get("cliche") for p in (event.selection.get("pick") or []) if p.get("cliche")] if event else []
        if chosen and chosen != st.session_state.get("f_cliches"):
            st.session_state["f_cliches"] = chosen
            st.rerun()
        st.caption("Click a bar to filter every view on that cliché; clear it in the sidebar.")
    left, right = st.columns(2)
    for column, title, where in (("cliches", "Clichés", left), ("benchmarks", "Benchmarks", right)):
        with where:
            st.subheader(f"Word cloud: {title.lower()}")
            freqs = report.exploded_counts(table, column)
            if freqs:
                st.image(word_cloud(tuple(sorted(freqs.items()))), width="stretch")
            else:
                st.info(f"No {title.lower()} in this selection.")


@st.cache_data(show_spinner=False)
def word_cloud(freqs: tuple):
    from wordcloud import WordCloud

    # One ink colour: the cloud's default rainbow would borrow the label colours and mean nothing.
    return WordCloud(width=800, height=400, background_color="white", random_state=0, prefer_horizontal=0.95,
                     color_func=lambda *args, **kwargs: report.INK).generate_from_frequencies(
                         dict(freqs)).to_image()


def post_view(row: pd.Series, *, key: str) -> None:
    """One post: its label, both probabilities, every span layer highlighted with toggles, the why, cliché notes."""
    source = ("✎ labels you set" if row["label_source"] == corrections.CORRECTED
              else f"labels from the {row['label_source']}")
    st.html(f"<div><b>Label:</b> {report.label_badge_html(row['label'])} &nbsp;·&nbsp; {html.escape(source)}</div>"
            + report.score_bars_html(row))
    spans = row["spans"]
    counts = Counter(s["layer"] for s in spans)
    layers = st.pills("Highlight", ALL_LAYERS, selection_mode="multi", default=ALL_LAYERS,
                      format_func=lambda layer: f"{report.LAYER_NAMES[layer]} ({counts.get(layer, 0)})", key=key)
    shown = set(layers or [])
    st.html(report.legend_html(shown, counts) + report.highlight_html(row["text"], spans, shown))
    if row["why"]:
        st.markdown("**Why:** " + row["why"].replace("|", "·"), help="The spans that drove the label.")
    notes = report.cliche_notes(spans)
    if notes:
        st.markdown("**Clichés, and what to say instead**")
        st.dataframe(report.blank_missing(pd.DataFrame(notes)), hide_index=True, width="stretch")


def posts_view(table: pd.DataFrame, full: pd.DataFrame, filtered: bool) -> None:
    """The post table; pick a row to open it in the highlighted view. Downloads of all or the filtered posts."""
    columns = ["benchmark_claim_score", "anecdotal_score", "text", "platform", "author", "created_at", "cliche_count",
               "cliches", "benchmarks", "models", "claim_count", "permalink"]
    shown = table[columns].assign(label_pill=table["label"].map(lambda v: [v]),
                                  corrected=table["label_source"].map(lambda v: "✎" if v == corrections.CORRECTED
                                                                      else ""))
    event = st.dataframe(
        shown, key="posts_table", hide_index=True, on_select="rerun", selection_mode="single-row",
        column_order=["label_pill", "corrected", *columns],
        column_config={
            "label_pill": st.column_config.MultiselectColumn(
                "Label", options=list(report.LABELS), color=report.label_palette(), width="medium"),
            "corrected": st.column_config.TextColumn("✎", help="✎: labels you set (label_source corrected)",
                                                     width="small"),
            "benchmark_claim_score": st.column_config.ProgressColumn(
                "Benchmark claim", min_value=0, max_value=1, format="%.2f",
                color=report.LABEL_COLOURS["benchmark_claim"]),
            "anecdotal_score": st.column_config.ProgressColumn(
                "Anecdotal", min_value=0, max_value=1, format="%.2f", color=report.LABEL_COLOURS["anecdotal"]),
            "text": st.column_config.TextColumn("Post", width="large"),
            "permalink": st.column_config.LinkColumn("Link", display_text="open"),
            "cliche_count": st.column_config.NumberColumn("Clichés"),
            "claim_count": st.column_config.NumberColumn("Claims"),
        })
    rows = event.selection.rows if event else []
    if rows:
        st.divider()
        row = table.iloc[rows[0]]
        post_view(row, key="table_layers")
        correction_form(row, key="table_fix")
    else:
        st.caption("Select a row to open the post with its highlights, and to correct its labels.")
    c1, c2 = st.columns(2)
    c1.download_button("Download all tagged posts (CSV)", csv_bytes(full), key="dl_all", mime="text/csv",
                       file_name=report.download_name("posts", filtered=False))
    c2.download_button(report.filtered_download_label(len(table), len(full)), csv_bytes(table), key="dl_filtered",
                       mime="text/csv", file_name=report.download_name("posts", filtered=True), disabled=not filtered)


def claims_view(table: pd.DataFrame, *, filtered: bool) -> None:
    """Every claim record: who claims what, on which benchmark, how often without a number or from internal evals,
    and how each figure compares with what the model's maker and independent evaluators reported."""
    claims = corrections.claims_of(table).astype({"value": float, "out_of": float, "reference_value": float})
    if claims.empty:
        st.info("No benchmark claims with a model, a test and a result in this selection.")
        return
    counted = claims[~claims["marked_wrong"]]
    c1, c2, c3, c4 = st.columns(4)
    c1.metric("Claim records", f"{len(counted):,}")
    c2.metric("Without a number", report.share_text(counted["no_number"].mean()) if len(counted) else "0%")
    c3.metric("From internal evals", report.share_text(counted["internal_eval"].mean()) if len(counted) else "0%")
    c4.metric("Relayed", report.share_text(counted["relayed"].mean()) if len(counted) else "0%")
    if len(counted) < len(claims):
        st.caption(f"✎ {len(claims) - len(counted):,} claim record(s) you marked wrong are left out of these figures "
                   "and the chart; the table and the CSV keep them, with marked_wrong true.")
    st.caption("Checked against the public record: " + ", ".join(
        f"{n:,} {check.replace('_', ' ')}" for check, n in report.check_counts(counted).items()))
    left, middle, right = st.columns(3)
    models = left.multiselect("Model", sorted(m for m in claims["model"].unique() if m), key="c_models")
    benchmarks = middle.multiselect("Benchmark", sorted(claims["benchmark"].unique()), key="c_benchmarks")
    checks = right.multiselect("Check", list(report.check_counts(claims)), key="c_checks",
                               format_func=lambda c: c.replace("_", " "))
    if models:
        claims = claims[claims["model"].isin(models)]
    if benchmarks:
        claims = claims[claims["benchmark"].isin(benchmarks)]
    if checks:
        claims = claims[claims["check"].isin(checks)]
    figures = claims[~claims["marked_wrong"] & claims["value"].notna() & claims["unit"].isin(["percent", "score"])]
    if not figures.empty:
        st.subheader("Values claimed, per model and benchmark")
        # One row per benchmark and model, in the benchmark-claim colour: colour keeps its one meaning, the label.
        model = figures["model"].replace("", "(unnamed)")
        claim = figures["benchmark"] + " · " + model
        draw(alt.Chart(figures.assign(model=model, claim=claim)).mark_circle(
            size=90, color=report.LABEL_COLOURS["benchmark_claim"]).encode(
                x=alt.X("value:Q", title="Claimed result (percent or score)"), y=alt.Y("claim:N", title=None),
                tooltip=["model:N", "benchmark:N", "value:Q", "unit:N", "evidence:N"]), rows=claim.nunique())
    compared = report.claimed_and_reported(claims[~claims["marked_wrong"]])
    if not compared.empty:
        st.subheader("Claimed against reported")
        st.caption("Circles: figures the posts claim. Ticks: figures the model's maker (self reported, dark) or an "
                   "independent evaluator (light) reported. Sources: LLMStats (CC BY 4.0), Epoch AI (MIT).")
        rows = compared.assign(claim=compared["benchmark"] + " · " + compared["model"])
        series = ["claimed", "reported, self_reported", "reported, independent"]
        base = alt.Chart(rows).encode(
            x=alt.X("value:Q", title="Result (0–100)"), y=alt.Y("claim:N", title=None),
            color=alt.Color("series:N", title=None, sort=series, legend=alt.Legend(orient="top"),
                            scale=alt.Scale(domain=series, range=[report.LABEL_COLOURS["benchmark_claim"],
                                                                  "#333333", "#b3b3b3"])),
            tooltip=["model:N", "benchmark:N", "value:Q", "series:N", "check:N", "detail:N"])
        draw(alt.layer(base.transform_filter(alt.datum.series == "claimed").mark_circle(size=90),
                       base.transform_filter(alt.datum.series != "claimed").mark_tick(thickness=2)),
             rows=rows["claim"].nunique())
    st.dataframe(report.blank_missing(claims.drop(columns=["evidence_start", "evidence_end"])), hide_index=True,
                 key="claims_table",
                 column_config={"evidence": st.column_config.TextColumn("Evidence", width="large"),
                                "reference_value": st.column_config.TextColumn("Reported"),
                                "reference_source": st.column_config.LinkColumn("Reported where"),
                                "reference_kind": st.column_config.TextColumn("Reported by"),
                                "check": st.column_config.TextColumn("Check"),
                                "check_reason": st.column_config.TextColumn("Why", width="large")})
    filtered = filtered or bool(models or benchmarks or checks)
    st.download_button(report.claims_download_label(len(claims), filtered=filtered), claims_csv_bytes(claims),
                       key="dl_claims", mime="text/csv", file_name=report.download_name("claims", filtered=filtered))


def paste_view() -> None:
    """Paste one post and see it tagged."""
    text = st.text_area("Paste a post", key="pasted", height=160,
                        placeholder="Tried GPT-5.2 this morning and was blown away: 80% on SWE-bench Verified…")
    if st.button("Analyse", key="analyse", type="primary") or st.session_state.get("pasted_done") == text:
        if not text.strip():
            st.info("Paste the text of a post first.")
            return
        st.session_state["pasted_done"] = text
        row = corrections.apply(tag_texts([text]), held_corrections()).iloc[0]
        post_view(row, key="paste_layers")
        correction_form(row, key="paste_fix")


def held_corrections() -> dict:
    """The corrections made or loaded in this session, by (post id, text hash): kept across reruns, filters and
    uploads, and applied to whichever posts they match."""
    return st.session_state.setdefault("corrections", {})


def save_correction(row: pd.Series, *, benchmark_claim: bool, anecdotal: bool, wrong_claims=()) -> None:
    correction = corrections.correct(row, benchmark_claim=benchmark_claim, anecdotal=anecdotal,
                                     wrong_claims=wrong_claims)
    st.session_state["corrections"] = corrections.merge(held_corrections(), [correction])


def save_from_widgets(row: pd.Series, ident: str) -> None:
    # Read from the widgets' state at the click, not from the values they had when the button was drawn.
    save_correction(row, benchmark_claim=st.session_state[f"{ident}:claim"],
                    anecdotal=st.session_state[f"{ident}:anecdotal"],
                    wrong_claims=st.session_state.get(f"{ident}:wrong", ()))


def confirm(row: pd.Series) -> None:
    save_correction(row, benchmark_claim=bool(row["benchmark_claim"]), anecdotal=bool(row["anecdotal"]),
                    wrong_claims=row["wrong_claims"])


def remove_correction(row: pd.Series) -> None:
    held_corrections().pop(corrections.key_of(row), None)


def correction_form(row: pd.Series, *, key: str, skip=None) -> None:
    """Set a post's two labels by hand and mark claim records wrong; confirming the labels as they are is a
    correction too. With `skip`, a third button passes the post by (the review queue)."""
    st.markdown("**Your labels for this post**")
    ident = ":".join((key, *corrections.key_of(row)))  # one set of widgets per post: each opens on its labels
    left, right = st.columns(2)
    left.checkbox("Benchmark claim", value=bool(row["benchmark_claim"]), key=f"{ident}:claim")
    right.checkbox("Anecdotal endorsement", value=bool(row["anecdotal"]), key=f"{ident}:anecdotal")
    claims = row["claims"]
    if claims:
        st.multiselect("Which extracted claims are wrong?", list(range(len(claims))), default=list(row["wrong_claims"]),
                       format_func=lambda i: corrections.claim_choice(claims[i], i), key=f"{ident}:wrong",
                       help="Kept in the claims table and CSV, flagged marked_wrong, and left out of its counts.")
    buttons = st.columns(4 if skip else 3)
    buttons[0].button("Correct", key=f"{key}:save", type="primary", on_click=save_from_widgets, args=(row, ident),
                      help="Keep the labels ticked above as this post's labels (label_source corrected).")
    buttons[1].button("Confirm", key=f"{key}:confirm", on_click=confirm, args=(row,),
                      help="The labels shown are right: keep them as yours (label_source corrected).")
    if row["label_source"] == corrections.CORRECTED:
        buttons[2].button("Undo my correction", key=f"{key}:undo", on_click=remove_correction, args=(row,))
    if skip:
        buttons[-1].button("Skip", key=f"{key}:skip", on_click=skip, args=(row,))


def corrections_sidebar(table: pd.DataFrame) -> None:
    """The session's corrections: how many, a download of them, and a loader that brings a file's back."""
    st.sidebar.header("Corrections")
    upload = st.sidebar.file_uploader(
        "Load corrections", type=["csv"], key="corrections_upload",
        help="A corrections file downloaded from this app: its labels come back for every post whose id and text "
             "are the same. A row whose text does not match its hash is rejected.")
    if upload is None:
        st.session_state.pop("corrections_read", None)
    else:
        data = upload.getvalue()
        digest = hashlib.sha256(data).hexdigest()
        held = st.session_state.get("corrections_read")
        if not held or held[0] != digest:  # merged once per file: a later correction or undo is not overwritten
            result = corrections.read(data, name=upload.name)
            st.session_state["corrections"] = corrections.merge(held_corrections(), result.corrections)
            held = st.session_state["corrections_read"] = (digest, result)
        result = held[1]
        if result.error:
            st.sidebar.error(result.summary(), icon="⚠️")
        else:
            st.sidebar.success(result.summary(corrections.matched(table, result.corrections)), icon="✅")
        for line in result.rejected[:10]:
            st.sidebar.error(line, icon="⚠️")
        if len(result.rejected) > 10:
            st.sidebar.caption(f"… and {len(result.rejected) - 10:,} more rejected rows.")
    count = len(held_corrections())
    st.sidebar.markdown(f"✎ **{count:,} corrections** in this session")
    st.sidebar.download_button("Download the corrections (CSV)", corrections.to_csv(held_corrections().values()),
                               key="dl_corrections", mime="text/csv", file_name=corrections.download_name(),
                               disabled=not count, on_click="ignore")


def skip_in_review(row: pd.Series) -> None:
    st.session_state.setdefault("review_skipped", set()).add(corrections.key_of(row))


def review_queue_view(table: pd.DataFrame, *, thresholds: tuple[float, float]) -> None:
    """The posts shown whose labels are least sure, least sure first, one at a time to correct, confirm or skip."""
    skipped = st.session_state.setdefault("review_skipped", set())
    queue = corrections.review_queue(table, REVIEW_QUEUE_SIZE, thresholds=thresholds, skip=skipped)
    done = int((table["label_source"] == corrections.CORRECTED).sum())
    st.caption(f"The {REVIEW_QUEUE_SIZE} posts shown that are nearest a label's threshold, nearest first "
               f"(margin: distance in log-odds; posts labelled by the rules alone come after the model's). "
               f"✎ {done:,} of the {len(table):,} posts shown are corrected.")
    if queue.empty:
        st.success("Nothing left to review here: every post shown is corrected or skipped.")
        if skipped:
            st.button("Bring back the skipped posts", key="review_unskip", on_click=skipped.clear)
        return
    st.dataframe(queue[["margin", "label", "benchmark_claim_score", "anecdotal_score", "text", "platform"]],
                 key="review_table", hide_index=True,
                 column_config={"text": st.column_config.TextColumn("Post", width="large"),
                                "benchmark_claim_score": st.column_config.NumberColumn("Benchmark claim",
                                                                                       format="%.2f"),
                                "anecdotal_score": st.column_config.NumberColumn("Anecdotal", format="%.2f")})
    st.subheader(f"Next to review: 1 of {len(queue)}")
    row = queue.iloc[0]
    post_view(row, key="review_layers")
    correction_form(row, key="review", skip=skip_in_review)


def main() -> None:
    st.title("Hype Lens")
    st.caption("Benchmark claims, anecdotal endorsements and stale hype clichés in posts about AI model releases.")
    load_models()
    uploads = st.sidebar.file_uploader(
        "Upload post exports", type=UPLOAD_TYPES, accept_multiple_files=True, key="uploads",
        help=f"LinkedIn, X, Bluesky, Mastodon, Threads and Reddit exports (zips included), or any CSV, JSON, JSONL "
             f"or text file. Up to {LIMITS.max_file_bytes / 2**20:g} MiB per file. Nothing leaves this machine.")
    use_model = st.sidebar.toggle(
        "Use the trained model", value=True, key="use_model",
        help="On: labels from the trained classifier (10,000 posts in about 15 seconds on 2 cores). Off: the rules "
             "only, about twice as fast and less accurate; the CLI's --fast.")
    if uploads:
        run, data_key = uploaded_run(uploads, use_model=use_model)
        st.caption(f"Your {len(uploads)} file(s): " + run.summary())
        with st.expander("What each file gave", expanded=True):
            file_summaries(run)
    else:
        run, data_key = sample_run(), "samples"
        st.session_state.pop("read", None)  # the last upload's reads are not kept once it is removed
        st.info("Showing the bundled sample posts. Upload your own exports in the sidebar, or paste a post.",
                icon="ℹ️")
    reset_filters_on_new_data(data_key)
    corrections_sidebar(run.table)
    table = corrections.apply(run.table, held_corrections())
    if table.empty:
        tabs = st.tabs(TABS)
        for name, tab in zip(TABS, tabs, strict=True):
            if name != "Paste a post":
                tab.warning("No posts to show: every file was empty, skipped or unreadable. See the file lines above.")
        with tabs[TABS.index("Paste a post")]:
            paste_view()
        return
    filters = sidebar_filters(table)
    view = report.apply_filters(table, filters)
    is_filtered = len(view) != len(table)
    if is_filtered:
        # In the main area, above every view: the sidebar is collapsed on a phone.
        notice, button = st.columns([5, 1], vertical_alignment="center")
        notice.warning(report.filter_notice(len(view), len(table), filters), icon="🔎")
        button.button("Clear filters", key="clear_filters", on_click=clear_filters)
    corrected = int((view["label_source"] == corrections.CORRECTED).sum())
    marker = st.container()  # always there, so the tabs below keep their place (and the open tab) when it fills
    if corrected:
        marker.caption(f"✎ {corrected:,} of the posts shown carry labels you set (label_source corrected): every view, "
                   "figure and download counts them with your labels.")
    tabs = st.tabs(TABS)
    with tabs[0]:
        if view.empty:
            st.warning("No post matches the filters: clear them above.")
        else:
            headline_view(view)
            mix_views(view)
    with tabs[1]:
        posts_view(view, table, is_filtered)
    with tabs[2]:
        cliche_views(view)
    with tabs[3]:
        claims_view(view, filtered=is_filtered)
    with tabs[4]:
        paste_view()
    with tabs[5]:
        model = classifier.load_default()
        review_queue_view(view, thresholds=model.thresholds if model else corrections.RULES_THRESHOLDS)


main()
