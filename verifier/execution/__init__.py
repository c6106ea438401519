"""Running: a Project -> a Result, at any scale, with the same verdicts.

`runner` runs the engine over a project and applies the acknowledgements (`baseline`); with an
Execution, `workers` verifies on worker processes or, through `cluster`, on a Dask cluster,
after asking the verdict cache (`cache`, keyed by `cachekeys`).
"""
