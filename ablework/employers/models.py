"""Employers (用人单位), identified by their unified social credit code."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from ablework.core.models import EncryptedTextField, TimestampedModel
from ablework.core.scoping import RegionFields, ScopedBy


class EmployerKind(models.TextChoices):
    """Unit kinds named by 残疾人就业保障金征收使用管理办法 (财税〔2015〕72号) Art. 2."""

    ENTERPRISE = "enterprise", _("企业")
    ORGAN = "organ", _("机关")
    INSTITUTION = "institution", _("事业单位")
    SOCIAL_GROUP = "social_group", _("社会团体")
    PRIVATE_NON_ENTERPRISE = "private_non_enterprise", _("民办非企业单位")


class Industry(models.TextChoices):
    """The 20 sections (门类) of 国民经济行业分类 GB/T 4754-2017, by their letter codes."""

    A = "A", _("农、林、牧、渔业")
    B = "B", _("采矿业")
    C = "C", _("制造业")
    D = "D", _("电力、热力、燃气及水生产和供应业")
    E = "E", _("建筑业")
    F = "F", _("批发和零售业")
    G = "G", _("交通运输、仓储和邮政业")
    H = "H", _("住宿和餐饮业")
    I = "I", _("信息传输、软件和信息技术服务业")  # noqa: E741 (the standard's letter)
    J = "J", _("金融业")
    K = "K", _("房地产业")
    L = "L", _("租赁和商务服务业")
    M = "M", _("科学研究和技术服务业")
    N = "N", _("水利、环境和公共设施管理业")
    O = "O", _("居民服务、修理和其他服务业")  # noqa: E741 (the standard's letter)
    P = "P", _("教育")
    Q = "Q", _("卫生和社会工作")
    R = "R", _("文化、体育和娱乐业")
    S = "S", _("公共管理、社会保障和社会组织")
    T = "T", _("国际组织")


class AdministrativeLevel(models.TextChoices):
    """The level of a 机关 or 事业单位: the placement mandate (rules.md R6.1) covers provincial
    and prefecture units one by one, county and township units in aggregate."""

    PROVINCE = "province", _("省级")
    PREFECTURE = "prefecture", _("市级")
    COUNTY = "county", _("县级")
    TOWNSHIP = "township", _("乡镇级")


class SchoolType(models.TextChoices):
    """The 事业单位 the placement mandate excludes (rules.md R6.1: 中小学 and 幼儿园)."""

    PRIMARY_SECONDARY = "primary_secondary", _("中小学")
    KINDERGARTEN = "kindergarten", _("幼儿园")


# The kinds that have an administrative level and authorised posts (编制).
PUBLIC_KINDS = (EmployerKind.ORGAN, EmployerKind.INSTITUTION)


class Employer(TimestampedModel):
    name = models.CharField(_("单位名称"), max_length=200)
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    kind = models.CharField(_("单位类型"), max_length=32, choices=EmployerKind.choices)
    county_code = models.CharField(_("所属县级区划"), max_length=6)
    township_code = models.CharField(_("乡镇（街道）"), max_length=9, blank=True)
    staff_count = models.PositiveIntegerField(_("在职职工人数"), default=0)
    address = models.CharField(_("单位地址"), max_length=200, blank=True)
    industry = models.CharField(_("所属行业"), max_length=1, choices=Industry.choices, blank=True)
    # Only for 机关 and 事业单位 (PUBLIC_KINDS); blank or null for the others.
    administrative_level = models.CharField(
        _("行政级别"), max_length=16, choices=AdministrativeLevel.choices, blank=True
    )
    authorised_posts = models.PositiveIntegerField(_("编制数"), null=True, blank=True)
    school_type = models.CharField(
        _("学校类型"), max_length=20, choices=SchoolType.choices, blank=True
    )
    # A branch rolls up to the employer that declares for it (never a cycle).
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="branches",
    )
    # A branch (分支机构, not a legal person of its own) declares its quota through its parent;
    # one with its own accounting (独立核算) that declares on its own is marked here. Without a
    # parent the flag means nothing: every other employer declares for itself.
    declares_separately = models.BooleanField(_("独立核算、自行申报"), default=False)
    # Optimistic locking (core/versioning.py): every write advances it in a guarded UPDATE.
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    class Meta:
        verbose_name = _("用人单位")
        verbose_name_plural = _("用人单位")
        indexes = [
            models.Index(fields=["county_code", "id"], name="employer_county_id"),
            models.Index(fields=["township_code", "id"], name="employer_township_id"),
        ]

    scoped_by: ClassVar[ScopedBy] = ScopedBy(
        region=RegionFields(county="county_code", township="township_code"), employer="pk"
    )

    def __str__(self) -> str:
        return self.name

    @property
    def declares_through(self) -> Employer | None:
        """The employer that declares for this one: its parent, for a branch that does not
        declare on its own; None when it declares itself."""
        if self.parent_id is None or self.declares_separately:
            return None
        return self.parent


class EmployerContact(TimestampedModel):
    """One of an employer's contacts (人事经办人, 财务负责人 …); one of them is the primary
    contact. The phone is personal data: encrypted, with a masked column for pages and a lookup
    hash for exact search."""

    employer = models.ForeignKey(
        Employer, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("用人单位")
    )
    name = models.CharField(_("姓名"), max_length=64)
    post = models.CharField(_("职务或岗位"), max_length=64, blank=True)
    phone = EncryptedTextField(_("联系电话"), blank=True)
    phone_masked = models.CharField(_("联系电话"), max_length=20, blank=True, editable=False)
    phone_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    email = models.EmailField(_("电子邮箱"), blank=True)
    primary = models.BooleanField(_("主要联系人"), default=False)
    # Optimistic locking (core/versioning.py): every write advances it in a guarded UPDATE.
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    class Meta:
        verbose_name = _("用人单位联系人")
        verbose_name_plural = _("用人单位联系人")
        constraints = [
            models.UniqueConstraint(
                fields=["employer"],
                condition=models.Q(primary=True),
                name="employer_one_primary_contact",
            )
        ]

    scoped_by: ClassVar[ScopedBy] = ScopedBy(
        region=RegionFields(county="employer__county_code", township="employer__township_code"),
        employer="employer_id",
    )

    def __str__(self) -> str:
        return self.name


class AccountRequestStatus(models.TextChoices):
    PENDING = "pending", _("待确认")
    CONFIRMED = "confirmed", _("已确认")
    REFUSED = "refused", _("已拒绝")


class EmployerAccountRequest(TimestampedModel):
    """An employer's request for an account, sent from the public form; the county's staff
    confirm it (an account bound to the registered employer of that credit code) or refuse it."""

    uscc = models.CharField(_("统一社会信用代码"), max_length=18)
    employer_name = models.CharField(_("单位名称"), max_length=200)
    county_code = models.CharField(_("所属县级区划"), max_length=6)
    contact_name = models.CharField(_("联系人"), max_length=64)
    contact_phone = EncryptedTextField(_("联系电话"))
    contact_phone_masked = models.CharField(_("联系电话"), max_length=20)
    status = models.CharField(
        _("状态"),
        max_length=16,
        choices=AccountRequestStatus.choices,
        default=AccountRequestStatus.PENDING,
    )
    decided_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("处理人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    refusal_reason = models.CharField(_("拒绝原因"), max_length=200, blank=True)
    account = models.ForeignKey(
        "accounts.User",
        verbose_name=_("开设的账户"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("用人单位账户申请")
        verbose_name_plural = _("用人单位账户申请")
        indexes = [
            models.Index(fields=["county_code", "status", "id"], name="account_request_county")
        ]

    scoped_by: ClassVar[ScopedBy] = ScopedBy(region=RegionFields(county="county_code"))

    def __str__(self) -> str:
        return self.employer_name
