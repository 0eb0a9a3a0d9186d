"""backoffice.assets: every kind of shipped file is found, real file names where needed."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from backoffice import assets


def test_every_kind_of_resource_is_found() -> None:
    templates = sorted(p.name for p in assets.service_templates().iterdir())
    assert "birth_certificate.json" in templates
    schema = json.loads(assets.schema("metadata.schema.v1.0.0.json").read_text("utf-8"))
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert assets.font("DejaVuSans.ttf").read_bytes()[:4] == b"\x00\x01\x00\x00"  # TrueType
    assert b"<svg" in assets.icon("backoffice").read_bytes()
    assert not assets.icon("no-such-icon").is_file()
    assert {p.name for p in assets.translations().iterdir()} >= {
        "backoffice_de.ts",
        "backoffice_en.ts",
    }


@pytest.mark.parametrize("name", ["", ".", "..", "../pyproject.toml", "a/b", "a\\b"])
def test_only_plain_file_names(name: str) -> None:
    with pytest.raises(ValueError, match="plain resource file name"):
        assets.schema(name)
    with pytest.raises(ValueError, match="plain resource file name"):
        assets.font(name)


def test_file_path_is_the_installed_file() -> None:
    resource = assets.font("DejaVuSerif.ttf")
    path = assets.file_path(resource)
    assert path.is_file() and path.read_bytes() == resource.read_bytes()
    assert assets.folder_path(assets.translations()) == path.parents[1] / "translations"


def test_from_a_zip_archive_files_are_extracted_and_folders_refused(tmp_path: Path) -> None:
    archive = tmp_path / "resources.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("fonts/Some.ttf", b"font bytes")
    zipped = zipfile.Path(archive, "fonts/Some.ttf")
    path = assets.file_path(zipped)
    assert path.is_file() and path.read_bytes() == b"font bytes"
    assert not path.is_relative_to(archive)
    with pytest.raises(RuntimeError, match="not plain files"):
        assets.folder_path(zipfile.Path(archive, "fonts/"))
