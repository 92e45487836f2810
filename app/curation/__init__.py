"""KB owners' use-cases: workflow, review cycle, versions and diff, duplicates, analytics, import preview."""
