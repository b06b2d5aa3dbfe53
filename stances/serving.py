"""How `stances app` starts the dashboard: its entry script, and the server settings it is reviewed with.

The settings are the repository's `.streamlit/config.toml` (an installed copy carries it as `stances/_config/`).
Streamlit reads that file only from the folder it is started in, so `stances app` passes each setting as a flag,
from any folder; a setting the environment gives (`STREAMLIT_SERVER_ALLOWED_HOSTS=…`) is left to the environment.
"""

from __future__ import annotations

import re
import sys
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parent
ENTRY = PACKAGE / "app" / "dashboard.py"
SETTINGS_FILES = (PACKAGE / "_config" / "config.toml", PACKAGE.parent / ".streamlit" / "config.toml")


def settings() -> dict[str, dict[str, Any]]:
    """The reviewed server settings by section ({} when neither the installed nor the repository's file exists)."""
    for path in SETTINGS_FILES:
        if path.is_file():
            return tomllib.loads(path.read_text(encoding="utf-8"))
    return {}


def env_var(option: str) -> str:
    """The environment variable Streamlit reads for `option`: server.allowedHosts -> STREAMLIT_SERVER_ALLOWED_HOSTS."""
    return "STREAMLIT_" + re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", option.replace(".", "_")).upper()


def _flag_value(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def flags(chosen: Mapping[str, Mapping[str, Any]], environ: Mapping[str, str]) -> list[str]:
    """`--section.option=value` for each setting the environment does not give (one flag per item of a list)."""
    out = []
    for section, options in chosen.items():
        for key, value in options.items():
            option = f"{section}.{key}"
            if env_var(option) in environ:
                continue
            out += [f"--{option}={_flag_value(item)}" for item in (value if isinstance(value, list) else [value])]
    return out


def streamlit_command(debate: str | None, *, port: int | None, environ: Mapping[str, str]) -> list[str]:
    """The `python -m streamlit run` command line that serves the dashboard on `debate` (the default catalogue when
    None) with the reviewed settings."""
    command = [sys.executable, "-m", "streamlit", "run", str(ENTRY), *flags(settings(), environ)]
    if port is not None:
        command.append(f"--server.port={port}")
    return [*command, *(["--", str(Path(debate).resolve())] if debate else [])]
