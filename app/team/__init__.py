"""The team library: one knowledge base for the whole team, published and pulled through Git.

Entry point: :class:`app.team.service.TeamService` (``desk.team``). Git is used in :mod:`app.team.gitrepo` only.
"""
