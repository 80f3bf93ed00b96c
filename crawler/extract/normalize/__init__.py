"""Pure normalization functions: dates, authors, text, titles, language, URLs."""
