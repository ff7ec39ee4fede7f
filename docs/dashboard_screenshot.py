"""Take the README's picture of the dashboard: a fresh demo database, the demo server, headless Chromium.

    .venv/bin/python docs/dashboard_screenshot.py [--port 8106] [--out docs/dashboard.png]

Everything happens in a temporary folder (its own SQLite database), so the
picture shows exactly what `make demo` loads, and nothing of yours is touched.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("QUOTEBOOK_CHROMIUM", "/usr/bin/chromium")


def manage(*args: str, env: dict[str, str], **kwargs) -> subprocess.Popen | None:
    command = [sys.executable, str(ROOT / "manage.py"), *args]
    if kwargs.pop("background", False):
        return subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run(command, env=env, cwd=ROOT, check=True, **kwargs)
    return None


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"The demo server did not answer at {url} within {seconds:.0f} s.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8106)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "dashboard.png")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder}/demo.sqlite3", "DEBUG": "true"}
        manage("migrate", "--no-input", "-v0", env=env)
        manage("setup_demo", env=env, stdout=subprocess.DEVNULL)
        server = manage("runserver", "--noreload", f"127.0.0.1:{options.port}", env=env, background=True)
        base = f"http://127.0.0.1:{options.port}"
        try:
            wait_for(f"{base}/login/")
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
                page = browser.new_page(viewport={"width": 1280, "height": 900}, device_scale_factor=1)
                page.goto(f"{base}/login/")
                page.fill("input[name=username]", "demo")
                page.fill("input[name=password]", "demo")
                page.click("button[type=submit]")
                page.goto(f"{base}/dashboard/")
                page.screenshot(path=str(options.out), full_page=True)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"Wrote {options.out}")


if __name__ == "__main__":
    main()
