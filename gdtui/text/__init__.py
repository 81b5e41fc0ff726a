"""Text people read: the UI's words in English and Chinese (i18n.py), and
untrusted text made safe to show (safe.py: control characters as escapes)."""
