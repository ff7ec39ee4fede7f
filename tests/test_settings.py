"""Settings come from the environment; a production configuration passes Django's deploy checks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k" * 20 + "-a-long-random-production-secret-" + "x" * 20,
    "ALLOWED_HOSTS": "quotebook.example",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    unset = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environ = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**environ, **env}, capture_output=True, text=True
    )


def test_it_refuses_to_start_in_production_until_static_files_are_collected(tmp_path):
    production = {**PRODUCTION, "STATIC_ROOT": str(tmp_path / "static")}
    before = manage("check", "--deploy", **production)
    assert before.returncode != 0
    assert "The static files are not collected" in before.stderr
    assert "collectstatic" in before.stderr
    collected = manage("collectstatic", "--no-input", "-v0", **production)
    assert collected.returncode == 0, collected.stderr
    after = manage("check", "--deploy", **production)
    assert after.returncode == 0, after.stderr
    assert "no issues (0 silenced)" in after.stdout


def test_it_refuses_to_serve_through_gunicorns_entry_point_without_collected_static_files(tmp_path):
    env = {**PRODUCTION, "STATIC_ROOT": str(tmp_path / "static")}
    result = subprocess.run(
        [sys.executable, "-c", "import newsroom.wsgi"],
        cwd=ROOT,
        env={**{k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}, **env},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured: The static files are not collected" in result.stderr


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = manage("check", DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off." in result.stderr


def test_it_names_the_variable_with_a_bad_value():
    result = manage("check", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be one of" in result.stderr
    assert "'maybe'" in result.stderr
