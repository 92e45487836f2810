"""Documents exported from the records and the knowledge base: confirmation letters, tracking sheets, packs.

Every export goes through :func:`app.documents.atomic.atomic_write`: a temp file in the target directory, then a
rename, so a crash or an error never leaves a half-written document, and an existing file is kept unless forced.
"""
