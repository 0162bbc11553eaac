"""How people are named in tables and choices: "Name (id)", or the id alone without a name."""

import dataclasses

from smile_core.demo.synthetic import binding_programme
from smile_core.ingest.participants import any_named, labelled


def test_a_named_person_reads_name_then_id():
    """A name and an id read "Name (id)"."""
    assert labelled("Anna Berg", "M0001") == "Anna Berg (M0001)"


def test_a_person_without_a_name_reads_the_id_once():
    """No name, or a name that is the id itself, reads the id alone (not "M0001 (M0001)")."""
    assert labelled("", "M0001") == "M0001"
    assert labelled("M0001", "M0001") == "M0001"


def test_any_named_tells_a_file_with_names_from_one_with_ids_only():
    """One named adept among ids-only ones is enough; ids only (or nobody) is not named."""
    unnamed = binding_programme(40, 1)
    assert not any_named(unnamed.adepts) and not any_named(unnamed.mentors)
    one_named = (dataclasses.replace(unnamed.adepts[0], name="Sara"), *unnamed.adepts[1:])
    assert any_named(one_named)
    assert not any_named(())
