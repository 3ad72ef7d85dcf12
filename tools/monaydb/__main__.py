"""`python -m monaydb`."""

from .cli import main

main()
