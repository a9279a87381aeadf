"""Codéveloppement."""
