"""bellum: narrative text about armed conflicts -> source-linked conflict data.

    kb = bellum.build(["article.txt"], db="kb.duckdb")
    kb = bellum.open("kb.duckdb")
    kb.events(actor="JNIM", since="2024")   # pandas DataFrame, ACLED columns
"""

from bellum.errors import BellumError

__version__ = "0.1.0"
__all__ = ["build", "open", "BellumError", "__version__"]


def build(paths, db="bellum.duckdb", **options):
    """Read `paths` (files or folders), extract, and write the knowledge base `db`."""
    from bellum.kb import build as _build

    return _build(paths, db=db, **options)


def open(db="bellum.duckdb"):  # noqa: A001 - the public API name
    """Open an existing knowledge base read-only."""
    from bellum.kb import KnowledgeBase

    return KnowledgeBase(db)
