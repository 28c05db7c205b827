"""Static site generator for multilingual health information."""

__version__ = "0.1.0"
