"""Polish vocabularies of the extractors (YAML), each list with its source; read them through
:func:`kronika.extract.resources.vocabulary`."""
