"""Actors for tests that call the gated write functions directly."""

from core.access import Actor

VIEWER = Actor("vera", "viewer", "password")
EDITOR = Actor("tester", "editor", "cli")
ADMIN = Actor("ada", "admin", "password")
