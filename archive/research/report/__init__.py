"""The story report: one self-contained HTML file (inline CSS, pictures as data: URIs)."""
