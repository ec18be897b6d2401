"""Foreign formats in and out of the project's own model."""
