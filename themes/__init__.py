"""Theme files and their loader (built-in and user themes)."""
