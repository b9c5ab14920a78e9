"""Team work: lead reviewers and their settings, every reviewer's verdicts, final
verdicts (adjudication) and agreement ratings. The computations are pure functions in
`workbench.team`; this module applies them to the store.

Lead reviewers are listed in `team.json` (store/settings.py). While the list is empty
anyone may add the first lead; after that only a lead may add or remove one, or change
`min_agreement`: how many reviewers must give one verdict for it to be published
(ClaimReview) without a lead's final verdict. This is a guard for the team's workflow,
not access control: anyone who can write the store folder can edit its files.
"""

from __future__ import annotations

from ..store import Store
from ..models import Final, Review
from ..store.settings import TeamSettings
from ..team.verdicts import final_verdict
from ..vocab import MAX_AGREEMENT, SCARE, check_status


class NotLead(PermissionError):
    """A change only a lead reviewer may make."""


class Team:
    """Every method re-reads what teammates wrote since the last call."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.reviewer = store.reviewer

    # -- lead reviewers and settings -------------------------------------------------------
    def leads(self) -> list[str]:
        return list(self.store.team_settings()["leads"])

    def is_lead(self, name: str | None = None) -> bool:
        """Whether `name` (default: this reviewer) is a lead reviewer."""
        return (name or self.reviewer) in self.store.team_settings()["leads"]

    def min_agreement(self) -> int:
        """How many reviewers must give one verdict for it to be published without a
        lead's final verdict (team.json, default 2)."""
        return self.store.team_settings()["min_agreement"]

    def set_min_agreement(self, count: int) -> int:
        """Change `min_agreement` (only a lead may, once the team has leads)."""
        if type(count) is not int or not 1 <= count <= MAX_AGREEMENT:
            raise ValueError(f"the number of reviewers who must agree is a whole number from 1 to "
                             f"{MAX_AGREEMENT}, not {count!r}")

        def change(settings: TeamSettings) -> TeamSettings:
            self._check_lead(settings, "change how many reviewers must agree")
            return settings | {"min_agreement": count}  # type: ignore[return-value]
        self.store.update_team_settings(change)
        return count

    def add_lead(self, name: str) -> list[str]:
        """Make `name` a lead reviewer. The first lead may be added by anyone; after that
        only a lead may add one. Returns the leads."""
        return self._change_leads(name, add=True)

    def remove_lead(self, name: str) -> list[str]:
        """Stop `name` being a lead reviewer (only a lead may). Returns the leads."""
        return self._change_leads(name, add=False)

    def _change_leads(self, name: str, add: bool) -> list[str]:
        name = name.strip()
        if not name or len(name) > 80 or any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in name):
            raise ValueError(f"{name!r} is not a reviewer name (1 to 80 printable characters)")

        def change(settings: TeamSettings) -> TeamSettings:
            leads = list(settings["leads"])
            self._check_lead(settings, "change the leads")
            if add and name not in leads:
                leads.append(name)
            elif not add:
                if name not in leads:
                    raise KeyError(f"{name} is not a lead reviewer")
                leads.remove(name)
            return settings | {"leads": leads}  # type: ignore[return-value]
        return list(self.store.update_team_settings(change)["leads"])

    def _check_lead(self, settings: TeamSettings, what: str) -> None:
        leads = settings["leads"]
        if leads and self.reviewer not in leads:
            raise NotLead(f"only a lead reviewer can {what} ({', '.join(leads)}); {self.reviewer} is not one")

    # -- every reviewer's verdicts ---------------------------------------------------------
    def team_reviews(self) -> dict[str, dict[str, Review]]:
        """quote id → {reviewer: Review} for every quote someone reviewed (this reviewer
        included)."""
        found: dict[str, dict[str, Review]] = {}
        for log in self.store.logs():
            for qid, review in log.reviews.items():
                found.setdefault(qid, {})[review.reviewer] = review
        return found

    def reviews_of(self, quote_id: str) -> dict[str, Review]:
        """Every reviewer's Review of one quote, by reviewer name (this reviewer first)."""
        found = {}
        for log in self.store.logs():
            review = log.reviews.get(quote_id)
            if review is not None:
                found[review.reviewer] = review
        return found

    def _adjudications(self) -> dict[str, list[Final]]:
        found: dict[str, list[Final]] = {}
        for log in self.store.logs():
            for qid, final in log.finals.items():
                found.setdefault(qid, []).append(final)
        return found

    def finals(self) -> dict[str, dict]:
        """quote id → final verdict (see `final`) for every quote that has one."""
        reviews, adjudications = self.team_reviews(), self._adjudications()
        found = {}
        for qid in set(reviews) | set(adjudications):
            verdict = final_verdict(reviews.get(qid, {}), adjudications.get(qid, ()))
            if verdict is not None:
                found[qid] = verdict
        return found

    def final(self, quote_id: str) -> dict | None:
        """The final verdict of a quote: {"status", "how", "by", "reason", "time"} where
        `how` is "adjudicated" (a lead decided: `by` is the lead, `reason` why) or "agreed"
        (every reviewer who reviewed it gave `status`: `by` lists them); None when nobody
        reviewed it or the reviewers disagree and no lead decided."""
        adjudications = [log.finals[quote_id] for log in self.store.logs() if quote_id in log.finals]
        return final_verdict(self.reviews_of(quote_id), adjudications)

    def set_final(self, quote_id: str, status: str, reason: str) -> Final:
        """Set the final verdict of a quote, as a lead reviewer, with the reason. Recorded
        in this reviewer's own log (history, undo/redo). Raises NotLead for a reviewer who
        is not a lead."""
        if not self.is_lead():
            leads = self.leads()
            raise NotLead(f"{self.reviewer} is not a lead reviewer: only "
                          + (", ".join(leads) if leads else "a lead (none yet: `workbench lead add NAME`)")
                          + " can set a final verdict")
        check_status(status)
        reason = (reason or "").strip()
        if not reason:
            raise ValueError("a final verdict needs a reason")
        self.store.quote(quote_id)
        mine = self.store.mine
        mine.record({"type": "final", "quote": quote_id, "after": {"status": status, "reason": reason}})
        return mine.finals[quote_id]

    def clear_final(self, quote_id: str) -> None:
        """Withdraw this lead's final verdict on a quote (the history keeps it)."""
        if not self.is_lead():
            raise NotLead(f"{self.reviewer} is not a lead reviewer")
        mine = self.store.mine
        mine.refresh()
        if quote_id in mine.finals:
            mine.record({"type": "final", "quote": quote_id, "after": None})

    def ratings(self) -> dict[str, dict[str, str]]:
        """quote id → {reviewer: status} over current claims (scare quotes left out)."""
        current = {q["id"] for q in self.store.corpus.current_quotes() if q["kind"] != SCARE}
        return {qid: {name: r.status for name, r in verdicts.items()}
                for qid, verdicts in sorted(self.team_reviews().items()) if qid in current}
