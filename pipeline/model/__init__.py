"""What labels a post, and how it is built.

At run time (imported by `analyze`):
- `rules`: rule labels from the spans, the `--fast` mode's labels and features for the classifier;
- `classifier`: the trained heads over sentence embeddings and span features (`load_default`);
- `encoders`: the sentence encoders the classifier runs (static student, int8 ONNX, reference torch).

Building it (`python -m pipeline distill` and `train`), never imported by `tag` or the app:
- `corpus`: the labelled corpus in sample_posts/corpus, and its fixed train/test split;
- `distill`: rebuilds the two fast encoders in models/;
- `train`: refits the classifier's heads in models/hype_classifier.

This file imports nothing, so `from pipeline.model import rules` loads no model and no torch.
"""
