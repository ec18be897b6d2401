"""Plain models the engine is measured against (they use the domain model, never the engine)."""
