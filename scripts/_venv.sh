# Shared by start-app and run-tests: a virtual environment in .venv with the given requirements installed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PY=${PYTHON:-$(command -v python3.11 || command -v python3)}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$1"
# Nothing may reach a model hub: every model loads from a local path.
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
