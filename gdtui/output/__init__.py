"""What gdtui prints: the book's lines, JSON Lines, the summary, traces and
tables. Plain text modules import no Rich (start-up time); table.py does."""
