"""The record contract: models, field types, dates, site settings, schema, slugs, markup."""
