"""``python -m roster.cli``: the same as the ``roster`` command."""

from roster.cli import main

main()
