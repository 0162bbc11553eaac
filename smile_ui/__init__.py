"""The dashboard's Streamlit-side helpers: session state, navigation, page frame, errors.

Only this package, ``app.py`` and ``pages/`` import streamlit. Everything computed comes from
``smile_core``; these modules just put it on screen.
"""
