"""The entity graph: events as edges between the entities they connect."""
