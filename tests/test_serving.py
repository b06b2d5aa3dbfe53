"""`stances app`: the dashboard served from any folder with the reviewed server settings of .streamlit/config.toml."""

from __future__ import annotations

import sys
import tomllib

import pytest
from streamlit import config

from stances import serving
from stances.cli import main
from tests.conftest import ROOT

SETTINGS = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


def test_the_settings_are_the_repositorys_config():
    assert serving.settings() == SETTINGS


@pytest.mark.parametrize("option", [f"{s}.{k}" for s, values in SETTINGS.items() for k in values])
def test_each_settings_environment_variable_is_streamlits(option):
    assert serving.env_var(option) == config._config_options_template[option].env_var


def test_every_setting_becomes_a_flag_unless_the_environment_gives_it():
    chosen = {"server": {"allowedHosts": ["localhost", "127.0.0.1"], "headless": True, "maxUploadSize": 20}}
    assert serving.flags(chosen, {}) == [
        "--server.allowedHosts=localhost",
        "--server.allowedHosts=127.0.0.1",
        "--server.headless=true",
        "--server.maxUploadSize=20",
    ]
    given = {"STREAMLIT_SERVER_ALLOWED_HOSTS": '["news.example.org"]'}
    assert serving.flags(chosen, given) == ["--server.headless=true", "--server.maxUploadSize=20"]


def test_stances_app_runs_the_installed_entry_with_the_settings_and_the_debate(monkeypatch, tmp_path):
    started = []
    monkeypatch.setattr("os.execv", lambda path, argv: started.append(argv))
    monkeypatch.delenv("STREAMLIT_SERVER_PORT", raising=False)
    main(["app", str(tmp_path), "--port", "8600"])
    (command,) = started
    assert command[:5] == [sys.executable, "-m", "streamlit", "run", str(serving.ENTRY)]
    assert "--client.showErrorDetails=none" in command and "--server.port=8600" in command
    assert command[-2:] == ["--", str(tmp_path.resolve())]


def test_stances_app_refuses_a_missing_folder(tmp_path, capsys):
    assert main(["app", str(tmp_path / "nope")]) == 2
    assert capsys.readouterr().err == f"stances: error: no such folder: {tmp_path / 'nope'}\n"
