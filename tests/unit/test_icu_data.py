"""installer/icu_data.py: which items of ICU's data the bundle keeps."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "installer"))
import icu_data


@pytest.mark.parametrize(
    "item",
    [
        "fr.res",
        "coll/fr.res",
        "zone/zh_Hant_HK.res",
        "unit/es_.res",
        "translit/el.res",
        "gb18030.cnv",
    ],
)
def test_other_languages_converters_and_transliterators_go(item: str) -> None:
    assert icu_data.removable(item)


@pytest.mark.parametrize(
    "item",
    [
        "root.res",
        "de.res",
        "de_CH.res",
        "en_001.res",
        "coll/de__PHONEBOOK.res",
        "coll/root.res",
        "coll/ucadata.icu",
        "brkitr/thaidict.dict",
        "brkitr/ja.res",
        "zone/tzdbNames.res",
        "zoneinfo64.res",
        "metaZones.res",
        "plurals.res",
        "pool.res",
        "res_index.res",
        "uprops.icu",
        "nfc.nrm",
        "ibm-5348_P100-1997.cnv",
        "cnvalias.icu",
    ],
)
def test_german_english_and_everything_that_is_not_locale_data_stays(item: str) -> None:
    assert not icu_data.removable(item)
