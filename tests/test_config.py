"""The server settings in .streamlit/config.toml: real Streamlit options, set for serving to viewers."""

from __future__ import annotations

import tomllib

import pytest
from streamlit import config

from tests.conftest import ROOT

SETTINGS = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


def test_every_setting_is_a_streamlit_option():
    names = [f"{section}.{key}" for section, values in SETTINGS.items() for key in values]
    assert [n for n in names if n not in config._config_options_template] == []


@pytest.mark.parametrize(
    ("section", "key", "expected"),
    [
        ("client", "showErrorDetails", "none"),  # no traceback or server path ever reaches a viewer
        ("client", "showErrorLinks", False),
        ("server", "enableXsrfProtection", True),
        ("server", "allowedHosts", ["localhost", "127.0.0.1"]),  # DNS rebinding
        ("server", "address", "127.0.0.1"),
        ("browser", "gatherUsageStats", False),
    ],
)
def test_server_settings_for_viewers(section, key, expected):
    assert SETTINGS[section][key] == expected
