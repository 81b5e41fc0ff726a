"""Rich renderables: curves, the U, the worked chain, tables, weight maps. Each
draws engine values it is given; none imports Textual, and only a module's
`python -m` demo loads a lesson."""
