"""The command palette (Ctrl+P) lists every lesson."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class LessonCommands(Provider):
    def _lessons(self):
        for lesson in self.app.catalog.lessons.values():
            yield f"lesson {lesson.id}", lesson.title, partial(self.app.open_lesson, lesson.id)

    async def discover(self) -> Hits:
        for text, help_text, callback in self._lessons():
            yield DiscoveryHit(text, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, help_text, callback in self._lessons():
            score = matcher.match(f"{text} {help_text}")
            if score > 0:
                yield Hit(score, matcher.highlight(text), callback, help=help_text)
