"""Bring coded debates from other tools into the stances format.

Each importer reads its input into an `Imported` (every table of the format, plus what it mapped and what it
dropped) and raises `InputError` with located problems when the input is broken; `write_debate` writes an
`Imported` as a debate folder, only if it validates, never over an existing folder unless `force`.

Entry points (the CLI's `stances import …` and `stances new` call exactly these):
    stances.importers.dna.read(path, DnaOptions()) -> Imported         a Discourse Network Analyzer 3 file
    stances.importers.sheet.read(path) -> Imported                     a workbook with one sheet per table
    stances.importers.table.read(path, TableMapping(...)) -> Imported  one flat row per statement (CSV or xlsx)
    stances.importers.folder.empty(name, title) -> Imported            the scaffold of `stances new`
    stances.importers.folder.write_debate(imported, out, force=False) -> list[Problem]
"""
