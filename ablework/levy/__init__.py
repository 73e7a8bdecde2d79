"""残疾人就业保障金征收 (the levy season): the assessment of every employer of a year from the
certified quota declarations, the tax bureau's list, the amounts it collected, and the fund's
figures (docs/levy.md)."""
