"""Par / Pairs: charts to explore the pairs' scores and the use of capacity."""

from smile_ui.layout import page_header

page_header("pairs")
