"""The one console command: file-mode planning needs no configuration, the rest is Django."""

import json
import os
import subprocess
import sys


def run(*args, cwd):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("COLLECTIVES_", "DJANGO_")) and key not in {"SECRET_KEY", "DEBUG"}
    }
    return subprocess.run(
        [sys.executable, "-m", "collectives.cli", *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=cwd,
        timeout=120,
    )


def test_it_plans_over_csv_files_without_any_configuration(tmp_path):
    (tmp_path / "ties.csv").write_text("a,b\nana,ben\nben,cy\n")
    result = run("plan", "--ties", "ties.csv", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    assert plan["introductions"] == [
        {"a": "ana", "b": "cy", "cost": 1, "reason": "both know ben", "via": "ben"}
    ]
    assert not (tmp_path / "data").exists()  # no database was created


def test_it_reports_bad_files_with_status_2_and_no_output(tmp_path):
    (tmp_path / "ties.csv").write_text("a,b\nana,ana\n")
    result = run("report", "--ties", "ties.csv", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "ties.csv, line 2" in result.stderr


def test_it_hands_everything_else_to_django(tmp_path):
    result = run("check", cwd=tmp_path)
    # Without SECRET_KEY, production settings refuse to start, with a clear message.
    assert result.returncode == 2
    assert "SECRET_KEY" in result.stderr
