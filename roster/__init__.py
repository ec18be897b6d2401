"""roster: roster generator and staffing optimizer for service centres."""

__version__ = "0.1.0"
