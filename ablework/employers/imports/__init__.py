"""The `employers` import kind: employers from a file of name, unified social credit code
(GB 32100 checked), kind and county, with the register's other fields as optional columns.
Registered with the import engine at start-up, so the file gets the preview, problems per
cell, commit choice, rejected rows and progress every kind has. A credit code already
registered updates that employer (a blank cell keeps what is stored), so the same file
imports twice without change; an employer outside the importer's area is a problem on its row.
Imported at start-up by the import engine's discovery (`autodiscover_modules("imports")`).
"""

from ablework.employers.imports.kind import EMPLOYERS

__all__ = ["EMPLOYERS"]
