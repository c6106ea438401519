"""Text layer: normalise (with offsets back to the file), segment into sentences, flag
boilerplate, find mentions, and extract typed values (numbers, percents, money, dates).

Modules are imported directly (``from verifier.text.normalize import normalize``); this package
re-exports nothing, so importing one module never loads the others.
"""
