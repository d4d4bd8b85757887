"""Plain data and pure rules shared by every layer; no I/O, no Qt."""
