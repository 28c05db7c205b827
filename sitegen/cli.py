"""Command line: build (the default), check, serve and new."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__

# The commands whose module defines their options and runs them (add_arguments, run_NAME).
# They are imported only when named: `--help` and a plain build need none of them, and
# importing them all (Jinja2, Markdown, Babel, YAML, the checks) would triple the start-up time.
COMMANDS = {
    "new": ("scaffold a new article in every language", "sitegen.commands.new"),
    "check": ("check that the languages agree: pages, UI strings, data, terms", "sitegen.commands.check"),
    "readability": (
        "score each article's prose: LIX (Swedish, <= 45), Flesch (English, >= 50)",
        "sitegen.commands.readability",
    ),
}


def make_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """Describe the commands and their options (of the commands named in argv, or of all)."""
    parser = argparse.ArgumentParser(
        prog="build.py",
        description="Build the bilingual dry-needling health site from content/, templates/ and locales/.",
        epilog="Run without a command to build the site into _site/.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--project", type=Path, default=Path("."), help="project folder (default: .)")
    parser.add_argument("--output", type=Path, help="output folder (default: PROJECT/_site)")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument(
        "--no-search", dest="search", action="store_false", help="skip the search index (Pagefind)"
    )
    parser.add_argument(
        "--no-cache",
        dest="cache",
        action="store_false",
        help="render every page again and leave .cache/ alone (default: reuse what did not change)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("build", help="build the site into _site/ (the default)")
    serve = commands.add_parser(
        "serve", help="preview the site with live reload, drafts included (into .cache/preview/, or --output)"
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument(
        "--port", type=int, default=8000, help="port to listen on; 0 picks a free one (default: 8000)"
    )
    serve.add_argument(
        "--debounce",
        type=float,
        default=0.1,
        metavar="SECONDS",
        help="quiet time before a rebuild (default: 0.1)",
    )
    for name, (summary, module) in COMMANDS.items():
        command = commands.add_parser(name, help=summary)
        if argv is None or name in argv:
            importlib.import_module(module).add_arguments(command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if "new" in argv:
        from .commands.new import expand_language_options

        argv = expand_language_options(argv)
    args = make_parser(argv).parse_args(argv)
    if args.command == "serve":
        from .preview.server import serve  # only serve needs livereload and the web server

        return serve(args.project, args.host, args.port, args.output, args.debounce)
    if args.command in COMMANDS:
        return getattr(importlib.import_module(COMMANDS[args.command][1]), f"run_{args.command}")(args)
    return run_build(args)


def run_build(args: argparse.Namespace) -> int:
    """Build the site and print problems as path:line: message."""
    from .build import build
    from .problems import BuildFailed, format_problems

    try:
        result = build(
            args.project, args.output, strict=args.strict, search=args.search, use_cache=args.cache
        )
    except BuildFailed as failed:
        print(format_problems(failed.problems), file=sys.stderr)
        errors = sum(1 for p in failed.problems if p.severity == "error" or args.strict)
        print(f"build failed: {errors} problem(s); the previous site was left as it was", file=sys.stderr)
        return 1
    if result.problems:
        print(format_problems(result.problems), file=sys.stderr)
    pages = sum(1 for name in result.files if name.endswith(".html"))
    print(f"built {pages} pages into {result.site.config.output_dir}")
    return 0
