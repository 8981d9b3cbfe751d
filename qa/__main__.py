"""``python -m qa`` runs the command line."""

from qa.cli import main

main()
