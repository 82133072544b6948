"""``python -m revforensics``: the command line."""

from revforensics.cli import main

raise SystemExit(main())
