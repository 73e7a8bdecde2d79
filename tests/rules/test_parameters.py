"""Every parameter file is complete: reference, unit, description, review date, sourced regions."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from ablework.rules.engine.errors import InvalidParameterFile
from ablework.rules.engine.parameters import DECIMAL_UNITS, load_parameter_file, load_parameter_tree
from ablework.rules.engine.regions import resolve_region
from ablework.rules.jurisdictions.cn import PARAMETERS_ROOT, parameter_tree

FILES = sorted(PARAMETERS_ROOT.rglob("*.yaml"))


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(PARAMETERS_ROOT)) for p in FILES])
def test_every_parameter_file_has_a_reference_and_a_unit(path: Path) -> None:
    # given the raw file
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    # then it names its legal source and unit, and says when it was last reviewed
    assert raw["reference"]["title"].strip()
    assert raw["unit"].strip()
    assert raw["description"].strip()
    assert raw["last_reviewed_on"]
    for dated in (raw["values"] or {}).values():
        # decimals are written as strings, never as floats
        assert not isinstance(dated.get("value"), float), f"{path}: quote decimal values"
        # a change whose figure was not found says so, with a note and no value
        assert "value" in dated or (dated["unsourced"] is True and dated["note"].strip())


def test_a_parameter_without_a_reference_is_refused(tmp_path: Path) -> None:
    # given a file with a unit but no reference
    path = tmp_path / "ratio.yaml"
    path.write_text(
        'description: x\nunit: ratio\nvalues: {2020-01-01: {value: "0.015"}}\n'
        "last_reviewed_on: 2026-01-01\n",
        encoding="utf-8",
    )
    # then loading it fails, naming what is missing
    with pytest.raises(InvalidParameterFile, match="reference"):
        load_parameter_file(path, "levy.ratio")


def test_a_parameter_without_a_unit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ratio.yaml"
    path.write_text(
        "description: x\nreference: {title: 72号}\nvalues: {}\nlast_reviewed_on: 2026-01-01\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidParameterFile, match="unit"):
        load_parameter_file(path, "levy.ratio")


def test_a_float_ratio_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ratio.yaml"
    path.write_text(
        "description: x\nunit: ratio\nreference: {title: 72号}\n"
        "values: {2020-01-01: {value: 0.015}}\nlast_reviewed_on: 2026-01-01\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidParameterFile, match="quoted decimals"):
        load_parameter_file(path, "levy.ratio")


def test_region_folders_are_real_gb2260_codes_and_override_national_definitions() -> None:
    tree = parameter_tree()
    for code, parameters in tree.regional.items():
        region = resolve_region(code)
        assert region.code == code
        for name, parameter in parameters.items():
            assert tree.national[name].unit == parameter.unit


def test_the_tree_loads_from_its_folder_and_decimal_values_are_decimals() -> None:
    tree = load_parameter_tree(PARAMETERS_ROOT)
    for parameter in tree.all_parameters():
        for dated in parameter.values:
            if parameter.unit in DECIMAL_UNITS and dated.value is not None:
                assert isinstance(dated.value, Decimal)


def test_local_wages_are_absent_unless_sourced() -> None:
    # given the national definitions of local wages
    tree = parameter_tree()
    # then no national value is invented; only sourced places state one
    assert tree.national["wages.minimum_wage_monthly"].values == ()
    assert tree.national["wages.social_average_wage"].values == ()
    stating = {
        code for code, names in tree.regional.items() if "wages.minimum_wage_monthly" in names
    }
    jining = {"370811", "370812", "370826", "370827", "370828", "370829", "370830", "370831"}
    jining |= {"370832", "370881", "370883"}
    assert stating == {"31", "330502", "330503"} | jining


def test_the_seed_jurisdictions_and_the_sixteen_per_mille_provinces_are_present() -> None:
    tree = parameter_tree()
    # Jilin, Henan, Sichuan 1.6%; Hunan reward; Jining, Huzhou, Jinhua, Jiangjin seed figures
    assert {"22", "41", "51", "43", "3708", "3305", "3307", "500116"} <= set(tree.regional)
    for province in ("22", "41", "51"):
        assert tree.regional[province]["levy.quota_ratio"].values[-1].value == Decimal("0.016")
