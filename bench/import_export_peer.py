"""The django-import-export peer of bench/registry_import.py: a ModelResource for Person with
the hooks the model needs, and nothing Ablework-specific beyond them."""

from __future__ import annotations

from datetime import date
from typing import Any

from import_export import fields, resources, widgets

from ablework.core.crypto import lookup_hash, normalize_identifier
from ablework.registry.imports.labels import (
    EDUCATION_LABELS,
    GRADE_LABELS,
    KIND_LABELS,
    STATUS_LABELS,
    URBAN_RURAL_LABELS,
)
from ablework.registry.models import EmploymentPeriod, Person
from ablework.registry.services import fill_protected_columns
from ablework.rules.jurisdictions.cn.identifiers import check_resident_id

COLUMNS = {
    "name": "姓名",
    "resident_id": "公民身份号码",
    "certificate_number": "残疾人证号",
    "disability_category": "残疾类别",
    "disability_grade": "残疾等级",
    "certificate_valid_until": "证件有效期至",
    "household_region_code": "户籍地区划",
    "county_code": "所属县级区划",
    "urban_rural": "城乡",
    "education": "文化程度",
    "phone": "联系电话",
    "address": "居住地址",
    "employment_status": "就业状况",
    "employment_kind": "就业形式",
    "retirement_base_age": "原法定退休年龄",
    "resident_id_hash": "resident_id_hash",
}
WIDGETS: dict[str, widgets.Widget] = {
    "disability_category": widgets.IntegerWidget(),
    "disability_grade": widgets.IntegerWidget(),
    "retirement_base_age": widgets.IntegerWidget(),
    "certificate_valid_until": widgets.DateWidget("%Y-%m-%d"),
}


def person_resource(*, use_bulk: bool = False) -> type[resources.ModelResource]:
    """The resource class; `use_bulk` switches on the library's bulk mode (and skips its diff)."""

    class PersonResource(resources.ModelResource):
        class Meta:
            model = Person
            fields = tuple(COLUMNS)
            import_id_fields = ("resident_id_hash",)
            skip_unchanged = True
            report_skipped = False

        def before_import_row(self, row: Any, **kwargs: Any) -> None:
            resident_id = normalize_identifier(str(row["公民身份号码"] or ""))
            if not check_resident_id(resident_id).valid:
                raise ValueError("公民身份号码有误")
            row["公民身份号码"] = resident_id
            row["resident_id_hash"] = lookup_hash(resident_id)
            row["所属县级区划"] = str(row["户籍地区划"])[:6]
            row["残疾等级"] = GRADE_LABELS[str(row["残疾等级"])]
            row["城乡"] = URBAN_RURAL_LABELS[str(row["城乡"])]
            row["文化程度"] = EDUCATION_LABELS[str(row["文化程度"])]
            row["就业状况"] = STATUS_LABELS[str(row["就业状况"])]
            row["就业形式"] = KIND_LABELS[str(row["就业形式"])] if row["就业形式"] else ""

        def before_save_instance(self, instance: Person, row: Any, **kwargs: Any) -> None:
            resident_id = instance.resident_id
            instance.sex = "male" if int(resident_id[16]) % 2 else "female"
            instance.birth_date = date(
                int(resident_id[6:10]), int(resident_id[10:12]), int(resident_id[12:14])
            )
            fill_protected_columns(instance)

        def after_save_instance(self, instance: Person, row: Any, **kwargs: Any) -> None:
            if instance.pk and not instance.employment_periods.exists():
                EmploymentPeriod.objects.create(
                    person=instance,
                    status=instance.employment_status,
                    kind=instance.employment_kind,
                    started_on=date.today(),
                    source="django-import-export",
                )

    for name, column in COLUMNS.items():
        PersonResource.fields[name] = fields.Field(
            attribute=name, column_name=column, widget=WIDGETS.get(name, widgets.CharWidget())
        )
    if use_bulk:
        PersonResource._meta.use_bulk = True
        PersonResource._meta.skip_diff = True
        PersonResource._meta.batch_size = 1000
    return PersonResource
