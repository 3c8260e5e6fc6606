"""`python -m warroom` runs the command line, like the `warroom` script."""

from warroom.tui.launch import main

raise SystemExit(main())
