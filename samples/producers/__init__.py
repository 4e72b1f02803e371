"""Producers of the layout samples (``samples/layouts/``): one spec drawn in the table looks
real councils publish, by the tools they use (Word + LibreOffice, HTML + Chromium, reportlab).

Every producer starts from ``generate.drawn_table`` (the table as drawn rows, merges resolved)
restyled by ``looks.styled``, so the expected records stay those of the spec whatever the look.
"""
