"""The one exception hierarchy of the graph engine."""

__all__ = ["NetworkError", "InputError", "UnknownPersonError"]


class NetworkError(Exception):
    """Base class of every error the graph engine raises."""


class InputError(NetworkError):
    """Bad input: a message a person can act on, naming the file and line when there is one."""

    def __init__(self, message: str, *, filename: str | None = None, line: int | None = None):
        self.filename = filename
        self.line = line
        where = ""
        if filename is not None:
            where = f"{filename}, line {line}: " if line is not None else f"{filename}: "
        super().__init__(where + message)


class UnknownPersonError(InputError):
    """A tie, membership or candidate names a person the graph does not have."""
