"""The lesson screen's widgets: each draws one part of a View."""
