"""``python -m variantgen`` runs the command line."""

from variantgen.cli import main

main()
