"""The scheduler's parts: configuration, the one-scheduler lock, the subprocess runner, the jobs.

``scheduler.py`` at the top of the repository wires them into an APScheduler loop.
"""
