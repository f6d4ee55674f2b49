"""`python -m factlint` is the same as the `factlint` command."""

from .cli import main

raise SystemExit(main())
