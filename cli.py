#!/usr/bin/env python3
"""Run the kb command line from a checkout: `python cli.py ask "问题"`."""

from kb.cli import main

if __name__ == "__main__":
    main()
