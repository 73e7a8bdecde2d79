"""An import's bulk update moves the version of each record it changes: an edit form opened
before the import is refused after it instead of undoing what the file brought."""

from __future__ import annotations

import pytest

from ablework.core.crypto import lookup_hash
from ablework.core.versioning import StaleRecord
from ablework.registry.models import Person
from ablework.registry.services import PersonChanges, update_person
from tests.exchange.files import import_file, person_rows, write_xlsx

pytestmark = pytest.mark.django_db


def test_an_edit_form_opened_before_an_import_is_refused_after_it(counsellor, tmp_path):
    # given two imported persons, one of them open in an edit form
    rows = person_rows(2)
    import_file(counsellor, write_xlsx(tmp_path / "q1.xlsx", rows))
    changed, same = (Person.objects.get(resident_id_hash=lookup_hash(row[1])) for row in rows)
    # when a newer file changes the first one's employment
    rows[0][6:9] = ["已就业", "按比例就业", "济宁某某机械有限公司"]
    import_file(counsellor, write_xlsx(tmp_path / "q2.xlsx", rows))
    # then the form opened before is refused, and the record the file left alone keeps its version
    with pytest.raises(StaleRecord):
        update_person(
            actor=counsellor,
            person=Person.objects.get(pk=changed.pk),
            seen_version=changed.version,
            changes=PersonChanges(skills="计算机操作"),
        )
    assert Person.objects.get(pk=changed.pk).employment_status == "employed"
    assert Person.objects.get(pk=same.pk).version == same.version
