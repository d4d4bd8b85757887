"""The detail pane's parts: its sections (sections.py) and how it writes values (text.py)."""
