"""Parcours d’expérience."""
