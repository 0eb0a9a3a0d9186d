"""installer/windows/backoffice.wxs stays a valid per-machine MSI source (checked with msitools).

wixl (msitools' WiX subset) builds an MSI from the .wxs and a harvest of a dummy bundle, and
msiinfo reads its tables back. wixl ignores two WiX v3 attributes we need on Windows
(``Package/@Platform``, ``Property/@Secure``): its warnings about those are expected, any other
is a failure. The real MSI is built on Windows with WiX v3 (installer/README.md).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from backoffice.services.installation import REGISTRY_KEYS, REGISTRY_VALUES

ROOT = Path(__file__).resolve().parents[2]
WXS = ROOT / "installer" / "windows" / "backoffice.wxs"
NS = {"wix": "http://schemas.microsoft.com/wix/2006/wi"}
#: Never change it: Windows Installer recognises earlier versions (MajorUpgrade) by it.
UPGRADE_CODE = "56dcf0d9-e0b7-4f95-9ea5-0beb24565460"
PUBLIC_PROPERTIES = {
    "DATABASE_URL": "DatabaseUrl",
    "PORTAL_BASE_URL": "PortalBaseUrl",
    "PORTAL_TOKEN_URL": "PortalTokenUrl",
    "PORTAL_DESTINATIONS": "PortalDestinations",
    "PORTAL_CLIENT_ID": "PortalClientId",
}
EXPECTED_WARNINGS = re.compile(r"has no property named '(Secure|Platform)'")

pytestmark = pytest.mark.skipif(
    shutil.which("wixl") is None or shutil.which("msiinfo") is None,
    reason="needs Debian's wixl and msitools (tests/run.sh installs them)",
)


def _table(msi: Path, name: str) -> list[list[str]]:
    """Rows of one MSI table (msiinfo export: header, types, table name line, rows)."""
    text = subprocess.run(
        ["msiinfo", "export", str(msi), name], capture_output=True, text=True, check=True
    ).stdout
    return [line.split("\t") for line in text.splitlines()[3:]]


@pytest.fixture(scope="module")
def msi(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("msi")
    bundle = work / "bundle"
    for name in ("backoffice.exe", "backoffice-gui.exe", "_internal/python311.dll"):
        (bundle / name).parent.mkdir(parents=True, exist_ok=True)
        (bundle / name).write_bytes(b"MZ dummy " + name.encode())
    files = "\n".join(str(p.relative_to(work)) for p in sorted(bundle.rglob("*")) if p.is_file())
    harvest = subprocess.run(
        [
            *("wixl-heat", "--prefix", "bundle/", "--directory-ref", "INSTALLDIR"),
            *("--component-group", "BundleFiles", "--var", "var.BundleDir", "--win64"),
        ],
        input=files,
        capture_output=True,
        text=True,
        check=True,
        cwd=work,
    )
    (work / "files.wxs").write_text(harvest.stdout, encoding="utf-8")
    version = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    built = subprocess.run(
        [
            *("wixl", "--arch", "x64", "-D", f"Version={version}", "-D", "Win64=yes"),
            *("-D", "BundleDir=bundle", "-o", "backoffice.msi", str(WXS), "files.wxs"),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=work,
    )
    assert built.returncode == 0, built.stderr
    unexpected = [
        line
        for line in built.stderr.splitlines()
        if line.strip() and not EXPECTED_WARNINGS.search(line)
    ]
    assert not unexpected, unexpected
    return work / "backoffice.msi"


def test_product_identity_and_major_upgrade(msi: Path) -> None:
    properties = dict(row[:2] for row in _table(msi, "Property"))
    version = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    assert properties["ProductVersion"] == version
    assert properties["UpgradeCode"].strip("{}").lower() == UPGRADE_CODE
    assert properties["ALLUSERS"] == "1"  # per machine
    upgrades = _table(msi, "Upgrade")
    assert {row[0].strip("{}").lower() for row in upgrades} == {UPGRADE_CODE}
    assert {row[-1] for row in upgrades} == {"WIX_UPGRADE_DETECTED", "WIX_DOWNGRADE_DETECTED"}
    actions = {row[0] for row in _table(msi, "InstallExecuteSequence")}
    assert "RemoveExistingProducts" in actions
    assert _table(msi, "CustomAction") == []


def test_public_properties_become_the_registry_values_the_program_reads(msi: Path) -> None:
    root = ET.parse(WXS).getroot()  # noqa: S314 - our own file
    declared = root.findall(".//wix:Property", NS)
    secure = {p.get("Id") for p in declared if p.get("Secure") == "yes"}
    assert secure == set(PUBLIC_PROPERTIES)
    assert set(PUBLIC_PROPERTIES.values()) == set(REGISTRY_VALUES.values())
    written = {
        row[3]: (row[1], row[2].rstrip("\\"), row[4])
        for row in _table(msi, "Registry")
        if row[5] == "MachineSettings"
    }
    assert written == {
        name: ("2", REGISTRY_KEYS[1], f"[{prop}]")  # 2: HKEY_LOCAL_MACHINE
        for prop, name in PUBLIC_PROPERTIES.items()
    }


def test_files_and_start_menu_entry(msi: Path) -> None:
    files = {row[2].split("|")[-1] for row in _table(msi, "File")}
    assert {"backoffice.exe", "backoffice-gui.exe", "python311.dll"} <= files
    (shortcut,) = _table(msi, "Shortcut")
    assert shortcut[1] == "ProgramMenuFolder" and shortcut[4] == "[INSTALLDIR]backoffice-gui.exe"
