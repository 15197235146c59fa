"""``python -m briefbook`` runs the CLI."""

from briefbook.cli import main

main()
