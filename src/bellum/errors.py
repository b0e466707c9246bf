"""Domain errors. Library code raises these; only cli.py turns them into
one red line and an exit code (and server/ into one JSON error shape)."""


class BellumError(Exception):
    """Base class: `str(err)` is one line stating the problem and the fix."""

    exit_code = 1


class SourceNotReadable(BellumError):
    """An input file or folder is missing, empty, binary, mis-encoded or too big."""

    exit_code = 2


class KnowledgeBaseInvalid(BellumError):
    """The --db file is not a bellum knowledge base (corrupt, wrong format)."""

    exit_code = 3


class KnowledgeFileInvalid(BellumError):
    """A lexicon or gazetteer data file has a malformed line."""


class ModelMissing(BellumError):
    """The spaCy English model is not installed."""


class InvalidArgument(BellumError):
    """A user-supplied value (format, date, filter) is not acceptable."""

    exit_code = 2


class ClusterUnavailable(BellumError):
    """The Dask scheduler cannot be reached or has no workers."""


class ShardInvalid(BellumError):
    """A Dask shard cannot be written or read back."""


class PortInUse(BellumError):
    """`bellum serve` cannot listen on the port asked for."""
