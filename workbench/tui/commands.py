"""Command palette (ctrl+p): every action of the current screen, found by its name."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from .screens.help import key_rows


class ScreenActions(Provider):
    """The bindings of the active screen, its focused widget and the app, by description."""

    def _actions(self) -> list[tuple[str, str, str]]:
        screen = self.screen
        found = []
        for node in (screen.focused, screen, screen.app):
            if node is None:
                continue
            for binding in type(node).BINDINGS:
                description = getattr(binding, "description", "")
                if description:
                    found.append((description, binding.action, node))
        keys = {what: key for _, key, what in key_rows(screen)}
        seen, unique = set(), []
        for description, action, node in found:
            if description not in seen:
                seen.add(description)
                unique.append((f"{description}  ({keys.get(description, '')})", action, node))
        return unique

    async def discover(self) -> Hits:
        for title, action, node in self._actions():
            yield DiscoveryHit(title, partial(node.run_action, action))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, action, node in self._actions():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(node.run_action, action))
