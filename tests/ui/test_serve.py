"""The launcher ``python -m smile_ui.serve``: ``streamlit run app.py`` in st.navigation mode."""

from streamlit.runtime.pages_manager import PagesManager

from smile_ui import serve


def test_serve_runs_app_py_with_the_options_given_and_no_legacy_pages_mode(monkeypatch):
    """It passes its options to ``streamlit run app.py`` after turning off the pages/ mode."""
    calls = []
    monkeypatch.setattr(PagesManager, "uses_pages_directory", None)
    monkeypatch.setattr(
        serve.cli,
        "main",
        lambda args, prog_name: calls.append((args, PagesManager.uses_pages_directory)),
    )
    serve.main(["--server.port", "8600"])
    assert calls == [(["run", str(serve.APP), "--server.port", "8600"], False)]
    assert serve.APP.name == "app.py" and serve.APP.is_file()
