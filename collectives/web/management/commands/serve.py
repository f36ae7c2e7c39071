"""``collectives serve``: run the web application with gunicorn."""

import os
import shutil
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Serve Collectives with gunicorn. Collects static files first. "
        "Binds to 127.0.0.1 unless --host is given; PORT sets the default port."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--host",
            default=os.environ.get("HOST", "127.0.0.1"),
            help="Address to listen on (default 127.0.0.1, or $HOST).",
        )
        parser.add_argument(
            "--port",
            type=int,
            default=int(os.environ.get("PORT", "8000")),
            help="Port to listen on (default 8000, or $PORT).",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("WEB_WORKERS", "2")),
            help="Number of gunicorn worker processes (default 2).",
        )

    def handle(self, *args, host, port, workers, **options):
        if not 0 < port < 65536:
            raise CommandError(f"--port must be between 1 and 65535, not {port}.")
        if workers < 1:
            raise CommandError("--workers must be at least 1.")
        call_command("collectstatic", interactive=False, verbosity=0)
        gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or shutil.which(
            "gunicorn"
        )
        if gunicorn is None:
            raise CommandError("gunicorn is not installed in this environment.")
        self.stdout.write(f"Serving Collectives at http://{host}:{port}/ (Ctrl-C stops it)")
        self.stdout.flush()
        argv = [
            gunicorn,
            "collectives.wsgi:application",
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(workers),
            "--access-logfile",
            "-",
            # Method and path only: query strings can carry names (?q=...) and addresses
            # are personal data, so neither reaches the log.
            "--access-logformat",
            '"%(m)s %(U)s" %(s)s %(b)s %(L)ss',
        ]
        if settings.DEBUG:
            argv.append("--reload")
        os.execv(gunicorn, argv)
