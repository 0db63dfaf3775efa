"""Office settings: declared options, conversion, fallback on bad data, unknown keys."""

from __future__ import annotations

import json
import logging

import pytest

from records import settings as settings_mod
from records.settings import (
    OPTIONS,
    SCHEMA_VERSION,
    Option,
    SettingError,
    Settings,
    UnknownSettingError,
    option,
)

REQUIRED_KEYS = {
    "display.urdu_digits": bool,
    "ui.language": str,
    "date.format": str,
    "workflow.require_verification": bool,
    "ocr.workers": int,
    "sync.server_url": str,
}


def test_declared_options_have_types_defaults_and_help():
    # GIVEN the registry  WHEN inspected
    # THEN the office settings exist with their types, and every option has help and a valid default
    for key, typ in REQUIRED_KEYS.items():
        assert OPTIONS[key].type is typ
    for opt in OPTIONS.values():
        assert opt.help and "." in opt.key
        assert opt.convert(opt.default) == opt.default
    assert option("ui.language").choices == ("ur", "en")


def test_fresh_settings_are_the_defaults_and_store_nothing():
    # GIVEN settings of a new office (no stored data)
    s = Settings.from_dict(None)
    # WHEN read and saved
    # THEN every value is its default and the dict holds only the schema version
    assert s["display.urdu_digits"] is False and s["ui.language"] == "ur"
    assert s.is_default("ocr.workers")
    assert s.to_dict() == {"_version": SCHEMA_VERSION}


def test_round_trip_through_json():
    # GIVEN settings changed by a user
    s = Settings()
    s["display.urdu_digits"] = True
    s["ui.language"] = "en"
    s["ocr.workers"] = 3
    s["sync.server_url"] = " https://daftar.example.pk "
    # WHEN stored as JSON (the Office row's column) and read back
    again = Settings.from_dict(json.loads(json.dumps(s.to_dict())))
    # THEN the same values, text trimmed
    assert again == s
    assert again["sync.server_url"] == "https://daftar.example.pk"
    assert again["ocr.workers"] == 3


@pytest.mark.parametrize(
    ("key", "raw", "value"),
    [
        ("display.urdu_digits", "yes", True),
        ("display.urdu_digits", "FALSE", False),
        ("display.urdu_digits", 1, True),
        ("ocr.workers", "4", 4),
        ("ocr.workers", 2.0, 2),
        ("ocr.dpi", " 400 ", 400),
    ],
)
def test_stored_values_are_converted_to_the_declared_type(key, raw, value):
    # GIVEN a stored value written loosely (text for a number, "yes" for a flag)
    # WHEN read  THEN it has the option's type
    got = Settings.from_dict({key: raw})[key]
    assert got == value and type(got) is type(value)


@pytest.mark.parametrize(
    ("key", "raw"),
    [
        ("display.urdu_digits", "maybe"),
        ("display.urdu_digits", 2),
        ("ocr.workers", "many"),
        ("ocr.workers", True),
        ("ocr.workers", 0),
        ("ocr.workers", "+-5"),
        ("ui.language", "fr"),
        ("date.format", 5),
        ("sync.server_url", ["x"]),
    ],
)
def test_bad_stored_values_fall_back_to_the_default_with_a_warning(key, raw, caplog):
    # GIVEN stored data with a value that does not fit its setting
    # WHEN read
    with caplog.at_level(logging.WARNING, logger="records.settings"):
        s = Settings.from_dict({key: raw})
    # THEN the default is used, a warning names the setting, and the bad value is not saved back
    assert s[key] == OPTIONS[key].default
    assert key in caplog.text and "using the default" in caplog.text
    assert key not in s.to_dict()


def test_unknown_stored_keys_are_kept_not_lost(caplog):
    # GIVEN settings saved by a newer Daftar with a key this version does not know
    stored = {"display.urdu_digits": True, "ocr.gpu": "cuda", "_version": SCHEMA_VERSION + 1}
    # WHEN read and written back
    with caplog.at_level(logging.WARNING, logger="records.settings"):
        s = Settings.from_dict(stored)
    # THEN the unknown key and the newer version survive, and the warning names the key
    assert s.to_dict() == stored
    assert "ocr.gpu" in caplog.text


def test_not_a_dict_gives_the_defaults(caplog):
    # GIVEN a corrupt settings column (a list)  WHEN read  THEN the defaults, logged
    with caplog.at_level(logging.WARNING, logger="records.settings"):
        s = Settings.from_dict(["x"])
    assert s == Settings() and "not a JSON object" in caplog.text


def test_unknown_keys_are_refused_in_code_with_a_suggestion():
    # GIVEN settings  WHEN code reads or writes a misspelt key
    s = Settings()
    # THEN UnknownSettingError (a KeyError) naming the key and the close match
    with pytest.raises(UnknownSettingError, match="'ui.langage'.*did you mean ui.language"):
        s["ui.langage"]
    with pytest.raises(KeyError, match="no setting named 'colour'"):
        s.set("colour", "blue")
    with pytest.raises(UnknownSettingError):
        s.reset("colour")


@pytest.mark.parametrize(
    ("key", "value", "needle"),
    [
        ("ui.language", "fr", "is not one of 'ur', 'en'"),
        ("ocr.workers", 0, "below the smallest allowed (1)"),
        ("ocr.workers", 99, "above the largest allowed (16)"),
        ("ocr.workers", "two", "not a whole number"),
        ("display.urdu_digits", "perhaps", "not yes/no"),
    ],
)
def test_setting_a_bad_value_raises_a_clear_error(key, value, needle):
    # GIVEN settings  WHEN a bad value is set  THEN SettingError naming the setting and why
    s = Settings()
    with pytest.raises(SettingError) as e:
        s[key] = value
    assert key in str(e.value) and needle in str(e.value)
    assert s.is_default(key)


def test_reset_and_items():
    # GIVEN a changed setting  WHEN reset  THEN back to the default; items list every option
    s = Settings()
    s["ocr.workers"] = 2
    s.reset("ocr.workers")
    assert s["ocr.workers"] == 1 and s.is_default("ocr.workers")
    assert dict(s.items()).keys() == OPTIONS.keys()
    assert "ocr.workers" in s and "ocr.gpu" not in s


def test_option_declaration_is_checked():
    # GIVEN option declarations with a default of the wrong type, outside the choices, or a float type
    # WHEN declared  THEN the mistake is refused at once
    with pytest.raises(SettingError):
        Option("x.a", int, "three", "help")
    with pytest.raises(SettingError):
        Option("x.b", str, "de", "help", choices=("ur", "en"))
    with pytest.raises(TypeError):
        Option("x.c", float, 1.0, "help")


def test_older_settings_are_upgraded(monkeypatch):
    # GIVEN version-1 settings that used an old key, and an upgrade to version 2 renaming it
    monkeypatch.setattr(settings_mod, "SCHEMA_VERSION", 2)

    def rename(d: dict) -> dict:
        d["ocr.workers"] = d.pop("ocr.threads")
        return d

    monkeypatch.setitem(settings_mod._UPGRADES, 1, rename)
    # WHEN read
    s = Settings.from_dict({"ocr.threads": "2", "_version": 1})
    # THEN the value sits under the new key and is saved as version 2
    assert s["ocr.workers"] == 2
    assert s.to_dict() == {"_version": 2, "ocr.workers": 2}
