"""``python -m briefbook`` runs the CLI."""

from .cli import main

main()
