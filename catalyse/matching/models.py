"""Besoins et offres."""
