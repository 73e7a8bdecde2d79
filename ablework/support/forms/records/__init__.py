"""The forms of the four records of the "四个一": each field named as the service names its
problems, so a refused record shows every problem on its own field. The assessment's 16 task
demands are each a fieldset (legend: the demand) with the ability as a radio group and the
accommodations that make it possible as a checkbox group, which the page shows only while `with`
is chosen (support/records/_demand.html); the checks here are the same with or without it."""

from ablework.support.forms.records.assessment import AssessmentForm, abilities_initial
from ablework.support.forms.records.check import CheckForm
from ablework.support.forms.records.common import RecordForm, new_initial
from ablework.support.forms.records.needs import NeedsForm, split_occupations
from ablework.support.forms.records.service import ServiceForm

__all__ = [
    "AssessmentForm",
    "CheckForm",
    "NeedsForm",
    "RecordForm",
    "ServiceForm",
    "abilities_initial",
    "new_initial",
    "split_occupations",
]
