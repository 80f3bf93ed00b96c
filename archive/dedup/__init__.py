"""Deduplication: canonical URLs, exact text hashes and near-duplicate clusters."""
