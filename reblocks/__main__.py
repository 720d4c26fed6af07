"""`python -m reblocks app.py`: the dev mode (see reblocks/cli.py)."""

from reblocks.cli import main

main()
