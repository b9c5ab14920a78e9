"""What screens and commands show: claim rows (rows.py), the one filter predicate
(filters.py), the claims list (claims.py), the detail of a claim (detail.py) and the
tallies of speakers, sources and statistics (tallies.py)."""

from .claims import FIRST_PAGE, SORTS, Claims
from .detail import ClaimDetail, Version, claim_detail
from .filters import Filters, quote_list, team_quote_list
from .rows import ClaimRow, display_line, display_text, rows_of, terminal_safe
from .tallies import STATUS_ORDER, Tally, source_tallies, speaker_tallies

__all__ = ["FIRST_PAGE", "SORTS", "STATUS_ORDER", "ClaimDetail", "ClaimRow", "Claims", "Filters", "Tally",
           "Version", "claim_detail", "display_line", "display_text", "quote_list", "rows_of", "team_quote_list", "source_tallies",
           "speaker_tallies", "terminal_safe"]
