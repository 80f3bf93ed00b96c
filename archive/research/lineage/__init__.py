"""A story's lineage: who copied, rewrote, credited or linked whom (a networkx graph).

:func:`archive.research.lineage.graph.build_lineage` builds it; :mod:`.formats` writes it as
JSON, DOT, GraphML or a PNG picture.
"""
