"""One owner per table: only the registry services (`ablework/registry/services/`) write
`Person`; the import, the department comparison and the demo data call their bulk variants."""

from __future__ import annotations

import ast
from pathlib import Path

from django.conf import settings

PACKAGE = Path(settings.BASE_DIR)
OWNER = PACKAGE / "registry" / "services"
WRITE_METHODS = {
    "create",
    "bulk_create",
    "bulk_update",
    "update",
    "update_or_create",
    "get_or_create",
    "delete",
}
INSTANCE_WRITES = {"save", "delete"}


def _names_person(node: ast.expr) -> bool:
    """Whether an expression names a person instance by the names the code gives them."""
    name = node.id if isinstance(node, ast.Name) else getattr(node, "attr", "")
    return "person" in name.lower() or name in {"kept", "merged"}


def _chain_root(node: ast.expr) -> ast.expr:
    while isinstance(node, ast.Attribute | ast.Call | ast.Subscript):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node


def _writes_person(node: ast.Call) -> bool:
    func = node.func
    if isinstance(func, ast.Name):
        first = node.args[0] if node.args else None
        return func.id == "insert_rows" and isinstance(first, ast.Name) and first.id == "Person"
    if not isinstance(func, ast.Attribute):
        return False
    root = _chain_root(func)
    on_model = isinstance(root, ast.Name) and root.id == "Person"
    if func.attr in WRITE_METHODS and on_model:
        return True
    return func.attr in INSTANCE_WRITES and _names_person(func.value)


def person_writes(source: str) -> list[int]:
    """Lines of `source` that write Person: a write method on `Person.objects…`,
    `insert_rows(Person, …)`, or `save()`/`delete()` on something named as a person."""
    calls = (node for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Call))
    return sorted(node.lineno for node in calls if _writes_person(node))


def test_the_check_finds_each_way_of_writing_a_person():
    source = (
        "person.save(update_fields=['name'])\n"
        "Person.objects.filter(pk=1).update(name='x')\n"
        "Person.objects.bulk_update(persons, ['name'])\n"
        "insert_rows(Person, rows)\n"
        "proposal.person.save()\n"
        "kept.save()\n"
        "batch.save()\n"
        "Person.objects.filter(pk=1).exists()\n"
    )
    assert person_writes(source) == [1, 2, 3, 4, 5, 6]


def test_only_the_registry_services_write_person():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if OWNER in path.parents or "migrations" in path.parts:
            continue
        for line in person_writes(path.read_text(encoding="utf-8")):
            offenders.append(f"{path.relative_to(PACKAGE)}:{line}")
    assert offenders == [], "Person is written outside ablework/registry/services"
