"""Postings a job seeker saved (我收藏的岗位): one row per person and posting, kept when the
posting closes or expires so the person's list can say so. A family member saves for the person
whose consent they hold: the row belongs to the person, `saved_by` says who clicked."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ablework.core.scoping import RegionFields, ScopedBy


class SavedPosting(models.Model):
    person = models.ForeignKey(
        "registry.Person",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("求职者"),
    )
    posting = models.ForeignKey(
        "matching.JobPosting",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("招聘岗位"),
    )
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("收藏人"),
    )
    saved_at = models.DateTimeField(_("收藏时间"))

    class Meta:
        verbose_name = _("收藏的岗位")
        verbose_name_plural = _("收藏的岗位")
        constraints = [
            models.UniqueConstraint(fields=["person", "posting"], name="saved_posting_once"),
        ]
        indexes = [models.Index(fields=["person", "-saved_at"], name="saved_posting_person_at")]

    # The person's own row: they and the family members with their consent reach it; staff of
    # the person's area too (no page shows it to them yet).
    scoped_by: ClassVar[ScopedBy] = ScopedBy(
        region=RegionFields(county="person__county_code", township="person__township_code"),
        person="person_id",
    )

    def __str__(self) -> str:
        return f"{self.person_id} → {self.posting_id}"
