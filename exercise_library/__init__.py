"""The exercise catalogue: data files, vocabulary, validation, search and figures.

Depends on nothing else of ours, so any package may use it.
"""
