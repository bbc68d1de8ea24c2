"""Validation of the library's measures against human-labelled data.

One module per topic (e.g. :mod:`discourse.validation.sentiment`). Each takes the folder of
evaluation data as an argument (never bundled: see the licences in its README), returns a
pandas DataFrame and can write it as CSV. Nothing here copies evaluation data.
"""
