"""The Spanish catalog is complete and compiled: every string has a real translation."""

import gettext
import re
from pathlib import Path

import collectives

CATALOG = Path(collectives.__file__).parent / "locale" / "es" / "LC_MESSAGES"


def entries(po_text: str):
    """(flags, msgid, [msgstr, ...]) for every entry of a .po file, the header left out."""
    for block in po_text.strip().split("\n\n"):
        flags = " ".join(line for line in block.splitlines() if line.startswith("#,"))
        fields: dict[str, str] = {}
        key = None
        for line in block.splitlines():
            if match := re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line):
                key = match[1]
                fields[key] = match[2]
            elif line.startswith('"') and key:
                fields[key] += line[1:-1]
        if fields.get("msgid"):
            strs = [value for name, value in fields.items() if name.startswith("msgstr")]
            yield flags, fields["msgid"], strs


def test_it_translates_every_string_for_real():
    found = list(entries((CATALOG / "django.po").read_text(encoding="utf-8")))
    assert len(found) > 300
    untranslated = [msgid for _, msgid, strs in found if not all(strs)]
    fuzzy = [msgid for flags, msgid, _ in found if "fuzzy" in flags]
    assert not untranslated, f"untranslated: {untranslated}"
    assert not fuzzy, f"fuzzy (guessed, unchecked) translations: {fuzzy}"


def test_it_ships_a_compiled_catalog_matching_the_po_file():
    with open(CATALOG / "django.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    po = (CATALOG / "django.po").read_text(encoding="utf-8")
    stale = [
        msgid
        for _, msgid, strs in entries(po)
        if "\\" not in msgid and len(strs) == 1 and compiled.gettext(msgid) != strs[0]
    ]
    assert not stale, f"run `make messages` (compilemessages): {stale[:5]}"
