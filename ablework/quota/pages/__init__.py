"""The employer's pages of the annual quota declaration (按比例就业申报)."""
