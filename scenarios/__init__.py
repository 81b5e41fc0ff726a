"""The built-in lessons, one per file. Installed as the package gdtui.scenarios."""
