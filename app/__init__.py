"""Deskbook: a desktop knowledge base and reply-template manager for customer-support teams."""

__version__ = "0.1.0"
