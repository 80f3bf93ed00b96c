"""Authors: ``choose`` (trust order), ``byline`` (bylines in markup and text), ``credits``
(agency datelines and credits, sign-offs), ``names`` (byline strings -> clean person names),
``fullnames`` (a short name spelled out)."""
