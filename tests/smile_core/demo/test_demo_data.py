"""The demo generator's data files in ``smile_core/demo/data/``: shipped, and consistent."""

from __future__ import annotations

import fnmatch
import tomllib
from importlib import resources
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
DATA = resources.files("smile_core.demo").joinpath("data")


def _table(name: str) -> dict:
    return tomllib.loads(DATA.joinpath(name).read_text("utf-8"))


def test_every_data_file_is_declared_as_package_data():
    """An installed SMILE carries every data file the generator reads (pyproject package-data)."""
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["smile_core.demo"]
    files = sorted(f"data/{entry.name}" for entry in DATA.iterdir() if entry.is_file())
    assert files, "smile_core/demo/data/ is empty"
    for path in files:
        assert any(fnmatch.fnmatch(path, pattern) for pattern in patterns), path


def test_every_origin_speaks_known_languages_and_has_names():
    """Each origin's languages are named in the vocabulary, and its name pools are not empty."""
    languages = _table("vocabulary.toml")["languages"]
    for code, origin in _table("origins.toml").items():
        spoken = origin["languages"] + [language for language, _ in origin["extra_languages"]]
        assert set(spoken) <= set(languages), code
        assert all(0 < chance <= 1 for _, chance in origin["extra_languages"]), code
        assert origin["women"] and origin["men"] and origin["surnames"], code


@pytest.mark.parametrize(
    ("file", "keys"),
    [
        ("vocational.toml", ("targets",)),
        ("academic.toml", ("fields", "targets.*", "municipalities.*")),
    ],
)
def test_shares_sum_to_one(file, keys):
    """Every table of shares a programme draws from sums to 1."""
    data = _table(file)
    for key in keys:
        name, _, nested = key.partition(".")
        tables = data[name].values() if nested else [data[name]]
        for shares in tables:
            assert sum(shares.values()) == pytest.approx(1.0), (file, key, shares)


def test_academic_employers_lie_in_a_known_region():
    """Each academic employer's municipality maps to one of the programme's regions."""
    academic = _table("academic.toml")
    for employer in academic["employers"]:
        region = academic["region_of_municipality"][employer["municipality"]]
        assert region in academic["regions"], employer["name"]
