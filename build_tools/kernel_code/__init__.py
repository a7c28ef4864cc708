"""Python that the build adds to every browser kernel's start-up (real files, so linters and tests see it)."""
