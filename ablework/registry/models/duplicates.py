"""Reviewers' decisions on suspected duplicate records."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ablework.registry.models.person import Person


class DuplicateDismissal(models.Model):
    """A reviewer's decision that two records with the same name and birth date are different
    people; the pair is no longer listed as a suspected duplicate."""

    first = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    decided_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("审核人")
    )
    decided_at = models.DateTimeField(_("审核时间"), auto_now_add=True)
    note = models.CharField(_("理由"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("非重复人员判定")
        verbose_name_plural = _("非重复人员判定")
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="one_dismissal_per_pair"),
            models.CheckConstraint(
                condition=models.Q(first__lt=models.F("second")), name="dismissal_pair_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_id} ≠ {self.second_id}"
