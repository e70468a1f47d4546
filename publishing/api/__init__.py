# Registers the API's system checks; claims.apps imports this package when it is ready.
from . import checks  # noqa: F401
