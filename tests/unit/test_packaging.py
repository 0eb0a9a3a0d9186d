"""What the wheel contains is declared in pyproject.toml: keep that list complete.

The packages are listed by hand (a mapped package, ``backoffice.resources``, is invisible to
``packages.find``), so a new package directory or a new kind of resource file must be added
there; these tests say which. And only ``backoffice/assets.py`` knows where resources live.
"""

from __future__ import annotations

import ast
import fnmatch
import tomllib
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _setuptools() -> dict[str, Any]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    setuptools: dict[str, Any] = config["tool"]["setuptools"]
    return setuptools


def test_every_package_directory_is_listed() -> None:
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "backoffice").rglob("__init__.py")
    }
    listed = set(_setuptools()["packages"])
    missing = found - listed
    assert not missing, f"add to [tool.setuptools] packages in pyproject.toml: {sorted(missing)}"
    assert listed - found == {"backoffice.resources"}, "listed packages that do not exist"
    assert _setuptools()["package-dir"] == {"backoffice.resources": "resources"}
    assert (ROOT / "resources" / "__init__.py").is_file()


def test_every_resource_file_is_package_data() -> None:
    patterns = _setuptools()["package-data"]["backoffice.resources"]
    resources = ROOT / "resources"
    files = [
        path.relative_to(resources).as_posix()
        for path in resources.rglob("*")
        if path.is_file()
        and "__pycache__" not in path.parts
        and path.name != "__init__.py"
        and path.suffix != ".qm"  # compiled translations: build output, not sources
    ]
    assert files
    left_out = [f for f in files if not any(fnmatch.fnmatchcase(f, p) for p in patterns)]
    assert not left_out, f"not in the wheel (package-data in pyproject.toml): {left_out}"


def test_only_assets_knows_where_resources_live() -> None:
    offenders = []
    for module in (ROOT / "backoffice").rglob("*.py"):
        if module.name == "assets.py" and module.parent.name == "backoffice":
            continue
        tree = ast.parse(module.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
                and "resources" in node.value
            ):
                offenders.append(f"{module.relative_to(ROOT)}:{node.lineno}")
    assert not offenders, f"use backoffice.assets instead of a path: {offenders}"


def test_one_version_number(capsys: pytest.CaptureFixture[str]) -> None:
    import backoffice
    from backoffice.cli import main
    from backoffice.portal.http import USER_AGENT

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in config["project"].get("dynamic", [])
    assert backoffice.__version__ == config["project"]["version"]
    assert USER_AGENT.endswith(f"/{config['project']['version']}")
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out == f"backoffice {config['project']['version']}\n"
