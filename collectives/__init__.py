"""Collectives: people, ties, groups and the paper they hand on."""
