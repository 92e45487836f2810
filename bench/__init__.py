"""Benchmarks with one documented command each: ``./dev.sh bench quality``, ``./dev.sh bench speed``."""
