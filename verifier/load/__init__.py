"""Loading: files -> a Project (claims, entities, articles, acknowledgements, problems).

`project` loads a whole project; `source` reads YAML safely with line:col for every value,
`schema` validates it, `corpus` reads the articles and their sidecars, `consistency` checks
what no single file can, `memo` remembers documents already parsed and found valid.
"""
