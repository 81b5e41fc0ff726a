"""Textual: the app (app.py, app.tcss), a module per screen (screens/) and per
widget (widgets/). Widgets draw a View (view.py) with viz renderables; only the
screens touch the trainer."""
