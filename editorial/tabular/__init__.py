"""Tables (CSV and XLSX) in and out of the interchange format: one row per
entry, the interchange paths as column names, see docs/import-format.md."""
