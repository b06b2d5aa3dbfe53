"""The Frictionless `datapackage.json` of a debate, built from the format in `schema`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from stances import schema

DEFAULT_LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}


def descriptor(metadata: dict[str, Any], *, optional: Iterable[str] = ()) -> dict[str, Any]:
    """A full data-package descriptor: `metadata` (name, title, version, licences …) plus every table's schema.

    Resource entries always come from `schema`, so a package written by any version of the tool describes exactly
    the format the tool validates. `optional` names the optional tables (stories) the package holds.
    """
    package: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": metadata.get("name", "debate"),
        "title": metadata.get("title", metadata.get("name", "debate")),
        "version": metadata.get("version", "0.1.0"),
        "licenses": metadata.get("licenses", [DEFAULT_LICENCE]),
    }
    for key, value in metadata.items():
        if key not in package and key != "resources":
            package[key] = value
    held = set(optional)
    tables = [*schema.TABLE_ORDER, *(t for t in schema.OPTIONAL_TABLES if t in held)]
    package["resources"] = [schema.resource_descriptor(table) for table in tables]
    return package
