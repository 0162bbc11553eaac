"""Start the dashboard: ``python -m smile_ui.serve [streamlit run options]`` (``make run``).

This is ``streamlit run app.py`` with one difference, so a deep link opened first after a start
(``/matchning`` before anyone has opened ``/``) shows its page and no "Page not found".

Why: Streamlit 1.67 decides once per server process, when the first session starts, whether the
app uses the legacy ``pages/`` directory, and it does while a ``pages/`` folder sits next to the
main script. Until some run has called ``st.navigation``, each run is in that legacy mode, which
knows only the file names in ``pages/``, so the first request for a URL of ``st.navigation``
gets "Page not found" before ``app.py`` opens the right page. SMILE's navigation is always
``st.navigation`` (``app.py``), so the launcher records that before the server starts and the
first request is served like every later one. ``pages/`` keeps its name (the project's agreed
top level); a plain ``streamlit run app.py`` still works, with that one first-request dialog.
"""

from __future__ import annotations

import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

#: The dashboard's main script, next to this package.
APP = Path(__file__).resolve().parents[1] / "app.py"


def main(argv: list[str] | None = None) -> None:
    """Run ``streamlit run app.py`` with ``argv`` as its options, ``st.navigation`` only."""
    # Streamlit's own flag for "this app builds its navigation with st.navigation"; st.navigation
    # sets it on its first call, which is one request too late for a deep link.
    PagesManager.uses_pages_directory = False
    options = sys.argv[1:] if argv is None else argv
    cli.main(args=["run", str(APP), *options], prog_name="streamlit")


if __name__ == "__main__":
    main()
