"""Service records' use-cases: intake with an SLA deadline, plans, progress, case write-ups (templates 1, 2, 5).

The records' dataclasses are :mod:`app.model.records`; their SQL is :mod:`app.store.records`.
"""
