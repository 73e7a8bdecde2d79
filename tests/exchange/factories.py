"""Import batches in a given state, for pages and access checks that need no real file."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from ablework.exchange.models import BatchStatus, ImportBatch
from ablework.registry.imports.kind import PERSONS
from tests.accounts.factories import CounsellorFactory


class ImportBatchFactory(DjangoModelFactory):
    """A registry file a 任城区 counsellor uploaded and that has been checked."""

    class Meta:
        model = ImportBatch

    kind = PERSONS.code
    file_name = factory.Sequence(lambda n: f"任城区残疾人名单{n}.xlsx")
    file_sha256 = factory.Sequence(lambda n: f"{n:064x}")
    file_size = 4096
    uploaded_by = factory.SubFactory(CounsellorFactory)
    actor_label = factory.LazyAttribute(lambda batch: batch.uploaded_by.username)
    scope_code = factory.LazyAttribute(lambda batch: batch.uploaded_by.region_id or "")
    status = BatchStatus.CHECKED
    rows_total = 10
    rows_checked = 10
    rows_valid = 10
