"""taxonomy: loading, and every problem reported with file, line and key."""

from __future__ import annotations

import textwrap

import pytest

from sendscan.taxonomy import CODEBOOK_IDS, TaxonomyError, default_path, load, parse

ROOT_TAXONOMY = default_path()


def write(tmp_path, body: str):
    path = tmp_path / "t.yaml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def minimal(extra: str = "", patterns: str = "      - waiting time\n") -> str:
    """Every codebook id, the first with `patterns`, then `extra` categories."""
    first, *rest = CODEBOOK_IDS
    lines = ["version: 1", "categories:", f"  - id: {first}", f"    label: {first}", "    patterns:", patterns.rstrip("\n")]
    lines += [f"  - id: {c}\n    label: {c}" for c in rest]
    return "\n".join(lines) + "\n" + extra


def test_the_shipped_taxonomy_loads_with_every_codebook_id():
    taxonomy = load()
    assert {c.id for c in taxonomy.categories if not c.parent} == set(CODEBOOK_IDS)
    assert all(c.patterns and c.match and c.no_match for c in taxonomy.categories if not c.parent)


def test_the_packaged_taxonomy_is_the_projects_taxonomy_file():
    root = ROOT_TAXONOMY.resolve().parents[3] / "taxonomy" / "send.yaml"
    if root.exists():
        assert root.read_text(encoding="utf-8") == ROOT_TAXONOMY.read_text(encoding="utf-8")


def test_yaml_syntax_error_names_the_line(tmp_path):
    path = write(tmp_path, "version: 1\ncategories:\n  - id: leadership\n    label: [unclosed\n")
    with pytest.raises(TaxonomyError) as caught:
        load(path)
    assert caught.value.exit_code == 2
    assert f"{path}:" in str(caught.value) and "YAML syntax error" in str(caught.value)


def test_wrong_type_names_line_and_key(tmp_path):
    path = write(tmp_path, minimal(patterns="      - {phrase: waits, weight: heavy}\n"))
    taxonomy, problems = parse(path)
    assert taxonomy is None
    assert str(problems[0]).startswith(f"{path}:6: categories.0.patterns.0:")


def test_unknown_key_says_which_keys_are_allowed(tmp_path):
    path = write(tmp_path, minimal(extra="  - id: leadership.board\n    label: Boards\n    parent: leadership\n    colour: red\n"))
    _, problems = parse(path)
    line = path.read_text(encoding="utf-8").splitlines().index("    colour: red") + 1
    assert len(problems) == 1
    message = str(problems[0])
    assert message.startswith(f"{path}:{line - 3}: categories.19:")  # the category's first line
    assert "'colour' was unexpected" in message and "allowed keys here" in message


def test_duplicate_and_unknown_parent_ids_and_missing_codebook_ids(tmp_path):
    body = minimal(extra="  - id: leadership\n    label: again\n  - id: culture.x\n    label: x\n    parent: culturre\n")
    body = body.replace("  - id: funding\n    label: funding\n", "")
    _, problems = parse(write(tmp_path, body))
    messages = [str(p) for p in problems]
    assert any("leadership: duplicate id" in m for m in messages)
    assert any("culture.x: unknown parent id 'culturre'" in m for m in messages)
    assert any("funding: codebook category missing" in m for m in messages)


def test_a_top_level_id_outside_the_codebook_is_refused(tmp_path):
    _, problems = parse(write(tmp_path, minimal(extra="  - id: transport\n    label: Transport\n")))
    assert "not a codebook id" in str(problems[0])


def test_missing_file_and_empty_file(tmp_path):
    with pytest.raises(TaxonomyError, match="no such file"):
        load(tmp_path / "none.yaml")
    with pytest.raises(TaxonomyError, match="empty"):
        load(write(tmp_path, ""))


def test_child_categories_roll_up_to_their_parent(tmp_path):
    taxonomy = load(write(tmp_path, minimal(extra="  - id: leadership.board\n    label: Boards\n    parent: leadership\n")))
    assert taxonomy.top("leadership.board") == "leadership"
    assert [c.id for c in taxonomy.children("leadership")] == ["leadership.board"]
