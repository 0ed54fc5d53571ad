"""The Welsh catalogue is complete, and each translation keeps what the page fills in."""

import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

WELSH = Path(__file__).resolve().parent.parent / "locale" / "cy" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]")
TAG = re.compile(r"</?([a-z]+)\b")


def catalogue():
    return polib.pofile(str(WELSH))


def translations(entry):
    if entry.msgid_plural:
        return [entry.msgstr_plural.get(form, "") for form in range(4)]
    return [entry.msgstr]


def test_the_welsh_catalogue_has_entries():
    assert len(catalogue()) > 100


def test_every_message_has_a_welsh_translation():
    missing = [entry.msgid for entry in catalogue() if not all(translations(entry))]
    assert not missing, f"Translate into Welsh: {missing}"


def test_no_translation_is_fuzzy_or_obsolete():
    po = catalogue()
    assert not po.fuzzy_entries(), [entry.msgid for entry in po.fuzzy_entries()]
    assert not po.obsolete_entries()
    assert not po.metadata_is_fuzzy


def test_the_catalogue_says_it_is_welsh_with_four_plural_forms():
    metadata = catalogue().metadata
    assert metadata["Language"] == "cy"
    assert metadata["Plural-Forms"].startswith("nplurals=4;")


@pytest.mark.parametrize("entry", list(catalogue()), ids=lambda entry: entry.msgid[:40])
def test_each_translation_keeps_the_placeholders_and_markup(entry):
    # A plural's singular may say "one" in words rather than with its number.
    sources = [entry.msgid_plural] if entry.msgid_plural else [entry.msgid]
    expected = set(PLACEHOLDER.findall(" ".join(sources)))
    for welsh in translations(entry):
        found = set(PLACEHOLDER.findall(welsh))
        assert found <= expected | set(PLACEHOLDER.findall(entry.msgid)), welsh
        if not entry.msgid_plural:
            assert found == expected, welsh
        assert sorted(TAG.findall(welsh)) == sorted(TAG.findall(entry.msgid)), welsh


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="GNU gettext's msgfmt is not installed")
def test_gnu_gettext_accepts_the_catalogue(tmp_path):
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(WELSH)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
