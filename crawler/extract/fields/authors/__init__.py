"""Authors: ``choose`` (trust order), ``byline`` (bylines in markup and text), ``names``
(byline strings -> clean person names), ``fullnames`` (a short name spelled out)."""
