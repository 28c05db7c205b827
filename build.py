#!/usr/bin/env python3
"""Build the site: `python3 build.py --help` lists the commands."""

import sys

from sitegen.cli import main

if __name__ == "__main__":
    sys.exit(main())
