"""Crawler-side CLI commands; every module here registers on ``archive.cli.app``."""
