"""Office settings: a typed registry declared once here, read from and written to a plain dict.

Every setting is an `Option` declared in this module (key, type, default, help, allowed
choices or limits). `Settings` holds the values of one office; storage is a JSON column of
the Office row, so this module only converts to and from a dict:

    s = Settings.from_dict(office.settings)   # bad values fall back to the default (logged)
    s["display.urdu_digits"] = True           # converted and checked; bad values raise
    office.settings = s.to_dict()

Reading stored data never fails: a value of the wrong type becomes the default with a
logged warning, and a key this version does not know (written by a newer Daftar, say) is
kept as it is and written back by `to_dict`, so nothing saved is lost. Code that asks for
or sets a key that is not declared gets `UnknownSettingError` naming the close matches.

How to add a setting: add one `_option(...)` line below in its group, with a help text a
clerk understands; if it renames or re-types an old key, raise SCHEMA_VERSION and register
an upgrade function with `@_upgrade(old_version)`.
"""

from __future__ import annotations

import difflib
import logging
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
VERSION_KEY = "_version"


class SettingError(ValueError):
    """A value that does not fit its setting; the message names the setting and what fits."""


class UnknownSettingError(SettingError, KeyError):
    """A key that no Option declares."""

    def __str__(self) -> str:  # KeyError would print the message in quotes
        return str(self.args[0]) if self.args else ""


_TYPES = (bool, int, str)
_TRUE = frozenset({"true", "yes", "on", "1"})
_FALSE = frozenset({"false", "no", "off", "0"})
_INT_RE = re.compile(r"[+-]?[0-9]{1,18}")


@dataclass(frozen=True)
class Option:
    """One setting: its key ("group.name"), type (bool, int or str), default and help."""

    key: str
    type: type
    default: Any
    help: str
    choices: tuple | None = None
    min: int | None = None
    max: int | None = None

    def __post_init__(self) -> None:
        if self.type not in _TYPES:
            raise TypeError(f"option {self.key}: type must be bool, int or str")
        if self.choices is not None:
            object.__setattr__(self, "choices", tuple(self.choices))
        # The default must pass the option's own checks (a programming error otherwise).
        self.convert(self.default)

    def convert(self, value: Any) -> Any:
        """The value as this option's type, or SettingError saying what fits."""
        v = _convert(self, value)
        if self.choices is not None and v not in self.choices:
            allowed = ", ".join(repr(c) for c in self.choices)
            raise SettingError(f"setting {self.key}: {value!r} is not one of {allowed}")
        if self.type is int:
            if self.min is not None and v < self.min:
                raise SettingError(
                    f"setting {self.key}: {v} is below the smallest allowed ({self.min})"
                )
            if self.max is not None and v > self.max:
                raise SettingError(
                    f"setting {self.key}: {v} is above the largest allowed ({self.max})"
                )
        return v


def _convert(opt: Option, value: Any) -> Any:
    t = opt.type
    if t is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
            return value.strip().lower() in _TRUE
        raise SettingError(f"setting {opt.key}: {value!r} is not yes/no (true or false)")
    if t is int:
        if isinstance(value, bool):
            raise SettingError(f"setting {opt.key}: {value!r} is not a whole number")
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and _INT_RE.fullmatch(value.strip()):
            return int(value.strip())
        raise SettingError(f"setting {opt.key}: {value!r} is not a whole number")
    # str
    if isinstance(value, str):
        return value.strip()
    raise SettingError(f"setting {opt.key}: {value!r} is not text")


OPTIONS: dict[str, Option] = {}


def _option(key: str, type: type, default: Any, help: str, choices=None, **limits) -> Option:
    if key in OPTIONS:
        raise ValueError(f"setting {key} is declared twice")
    if key.startswith("_") or "." not in key:
        raise ValueError(f"setting key {key!r} must look like group.name")
    opt = Option(key, type, default, help, choices, **limits)
    OPTIONS[key] = opt
    return opt


# ---- display
_option("display.urdu_digits", bool, False, "Show numbers in Urdu digits (۱۲) instead of 12.")
_option(
    "display.urdu_font",
    str,
    "Noto Nastaliq Urdu",
    "Font for Urdu text on screen.",
    choices=("Noto Nastaliq Urdu", "Noto Naskh Arabic"),
)
_option(
    "print.urdu_font",
    str,
    "Noto Naskh Arabic",
    "Font for Urdu text in printed reports (PDF). Nastaliq prints as the registers are "
    "written; its PDFs are larger and take about twice as long to make, so Naskh is the default.",
    choices=("Noto Naskh Arabic", "Noto Nastaliq Urdu"),
)
_option("display.font_size", int, 13, "Text size on screen, in points.", min=8, max=40)
# ---- user interface
_option("ui.language", str, "ur", "Language of menus and messages.", choices=("ur", "en"))
# ---- dates
_option(
    "date.format",
    str,
    "%d-%m-%Y",
    "How dates are shown and printed (day-month-year by default).",
    choices=("%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d"),
)
# ---- office
_option("office.name", str, "", "Name of the office, printed on reports.")
_option("office.district", str, "", "District of the office, the default for new registers.")
_option("office.tehsil", str, "", "Tehsil of the office, the default for new registers.")
# ---- workflow
_option(
    "workflow.require_verification",
    bool,
    True,
    "Approved entries also need a revenue officer's verification before they go into a batch for sync.",
)
# ---- OCR
_option("ocr.workers", int, 1, "How many pages are read at the same time.", min=1, max=16)
_option(
    "ocr.dpi", int, 300, "Resolution used when scanning or rendering PDF pages.", min=150, max=600
)
# ---- security
_option(
    "security.lock_after_minutes",
    int,
    15,
    "Minutes without use after which Daftar hides its window until the signed-in user types the "
    "password again (or signs out for the next person); 0: never.",
    min=0,
    max=240,
)
# ---- backups
_option(
    "backup.remind_after_days",
    int,
    7,
    "Days after the last backup when Daftar reminds supervisors, revenue officers and the "
    "administrator to write one; 0: never remind.",
    min=0,
    max=365,
)
# ---- sync
_option("sync.server_url", str, "", "Address of the central server (https://...); empty: no sync.")


# ---- upgrades of stored settings: _UPGRADES[n] turns a version-n dict into version n+1
_UPGRADES: dict[int, Callable[[dict], dict]] = {}


def _upgrade(from_version: int):
    def register(fn: Callable[[dict], dict]):
        _UPGRADES[from_version] = fn
        return fn

    return register


def _unknown(key: str) -> UnknownSettingError:
    near = difflib.get_close_matches(str(key), OPTIONS, n=3)
    hint = (
        f"; did you mean {', '.join(near)}?" if near else "; see records/settings.py for the list"
    )
    return UnknownSettingError(f"no setting named {key!r}{hint}")


def option(key: str) -> Option:
    """The declared Option for a key, or UnknownSettingError."""
    try:
        return OPTIONS[key]
    except KeyError:
        raise _unknown(key) from None


class Settings:
    """The settings of one office: declared options with their values (defaults when unset)."""

    def __init__(self) -> None:
        self._values: dict[str, Any] = {}  # only values set explicitly
        self._foreign: dict[str, Any] = {}  # keys this version does not declare, kept as is
        self._version = SCHEMA_VERSION  # higher when read from a newer Daftar's settings

    @classmethod
    def from_dict(cls, data: Mapping | None) -> Settings:
        """Settings from stored data; never raises on bad data (defaults, logged warnings)."""
        s = cls()
        if data is None:
            return s
        if not isinstance(data, Mapping):
            log.warning(
                "office settings are not a JSON object (%r); using the defaults", type(data)
            )
            return s
        data = _run_upgrades(dict(data))
        s._version = max(SCHEMA_VERSION, _version_of(data))
        for key, raw in data.items():
            if key == VERSION_KEY:
                continue
            opt = OPTIONS.get(key) if isinstance(key, str) else None
            if opt is None:
                log.warning("unknown office setting %r kept unchanged (newer Daftar?)", key)
                s._foreign[key] = raw
                continue
            try:
                s._values[key] = opt.convert(raw)
            except SettingError as e:
                log.warning("%s; using the default %r", e, opt.default)
        return s

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict: values set explicitly, unknown keys kept, schema version."""
        out: dict[str, Any] = {**self._foreign, **self._values}
        out[VERSION_KEY] = self._version
        return dict(sorted(out.items(), key=lambda kv: str(kv[0])))

    def get(self, key: str) -> Any:
        """Value of a setting (its default when not set)."""
        opt = option(key)
        return self._values.get(key, opt.default)

    def set(self, key: str, value: Any) -> None:
        """Set a value, converted to the option's type; SettingError when it does not fit."""
        self._values[key] = option(key).convert(value)

    def reset(self, key: str) -> None:
        """Back to the default."""
        option(key)
        self._values.pop(key, None)

    def is_default(self, key: str) -> bool:
        option(key)
        return key not in self._values

    __getitem__ = get
    __setitem__ = set

    def __contains__(self, key: object) -> bool:
        return key in OPTIONS

    def __iter__(self) -> Iterator[str]:
        return iter(OPTIONS)

    def items(self) -> Iterator[tuple[str, Any]]:
        """Every declared setting with its current value."""
        return ((k, self.get(k)) for k in OPTIONS)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Settings):
            return NotImplemented
        return dict(self.items()) == dict(other.items()) and self._foreign == other._foreign

    def __repr__(self) -> str:
        return f"Settings({self._values!r})"


def _version_of(data: dict) -> int:
    version = data.get(VERSION_KEY, 1)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return 1
    return version


def _run_upgrades(data: dict) -> dict:
    version = _version_of(data)
    if version != data.get(VERSION_KEY, 1):
        log.warning(
            "office settings have a bad version %r; reading them as version 1", data[VERSION_KEY]
        )
    if version > SCHEMA_VERSION:
        log.warning(
            "office settings are version %s, newer than this Daftar (%s); unknown keys are kept",
            version,
            SCHEMA_VERSION,
        )
        return data
    while version < SCHEMA_VERSION:
        fn = _UPGRADES.get(version)
        if fn is not None:
            data = fn(data)
        version += 1
    data[VERSION_KEY] = version
    return data
