"""Resource classes, one module per ServiceTitan API module."""
