"""Corrections to Django's locale formats (FORMAT_MODULE_PATH): only what
differs is defined here, the rest comes from Django's own modules."""
