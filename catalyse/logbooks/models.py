"""Carnets de bord."""
