"""Theme files and their loader (built-in and user themes).

`names` lists the themes without importing Textual; `loader` turns them into Textual themes.
Import from those modules: this package stays empty so that the CLI can check a theme name
without paying for Textual.
"""
