"""Cohortes."""
