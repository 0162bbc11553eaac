"""Each programme's saved column mapping, offered again on the next upload."""

from pathlib import Path

import pytest

from smile_core.ingest.mapping import ColumnMapping, load_mapping
from smile_core.store import Repository, StoreError

FORMS = Path(__file__).parent.parent.parent / "data" / "other_tools" / "google_forms_mapping.toml"


def test_a_saved_mapping_reads_back_per_programme(repo: Repository) -> None:
    """Saved for one programme, the mapping reads back equal; another programme has none."""
    first = repo.create_programme("Facket", "academic", {}, "Eva")
    other = repo.create_programme("Kommunen", "vocational", {}, "Eva")
    mapping = load_mapping(FORMS)
    repo.save_column_mapping(first, mapping.to_json(), "Eva")
    assert ColumnMapping.from_json(repo.column_mapping(first)) == mapping
    assert repo.column_mapping(other) == {}


def test_saving_again_replaces_and_empty_forgets(repo: Repository) -> None:
    """The newest mapping wins; saving an empty one forgets it."""
    programme = repo.create_programme("Facket", "academic", {}, "Eva")
    repo.save_column_mapping(programme, {"adepts": {"columns": {"A": "name"}}}, "Eva")
    repo.save_column_mapping(programme, {"adepts": {"columns": {"B": "name"}}}, "Eva")
    assert repo.column_mapping(programme) == {"adepts": {"columns": {"B": "name"}}}
    repo.save_column_mapping(programme, {}, "Eva")
    assert repo.column_mapping(programme) == {}


def test_mapping_for_a_missing_programme_is_refused(repo: Repository) -> None:
    """No silent write for a programme that does not exist."""
    with pytest.raises(StoreError):
        repo.save_column_mapping(999, {"adepts": {"columns": {"A": "name"}}}, "Eva")
