"""Linux: ICU's data library, cut to what the program uses (32 MB -> about 8 MB).

Qt's wheels link ICU; its data library holds the locale data of every language, several
hundred legacy character converters and the transliterators. The program speaks German and
English (and Qt uses ICU for collation, case mapping, normalisation and text boundaries):
this keeps the root, ``de*`` and ``en*`` locale data, every non-locale item (properties,
normalisation, break rules and dictionaries, time zones, plural rules, …) and two Western
converters, and drops the rest. ICU's own tools do the work (Debian's ``icu-devtools``:
``icupkg`` checks that nothing kept depends on a removed item), and ``genccode`` plus ``gcc``
make a library with the same soname and data symbol again.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

KEEP_LANGUAGES = {"root", "de", "en"}
#: windows-1252 and ISO-8859-15 (ISO-8859-1 and the UTFs need no file).
KEEP_CONVERTERS = {"ibm-5348_P100-1997.cnv", "ibm-923_P100-1998.cnv"}
TOOLS = ("icupkg", "genccode", "gcc", "objcopy", "nm")
# A locale's data: xx.res, xx_YY.res, xx_Script_YY.res (top level or in a data tree); not the
# trees' index (res_index.res), which only looks like one.
_LOCALE = re.compile(
    r"^(?:(?:curr|lang|region|unit|zone|coll|rbnf)/)?(?!res_index\.)([a-z]{2,3})(_\w*)*\.res$"
)


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def removable(item: str) -> bool:
    """Whether an item of the ICU data package (e.g. ``coll/fr.res``) can go."""
    if item.endswith(".cnv"):
        return item not in KEEP_CONVERTERS
    if item.startswith("translit/"):
        return True
    locale = _LOCALE.match(item)
    return locale is not None and locale[1] not in KEEP_LANGUAGES


def trim(library: Path, work: Path) -> tuple[int, int]:
    """Replace ``library`` (libicudataNN.so) by a trimmed one; return sizes before, after."""
    symbols = subprocess.run(
        ["nm", "-D", "--defined-only", str(library)], capture_output=True, text=True, check=True
    ).stdout
    found = re.search(r"\b(icudt(\d+)_dat)\b", symbols)
    if found is None:
        raise SystemExit(f"{library} does not look like ICU's data library")
    symbol, version = found[1], found[2]
    tree = f"icudt{version}l"  # little-endian package, as the library holds it
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    package = work / f"{tree}.dat"
    subprocess.run(
        ["objcopy", "-O", "binary", "--only-section=.rodata", str(library), str(package)],
        check=True,
    )
    items = subprocess.run(
        ["icupkg", "-l", str(package)], capture_output=True, text=True, check=True
    ).stdout.split()
    removed = [item for item in items if removable(item)]
    (work / "remove.txt").write_text("\n".join(removed) + "\n", encoding="utf-8")
    check = subprocess.run(
        ["icupkg", "-r", str(work / "remove.txt"), str(package)],
        capture_output=True,
        text=True,
        check=False,
    )
    if check.returncode != 0 or "depends on missing" in check.stdout + check.stderr:
        raise SystemExit(f"icupkg refused to trim ICU's data:\n{check.stdout}{check.stderr}")
    subprocess.run(
        ["genccode", "-a", "gcc", "-e", f"icudt{version}", "-d", str(work), str(package)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    assembly = work / f"{tree}_dat.S"
    trimmed = work / library.name
    subprocess.run(
        [
            *("gcc", "-shared", "-nostdlib", f"-Wl,-soname,{library.name}"),
            *("-Wl,-z,noexecstack", "-o", str(trimmed), str(assembly)),
        ],
        check=True,
    )
    if (
        symbol
        not in subprocess.run(
            ["nm", "-D", str(trimmed)], capture_output=True, text=True, check=True
        ).stdout
    ):
        raise SystemExit(f"the trimmed ICU library lacks {symbol}")
    before = library.stat().st_size
    shutil.copyfile(trimmed, library)
    return before, library.stat().st_size
