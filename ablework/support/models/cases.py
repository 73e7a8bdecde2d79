"""The queue's precomputed rows: one per person and cycle, saying who is due for what.

`support.services.cases.refresh_cases` writes them (after every record, and for the whole region
each day, `ablework support refresh`); the queue and the completion figures read them instead
of working the four record tables out for a county's persons on every page. See docs/support.md.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ablework.core.scoping import RegionFields, ScopedBy
from ablework.registry.models import Person
from ablework.support.models.records import Pillar


class CycleCase(models.Model):
    """A person's state in one cycle of the "四个一" (the calendar year, rules parameter
    `support.cycle`), as of `refreshed_on`."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="+", verbose_name=_("残疾人")
    )
    year = models.PositiveSmallIntegerField(_("工作周期（年度）"))
    # Copied from the person at each refresh (属地管理: a person who moves county moves queue).
    county_code = models.CharField(_("所属县级区划"), max_length=6)
    township_code = models.CharField(_("乡镇（街道）"), max_length=9, blank=True)
    community_code = models.CharField(_("村（社区）"), max_length=12, blank=True)
    # Working age, certificate valid, living, not merged, not employed.
    in_scope = models.BooleanField(_("属于服务对象"), default=False)
    # Registry status 未就业, or the cycle's latest information check says they want work.
    wants_work = models.BooleanField(_("有就业需求"), default=False)
    # When the person was first found in scope in this cycle (the cycle's first day if they
    # were of working age then): the queue's waiting starts here.
    entered_on = models.DateField(_("纳入日期"), null=True, blank=True)
    check_on = models.DateField(_("基础信息核对日期"), null=True, blank=True)
    assessment_on = models.DateField(_("职业能力评估日期"), null=True, blank=True)
    needs_on = models.DateField(_("就业需求登记日期"), null=True, blank=True)
    service_on = models.DateField(_("最近就业服务日期"), null=True, blank=True)
    due_check = models.BooleanField(_("待核对"), default=False)
    due_assessment = models.BooleanField(_("待评估"), default=False)
    due_needs = models.BooleanField(_("待登记需求"), default=False)
    due_service = models.BooleanField(_("待服务"), default=False)
    # The first of the four still due, in their order; blank when nothing is due.
    next_due = models.CharField(_("下一项"), max_length=16, choices=Pillar.choices, blank=True)
    waiting_since = models.DateField(_("等待自"), null=True, blank=True)
    overdue = models.BooleanField(_("已逾期"), default=False)
    graduate = models.BooleanField(_("高校毕业生"), default=False)
    zero_employment = models.BooleanField(_("零就业家庭"), default=False)
    difficulty = models.BooleanField(_("就业困难人员"), default=False)
    # Beyond the four (written by the refresh after the four): an approved plan (一人一策), its
    # actions past their due date and not done, an open escalation and whether it is past its
    # deadline, as of `refreshed_on`.
    # (database defaults: the refresh's INSERT … SELECT leaves them to its UPDATE)
    plan_approved = models.BooleanField(_("有已批准的一人一策计划"), db_default=False)
    actions_overdue = models.PositiveIntegerField(_("逾期的计划行动"), db_default=0)
    escalation_open = models.BooleanField(_("有待决定的升级帮扶建议"), db_default=False)
    escalation_overdue = models.BooleanField(_("升级帮扶建议已逾期"), db_default=False)
    # The person's latest employment service (any cycle, not after `refreshed_on`) and its next
    # step: what the counsellor's home card shows, without reading the service records.
    last_service_on = models.DateField(_("最近一次就业服务日期"), null=True, blank=True)
    last_next_step = models.CharField(_("最近一次服务的下一步"), max_length=200, blank=True)
    last_next_due = models.DateField(_("最近一次服务的下一步期限"), null=True, blank=True)
    # The worker who recorded the person's latest service of the cycle (the counsellor).
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("服务人员"),
    )
    refreshed_on = models.DateField(_("计算日期"))

    scoped_by: ClassVar[ScopedBy] = ScopedBy(
        region=RegionFields(
            county="county_code", township="township_code", community="community_code"
        ),
        person="person_id",
    )

    class Meta:
        verbose_name = _("“四个一”服务情况")
        verbose_name_plural = _("“四个一”服务情况")
        constraints = [
            models.UniqueConstraint(fields=["person", "year"], name="one_case_per_person_year")
        ]
        indexes = [
            # The queue of a county / a township: rows with something due, longest waiting first
            # (overdue rows are the longest waiting), in page order.
            models.Index(
                fields=["county_code", "year", "waiting_since", "id"],
                condition=~models.Q(next_due=""),
                name="case_queue_county",
            ),
            models.Index(
                fields=["township_code", "year", "waiting_since", "id"],
                condition=~models.Q(next_due=""),
                name="case_queue_township",
            ),
            # Completion: a region's in-scope rows of a year, grouped by township and county,
            # read from the index alone.
            models.Index(
                fields=[
                    "year",
                    "county_code",
                    "township_code",
                    "in_scope",
                    "wants_work",
                    "check_on",
                    "assessment_on",
                    "needs_on",
                    "service_on",
                ],
                name="case_completion",
            ),
            # Completion of a county by counsellor, from the index alone and in group order
            # (on (year, owner) SQLite walked the whole year's rows of every county).
            models.Index(
                fields=[
                    "year",
                    "county_code",
                    "owner",
                    "in_scope",
                    "wants_work",
                    "check_on",
                    "assessment_on",
                    "needs_on",
                    "service_on",
                ],
                name="case_completion_owner",
            ),
            # The home card of a county's (a township's) workers: the latest served, and the
            # next steps past their due date, each one page of an index.
            models.Index(
                fields=["county_code", "year", "-last_service_on", "-id"],
                condition=models.Q(last_service_on__isnull=False),
                name="case_served_county",
            ),
            models.Index(
                fields=["township_code", "year", "-last_service_on", "-id"],
                condition=models.Q(last_service_on__isnull=False),
                name="case_served_township",
            ),
            models.Index(
                fields=["county_code", "year", "last_next_due", "id"],
                condition=~models.Q(last_next_step="") & models.Q(last_next_due__isnull=False),
                name="case_next_step_county",
            ),
            models.Index(
                fields=["township_code", "year", "last_next_due", "id"],
                condition=~models.Q(last_next_step="") & models.Q(last_next_due__isnull=False),
                name="case_next_step_township",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.year} {self.next_due or '-'}"

    @property
    def next_step_overdue(self) -> bool:
        """The latest service's next step is past its due date (as of today)."""
        return bool(
            self.last_next_step and self.last_next_due and self.last_next_due < timezone.localdate()
        )

    def due_pillars(self) -> list[str]:
        """The four services still due, in order."""
        flags = (
            (Pillar.CHECK, self.due_check),
            (Pillar.ASSESSMENT, self.due_assessment),
            (Pillar.NEEDS, self.due_needs),
            (Pillar.SERVICE, self.due_service),
        )
        return [pillar for pillar, due in flags if due]

    def due_labels(self) -> list[str]:
        """The services still due, by name."""
        return [str(Pillar(pillar).label) for pillar in self.due_pillars()]


class CompletionTotal(models.Model):
    """The completion figures of one township (and one counsellor in it) in one cycle: the
    in-scope rows of CycleCase counted, so that the supervisors' page sums some hundred rows
    instead of counting every person. Written with the rows it counts: for the townships of
    the persons touched after every write (`refresh_cases`), for every township of a region at
    the daily refresh (`refresh_region`); `refreshed_at` says when."""

    year = models.PositiveSmallIntegerField(_("工作周期（年度）"))
    county_code = models.CharField(_("所属县级区划"), max_length=6)
    township_code = models.CharField(_("乡镇（街道）"), max_length=9, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("服务人员"),
    )
    in_scope = models.PositiveIntegerField(_("服务对象"), default=0)
    wants_work = models.PositiveIntegerField(_("有就业需求"), default=0)
    check_done = models.PositiveIntegerField(_("已核对"), default=0)
    assessment_done = models.PositiveIntegerField(_("已评估"), default=0)
    needs_done = models.PositiveIntegerField(_("已登记需求"), default=0)
    service_done = models.PositiveIntegerField(_("已服务"), default=0)
    planned = models.PositiveIntegerField(_("有已批准计划"), default=0)
    with_overdue_actions = models.PositiveIntegerField(_("有逾期行动"), default=0)
    overdue_actions = models.PositiveIntegerField(_("逾期行动"), default=0)
    escalations_open = models.PositiveIntegerField(_("待决定升级帮扶"), default=0)
    escalations_overdue = models.PositiveIntegerField(_("逾期升级帮扶"), default=0)
    refreshed_at = models.DateTimeField(_("计算时间"))

    scoped_by: ClassVar[ScopedBy] = ScopedBy(
        region=RegionFields(county="county_code", township="township_code")
    )

    class Meta:
        verbose_name = _("“四个一”完成情况汇总")
        verbose_name_plural = _("“四个一”完成情况汇总")
        indexes = [
            models.Index(fields=["year", "county_code", "township_code"], name="total_place"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.township_code or self.county_code} {self.owner_id or '-'}"
