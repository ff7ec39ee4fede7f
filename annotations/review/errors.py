"""Why an editorial action was refused, in words for the editor; a refused action changed nothing."""

from __future__ import annotations

from annotations.models import Claim, Quote


class ReviewError(Exception):
    """An action refused, with a message for the editor; nothing was changed."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class StaleQuote(ReviewError):
    def __init__(self, quote: Quote) -> None:
        super().__init__(
            f"Someone else changed this quote meanwhile (it is now version {quote.version}, "
            f"{quote.get_status_display().lower()}). Nothing was changed: check it and try again."
        )
        self.quote = quote


class StaleClaim(ReviewError):
    def __init__(self, claim: Claim) -> None:
        super().__init__(
            f"Someone else changed this claim meanwhile (it is now version {claim.version}). "
            "Nothing was changed: check it and try again."
        )
        self.claim = claim


class QuoteGone(ReviewError):
    def __init__(self) -> None:
        super().__init__("This quote no longer exists: someone removed it, or the action that added it was undone.")


class NothingToUndo(ReviewError):
    def __init__(self) -> None:
        super().__init__("There is nothing of yours to undo on this article.")
