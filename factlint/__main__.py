"""`python -m factlint` is the same as the `factlint` command."""

from factlint.cli.main import main

raise SystemExit(main())
