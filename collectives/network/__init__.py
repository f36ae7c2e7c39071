"""The graph engine: cohesion reports, introduction plans, growth and gatherings.

A plain Python package over integer-indexed arrays and igraph. It never imports Django:
the web application reaches it through ``collectives.planner.adapter``.
"""
