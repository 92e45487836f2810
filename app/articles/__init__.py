"""Article use-cases every role shares: look up, create, save with versions, change status, verify, import."""
