"""The shared test helpers here (demo_data, role_demo_data, spreadsheet_files, hostile_files)
are imported by their plain name from the tests in every subfolder."""

import sys
from pathlib import Path

HELPERS = str(Path(__file__).resolve().parent)
if HELPERS not in sys.path:
    sys.path.insert(0, HELPERS)
