"""The Textual application: command line, app composition, screens."""
