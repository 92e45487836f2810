"""The modules whose import registers a page (``register_page``); the main window imports each of them.

A capability adds its page by adding its module name here (one line).
"""

PAGE_MODULES = [
    "app.ui.search_page",
    "app.ui.handbook_page",
    "app.ui.today_page",
    "app.ui.review_page",
    "app.ui.analytics_page",
    "app.ui.curation_actions",
    "app.ui.requests_page",
    "app.ui.pack_page",
    "app.ui.figures_page",
    "app.ui.team_page",
    "app.ui.team_sync",
    "app.ui.demo_actions",
]
