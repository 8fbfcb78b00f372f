"""Knowledge points and their hierarchy (the project's catalogue, or We-Math 2.0's)."""

from variantgen.knowledge.catalogue import Catalogue, CatalogueError, KnowledgePoint, Principle, builtin, load, slug

__all__ = ["Catalogue", "CatalogueError", "KnowledgePoint", "Principle", "builtin", "load", "slug"]
