"""callqa: local, batch-first call-quality analyzer.

Importing this package must stay cheap: no faster_whisper, ctranslate2 or spaCy
at import time (they are imported inside the adapters that need them).
"""

__version__ = "0.1.0"
