"""The example launch dataset behind the KPI pipelines, and `warroom seed` that loads it."""
