"""Polish vocabularies of the extractors (YAML), each list with its source; read them through
:func:`kronika.resources.vocabulary` with ``PACKAGE``."""

PACKAGE = __name__
