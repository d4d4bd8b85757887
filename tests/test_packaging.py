"""Packaging (issue 8): the Linux desktop files validate, the icon's sizes are there, resources are found
however the console is installed, and a frozen bundle starts its sandbox child through `__main__`.

The bundle itself is built and run by packaging/smoke_test.py, not here (it takes a minute)."""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from csr_console import __main__ as console_main
from csr_console import child_process
from csr_console.resource_files import APP_ID, ICON_SIZES, app_icon_files, resource_dir

ROOT = Path(__file__).resolve().parent.parent
LINUX = ROOT / "packaging" / "linux"
RESOURCES = ROOT / "resources"


def _validator(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (apt-get install desktop-file-utils appstream)")
    return path


def test_the_desktop_file_validates() -> None:
    tool = _validator("desktop-file-validate")
    result = subprocess.run([tool, str(LINUX / f"{APP_ID}.desktop")], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_the_metainfo_validates() -> None:
    tool = _validator("appstreamcli")
    result = subprocess.run(
        [tool, "validate", "--no-net", str(LINUX / f"{APP_ID}.metainfo.xml")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "W:" not in result.stdout and "E:" not in result.stdout, result.stdout


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n" and header[12:16] == b"IHDR", f"{path} is not a PNG"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_every_icon_size_is_there_and_that_size() -> None:
    assert (RESOURCES / "icons" / f"{APP_ID}.svg").is_file()
    for size in ICON_SIZES:
        png = RESOURCES / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert _png_size(png) == (size, size), png


def test_resource_dir_finds_the_marks_and_the_icons() -> None:
    folder = resource_dir()
    assert (folder / "marks" / "unknown-source.svg").is_file()
    files = app_icon_files()
    assert files[0].suffix == ".svg" and len(files) == 1 + len(ICON_SIZES)


def test_a_frozen_bundle_finds_its_own_resources(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "resources" / "marks").mkdir(parents=True)
    (tmp_path / "resources" / "marks" / "unknown-source.svg").write_text("<svg/>")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    resource_dir.cache_clear()
    try:
        assert resource_dir() == tmp_path / "resources"
    finally:
        monkeypatch.undo()
        resource_dir.cache_clear()
    assert resource_dir() == RESOURCES


def test_the_wheel_carries_every_folder_of_resources() -> None:
    """pyproject's data-files lists folders one by one: a new folder under resources/ must be added."""
    data_files = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["data-files"]
    listed = {Path(pattern).parent for patterns in data_files.values() for pattern in patterns}
    with_files = {
        path.parent.relative_to(ROOT)
        for path in RESOURCES.rglob("*")
        if path.is_file() and path.name[0] != "."
    }
    assert with_files <= listed, (
        f"add to [tool.setuptools.data-files]: {sorted(map(str, with_files - listed))}"
    )


def test_packaging_is_not_a_python_package() -> None:
    assert not (ROOT / "packaging" / "__init__.py").exists()  # it would shadow PyPI's `packaging`


def test_the_sandbox_child_command(monkeypatch: pytest.MonkeyPatch) -> None:
    assert child_process.sandbox_command() == [sys.executable, "-m", "csr_console.sandbox"]
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/csr-console/csr-console")
    assert child_process.sandbox_command() == ["/opt/csr-console/csr-console", "--run-sandbox"]


def test_main_hands_the_frozen_child_role_to_the_sandbox(monkeypatch: pytest.MonkeyPatch) -> None:
    from csr_console.sandbox import cli

    seen: list[list[str]] = []
    monkeypatch.setattr(cli, "main", lambda argv: seen.append(argv) or 7)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/csr-console/csr-console")
    command = [*child_process.sandbox_command(), "--port", "0", "--db", "x.db"]
    assert console_main.main(command[1:]) == 7
    assert seen == [["--port", "0", "--db", "x.db"]]
