"""What runs keep on disk, read with suspicion: signed files written atomically (`files`) and
the per-machine key that signs them (`trust`). Used by the memo (verifier.load.memo) and the
verdict cache (verifier.execution.cache). `folders` checks that what the tool writes into the
project (reports, articles) does not pass through a link.
"""
