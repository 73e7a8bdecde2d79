"""The needs registration's form (需求登记): the occupations wanted (typed in one box, split
on the usual separators), hours, places, commute, wage floor and the accommodations needed."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ablework.support.forms.records.common import (
    RecordForm,
    day_field,
    given_by_field,
    notes_field,
)
from ablework.support.models import NeedsRegistration
from ablework.support.services.records import NeedsInput
from ablework.support.vocabulary import Accommodation

OCCUPATION_SEPARATORS = ("，", ",", "、", "；", ";", "\n")


class NeedsForm(RecordForm):
    on = day_field(_("登记日期"))
    occupations = forms.CharField(
        label=_("希望从事的职业"),
        max_length=120,
        required=False,
        help_text=_("最多 5 个，用顿号或逗号分开，例如：客户服务、电子商务。"),
    )
    skills = forms.CharField(label=_("技能特长"), max_length=200, required=False)
    hours_per_week = forms.IntegerField(label=_("每周最多工作小时数"), min_value=1, max_value=168)
    places = forms.CharField(
        label=_("希望的工作地点"),
        max_length=200,
        required=False,
        help_text=_("例如：任城区城区、居家。"),
    )
    commute_km = forms.IntegerField(
        label=_("可接受的通勤距离（公里）"), min_value=0, max_value=32767
    )
    wage_floor = forms.DecimalField(
        label=_("期望月工资下限（元）"), max_digits=10, decimal_places=2, min_value=Decimal(0)
    )
    accepts_remote = forms.BooleanField(label=_("接受居家办公"), required=False)
    needs = forms.MultipleChoiceField(
        label=_("工作中需要的便利条件"),
        choices=Accommodation.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    training_wishes = forms.CharField(label=_("培训意愿"), max_length=200, required=False)
    given_by = given_by_field(_("登记人员"))
    notes = notes_field()

    def needs_input(self) -> NeedsInput:
        data = self.cleaned_data
        return NeedsInput(
            on=data["on"],
            occupations=split_occupations(data.get("occupations") or ""),
            skills=data.get("skills") or "",
            hours_per_week=data["hours_per_week"],
            places=data.get("places") or "",
            commute_km=data["commute_km"],
            wage_floor=data["wage_floor"],
            accepts_remote=bool(data.get("accepts_remote")),
            needs=tuple(data["needs"]),
            training_wishes=data.get("training_wishes") or "",
            given_by=data["given_by"],
            notes=data.get("notes") or "",
        )

    @staticmethod
    def initial_of(record: NeedsRegistration) -> dict[str, Any]:
        return {
            "version": record.version,
            "on": record.on,
            "occupations": "、".join(record.occupations),
            "skills": record.skills,
            "hours_per_week": record.hours_per_week,
            "places": record.places,
            "commute_km": record.commute_km,
            "wage_floor": record.wage_floor,
            "accepts_remote": record.accepts_remote,
            "needs": record.needs,
            "training_wishes": record.training_wishes,
            "given_by": record.given_by,
            "notes": record.notes,
        }


def split_occupations(text: str) -> tuple[str, ...]:
    for separator in OCCUPATION_SEPARATORS:
        text = text.replace(separator, "、")
    return tuple(name.strip() for name in text.split("、") if name.strip())
