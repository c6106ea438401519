"""verifier ingest: bring new articles into the corpus safely (see CONTRIBUTING.md)."""
