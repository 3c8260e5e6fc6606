"""`python -m warroom` runs the command line, like the `warroom` script."""

from warroom.tui.cli import main

raise SystemExit(main())
