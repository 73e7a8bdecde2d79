"""Access to the register of issued documents: staff see and withdraw those of their area."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from ablework.accounts.roles import Permission
from ablework.accounts.scope import require_permission, scope_of
from ablework.core.errors import NotFound
from ablework.printing.models import IssuedDocument

if TYPE_CHECKING:
    from ablework.accounts.models import User


def documents_visible_to(actor: User) -> QuerySet[IssuedDocument]:
    """Documents issued in the actor's region (any level below it too); none without the right."""
    require_permission(actor, Permission.DOCUMENTS_MANAGE)
    scope = scope_of(actor)
    if scope.everywhere:
        return IssuedDocument.objects.all()
    if scope.region_prefix is None:
        return IssuedDocument.objects.none()
    return IssuedDocument.objects.filter(region_code__startswith=scope.region_prefix)


def access_document(actor: User, document_id: int) -> IssuedDocument:
    """The document, or NotFound — the same answer for "absent" and "not yours"."""
    document = documents_visible_to(actor).filter(pk=document_id).first()
    if document is None:
        raise NotFound(_("没有找到该文件。"))
    return document
