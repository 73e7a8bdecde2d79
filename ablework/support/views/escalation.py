"""升级帮扶 (escalation): the proposals of the viewer's area — open ones first, past their
deadline first, by owner — with the rule in force and its source, the form recording the
decision and the form giving an open proposal to another owner (each on the version the page
was opened with: 409 over another's)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ablework.accounts.models import User
from ablework.core.form_pages import form_page
from ablework.core.selectors import regions_inside
from ablework.registry.viewing import shows_persons
from ablework.support.access import RECORD, person_for_support, worker_permission
from ablework.support.audit_actions import ESCALATION_VERSION_ACTIONS
from ablework.support.forms.escalation import EscalationDecisionForm, EscalationReassignForm
from ablework.support.models import ServiceRecord
from ablework.support.selectors.escalation import (
    ProposalFilters,
    proposal_list,
    proposals_visible_to,
    rule_in_force,
)
from ablework.support.selectors.plans import OWNER_ROLES, staff_of_area
from ablework.support.services.escalation import (
    access_proposal,
    decide_escalation,
    may_own,
    reassign_escalation,
)
from ablework.support.views.queue import queue_filters

SHOWN = 200


@login_required
@require_GET
def escalation_list(request: HttpRequest) -> HttpResponse:
    """The area's proposals, filtered by county, township, owner, open or decided."""
    user: User = request.user  # type: ignore[assignment]
    permission = worker_permission(user)
    today = timezone.localdate()
    counties = list(regions_inside(user).only("code", "name"))
    place = queue_filters(request.GET, user, counties)
    raw_owner = request.GET.get("owner", "")
    filters = ProposalFilters(
        county=place.county,
        township=place.township,
        owner=int(raw_owner) if raw_owner.isdigit() else None,
        decided=request.GET.get("state") == "decided",
    )
    rows = list(
        proposal_list(
            proposals_visible_to(user, permission=permission), filters=filters, today=today
        )[: SHOWN + 1]
    )
    owners = (
        User.objects.filter(
            is_active=True, role__in=OWNER_ROLES, region__code__startswith=place.county
        ).order_by("region_id", "display_name", "pk")
        if place.county
        else User.objects.none()
    )
    return render(
        request,
        "support/escalation/list.html",
        {
            "rows": rows[:SHOWN],
            "more": len(rows) > SHOWN,
            "filters": filters,
            "counties": counties,
            "owners": list(owners),
            "rule": rule_in_force(jurisdiction=place.county, on=today) if place.county else None,
            "today": today,
            "can_record": permission == RECORD,
        },
    )


@login_required
@shows_persons
@require_http_methods(["GET", "POST"])
def escalation_decide(request: HttpRequest, proposal_id: int) -> HttpResponse:
    """The proposal, its rule and evidence, and the decision."""
    user: User = request.user  # type: ignore[assignment]
    proposal = access_proposal(user, proposal_id, permission=RECORD)
    person = person_for_support(user, proposal.person_id, permission=RECORD)  # notes the view
    form = EscalationDecisionForm(
        request.POST if request.method == "POST" else None,
        initial={"version": proposal.version, "placed_route": proposal.route},
    )
    referrals = list(
        ServiceRecord.objects.filter(pk__in=proposal.referral_ids, person_id=proposal.person_id)
        .only("pk", "on", "outcome", "given_by")
        .order_by("on", "pk")
    )
    return form_page(
        request,
        form,
        template="support/escalation/decide.html",
        save=lambda data: decide_escalation(
            actor=user,
            proposal_id=proposal.pk,
            seen_version=data["version"],
            decision=form.decision_input(),
        ),
        done=lambda saved: (
            _("已记录决定：%(decision)s%(route)s。")
            % {
                "decision": saved.get_decision_display(),
                "route": f"（{saved.get_placed_route_display()}）" if saved.placed_route else "",
            }
        ),
        next_url=reverse("support:person", args=[proposal.person_id]),
        context={
            "proposal": proposal,
            "person": person,
            "referrals": referrals,
            "today": timezone.localdate(),
        },
        versioned=(proposal, ESCALATION_VERSION_ACTIONS),
    )


@login_required
@shows_persons
@require_http_methods(["GET", "POST"])
def escalation_reassign(request: HttpRequest, proposal_id: int) -> HttpResponse:
    """Give an open proposal to another worker of the person's place, with the reason."""
    user: User = request.user  # type: ignore[assignment]
    proposal = access_proposal(user, proposal_id, permission=RECORD)
    person = person_for_support(user, proposal.person_id, permission=RECORD)  # notes the view
    owners = [
        (staff.pk, str(staff))
        for staff in staff_of_area(person).select_related("region")
        if staff.pk != proposal.owner_id and may_own(staff, person)
    ]
    form = EscalationReassignForm(
        request.POST if request.method == "POST" else None,
        initial={"version": proposal.version},
        owners=owners,
    )
    return form_page(
        request,
        form,
        template="support/escalation/reassign.html",
        save=lambda data: reassign_escalation(
            actor=user,
            proposal_id=proposal.pk,
            seen_version=data["version"],
            owner_id=data["owner"],
            reason=data["reason"],
        ),
        done=lambda saved: _("已改派负责人：%(owner)s。") % {"owner": saved.owner},
        next_url=reverse("support:escalation_decide", args=[proposal.pk]),
        context={"proposal": proposal, "person": person},
        versioned=(proposal, ESCALATION_VERSION_ACTIONS),
    )
