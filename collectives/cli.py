"""The ``collectives`` console command: everything an operator does from a shell.

``collectives plan --ties FILE ...`` and ``collectives report --ties FILE ...`` work on CSV
files and never touch Django or a database; every other subcommand (serve, migrate, demo,
createuser, token, import, plan --group ..., and all of Django's management commands) runs
as a Django management command.
"""

from __future__ import annotations

import os
import sys


def _works_on_files(argv: list[str]) -> bool:
    return (
        len(argv) > 1
        and argv[1] in {"plan", "report"}
        and any(arg == "--ties" or arg.startswith("--ties=") for arg in argv[2:])
    )


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    if _works_on_files(argv):
        from collectives.network.cli import main as network_main

        return network_main(argv[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "collectives.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    if len(argv) == 1:
        argv.append("help")
    try:
        execute_from_command_line(argv)
    except ImproperlyConfigured as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader went away (`collectives ... | head`): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
