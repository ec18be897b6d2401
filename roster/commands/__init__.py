"""CLI command modules: each registers its commands on ``roster.cli.app`` when imported."""
