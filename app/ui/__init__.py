"""The PySide6 desktop application. It talks to the core only through :mod:`app.services`."""
