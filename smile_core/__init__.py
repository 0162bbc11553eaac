"""SMILE's core: reading participant files, scoring, matching, metrics and exports.

Never imports streamlit: the dashboard, the CLI and the tests all call the same functions here.
"""

__version__ = "0.1.0"
