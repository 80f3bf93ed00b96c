"""newsarchive crawler: discover, fetch and extract news articles for the archive."""

__version__ = "0.1.0"
