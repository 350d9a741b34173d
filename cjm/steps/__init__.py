"""The analyses of the six mapping steps, one module each, named as the templates name the
steps: `personas` (1), `goals` (2), `touchpoints` (3: the inventory), `evaluation` (4, with
`scores`, the current scores of the journal, `survey`, CSAT, CES and NPS, and `drivers`, the
key drivers of the barometer, with `weights`, their arithmetic), `prioritisation` (5) and
`review` (6). They take a loaded project and return frames; they
draw nothing (`cjm.render` does) and write nothing.
"""

__all__ = ["drivers", "evaluation", "goals", "personas", "prioritisation", "review", "scores",
           "survey", "touchpoints"]
