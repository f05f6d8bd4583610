"""Tagging on a Dask cluster: the same table as `analyze`, partition by partition, in the same order.

Each worker builds the spaCy pipeline and loads the model once (both are cached per process), then tags the
partitions it is given. With no scheduler address a LocalCluster on this machine is started and closed again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, fields
from pathlib import Path

import pandas as pd

from .analyze import COLUMNS, DATA_COLUMNS, analyze, empty_table
from .posts import Post

POST_FIELDS = [f.name for f in fields(Post)]


def _tag_partition(frame: pd.DataFrame, runtime: str | None, directory: str | None = None) -> pd.DataFrame:
    """Runs on a worker: Post records in, tagged rows out (the spaCy pipeline and model are cached per worker)."""
    posts = [Post(**row) for row in frame[POST_FIELDS].to_dict("records")]
    if not posts:
        return empty_table()
    from .model.classifier import load_default

    # Once per worker process: load_default caches it. The directory is a path on the worker's own disk.
    classifier = load_default(runtime, Path(directory) if directory else None) if runtime else None
    return analyze(posts, classifier=classifier).set_index(frame.index)


def tag_posts(posts: Iterable[Post], *, runtime: str | None = "cascade", scheduler: str | None = None,
              partitions: int | None = None, classifier_dir: Path | None = None) -> pd.DataFrame:
    """`analyze` on a Dask cluster: the same rows, in input order. `scheduler` is a `tcp://host:port` address;
    `classifier_dir` a classifier directory other than the default (the same path on every worker)."""
    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    frame = pd.DataFrame([asdict(p) for p in posts], columns=POST_FIELDS)
    if frame.empty:
        return empty_table()
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                               host="127.0.0.1")
        client = Client(cluster)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        n = partitions or max(1, min(len(frame) // 500 + 1, workers * 4))
        ddf = dd.from_pandas(frame, npartitions=n, sort=False)
        meta = empty_table().astype(object)
        directory = str(classifier_dir) if classifier_dir else None
        tagged = ddf.map_partitions(_tag_partition, runtime, directory, meta=meta).compute()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return tagged.sort_index().reset_index(drop=True)[COLUMNS + DATA_COLUMNS]
