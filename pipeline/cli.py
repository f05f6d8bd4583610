"""The command line: `python -m pipeline tag INPUT [INPUT ...] --out OUT.csv` and friends."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from contextlib import nullcontext
from pathlib import Path

# Nothing here may reach a model hub: weights load from local paths only.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def _parser() -> argparse.ArgumentParser:
    from .analyze import available_cores

    cores = available_cores()
    parser = argparse.ArgumentParser(prog="python -m pipeline", description="Hype Lens: benchmark claims, "
                                     "anecdotal endorsements and hype clichés in social-media posts.")
    sub = parser.add_subparsers(dest="command", required=True)

    tag = sub.add_parser("tag", help="tag post exports and write one CSV row per post")
    tag.add_argument("inputs", nargs="+", metavar="INPUT", help="export files: zip, tar.gz, csv, json, js, car, txt")
    tag.add_argument("--out", required=True, metavar="OUT.csv", help="where to write the tagged posts ('-' for stdout)")
    tag.add_argument("--claims", metavar="CLAIMS.csv", help="also write one row per claim record")
    tag.add_argument("--fast", action="store_true", help="rules and lexicons only, no transformer model")
    tag.add_argument("--include-private", action="store_true",
                     help="also import Mastodon direct and followers-only posts")
    tag.add_argument("--max-file-mb", type=int, default=200, help="refuse input files larger than this (MiB)")
    tag.add_argument("--engine", choices=["local", "dask"], default="local",
                     help="tag in this process (default) or on a Dask cluster")
    tag.add_argument("--scheduler", metavar="ADDRESS",
                     help="with --engine dask: a running scheduler (tcp://host:8786); default a LocalCluster")
    tag.add_argument("--partitions", type=int, help="with --engine dask: how many partitions (default: automatic)")
    tag.add_argument("--stream", action="store_true",
                     help="also read JSON Lines exports lazily, in bounded memory and with no size limit (for very "
                          "large exports); rows are always written chunk by chunk")
    tag.add_argument("--workers", type=int, default=cores, metavar="N",
                     help=f"tag in N processes on this machine (default: one per CPU core, here {cores})")
    tag.add_argument("--model-runtime", choices=["cascade", "int8", "reference"], default="cascade",
                     help="cascade (default): a distilled student, and the int8 transformer for the posts it is "
                          "unsure of; int8: the int8 transformer for every post; reference: the original torch "
                          "model for every post (the slow, unoptimised baseline)")
    tag.add_argument("--classifier", metavar="DIR",
                     help="a classifier directory written by `train --corrections ... --out DIR` (default: "
                          "$HYPE_LENS_CLASSIFIER when set, else the shipped models/hype_classifier)")

    train = sub.add_parser("train", help="rebuild the models in models/ from the labelled real posts (about an "
                                         "hour: it fine-tunes the encoder) or, with --skip-fine-tune, only the heads "
                                         "(minutes); with --corrections, fold the app's corrections into the heads "
                                         "(seconds) and write the updated classifier to --out DIR")
    train.add_argument("--real-posts", nargs="+", metavar="FILE",
                       help="the real-posts CSV files the labels in sample_posts/real_labels were made on "
                            "(pool.csv, posts.csv): the texts are read from them, never from the repo. With "
                            "--corrections: refit the heads on these labels plus the corrections (about 10 minutes)")
    train.add_argument("--corrections", metavar="FILE",
                       help="a corrections CSV saved by the app: update the classifier's heads from it, anchored to "
                            "the current heads (quick), or refitted with the real labels when --real-posts is given")
    train.add_argument("--out", metavar="DIR",
                       help="where to write the classifier (required with --corrections: a directory of its own, "
                            "used by tag --classifier DIR or HYPE_LENS_CLASSIFIER; default without it: "
                            "models/hype_classifier)")
    train.add_argument("--classifier", metavar="DIR",
                       help="with --corrections: the classifier to update (default: models/hype_classifier; an "
                            "earlier update's directory to add more corrections to it)")
    train.add_argument("--strength", type=float, metavar="S",
                       help="with --corrections, quick update: how firmly the heads stay where they were (default "
                            "chosen by benchmarks/corrections_update.py); lower follows the corrections more")
    train.add_argument("--skip-fine-tune", action="store_true",
                       help="keep the fine-tuned encoder in models/hype_encoder; refit only the heads, thresholds and "
                            "cascade band")
    train.add_argument("--work-dir", metavar="DIR",
                       help="where fine-tuning keeps its checkpoints, one folder per run (its data, settings and "
                            "starting weights): the same command started again resumes an interrupted run "
                            "(default: models/.fine-tune-checkpoints)")
    train.add_argument("--epochs", type=float, default=1.0, help="fine-tuning epochs (default 1)")
    train.add_argument("--continue-encoder", action="store_true",
                       help="fine-tune the encoder in models/hype_encoder one pass further (half the learning rate, "
                            "a new data order) instead of starting from the base package; then distill and refit")
    train.add_argument("--encoder-round", type=int, metavar="N",
                       help="fine-tune on the labels of labelling rounds up to N only (the labels' `round` column)")
    sub.add_parser("distill", help="rebuild the int8 and static encoders in models/ from the MiniLM package")

    bench = sub.add_parser("bench", help="posts per second and peak memory of the whole CLI, beside the "
                                         "unoptimised baseline, on generated fifty-word posts")
    bench.add_argument("--sizes", default="1000,10000,100000", help="comma-separated post counts")
    bench.add_argument("--baseline-max", type=int, default=10000, metavar="N",
                       help="time the slow baseline on at most N posts per size (its rate is per post)")
    bench.add_argument("--real-posts", nargs="+", metavar="FILE",
                       help="time real posts (the `text` column of these CSV files) instead of generated ones")
    bench.add_argument("--stream-posts", type=int, metavar="N",
                       help="instead: time `tag --stream --fast` on an N-post JSON Lines file, with its peak memory")

    ev = sub.add_parser("evaluate", help="precision, recall and F1 per label beside the keyword baseline")
    ev.add_argument("--dev-posts", metavar="posts.csv", help="real posts (id,text,...) for a development check")
    ev.add_argument("--dev-labels", metavar="dev_labels.csv", help="their labels (id,benchmark_claim,anecdotal)")
    ev.add_argument("--real-posts", nargs="+", metavar="FILE",
                    help="the real-posts files the repo's labels were made on: adds the real test split")
    ev.add_argument("--learning-curve", action="store_true",
                    help="with --real-posts: F1 on the real test split against the number of real labels (n-grams)")
    ev.add_argument("--errors", type=int, default=0, metavar="N", help="also print N misclassified dev posts per label")
    ev.add_argument("--claims", action="store_true", help="evaluate claim extraction on the labelled claims set")
    ev.add_argument("--claims-split", choices=["test", "train"], default="test",
                    help="with --claims --real-posts: the real split to measure (train: the rules were developed on "
                         "it; default test)")
    ev.add_argument("--claims-agreement", action="store_true",
                    help="how far two readers' claim records agree (the second reading of some training posts); "
                         "with --real-posts, the rules on the same posts too")
    ev.add_argument("--reference-checks", nargs="+", metavar="FILE",
                    help="evaluate the reference check on hand-checked claim records (JSON Lines), one report a file")

    ref = sub.add_parser("reference", help="rebuild the reference table of reported benchmark scores from the "
                                           "LLMStats and Epoch AI folders")
    ref.add_argument("--source", metavar="DIR",
                     help="the folder holding llmstats/ and epoch/ (default: the HYPE_LENS_REFERENCE variable)")
    ref.add_argument("--out", metavar="FILE", help="where to write the table (default: the shipped table)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "tag":
        return _tag(args)
    if args.command == "train":
        return _train(args)
    if args.command == "distill":
        from .model.distill import distill

        distill()
        return 0
    if args.command == "bench":
        from .evaluation.bench import bench, stream_bench

        if args.stream_posts:
            return stream_bench(args.stream_posts, ["--fast"])
        return bench([int(n) for n in args.sizes.split(",")], baseline_max=args.baseline_max,
                     real_posts=[Path(p) for p in args.real_posts] if args.real_posts else None)
    if args.command == "evaluate":
        return _evaluate(args)
    if args.command == "reference":
        return _reference(args)
    return 2


def _reference(args: argparse.Namespace) -> int:
    from .reference import build

    source = Path(args.source) if args.source else build.default_source()
    if source is None:
        print(f"error: name the source folder with --source DIR or the {build.SOURCE_ENV} variable", file=sys.stderr)
        return 2
    try:
        result = build.rebuild(source, Path(args.out) if args.out else build.TABLE)
    except (FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(result.summary())
    return 0


def _train(args: argparse.Namespace) -> int:
    from .model.classifier import WeightsMismatch
    from .model.finetune import FineTuneSettings
    from .model.real_labels import TextMismatch
    from .model.train import train
    from .model.update import DEFAULT_STRENGTH, full_update, quick_update, read_corrections

    if not args.real_posts and not args.corrections:
        print("error: train needs --real-posts FILE ... or --corrections FILE", file=sys.stderr)
        return 2
    if args.continue_encoder and (args.skip_fine_tune or args.corrections):
        print("error: --continue-encoder fine-tunes the encoder; it cannot go with --skip-fine-tune or --corrections",
              file=sys.stderr)
        return 2
    if args.corrections and not args.out:
        print("error: --corrections needs --out DIR: the update goes to a directory of its own (the shipped "
              "classifier is kept); use it with tag --classifier DIR or HYPE_LENS_CLASSIFIER=DIR", file=sys.stderr)
        return 2
    try:
        if args.corrections:
            corrections = read_corrections(Path(args.corrections), log=lambda line: print(line, file=sys.stderr))
            if args.real_posts:
                full_update(corrections, [Path(p) for p in args.real_posts], Path(args.out))
            else:
                quick_update(corrections, Path(args.out), strength=args.strength or DEFAULT_STRENGTH,
                             **({"base": Path(args.classifier)} if args.classifier else {}))
            return 0
        train([Path(p) for p in args.real_posts], **({"out_dir": Path(args.out)} if args.out else {}),
              fine_tune_encoder=not args.skip_fine_tune, work_dir=Path(args.work_dir) if args.work_dir else None,
              settings=FineTuneSettings(epochs=args.epochs), encoder_round=args.encoder_round,
              continue_encoder=args.continue_encoder)
    except (TextMismatch, FileNotFoundError, ValueError, WeightsMismatch) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


def _tag_streaming(args: argparse.Namespace, limits, classifier) -> int:
    from .progress import PostProgress
    from .stream import stream_files

    try:
        with (open(args.out, "wb") as out, (open(args.claims, "wb") if args.claims else nullcontext()) as claims,
              PostProgress() as bar):
            summary, results = stream_files([Path(p) for p in args.inputs], out, claims or None,
                                            classifier=classifier, include_private=args.include_private,
                                            limits=limits, workers=args.workers, lazy_jsonl=args.stream,
                                            progress=bar.update)
    except OSError as exc:
        print(f"error: {exc.filename}: cannot write ({exc.strerror})", file=sys.stderr)
        return 2
    for bad in (r for r in results if r.error):
        print(f"error: {bad.source_file}: {bad.error}", file=sys.stderr)
    print(summary, file=sys.stderr)
    return 2 if any(r.error for r in results) else 0


def _evaluate(args: argparse.Namespace) -> int:
    from .evaluation import evaluate

    if args.reference_checks:
        from .evaluation import reference_eval

        for i, name in enumerate(args.reference_checks):
            try:
                result = reference_eval.evaluate(Path(name))
            except (OSError, ValueError) as exc:
                print(f"error: {exc}", file=sys.stderr)
                return 2
            title = f"Reference check, hand-checked claim records, {Path(name).name}"
            print(("\n" if i else "") + reference_eval.report(result, errors=args.errors, title=title))
        return 0
    if args.claims_agreement:
        from .evaluation import claims_eval

        result = claims_eval.agreement()
        print(claims_eval.report(result, errors=args.errors,
                                 title="Claim records, second reader against the first (training posts read twice)"))
        if args.real_posts:
            second = claims_eval.read_records(claims_eval.REAL_SECOND)
            # The posts come with the first reading's records; the rules run once and face each reading.
            posts = [p for p in claims_eval.real_claim_posts(claims_eval.REAL_TRAIN, [Path(p) for p in args.real_posts])
                     if p["id"] in second]
            predicted = claims_eval.predict(posts)
            for reading, gold in (("first", posts), ("second", [p | {"claims": second[p["id"]]["claims"]}
                                                                 for p in posts])):
                result = claims_eval.evaluate_posts(gold, predicted=predicted)
                print()
                print(claims_eval.report(result, errors=args.errors,
                                         title=f"Claim extraction on the same posts, against the {reading} reader"))
        return 0
    if args.claims:
        from .evaluation import claims_eval

        for path, title in ((claims_eval.GOLD, "development set 1 (rules written against it)"),
                            (claims_eval.HELDOUT, "development set 2 (rules revised against it)"),
                            (claims_eval.TEST, "test set (never looked at)")):
            print(claims_eval.report(claims_eval.evaluate(path), errors=args.errors,
                                     title=f"Claim extraction, {title}"))
            print()
        if args.real_posts:
            path = claims_eval.REAL_TEST if args.claims_split == "test" else claims_eval.REAL_TRAIN
            # Every post of these sets is labelled a benchmark claim: that label gates the no-number records.
            result = claims_eval.evaluate_posts(claims_eval.real_claim_posts(path, [Path(p) for p in args.real_posts]),
                                                benchmark_claim=True)
            print(claims_eval.report(result, errors=args.errors,
                                     title=f"Claim extraction, real posts: the {args.claims_split} split's "
                                           "benchmark claims"))
        return 0
    if args.learning_curve:
        if not args.real_posts:
            print("error: --learning-curve needs --real-posts", file=sys.stderr)
            return 2
        from .evaluation.learning_curve import curve

        curve([Path(p) for p in args.real_posts])
        return 0
    models = evaluate.models_to_compare()
    if args.real_posts:
        print(evaluate.real_test(args.real_posts, models))
        print()
    print(evaluate.corpus_test(models))
    print()
    print(evaluate.cliche_spans())
    if args.dev_posts and args.dev_labels:
        print()
        print(evaluate.dev_set(args.dev_posts, args.dev_labels, models, errors=args.errors))
    return 0


def _tag(args: argparse.Namespace) -> int:
    from .analyze import claims_of
    from .export import claims_csv_bytes, csv_bytes
    from .readers import Limits
    from .run import tag_files

    limits = Limits(max_file_bytes=args.max_file_mb * 2**20)
    # Tagging makes millions of short-lived objects and few reference cycles; at the default threshold the cycle
    # collector ran tens of thousands of times and took about a tenth of a --fast run.
    gc.set_threshold(50_000, 20, 100)
    if args.workers < 1:
        print("error: --workers must be 1 or more", file=sys.stderr)
        return 2
    classifier = None
    if not args.fast:
        from .model.classifier import WeightsMismatch, load_default

        try:
            classifier = load_default(args.model_runtime, Path(args.classifier) if args.classifier else None)
        except (FileNotFoundError, WeightsMismatch) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    to_files = args.engine == "local" and "-" not in (args.out, args.claims)
    if args.stream and not to_files:
        print("error: --stream writes to files, on this machine (no '-' and no --engine dask)", file=sys.stderr)
        return 2
    if to_files:
        # Rows are written as each chunk is tagged, the CSV text made by the workers: the same bytes as writing
        # the whole table at the end. --stream also reads JSON Lines lazily, in bounded memory.
        return _tag_streaming(args, limits, classifier)
    engine = None
    if args.engine == "dask":
        from functools import partial

        from .scale import tag_posts

        engine = partial(tag_posts, runtime=None if args.fast else args.model_runtime, scheduler=args.scheduler,
                         partitions=args.partitions, classifier_dir=Path(args.classifier) if args.classifier else None)
    from .progress import PostProgress

    # The Dask engine tags every post in one call, with nothing to count until it is done: no bar there.
    with PostProgress() if engine is None else nullcontext() as bar:
        run = tag_files([Path(p) for p in args.inputs], classifier=classifier,
                        include_private=args.include_private, limits=limits, engine=engine, workers=args.workers,
                        highlights=False, progress=bar.update if bar else None)
    for bad in run.errors:
        print(f"error: {bad.source_file}: {bad.error}", file=sys.stderr)
    outputs = [(args.out, csv_bytes(run.table))]
    if args.claims:
        outputs.append((args.claims, claims_csv_bytes(claims_of(run.table))))
    for target, data in outputs:
        if target == "-":
            sys.stdout.buffer.write(data)
            continue
        try:
            Path(target).write_bytes(data)
        except OSError as exc:
            print(f"error: {target}: cannot write ({exc.strerror})", file=sys.stderr)
            return 2
    print(run.summary(), file=sys.stderr)
    return 2 if run.errors else 0
