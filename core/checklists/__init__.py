"""The plan's checklists: config models (`config`), reference checks (`validate`), what is
shown (`state`), one judge per automatic kind (`judges`), the board that combines them
(`board`), reading the record, ticks and runbook records (`gather`, `record`,
`history_record`, `ticks`, `local`), JSON and text (`export`) and the daily review (`review`).

Kept import-light on purpose: `core.config` imports `config` and `validate` from here.
"""
