"""Suspected duplicates: two or more records with the same name and birth date (and, because
the resident-ID column is unique, different resident IDs), for a reviewer to merge or dismiss."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import reduce
from itertools import combinations
from operator import or_

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext, gettext_lazy

from ablework.registry.models import DuplicateDismissal, Person
from ablework.registry.selectors.search import LIST_FIELDS

GROUPS_PER_PAGE = 50
# How a group's records are told apart on the page (甲、乙 … as forms do), never by database id.
RECORD_LETTERS = gettext_lazy("甲乙丙丁戊己庚辛壬癸")


@dataclass(frozen=True)
class DuplicatePair:
    """Two records of a group, and whether a reviewer already found them to be two people."""

    first: Person
    second: Person
    dismissed: bool


@dataclass(frozen=True)
class DuplicateGroup:
    """Records sharing a name and a birth date."""

    name: str
    birth_date: date
    persons: list[Person]
    pairs: list[DuplicatePair]

    @property
    def letters(self) -> dict[int, str]:
        """Each record's letter in the group (甲, 乙 …; 第11条 beyond ten)."""
        letters = str(RECORD_LETTERS)
        return {
            person.pk: letters[index]
            if index < len(letters)
            else gettext("第%(number)d条") % {"number": index + 1}
            for index, person in enumerate(self.persons)
        }


def suspected_duplicates(
    *, persons: QuerySet[Person], after: tuple[str, date] | None = None
) -> tuple[list[DuplicateGroup], tuple[str, date] | None]:
    """A page of groups, in (name, birth date) order after the cursor, with every pair; groups
    whose pairs were all dismissed are left out. Returns the groups and the next cursor."""
    active = persons.filter(merged_into__isnull=True)
    keys = active.order_by().values("name", "birth_date").annotate(count=Count("pk"))
    keys = keys.filter(count__gt=1).order_by("name", "birth_date")
    if after is not None:
        name, birth_date = after
        keys = keys.filter(Q(name__gt=name) | Q(name=name, birth_date__gt=birth_date))
    page = [(row["name"], row["birth_date"]) for row in keys[: GROUPS_PER_PAGE + 1]]
    next_after = page[GROUPS_PER_PAGE - 1] if len(page) > GROUPS_PER_PAGE else None
    page = page[:GROUPS_PER_PAGE]
    if not page:
        return [], None
    members = list(
        active.filter(reduce(or_, (Q(name=n, birth_date=b) for n, b in page)))
        .only(*LIST_FIELDS, "phone_masked", "address_masked", "created_at")
        .order_by("name", "birth_date", "pk")
    )
    ids = [person.pk for person in members]
    dismissed = set(
        DuplicateDismissal.objects.filter(first__in=ids, second__in=ids).values_list(
            "first_id", "second_id"
        )
    )
    groups = [_group(key, members, dismissed) for key in page]
    return [
        group for group in groups if not all(pair.dismissed for pair in group.pairs)
    ], next_after


def _group(
    key: tuple[str, date], members: list[Person], dismissed: set[tuple[int, int]]
) -> DuplicateGroup:
    persons = [p for p in members if (p.name, p.birth_date) == key]
    pairs = [
        DuplicatePair(first=a, second=b, dismissed=(a.pk, b.pk) in dismissed)
        for a, b in combinations(persons, 2)
    ]
    return DuplicateGroup(name=key[0], birth_date=key[1], persons=persons, pairs=pairs)
