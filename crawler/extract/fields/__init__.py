"""Field judgements: which source's value each Article field takes, and how it is cleaned.

One package per field with logic of its own: ``title``, ``authors``, ``body``, ``dates``;
``plain`` holds the fields taken as the first usable value in trust order (canonical URL,
description, section, tags, language, image) and ``kind`` whether the page is an article.
"""
