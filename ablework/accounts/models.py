"""Users bound to a role and to a region, an organisation or a person."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ablework.accounts.roles import ROLE_PERMISSIONS, Permission, Role
from ablework.core.scoping import AnyRegion, RegionFields, ScopedBy


class AccountManager(UserManager["User"]):
    def create_superuser(
        self, username: str, email: str | None = None, password: str | None = None, **extra: Any
    ) -> User:
        # A superuser is the system administrator: the one role that needs no binding.
        extra.setdefault("role", Role.SYSTEM_ADMIN)
        return super().create_superuser(username, email, password, **extra)


class User(AbstractUser):
    role = models.CharField(_("角色"), max_length=32, choices=Role.choices, default=Role.PERSON)
    region = models.ForeignKey(
        "core.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("所属区划"),
    )
    employer = models.ForeignKey(
        "employers.Employer",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        verbose_name=_("所属用人单位"),
    )
    person = models.ForeignKey(
        "registry.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("本人档案"),
    )
    display_name = models.CharField(_("姓名"), max_length=64, blank=True)
    must_change_password = models.BooleanField(
        _("下次登录须修改密码"),
        default=False,
        help_text=_("管理员重置密码后为是：用户用临时密码登录后须先设置自己的密码。"),
    )

    objects = AccountManager()  # type: ignore[misc]

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        constraints = [
            models.CheckConstraint(
                name="user_binding_matches_role",
                condition=(
                    Q(role__in=["employer"], employer__isnull=False)
                    | Q(role__in=["person"], person__isnull=False)
                    | Q(role__in=["family"])
                    | Q(role__in=["system_admin"])
                    | Q(
                        role__in=[
                            "province_admin",
                            "city_admin",
                            "county_admin",
                            "counsellor",
                            "auditor",
                            "training_provider",
                        ],
                        region__isnull=False,
                    )
                ),
            )
        ]

    # An account lies in a region when it is bound to a region inside it, or to an employer or
    # a person registered in one of its counties (a township's administrators reach only the
    # accounts bound to their township: an employer's or person's county is coarser).
    scoped_by: ClassVar[ScopedBy] = ScopedBy(
        region=AnyRegion(
            (
                RegionFields(code="region__code"),
                RegionFields(county="employer__county_code"),
                RegionFields(county="person__county_code"),
            )
        )
    )

    def __str__(self) -> str:
        # People read names, never account names: a user without one is named by their role.
        return self.display_name or self.get_full_name() or str(self.get_role_display())

    def has_named_permission(self, permission: Permission) -> bool:
        """Whether the user's role carries a named permission (scope is checked separately)."""
        return self.is_active and permission in ROLE_PERMISSIONS.get(self.role, frozenset())


class ProxyConsent(models.Model):
    """A person's recorded consent for a family member to act for them."""

    family_member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="proxy_consents",
        verbose_name=_("家属账户"),
    )
    person = models.ForeignKey(
        "registry.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("残疾人")
    )
    relationship = models.CharField(_("关系"), max_length=32)
    evidence = models.CharField(_("授权依据"), max_length=200)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("登记人"),
    )
    recorded_at = models.DateTimeField(_("登记时间"), default=timezone.now)
    valid_until = models.DateField(_("有效期至"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("撤销人"),
    )
    # Optimistic locking (core/versioning.py): revoking advances it in a guarded UPDATE, so of
    # two people revoking at once the second is told it already happened.
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    class Meta:
        verbose_name = _("代办授权")
        verbose_name_plural = _("代办授权")

    # Scoped by the person's county and township; a family member reaches their own consents.
    scoped_by: ClassVar[ScopedBy] = ScopedBy(
        region=RegionFields(county="person__county_code", township="person__township_code"),
        person="person_id",
    )

    def __str__(self) -> str:
        return f"{self.family_member} → {self.person_id}"
