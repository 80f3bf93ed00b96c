"""Quoted passages: found in bodies, attributed to speakers, aligned across articles.

:func:`archive.research.quotes.build.build_quotes` turns a story corpus into quote groups (one
row per quote with its forms, first appearance, carriers and changes between versions).
"""
