"""Entry point for `streamlit run app_streamlit.py` (the pages live in roster.app)."""

from roster.app.main import run

run()
