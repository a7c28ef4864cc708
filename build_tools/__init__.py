"""Build stages of a litecourse site: one module per stage, wired by ``dodo.py``."""
