"""升级帮扶 (escalation, issue 12): when the market keeps failing a person — N referrals in a row
without a job (rules `support.escalation_referrals`; Hunan 3), or M months still not employed
after registering their needs (`support.escalation_months`; no place in the seeds sets M) —
the case is proposed for a public-welfare post, auxiliary employment or training.

Proposals are made by the queue's refresh (services/escalation.py), at most one open per person;
each names the rule that fired (the parameter, its value and source, the evidence), its owner
(an employment-service worker of the person's county) and a deadline (our working setting
`ABLEWORK_SUPPORT_ESCALATION_DAYS`, not a legal figure). The decision is recorded, audited and
versioned.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ablework.core.models import TimestampedModel
from ablework.core.scoping import ScopedBy
from ablework.registry.models import Person
from ablework.support.models.records import PERSON_PLACE, NeedsRegistration


class EscalationRule(models.TextChoices):
    REFERRALS = "referrals", _("连续岗位推荐未成功")
    MONTHS = "months", _("登记需求后长期未就业")


class Route(models.TextChoices):
    PUBLIC_WELFARE = "public_welfare", _("公益性岗位")
    AUXILIARY = "auxiliary", _("辅助性就业")
    TRAINING = "training", _("培训")


class Decision(models.TextChoices):
    OPEN = "", _("待决定")
    ACCEPTED = "accepted", _("已安置")
    DECLINED = "declined", _("不予安置")


# The parameter of each rule.
RULE_PARAMETERS = {
    EscalationRule.REFERRALS: "support.escalation_referrals",
    EscalationRule.MONTHS: "support.escalation_months",
}


class EscalationProposal(TimestampedModel):
    """One proposal: whose, why (the rule, its parameter's value and source, the evidence), to
    which route, whose to decide by when, and the decision."""

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("残疾人")
    )
    rule = models.CharField(_("触发规则"), max_length=16, choices=EscalationRule.choices)
    parameter = models.CharField(_("参数"), max_length=64)
    threshold = models.PositiveSmallIntegerField(_("参数值"))
    source = models.CharField(_("依据"), max_length=500)
    # The referrals that failed in a row (their ids, oldest first), or the needs registration.
    referral_ids = models.JSONField(_("未成功的岗位推荐"), default=list)
    needs = models.ForeignKey(
        NeedsRegistration,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("就业需求登记"),
    )
    # The date of the last piece of evidence: later referrals start a new count.
    evidence_until = models.DateField(_("证据截至"))
    proposed_on = models.DateField(_("提出日期"))
    route = models.CharField(_("建议安置途径"), max_length=16, choices=Route.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("负责人"),
    )
    due_on = models.DateField(_("决定期限"))
    decision = models.CharField(
        _("决定"), max_length=16, choices=Decision.choices, default=Decision.OPEN, blank=True
    )
    placed_route = models.CharField(_("安置途径"), max_length=16, choices=Route.choices, blank=True)
    reason = models.CharField(_("决定说明"), max_length=300, blank=True)
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("决定人"),
    )
    # Optimistic locking (core/versioning.py): the decision advances it.
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    scoped_by: ClassVar[ScopedBy] = ScopedBy(region=PERSON_PLACE, person="person_id")

    class Meta:
        verbose_name = _("升级帮扶建议")
        verbose_name_plural = _("升级帮扶建议")
        constraints = [
            # never two open proposals for one person: a refresh run twice adds nothing
            models.UniqueConstraint(
                fields=["person"], condition=Q(decision=""), name="one_open_escalation"
            ),
        ]
        indexes = [
            models.Index(fields=["person", "rule", "evidence_until"], name="escalation_person"),
            models.Index(fields=["decision", "due_on", "id"], name="escalation_open"),
        ]

    def __str__(self) -> str:
        return str(_("%(name)s的升级帮扶建议") % {"name": self.person.name})

    @property
    def is_open(self) -> bool:
        return self.decision == Decision.OPEN
