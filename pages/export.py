"""Export: the plan as XLSX and CSV for Excel, and the steering-group report."""

from smile_ui.layout import page_header

page_header("export")
