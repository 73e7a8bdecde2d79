"""A record one person proposes and a second person of the area decides on (maker-checker):
a local parameter value, a target. Who proposed, who decided, when and why, and the two rules
every such record follows: nobody decides on their own proposal, and a decision is stored
with its day and reason in one write."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ablework.core.errors import Invalid

# what a decision writes: the concrete model's status and this model's decision fields
DECISION_FIELDS = ["status", "decided_by", "decided_at", "decision_note"]


class SecondPersonReview(models.Model):
    """The proposal and the decision on it; the concrete model has its own `status`."""

    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("提出人"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("审核人"),
    )
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    decision_note = models.CharField(_("审核意见"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def refuse_own_proposal(self, actor: Any, message: str | Promise) -> None:
        """Refuse (on the decision field) when `actor` proposed this record."""
        if actor is not None and self.proposed_by_id == actor.pk:
            raise Invalid(str(message), field="decision")

    def store_decision(self, actor: Any, status: str) -> None:
        """Record the decision (`actor` None: set at the server without a second person)."""
        self.status = status
        self.decided_by = actor
        self.decided_at = timezone.now()
        self.save(update_fields=DECISION_FIELDS)
