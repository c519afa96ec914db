#!/usr/bin/env bash
# Run every benchmark: benchmarks/run.sh [--quick] [1k 10k 100k 1M]
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHONPATH="$PWD" exec "${PYTHON:-python}" -m benchmarks "$@"
