"""Shell completion for bash and zsh, generated from the command line's own parser."""

from __future__ import annotations

import argparse
import shlex

SHELLS = ("bash", "zsh")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the options of `completion` to its parser."""
    parser.add_argument("shell", choices=SHELLS, help="the shell to complete in")


def options_of(parser: argparse.ArgumentParser) -> list[str]:
    """Return the long options a parser takes."""
    return sorted(
        option for action in parser._actions for option in action.option_strings if option.startswith("--")
    )


def commands_of(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """Return the subcommands of a parser by name."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def script(parser: argparse.ArgumentParser, shell: str) -> str:
    """Return the completion script: a bash function, which zsh runs through bashcompinit."""
    commands = commands_of(parser)
    cases = "".join(
        f"    {name}) words={shlex.quote(' '.join(options_of(sub)))} ;;\n" for name, sub in commands.items()
    )
    top = " ".join([*options_of(parser), *commands])
    names = " ".join(commands)
    body = (
        "_sitegen() {\n"
        '  local cur="${COMP_WORDS[COMP_CWORD]}" command="" word words\n'
        '  for word in "${COMP_WORDS[@]:1:COMP_CWORD-1}"; do\n'
        f'    case " {names} " in *" $word "*) command="$word" ;; esac\n'
        "  done\n"
        '  case "$command" in\n'
        f"{cases}"
        f"    *) words={shlex.quote(top)} ;;\n"
        "  esac\n"
        '  COMPREPLY=($(compgen -W "$words" -- "$cur"))\n'
        "}\n"
        "complete -o default -F _sitegen sitegen build.py\n"
    )
    if shell == "zsh":
        body = "autoload -U +X bashcompinit && bashcompinit\n" + body
    return (
        "# Completion for sitegen and python3 build.py; load it with: source <(sitegen completion SHELL)\n"
        + body
    )


def run_completion(args: argparse.Namespace) -> int:
    """Print the completion script for the shell asked for."""
    print(script(args.make_parser(), args.shell), end="")
    return 0
