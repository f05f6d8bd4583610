"""Measuring: how good the labels, spans and claims are, and how fast the CLI runs. Nothing here is imported by
`tag` or the app.

- `evaluate`: `python -m pipeline evaluate`: F1 per label for the model, the rules and the keyword baseline, and
  cliché spans against the hand-marked corpus;
- `baseline`: the keyword baseline (a few regular expressions) every model is measured against;
- `claims_eval`: `evaluate --claims`: claim records against the labelled sets in sample_posts/claims;
- `bench`: `python -m pipeline bench`: posts per second and peak memory of the whole CLI.
"""
