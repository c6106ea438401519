"""`python -m verifier`: the same command line as the `verifier` console script."""

from verifier.cli import main

if __name__ == "__main__":
    main()
