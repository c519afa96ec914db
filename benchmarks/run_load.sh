#!/usr/bin/env bash
# Serving under load: argmap serve (waitress) vs Flask's development server, same mix.
#   benchmarks/run_load.sh [--clients 32] [--duration 60]
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHONPATH="$PWD" exec "${PYTHON:-python}" -m benchmarks.run_load "$@"
