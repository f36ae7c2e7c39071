"""Production settings: refuse to start without a secret, and pass Django's deploy checks."""

import os
import secrets
import subprocess
import sys


def run_cli(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "COLLECTIVES_DEV",
            "COLLECTIVES_TESTING",
            "DEBUG",
            "DATABASE_URL",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "collectives.cli", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


def test_it_refuses_to_start_in_production_without_a_secret_key(tmp_path):
    result = run_cli("check", COLLECTIVES_DATA_DIR=str(tmp_path))
    assert result.returncode == 2
    assert "SECRET_KEY is not set" in result.stderr


def test_it_passes_the_deploy_checks_with_production_defaults(tmp_path):
    result = run_cli(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="collectives.example.org",
        COLLECTIVES_DATA_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_it_documents_every_environment_variable_the_settings_read():
    import re
    from pathlib import Path

    import collectives.settings

    source = Path(collectives.settings.__file__).read_text()
    read = set(re.findall(r'env(?:bool|int|list|secret)?\("([A-Z_]+)"', source))
    read |= set(re.findall(r'os\.environ\.get\("([A-Z_]+)"', source))
    documented = Path(__file__).parents[1].joinpath("docs/configuration.md").read_text()
    missing = sorted(name for name in read if f"`{name}`" not in documented)
    assert missing == []
