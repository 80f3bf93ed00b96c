"""Downloader middlewares: robots.txt with recorded refusals, WARC record and replay."""
