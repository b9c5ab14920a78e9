"""An installed wheel (not only a source checkout) finds its stylesheets, seed articles
and lexicons."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps",
                    "--no-build-isolation", "-q", "-w", str(out)], check=True)
    return next(out.glob("quote_workbench-*.whl"))


def test_the_wheel_carries_styles_seeds_and_lexicons(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "workbench/styles/workbench.tcss" in names
    assert {f"workbench/seeds/{p.name}" for p in (ROOT / "seeds").glob("*.txt")} <= names
    assert "workbench/lexicons/it.toml" in names


def test_an_installed_wheel_finds_its_files(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(target), str(wheel)], check=True)
    code = ("from workbench.resources import stylesheets, seeds_dir; import workbench.tui.app as a; "
            "print(stylesheets()[0]); print(seeds_dir()); print(a.WorkbenchApp.CSS_PATH[0])")
    env = {**os.environ, "PYTHONPATH": str(target)}
    found = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, check=True,
                           capture_output=True, text=True).stdout.split("\n")
    assert all(line.startswith(str(target)) for line in found[:3]), found
