"""The command palette (Ctrl+P) lists every lesson."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content


class LessonCommands(Provider):
    def _lessons(self):
        for lesson in self.app.catalog.lessons.values():
            # Content, not markup: a title such as "[b]x" or "[/]" shows as written.
            title = Content(lesson.title)
            yield f"lesson {lesson.id}", title, partial(self.app.open_lesson, lesson.id)

    async def discover(self) -> Hits:
        for text, help_text, callback in self._lessons():
            yield DiscoveryHit(text, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, help_text, callback in self._lessons():
            score = matcher.match(f"{text} {help_text.plain}")
            if score > 0:
                yield Hit(score, matcher.highlight(text), callback, help=help_text)
