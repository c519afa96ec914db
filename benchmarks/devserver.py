"""The load test's baseline: the same app under Flask's development server (threaded).

python -m benchmarks.devserver STORE_DIR PORT
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from server import create_app

if __name__ == "__main__":
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no access log in the measurement
    app = create_app({"ARGMAP_STORE": Path(sys.argv[1])})
    app.run(host="127.0.0.1", port=int(sys.argv[2]), threaded=True)
