"""Command line: build (the default), check, serve and new."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import signal
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from urllib.parse import urlsplit

from . import __version__

# The commands whose module defines their options and runs them (add_arguments, run_NAME).
# They are imported only when named: `--help` and a plain build need none of them, and
# importing them all (Jinja2, Markdown, Babel, YAML, the checks) would triple the start-up time.
COMMANDS = {
    "new": ("scaffold a new article in every language", "sitegen.commands.new"),
    "check": ("check that the languages agree: pages, UI strings, data, terms", "sitegen.commands.check"),
    "completion": ("print shell completion for bash or zsh", "sitegen.commands.completion"),
    "readability": (
        "score each article's prose: LIX (Swedish, <= 40), Flesch (English, >= 60)",
        "sitegen.commands.readability",
    ),
}


def make_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """Describe the commands and their options (of the commands named in argv, or of all)."""
    parser = argparse.ArgumentParser(
        prog=program_name(),
        description="Build the bilingual dry-needling health site from content/, templates/ and locales/.",
        epilog="Run without a command to build the site into _site/.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--project", type=Path, default=Path("."), help="project folder (default: .)")
    parser.add_argument("--output", type=Path, help="output folder (default: PROJECT/_site)")
    add_shared_arguments(parser, top=True)
    add_build_arguments(parser, top=True)
    # `completion` describes every command: it gets the parser's maker instead of importing cli.
    parser.set_defaults(make_parser=make_parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    build = commands.add_parser("build", help="build the site into _site/ (the default)")
    add_shared_arguments(build)
    add_build_arguments(build)
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
        add_shared_arguments(command)
        if argv is None or name in argv:
            importlib.import_module(module).add_arguments(command)
    return parser


def program_name() -> str:
    """Return the name the user typed: build.py for `python3 build.py`, sitegen for the console script."""
    name = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else "build.py"
    return name if name in {"build.py", "sitegen"} else "build.py"


def add_shared_arguments(parser: argparse.ArgumentParser, top: bool = False) -> None:
    """Add the options every command takes, before or after its name (--strict, --all, --base-url)."""
    # On a subcommand the default is SUPPRESS, so an option given before the name is kept.
    unset: object = False if top else argparse.SUPPRESS
    parser.add_argument(
        "--strict", action="store_true", default=unset, help="treat warnings as errors (exit status 1)"
    )
    parser.add_argument(
        "--all",
        dest="all_problems",
        action="store_true",
        default=unset,
        help=f"print every warning (default: the first {SHOWN_PER_CHECK} of each check, then a count)",
    )
    parser.add_argument(
        "--base-url",
        metavar="URL",
        default=None if top else argparse.SUPPRESS,
        help="where the site is published, e.g. https://user.github.io/dryneedling (default: site.yaml's)",
    )


def add_build_arguments(parser: argparse.ArgumentParser, top: bool = False) -> None:
    """Add the options of a build, taken before or after `build`."""
    parser.add_argument(
        "--no-search",
        dest="search",
        action="store_false",
        default=True if top else argparse.SUPPRESS,
        help="skip the search index (Pagefind)",
    )
    parser.add_argument(
        "--no-cache",
        dest="cache",
        action="store_false",
        default=True if top else argparse.SUPPRESS,
        help="render every page again and leave .cache/ alone (default: reuse what did not change)",
    )


# Warnings of one check beyond this many are counted, not printed (--all prints them).
SHOWN_PER_CHECK = 20


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
    from . import progress
    from .build import build
    from .problems import BuildFailed, summarised

    limit = None if args.all_problems else SHOWN_PER_CHECK
    stop = progress.listen(StageTimer()) if sys.stderr.isatty() else None
    try:
        with _term_interrupts():
            result = build(
                args.project,
                args.output,
                strict=args.strict,
                search=args.search,
                use_cache=args.cache,
                base_url=args.base_url,
            )
    except BuildFailed as failed:
        print(summarised(failed.problems, limit), file=sys.stderr)
        errors = sum(1 for p in failed.problems if p.severity == "error" or args.strict)
        print(f"build failed: {errors} problem(s); the previous site was left as it was", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("build stopped before it finished; build again for a new site", file=sys.stderr)
        return 130
    finally:
        if stop is not None:
            stop()
    if result.problems:
        print(summarised(result.problems, limit), file=sys.stderr)
    config = result.site.config
    # On a terminal, where a person publishes; CI recipes pass --base-url (docs/deploy.md).
    if sys.stderr.isatty() and urlsplit(config.base_url).hostname in EXAMPLE_HOSTS:
        print(
            f"site.yaml: warning [config] base_url is the example address {config.base_url}: canonical "
            "links, hreflang, the sitemap, robots.txt and the feeds point there; set base_url in "
            "site.yaml or build with --base-url https://YOUR.SITE (see docs/deploy.md)",
            file=sys.stderr,
        )
    pages = sum(1 for name in result.files if name.endswith(".html"))
    print(f"built {pages} pages into {config.output_dir}")
    return 0


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@contextlib.contextmanager
def _term_interrupts() -> Iterator[None]:
    """Let SIGTERM unwind like Ctrl-C, so the search indexer's process and folder go with the build."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)


EXAMPLE_HOSTS = {"example.org", "www.example.org", "example.com", "www.example.com", "example.net"}
STAGES = {
    "read": "read and checked",
    "rendered": "rendered",
    "indexed": "search index",
    "written": "written",
}


class StageTimer:
    """Print each stage of a build as it ends, with its time: only on a terminal."""

    def __init__(self) -> None:
        self.last = time.perf_counter()

    def __call__(self, step: str) -> None:
        now = time.perf_counter()
        if step in STAGES:
            print(f"  {STAGES[step]:<17} {now - self.last:6.2f} s", file=sys.stderr, flush=True)
        self.last = now
