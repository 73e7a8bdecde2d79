"""`ablework rules simulate`: levy and reward totals with and without a reform, by region."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import polars as pl

from ablework.rules.batch.levy import compute_levy_batch
from ablework.rules.engine.parameters import ParameterTree
from ablework.rules.engine.reforms import load_reform
from ablework.rules.jurisdictions.cn import parameter_tree

GROUP_DIGITS = {"province": 2, "city": 4, "county": 6}
STRING_COLUMNS = {
    "jurisdiction": pl.String,
    "average_wage": pl.String,
    "social_average_wage": pl.String,
    "minimum_wage_monthly": pl.String,
    "annual_average_headcount": pl.String,
    "wage": pl.String,
    "birth_month": pl.String,
}
AMOUNTS = (
    "levy_baseline",
    "levy_reform",
    "levy_change",
    "reward_baseline",
    "reward_reform",
    "reward_change",
)


def read_population(employers: Path, months: Path) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Read the two population files (Parquet or CSV; codes and amounts kept as text from CSV)."""
    return _read(employers), _read(months)


def _read(path: Path) -> pl.DataFrame:
    """One Parquet or CSV file."""
    if not path.exists():
        raise OSError(f"no such file: {path}")
    if path.suffix == ".parquet":
        return pl.read_parquet(path)
    header = pl.read_csv(path, n_rows=0).columns
    overrides = {name: dtype for name, dtype in STRING_COLUMNS.items() if name in header}
    return pl.read_csv(path, schema_overrides=overrides)


@dataclass(frozen=True)
class SimulationTable:
    """Totals by group and employer kind (amounts in yuan), and how many employers failed."""

    frame: pl.DataFrame
    errors: int
    reform_name: str
    year: int

    def render(self) -> str:
        """A plain-text table."""
        header = (
            f"levy year {self.year} · reform: {self.reform_name} · "
            f"employers with errors: {self.errors}"
        )
        columns = self.frame.columns
        rows = [columns] + [[str(value) for value in row] for row in self.frame.iter_rows()]
        widths = [max(len(row[index]) for row in rows) for index in range(len(columns))]
        lines = [
            "  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True))
            for row in rows
        ]
        return "\n".join([header, *lines])


def simulate_reform(
    employers: pl.DataFrame,
    months: pl.DataFrame,
    *,
    year: int,
    reform_path: Path,
    assessed_on: date | None = None,
    by: str = "province",
    tree: ParameterTree | None = None,
) -> SimulationTable:
    """Evaluate the population twice (without and with the reform) and total by group and kind."""
    tree = tree or parameter_tree()
    reform = load_reform(reform_path, tree)
    baseline = compute_levy_batch(employers, months, year=year, assessed_on=assessed_on, tree=tree)
    changed = compute_levy_batch(
        employers, months, year=year, assessed_on=assessed_on, reform=reform, tree=tree
    )
    joined = baseline.join(
        changed.select("employer_id", "levy_due_fen", "reward_fen", "error_code"),
        on="employer_id",
        suffix="_reform",
    ).with_columns(
        group=pl.col("region")
        .fill_null(pl.col("jurisdiction"))
        .str.pad_end(6, "0")
        .str.slice(0, GROUP_DIGITS[by]),
        failed=pl.col("error_code").is_not_null() | pl.col("error_code_reform").is_not_null(),
    )
    ok = joined.filter(~pl.col("failed"))
    totals = (
        ok.group_by("group", "employer_kind")
        .agg(
            employers=pl.len(),
            levy_baseline=pl.col("levy_due_fen").sum(),
            levy_reform=pl.col("levy_due_fen_reform").sum(),
            reward_baseline=pl.col("reward_fen").fill_null(0).sum(),
            reward_reform=pl.col("reward_fen_reform").fill_null(0).sum(),
        )
        .with_columns(
            levy_change=pl.col("levy_reform") - pl.col("levy_baseline"),
            reward_change=pl.col("reward_reform") - pl.col("reward_baseline"),
        )
        .sort("group", "employer_kind")
        .rename({"group": by})
    )
    table = totals.with_columns(
        [pl.col(name).map_elements(_yuan, return_dtype=pl.String) for name in AMOUNTS]
    ).select(by, "employer_kind", "employers", *AMOUNTS)
    return SimulationTable(table, int(joined["failed"].sum()), reform.name, year)


def _yuan(fen: int) -> str:
    """Fen as a yuan string with two places."""
    return format(Decimal(fen).scaleb(-2), "f")
